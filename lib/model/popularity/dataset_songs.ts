/**
 * A prepared dataset as the training notebook's songs: the consolidated rows (tracks with their
 * artist's columns), each track's network input (a [mel bands × frames] dB spectrogram of its
 * audio, computed or read from the cache by lib/audio) and the songs of each part of the split.
 * A track whose audio cannot be read is left out of every part, so that models with and without
 * the audio branch see the same songs. A dataset without audio gives metadata-only songs.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { prepareDataset } from "../../data/load.ts";
 * import { datasetSongs } from "./dataset_songs.ts";
 * const config = loadConfig();
 * const { dataset, split } = await prepareDataset(config);
 * const { songs, hasAudio } = await datasetSongs(dataset, split, config.audio);
 * ```
 * @module
 */
import type pl from "nodejs-polars";
import type { Config } from "../../config.ts";
import { consolidated, type Dataset } from "../../data/dataset.ts";
import { extractNetworkInputs, type ExtractOptions } from "../../audio/input/mod.ts";
import type { MetadataRow } from "../training/metadata_encoder.ts";
import { type SongsByPart, songsByPart } from "./songs.ts";

/** How the spectrograms were obtained. */
export interface SpectrogramSummary {
  /** Tracks with a spectrogram. */
  computed: number;
  /** Of those, read back from the cache. */
  fromCache: number;
  /** Tracks whose audio could not be read. */
  failures: number;
  /** Wall time in seconds. */
  seconds: number;
}

/** The result of {@link datasetSongs}. */
export interface DatasetSongs {
  /** Consolidated rows, in the tracks' order. */
  rows: MetadataRow[];
  /** The songs of each part of the split, and the tracks left out. */
  songs: SongsByPart;
  /** Whether any track has an audio file (else metadata only). */
  hasAudio: boolean;
  /** Whether the target is a popularity score (the networks here are regression models). */
  regression: boolean;
  /** The target column. */
  target: string;
  /** Null when the dataset has no audio. */
  spectrograms: SpectrogramSummary | null;
}

/** Reads the dataset's songs per part, with spectrograms when it has audio (see the module). */
export async function datasetSongs(
  dataset: Pick<Dataset, "artists" | "tracks" | "target">,
  split: pl.DataFrame,
  audio: Config["audio"],
  options: Pick<ExtractOptions, "onProgress" | "cacheDir" | "workers" | "seed"> = {},
): Promise<DatasetSongs> {
  const rows = consolidated(dataset).toRecords() as MetadataRow[];
  const parts = new Map(
    (split.toRecords() as { track_id: string; split: string }[]).map((r) => [
      String(r.track_id),
      r.split,
    ]),
  );
  const audioPaths = rows.map((r) => (typeof r.audio_path === "string" ? r.audio_path : null));
  const hasAudio = audioPaths.some((p) => p !== null);
  let spectrograms: (Float32Array | null)[] | undefined;
  let summary: SpectrogramSummary | null = null;
  if (hasAudio) {
    const batch = await extractNetworkInputs(audioPaths.map((p) => p ?? ""), audio, options);
    spectrograms = batch.inputs;
    summary = {
      computed: batch.inputs.filter(Boolean).length,
      fromCache: batch.cache.hits,
      failures: batch.failures.length,
      seconds: batch.seconds,
    };
  }
  const target = dataset.target.column;
  return {
    rows,
    songs: songsByPart(rows, { target, parts, spectrograms }),
    hasAudio,
    regression: dataset.target.kind === "regression",
    target,
    spectrograms: summary,
  };
}
