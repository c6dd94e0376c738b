/**
 * zod schemas of the Spotify Web API answers the protocol reads, shaped on Spotify's OpenAPI
 * description. Fields that Spotify has withdrawn from development-mode apps (track and artist
 * `popularity`, artist `followers` and `genres`, `preview_url`) are optional here: their absence
 * is detected and reported (see provider.ts), not a validation error.
 *
 * @example
 * ```ts
 * import { SpotifyTrack } from "./schemas.ts";
 * const url = "https://api.spotify.com/v1/tracks/11dFghVXANMlKmJXsNCbNl";
 * const headers = { Authorization: "Bearer <access token>" };
 * const track = SpotifyTrack.parse(await (await fetch(url, { headers })).json());
 * console.log(track.popularity ?? "withdrawn for this app");
 * ```
 * @module
 */
import { z } from "zod";

/** The client-credentials token answer of `POST /api/token`. */
export const SpotifyToken: z.ZodObject<
  { access_token: z.ZodString; token_type: z.ZodString; expires_in: z.ZodNumber },
  z.core.$strip
> = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  /** Lifetime in seconds (3600). */
  expires_in: z.number().positive(),
});
/** A token answer. */
export type SpotifyToken = z.infer<typeof SpotifyToken>;

/** Spotify's error body. */
export const SpotifyErrorBody: z.ZodObject<
  {
    error: z.ZodObject<
      {
        status: z.ZodOptional<z.ZodNumber>;
        message: z.ZodOptional<z.ZodString>;
        reason: z.ZodOptional<z.ZodString>;
      },
      z.core.$loose
    >;
  },
  z.core.$strip
> = z.object({
  error: z.object({
    status: z.number().int().optional(),
    message: z.string().optional(),
    reason: z.string().optional(),
  }).loose(),
});

/** An artist as named on a track or album. */
export const SpotifySimplifiedArtist: z.ZodObject<
  { id: z.ZodString; name: z.ZodString },
  z.core.$loose
> = z.object({ id: z.string(), name: z.string() }).loose();

/** An artist (`GET /artists/{id}`, search results). */
export const SpotifyArtist: z.ZodObject<
  {
    id: z.ZodString;
    name: z.ZodString;
    popularity: z.ZodOptional<z.ZodNumber>;
    followers: z.ZodOptional<z.ZodObject<{ total: z.ZodNumber }, z.core.$loose>>;
    genres: z.ZodOptional<z.ZodArray<z.ZodString>>;
  },
  z.core.$loose
> = z.object({
  id: z.string(),
  name: z.string(),
  /** 0–100; withdrawn for development-mode apps. */
  popularity: z.number().min(0).max(100).optional(),
  /** Withdrawn for development-mode apps. */
  followers: z.object({ total: z.number().int().nonnegative() }).loose().optional(),
  genres: z.array(z.string()).optional(),
}).loose();
/** A Spotify artist. */
export type SpotifyArtist = z.infer<typeof SpotifyArtist>;

/** A page of a list. */
export function spotifyPage<T extends z.ZodType>(item: T): z.ZodObject<
  {
    items: z.ZodArray<T>;
    next: z.ZodNullable<z.ZodString>;
    total: z.ZodOptional<z.ZodNumber>;
    offset: z.ZodOptional<z.ZodNumber>;
    limit: z.ZodOptional<z.ZodNumber>;
  },
  z.core.$loose
> {
  return z.object({
    items: z.array(item),
    next: z.string().nullable(),
    total: z.number().int().nonnegative().optional(),
    offset: z.number().int().nonnegative().optional(),
    limit: z.number().int().nonnegative().optional(),
  }).loose();
}

/** `GET /search?type=artist`. */
export const SpotifyArtistSearch: z.ZodObject<
  {
    artists: z.ZodObject<
      {
        items: z.ZodArray<typeof SpotifyArtist>;
        next: z.ZodNullable<z.ZodString>;
        total: z.ZodOptional<z.ZodNumber>;
        offset: z.ZodOptional<z.ZodNumber>;
        limit: z.ZodOptional<z.ZodNumber>;
      },
      z.core.$loose
    >;
  },
  z.core.$loose
> = z.object({ artists: spotifyPage(SpotifyArtist) }).loose();

/** A release as listed by `GET /artists/{id}/albums`. */
export const SpotifyAlbum: z.ZodObject<
  {
    id: z.ZodString;
    name: z.ZodString;
    album_type: z.ZodString;
    album_group: z.ZodOptional<z.ZodString>;
    release_date: z.ZodString;
    release_date_precision: z.ZodOptional<z.ZodEnum<{ year: "year"; month: "month"; day: "day" }>>;
    artists: z.ZodArray<typeof SpotifySimplifiedArtist>;
  },
  z.core.$loose
