/**
 * The canonical artist and track tables of the workspace, as zod schemas, and the column names
 * every other layer reads. The columns follow the seed paper's Table 1/2: artist popularity and
 * followers, track popularity (0–100), release date, duration and Spotify's audio features.
 *
 * Columns a source cannot provide are `null`, never invented. A dataset may carry extra columns
 * (its own target such as `streams` or a binary `target`) beside the canonical ones.
 *
 * @example
 * ```ts
 * import { TrackRow } from "./schema.ts";
 * TrackRow.parse({ track_id: "t1", track_name: "Song", artist_id: "a1", artist_name: "A" });
 * ```
 * @module
 */
import { z } from "zod";

/** Spotify's audio-feature columns, as in the seed paper's Table 1/2 (units in {@link TrackRow}). */
export const AUDIO_FEATURE_COLUMNS = [
  "danceability",
  "energy",
  "key",
  "loudness",
  "mode",
  "speechiness",
  "acousticness",
  "instrumentalness",
  "liveness",
  "valence",
  "tempo",
  "time_signature",
] as const;

const unit = z.number().min(0).max(1).nullable().default(null);
const popularity = z.number().min(0).max(100).nullable().default(null);

/** The fields of {@link ArtistRow}. */
export const ARTIST_ROW_SHAPE = {
  artist_id: z.string().min(1),
  artist_name: z.string(),
  /** 0–100, the provider's popularity index; null where the provider no longer gives it. */
  artist_popularity: popularity,
  /** Followers (Spotify) or fans (Deezer), a count. */
  followers: z.number().int().nonnegative().nullable().default(null),
  /** Main genre label, free text. */
  genre: z.string().nullable().default(null),
};
/** An artist: identity, popularity (0–100) and followers (Spotify) or fans (Deezer). */
export const ArtistRow: z.ZodObject<typeof ARTIST_ROW_SHAPE, z.core.$strip> = z.object(
  ARTIST_ROW_SHAPE,
);
/** A validated artist row. */
export type ArtistRow = z.infer<typeof ArtistRow>;

/** Release dates as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (providers give all three precisions). */
const ReleaseDate: z.ZodString = z.string().regex(
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
  "expected YYYY, YYYY-MM or YYYY-MM-DD",
);

/** The fields of {@link TrackRow}. */
export const TRACK_ROW_SHAPE = {
  track_id: z.string().min(1),
  track_name: z.string(),
  artist_id: z.string().min(1),
  artist_name: z.string(),
  /** 0–100, the popularity target of the seed paper. */
  track_popularity: popularity,
  release_date: ReleaseDate.nullable().default(null),
  /** Year of release, derived from `release_date` where that is given. */
  release_year: z.number().int().min(1800).max(2100).nullable().default(null),
  /** Month of release 1–12; null when only the year is known. */
  release_month: z.number().int().min(1).max(12).nullable().default(null),
  /** Duration in milliseconds. */
  duration_ms: z.number().nonnegative().nullable().default(null),
  /** 0–1, how suitable for dancing (Spotify). */
  danceability: unit,
  /** 0–1, perceived intensity (Spotify). */
  energy: unit,
  /** Pitch class 0–11 (C = 0), −1 when no key was detected (Spotify). */
  key: z.number().int().min(-1).max(11).nullable().default(null),
  /** Integrated loudness in dB (typically −60–0). */
  loudness: z.number().max(10).nullable().default(null),
  /** 1 major, 0 minor. */
  mode: z.number().int().min(0).max(1).nullable().default(null),
  speechiness: unit,
  acousticness: unit,
  instrumentalness: unit,
  liveness: unit,
  valence: unit,
  /** Tempo in beats per minute. */
  tempo: z.number().nonnegative().nullable().default(null),
  /** Beats per bar, 0–7 (Spotify's estimate; 0 or 1 when none was found). */
  time_signature: z.number().int().min(0).max(7).nullable().default(null),
  /** The protocol's origin of the track: one of the artist's top tracks (true) or drawn at random. */
  is_top_track: z.boolean().nullable().default(null),
  /** Path of the audio file relative to the project root, or absolute; null when there is none. */
  audio_path: z.string().nullable().default(null),
};
/** A track: identity, its artist, popularity, release, duration, audio features and audio file. */
export const TrackRow: z.ZodObject<typeof TRACK_ROW_SHAPE, z.core.$strip> = z.object(
  TRACK_ROW_SHAPE,
);
/** A validated track row. */
export type TrackRow = z.infer<typeof TrackRow>;

/** Canonical artist columns in table order. */
export const ARTIST_COLUMNS = Object.keys(ArtistRow.shape) as (keyof ArtistRow)[];
/** Canonical track columns in table order. */
export const TRACK_COLUMNS = Object.keys(TrackRow.shape) as (keyof TrackRow)[];

/** The fields of {@link TargetSpec}. */
export const TARGET_SPEC_SHAPE = {
  /** Column of the tracks table holding the target. */
  column: z.string().min(1),
  /** `regression` for a score such as popularity or streams, `binary` for a 0/1 label. */
  kind: z.enum(["regression", "binary"]),
  /** For a regression target, the value at or above which a track counts as popular. */
  threshold: z.number().nullable().default(null),
};
/** What a dataset's models predict: a column of the tracks table and how to read it. */
export const TargetSpec: z.ZodObject<typeof TARGET_SPEC_SHAPE, z.core.$strip> = z.object(
  TARGET_SPEC_SHAPE,
);
/** A validated target specification. */
export type TargetSpec = z.infer<typeof TargetSpec>;

/**
 * What each canonical column holds, with its unit, for schema tables in notebooks; also the
 * extra columns a source keeps under a fixed name (the FMA counts, genres and split).
 */
export const COLUMN_DESCRIPTIONS: Readonly<Record<string, string>> = {
  artist_id: "provider or derived artist identifier",
  artist_name: "artist name",
  artist_popularity: "artist popularity, 0–100",
  followers: "artist followers (Spotify) or fans (Deezer), count",
  genre: "main genre, free text",
  track_id: "provider or derived track identifier",
  track_name: "track title",
  track_popularity: "track popularity, 0–100 (the seed paper's target)",
  release_date: "release date, YYYY[-MM[-DD]]",
  release_year: "release year",
  release_month: "release month, 1–12",
  duration_ms: "duration, ms",
  danceability: "suitability for dancing, 0–1",
  energy: "perceived intensity, 0–1",
  key: "pitch class, 0 = C … 11 = B, −1 none",
  loudness: "integrated loudness, dB",
  mode: "1 major, 0 minor",
  speechiness: "presence of spoken words, 0–1",
  acousticness: "confidence the track is acoustic, 0–1",
  instrumentalness: "absence of vocals, 0–1",
  liveness: "presence of an audience, 0–1",
  valence: "musical positiveness, 0–1",
  tempo: "tempo, beats per minute",
  time_signature: "beats per bar",
  is_top_track: "true: one of the artist's top tracks; false: drawn at random (protocol)",
  audio_path: "audio file, relative to the project root or absolute",
  listens: "plays counted by the Free Music Archive, count (the FMA target)",
  favorites: "users who marked the track as a favourite (FMA), count",
  interest: "FMA's interest score, from listens, favourites and comments",
  genre_top: "the track's top-level genre (FMA)",
  genres: "the track's genre ids (FMA), JSON list",
  fma_split: "FMA's own split: training, validation or test",
  fma_subset: "smallest FMA subset holding the track: small, medium or large",
};
