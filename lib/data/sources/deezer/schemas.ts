/**
 * zod schemas of the Deezer public API's answers, shaped on recorded bodies (artist, artist
 * search, artist albums, album tracks / top tracks, track, error). Only the fields the protocol
 * reads are required; every other field is kept as received.
 *
 * Deezer reports most errors with HTTP 200 and a body `{"error": {"type", "message", "code"}}`:
 * code 800 "no data" for an unknown id, code 4 "Quota limit exceeded" (more than ~50 requests
 * per 5 s).
 *
 * @example
 * ```ts
 * import { DeezerTrack } from "./schemas.ts";
 * const track = DeezerTrack.parse(JSON.parse(await Deno.readTextFile("track.json")));
 * console.log(track.rank, track.bpm, track.isrc);
 * ```
 * @module
 */
import { z } from "zod";

/** The fields of the `error` object of {@link DeezerErrorBody}. */
export const DEEZER_ERROR_SHAPE = {
  type: z.string().optional(),
  message: z.string().optional(),
  code: z.number().int().optional(),
};
/** Deezer's error body. */
export const DeezerErrorBody: z.ZodObject<
  { error: z.ZodObject<typeof DEEZER_ERROR_SHAPE, z.core.$loose> },
  z.core.$strip
> = z.object({ error: z.object(DEEZER_ERROR_SHAPE).loose() });
/** A Deezer error body. */
export type DeezerErrorBody = z.infer<typeof DeezerErrorBody>;

/** Error code of "no data" (an unknown id). */
export const DEEZER_NO_DATA = 800;
/** Error code of "Quota limit exceeded". */
export const DEEZER_QUOTA = 4;

const id = z.number().int();

/** The fields of {@link DeezerArtist}. */
export const DEEZER_ARTIST_SHAPE = {
  id,
  name: z.string(),
  /** Fans: the followers column. */
  nb_fan: z.number().int().nonnegative(),
  nb_album: z.number().int().nonnegative().optional(),
  link: z.string().optional(),
};
/** An artist (`GET /artist/{id}`, also the items of `/search/artist`). */
export const DeezerArtist: z.ZodObject<typeof DEEZER_ARTIST_SHAPE, z.core.$loose> = z.object(
  DEEZER_ARTIST_SHAPE,
).loose();
/** A Deezer artist. */
export type DeezerArtist = z.infer<typeof DeezerArtist>;

/** The schema of a page of a list of `T`, as {@link deezerPage} builds it. */
export type DeezerPageSchema<T extends z.ZodType> = z.ZodObject<
  { data: z.ZodArray<T>; total: z.ZodOptional<z.ZodNumber>; next: z.ZodOptional<z.ZodString> },
  z.core.$loose
>;

/** A page of a list: `data`, `total`, and a `next` URL while there are more. */
export function deezerPage<T extends z.ZodType>(item: T): DeezerPageSchema<T> {
  return z.object({
    data: z.array(item),
    total: z.number().int().nonnegative().optional(),
    next: z.string().optional(),
  }).loose();
}

/** `GET /search/artist?q=…`. */
export const DeezerArtistSearch: DeezerPageSchema<typeof DeezerArtist> = deezerPage(DeezerArtist);

/** The fields of {@link DeezerAlbumItem}. */
export const DEEZER_ALBUM_ITEM_SHAPE = {
  id,
  title: z.string(),
  /** `album`, `single`, `ep` or `compilation`. */
  record_type: z.string(),
  release_date: z.string().optional(),
  genre_id: z.number().int().optional(),
};
/** An album as listed by `GET /artist/{id}/albums`. */
export const DeezerAlbumItem: z.ZodObject<typeof DEEZER_ALBUM_ITEM_SHAPE, z.core.$loose> = z.object(
  DEEZER_ALBUM_ITEM_SHAPE,
).loose();
/** A listed album. */
export type DeezerAlbumItem = z.infer<typeof DeezerAlbumItem>;

/** `GET /artist/{id}/albums`. */
export const DeezerAlbumPage: DeezerPageSchema<typeof DeezerAlbumItem> = deezerPage(
  DeezerAlbumItem,
);

/** The fields of {@link DeezerTrackItem}. */
export const DEEZER_TRACK_ITEM_SHAPE = {
  id,
  title: z.string(),
  title_short: z.string().optional(),
  /** Seconds. */
  duration: z.number().nonnegative().optional(),
  /** Deezer's popularity rank, 0–1,000,000. */
  rank: z.number().nonnegative().optional(),
  /** URL of the 30-s MP3 preview; empty when there is none. */
  preview: z.string().optional(),
  readable: z.boolean().optional(),
  artist: z.object({ id, name: z.string() }).loose(),
  album: z.object({ id, title: z.string() }).loose().optional(),
};
/** A track as listed by `/artist/{id}/top`, `/album/{id}/tracks` and charts. */
export const DeezerTrackItem: z.ZodObject<typeof DEEZER_TRACK_ITEM_SHAPE, z.core.$loose> = z.object(
  DEEZER_TRACK_ITEM_SHAPE,
).loose();
/** A listed track. */
export type DeezerTrackItem = z.infer<typeof DeezerTrackItem>;

/** `GET /artist/{id}/top` and `GET /album/{id}/tracks`. */
export const DeezerTrackPage: DeezerPageSchema<typeof DeezerTrackItem> = deezerPage(
  DeezerTrackItem,
);

/** The fields of {@link DeezerTrack}. */
export const DEEZER_TRACK_SHAPE = {
  id,
  title: z.string(),
  title_short: z.string().optional(),
  isrc: z.string().optional(),
  /** Seconds. */
  duration: z.number().nonnegative(),
  /** Deezer's popularity rank, 0–1,000,000. */
  rank: z.number().nonnegative(),
  /** `YYYY-MM-DD`; `0000-00-00` when unknown. */
  release_date: z.string().optional(),
  explicit_lyrics: z.boolean().optional(),
  /** URL of the 30-s MP3 preview; empty when there is none. */
  preview: z.string(),
  /** Beats per minute; 0 when unknown. */
  bpm: z.number().nonnegative().optional(),
  /** Replay gain in dB. */
  gain: z.number().optional(),
  artist: z.object({ id, name: z.string() }).loose(),
  album: z.object({
    id,
    title: z.string(),
    release_date: z.string().optional(),
    type: z.string().optional(),
  }).loose(),
};
/** A track's details (`GET /track/{id}`). */
export const DeezerTrack: z.ZodObject<typeof DEEZER_TRACK_SHAPE, z.core.$loose> = z.object(
  DEEZER_TRACK_SHAPE,
).loose();
/** A track's details. */
export type DeezerTrack = z.infer<typeof DeezerTrack>;
