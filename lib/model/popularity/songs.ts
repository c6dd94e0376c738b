/**
 * Songs from a dataset: each track's consolidated row (its columns and its artist's) as
 * metadata, its spectrogram where the audio could be read, its popularity as the target, and
 * the artist-grouped part (train / validation / test) it belongs to.
 *
 * @example
 * ```ts
 * import { songsByPart } from "./songs.ts";
 * const parts = songsByPart(
 *   [{ track_id: "t1", track_popularity: 40 }, { track_id: "t2", track_popularity: 70 }],
 *   { target: "track_popularity", parts: new Map([["t1", "train"], ["t2", "test"]]) },
 * );
 * console.log(parts.train.length, parts.test.length); // 1 1
 * ```
 * @module
 */
import type { MetadataRow } from "../training/metadata_encoder.ts";
import type { SongExample } from "./model.ts";

/** A song with its track id. */
export interface DatasetSong extends SongExample {
  /** The song's track id in the dataset. */
  trackId: string;
}

/** Songs of each part of the split. */
export interface SongsByPart {
  /** Songs the model is fitted on. */
  train: DatasetSong[];
  /** Songs that drive early stopping. */
  validation: DatasetSong[];
  /** Songs held out for the reported scores. */
  test: DatasetSong[];
  /** Tracks left out, with why (no target, no spectrogram when one is required, no part). */
  excluded: { trackId: string; reason: string }[];
}

/** Options of {@link songsByPart}. */
export interface SongsByPartOptions {
  /** The target column (e.g. `track_popularity`). */
  target: string;
  /** track_id → part, from the dataset's split table. */
  parts: ReadonlyMap<string, string>;
  /** One spectrogram per row (null where the audio failed); omit for metadata-only models. */
  spectrograms?: readonly (Float32Array | null)[];
  /** Leave out rows without a spectrogram; default: when spectrograms are given. */
  requireAudio?: boolean;
}

/** Splits consolidated rows into songs per part (see the module's description). */
export function songsByPart(
  rows: readonly MetadataRow[],
  options: SongsByPartOptions,
): SongsByPart {
  const out: SongsByPart = { train: [], validation: [], test: [], excluded: [] };
  const requireAudio = options.requireAudio ?? options.spectrograms !== undefined;
  if (options.spectrograms && options.spectrograms.length !== rows.length) {
    throw new RangeError(`${rows.length} rows but ${options.spectrograms.length} spectrograms`);
  }
  rows.forEach((row, i) => {
    const trackId = String(row.track_id);
    const target = row[options.target];
    const spectrogram = options.spectrograms?.[i] ?? null;
    const part = options.parts.get(trackId);
    let reason = "";
    if (typeof target !== "number" || !Number.isFinite(target)) {
      reason = `no ${options.target}`;
    } else if (requireAudio && !spectrogram) {
      reason = "no spectrogram (audio missing or unreadable)";
    } else if (part !== "train" && part !== "validation" && part !== "test") {
      reason = `not in the split (part ${JSON.stringify(part ?? null)})`;
    }
    if (reason) {
      out.excluded.push({ trackId, reason });
      return;
    }
    out[part as "train" | "validation" | "test"].push({
      trackId,
      spectrogram,
      metadata: row,
      popularity: target as number,
    });
  });
  return out;
}
