/**
 * The track metadata of seed 003's multi-input model: Spotify's 12 audio features plus the
 * duration, 13 numbers per song ({@link FORECAST_METADATA_COLUMNS}), read from a tracks table
 * for the songs of a stream table and standardised with means and standard deviations fitted on
 * the training songs only ({@link songMetadata}). A missing value (or a song the tracks table
 * does not know) becomes the training mean, 0 after standardisation, and is counted.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { songMetadata } from "./metadata.ts";
 * const tracks = pl.DataFrame({ track_id: ["a", "b"], tempo: [100, 140] });
 * const meta = songMetadata(tracks, ["a", "b"], { columns: ["tempo"] });
 * console.log(meta.values); // [-1, 1]
 * ```
 * @module
 */
import type pl from "nodejs-polars";
import { AUDIO_FEATURE_COLUMNS } from "../schema.ts";
import { StreamSeriesError } from "./errors.ts";

/** The 13 metadata columns: the audio features and `duration_ms`. */
export const FORECAST_METADATA_COLUMNS: readonly string[] = [
  ...AUDIO_FEATURE_COLUMNS,
  "duration_ms",
];

/** Standardised metadata per song. */
export interface SongMetadata {
  /** Row-major songs × columns, standardised; missing values are 0 (the training mean). */
  values: Float32Array;
  /** Column names, in the order of each row of `values`. */
  columns: string[];
  /** Training means and standard deviations (1 where constant), per column. */
  mean: Float64Array;
  /** Training standard deviations per column (1 where the column is constant). */
  sd: Float64Array;
  /** Songs the tracks table has no row for (all their values imputed). */
  unknownSongs: string[];
  /** Values imputed in all (missing cells plus unknown songs' cells). */
  imputedValues: number;
}

/** Options of {@link songMetadata}. */
export interface SongMetadataOptions {
  /** Columns to read; default {@link FORECAST_METADATA_COLUMNS}. */
  columns?: readonly string[];
  /** Indices (into `trackIds`) of the training songs the statistics are fitted on; default all. */
  fitSongs?: readonly number[];
}

/**
 * Reads and standardises the metadata of `trackIds` from `tracks` (joined on `track_id`).
 *
 * @throws {StreamSeriesError} when `tracks` lacks `track_id` or a requested column.
 */
export function songMetadata(
  tracks: pl.DataFrame,
  trackIds: readonly string[],
  options: SongMetadataOptions = {},
): SongMetadata {
  const columns = [...(options.columns ?? FORECAST_METADATA_COLUMNS)];
  const missing = ["track_id", ...columns].filter((c) => !tracks.columns.includes(c));
  if (missing.length > 0) {
    throw new StreamSeriesError(
      `expected metadata columns ${missing.join(", ")} in the tracks table; found ${
        tracks.columns.join(", ")
      }`,
    );
  }
  const row = new Map<string, number>();
  (tracks.getColumn("track_id").toArray() as string[]).forEach((id, i) => {
    if (!row.has(id)) row.set(id, i);
  });
  const raw = columns.map((c) =>
    (tracks.getColumn(c).toArray() as (number | bigint | boolean | null)[]).map((v) =>
      v === null || v === undefined ? NaN : Number(v)
    )
  );
  const songs = trackIds.length, m = columns.length;
  const values = new Float64Array(songs * m).fill(NaN);
  const unknownSongs: string[] = [];
  trackIds.forEach((id, s) => {
    const r = row.get(id);
    if (r === undefined) {
      unknownSongs.push(id);
      return;
    }
    for (let j = 0; j < m; j++) values[s * m + j] = raw[j][r];
  });
  const fit = options.fitSongs ?? trackIds.map((_, i) => i);
  const mean = new Float64Array(m), sd = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let n = 0, sum = 0, sum2 = 0;
    for (const s of fit) {
      const v = values[s * m + j];
      if (Number.isFinite(v)) {
        n++;
        sum += v;
        sum2 += v * v;
      }
    }
    mean[j] = n > 0 ? sum / n : 0;
    const variance = n > 0 ? sum2 / n - mean[j] * mean[j] : 0;
    sd[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
  }
  const out = new Float32Array(songs * m);
  let imputedValues = 0;
  for (let s = 0; s < songs; s++) {
    for (let j = 0; j < m; j++) {
      const v = values[s * m + j];
      if (Number.isFinite(v)) out[s * m + j] = (v - mean[j]) / sd[j];
      else imputedValues++;
    }
  }
  return { values: out, columns, mean, sd, unknownSongs, imputedValues };
}