> = z.object({
  id: z.string(),
  name: z.string(),
  /** `album`, `single` or `compilation`. */
  album_type: z.string(),
  /** `album`, `single`, `compilation` or `appears_on`. */
  album_group: z.string().optional(),
  release_date: z.string(),
  release_date_precision: z.enum(["year", "month", "day"]).optional(),
  artists: z.array(SpotifySimplifiedArtist),
}).loose();
/** A listed release. */
export type SpotifyAlbum = z.infer<typeof SpotifyAlbum>;

/** A track as listed on a release (`GET /albums/{id}/tracks`). */
export const SpotifySimplifiedTrack: z.ZodObject<
  {
    id: z.ZodString;
    name: z.ZodString;
    artists: z.ZodArray<typeof SpotifySimplifiedArtist>;
    duration_ms: z.ZodNumber;
    explicit: z.ZodOptional<z.ZodBoolean>;
    preview_url: z.ZodOptional<z.ZodNullable<z.ZodString>>;
  },
  z.core.$loose
> = z.object({
  id: z.string(),
  name: z.string(),
  artists: z.array(SpotifySimplifiedArtist),
  duration_ms: z.number().int().nonnegative(),
  explicit: z.boolean().optional(),
  /** Withdrawn (null) for development-mode apps since Nov 2024. */
  preview_url: z.string().nullable().optional(),
}).loose();
/** A listed track. */
export type SpotifySimplifiedTrack = z.infer<typeof SpotifySimplifiedTrack>;

/** A track (`GET /tracks/{id}`, top tracks). */
export const SpotifyTrack: z.ZodObject<
  {
    id: z.ZodString;
    name: z.ZodString;
    artists: z.ZodArray<typeof SpotifySimplifiedArtist>;
    duration_ms: z.ZodNumber;
    explicit: z.ZodOptional<z.ZodBoolean>;
    preview_url: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    popularity: z.ZodOptional<z.ZodNumber>;
    external_ids: z.ZodOptional<z.ZodObject<{ isrc: z.ZodOptional<z.ZodString> }, z.core.$loose>>;
    album: z.ZodObject<
      {
        id: z.ZodString;
        name: z.ZodString;
        album_type: z.ZodOptional<z.ZodString>;
        release_date: z.ZodOptional<z.ZodString>;
        release_date_precision: z.ZodOptional<
          z.ZodEnum<{ year: "year"; month: "month"; day: "day" }>
        >;
      },
      z.core.$loose
    >;
  },
  z.core.$loose
> = SpotifySimplifiedTrack.extend({
  /** 0–100; withdrawn for development-mode apps. */
  popularity: z.number().min(0).max(100).optional(),
  external_ids: z.object({ isrc: z.string().optional() }).loose().optional(),
  album: z.object({
    id: z.string(),
    name: z.string(),
    album_type: z.string().optional(),
    release_date: z.string().optional(),
    release_date_precision: z.enum(["year", "month", "day"]).optional(),
  }).loose(),
});
/** A Spotify track. */
export type SpotifyTrack = z.infer<typeof SpotifyTrack>;

/** `GET /artists/{id}/top-tracks`. */
export const SpotifyTopTracks: z.ZodObject<
  { tracks: z.ZodArray<typeof SpotifyTrack> },
  z.core.$loose
> = z.object({ tracks: z.array(SpotifyTrack) }).loose();

const unit = z.number().min(0).max(1);

/** `GET /audio-features/{id}`; closed (403) for development-mode apps since Nov 2024. */
export const SpotifyAudioFeatures: z.ZodObject<
  {
    id: z.ZodString;
    danceability: z.ZodNumber;
    energy: z.ZodNumber;
    key: z.ZodNumber;
    loudness: z.ZodNumber;
    mode: z.ZodNumber;
    speechiness: z.ZodNumber;
    acousticness: z.ZodNumber;
    instrumentalness: z.ZodNumber;
    liveness: z.ZodNumber;
    valence: z.ZodNumber;
    tempo: z.ZodNumber;
    time_signature: z.ZodNumber;
  },
  z.core.$loose
> = z.object({
  id: z.string(),
  danceability: unit,
  energy: unit,
  key: z.number().int().min(-1).max(11),
  loudness: z.number(),
  mode: z.number().int().min(0).max(1),
  speechiness: unit,
  acousticness: unit,
  instrumentalness: unit,
  liveness: unit,
  valence: unit,
  tempo: z.number().nonnegative(),
  time_signature: z.number().int().min(0).max(7),
}).loose();
/** Spotify audio features of a track. */
export type SpotifyAudioFeatures = z.infer<typeof SpotifyAudioFeatures>;
