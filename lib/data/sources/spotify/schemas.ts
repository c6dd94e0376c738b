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

/** An artist as named on a track or album. */
const SpotifySimplifiedArtist: z.ZodObject<
  { id: z.ZodString; name: z.ZodString },
  z.core.$loose
> = z.object({ id: z.string(), name: z.string() }).loose();

/** The fields of {@link SpotifyArtist}. */
export const SPOTIFY_ARTIST_SHAPE = {
  id: z.string(),
  name: z.string(),
  /** 0–100; withdrawn for development-mode apps. */
  popularity: z.number().min(0).max(100).optional(),
  /** Withdrawn for development-mode apps. */
  followers: z.object({ total: z.number().int().nonnegative() }).loose().optional(),
  genres: z.array(z.string()).optional(),
};
/** An artist (`GET /artists/{id}`, search results). */
export const SpotifyArtist: z.ZodObject<typeof SPOTIFY_ARTIST_SHAPE, z.core.$loose> = z.object(
  SPOTIFY_ARTIST_SHAPE,
).loose();
/** A Spotify artist. */
export type SpotifyArtist = z.infer<typeof SpotifyArtist>;

/** The schema of a page of a list of `T`, as {@link spotifyPage} builds it. */
export type SpotifyPageSchema<T extends z.ZodType> = z.ZodObject<
  {
    items: z.ZodArray<T>;
    next: z.ZodNullable<z.ZodString>;
    total: z.ZodOptional<z.ZodNumber>;
    offset: z.ZodOptional<z.ZodNumber>;
    limit: z.ZodOptional<z.ZodNumber>;
  },
  z.core.$loose
>;

/** A page of a list. */
export function spotifyPage<T extends z.ZodType>(item: T): SpotifyPageSchema<T> {
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
  { artists: SpotifyPageSchema<typeof SpotifyArtist> },
  z.core.$loose
> = z.object({ artists: spotifyPage(SpotifyArtist) }).loose();

/** The fields of {@link SpotifyAlbum}. */
export const SPOTIFY_ALBUM_SHAPE = {
  id: z.string(),
  name: z.string(),
  /** `album`, `single` or `compilation`. */
  album_type: z.string(),
  /** `album`, `single`, `compilation` or `appears_on`. */
  album_group: z.string().optional(),
  release_date: z.string(),
  release_date_precision: z.enum(["year", "month", "day"]).optional(),
  artists: z.array(SpotifySimplifiedArtist),
};
/** A release as listed by `GET /artists/{id}/albums`. */
export const SpotifyAlbum: z.ZodObject<typeof SPOTIFY_ALBUM_SHAPE, z.core.$loose> = z.object(
  SPOTIFY_ALBUM_SHAPE,
).loose();
/** A listed release. */
export type SpotifyAlbum = z.infer<typeof SpotifyAlbum>;

/** The fields of {@link SpotifySimplifiedTrack}. */
export const SPOTIFY_SIMPLIFIED_TRACK_SHAPE = {
  id: z.string(),
  name: z.string(),
  artists: z.array(SpotifySimplifiedArtist),
  duration_ms: z.number().int().nonnegative(),
  explicit: z.boolean().optional(),
  /** Withdrawn (null) for development-mode apps since Nov 2024. */
  preview_url: z.string().nullable().optional(),
};
/** A track as listed on a release (`GET /albums/{id}/tracks`). */
export const SpotifySimplifiedTrack: z.ZodObject<
  typeof SPOTIFY_SIMPLIFIED_TRACK_SHAPE,
  z.core.$loose
> = z.object(
  SPOTIFY_SIMPLIFIED_TRACK_SHAPE,
).loose();
/** A listed track. */
export type SpotifySimplifiedTrack = z.infer<typeof SpotifySimplifiedTrack>;

/** The fields of {@link SpotifyTrack}: those of {@link SpotifySimplifiedTrack} and more. */
export const SPOTIFY_TRACK_SHAPE = {
  ...SPOTIFY_SIMPLIFIED_TRACK_SHAPE,
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
};
/** A track (`GET /tracks/{id}`, top tracks). */
export const SpotifyTrack: z.ZodObject<typeof SPOTIFY_TRACK_SHAPE, z.core.$loose> = z.object(
  SPOTIFY_TRACK_SHAPE,
).loose();
/** A Spotify track. */
export type SpotifyTrack = z.infer<typeof SpotifyTrack>;

/** `GET /artists/{id}/top-tracks`. */
export const SpotifyTopTracks: z.ZodObject<
  { tracks: z.ZodArray<typeof SpotifyTrack> },
  z.core.$loose
> = z.object({ tracks: z.array(SpotifyTrack) }).loose();

const unit = z.number().min(0).max(1);

/** The fields of {@link SpotifyAudioFeatures}. */
export const SPOTIFY_AUDIO_FEATURES_SHAPE = {
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
};
/** `GET /audio-features/{id}`; closed (403) for development-mode apps since Nov 2024. */
export const SpotifyAudioFeatures: z.ZodObject<typeof SPOTIFY_AUDIO_FEATURES_SHAPE, z.core.$loose> =
  z.object(SPOTIFY_AUDIO_FEATURES_SHAPE).loose();
/** Spotify audio features of a track. */
export type SpotifyAudioFeatures = z.infer<typeof SpotifyAudioFeatures>;
