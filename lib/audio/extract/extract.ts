/**
 * Batch extraction over a dataset's audio files: network inputs ({@link extractNetworkInputs})
 * or audio descriptors ({@link extractAudioDescriptors}), spread over all cores with Workers,
 * cached on disk, resumable and tolerant of bad files.
 *
 * - Cache: `<paths.data>/cache/audio/` by default, one entry per (file content, parameters),
 *   written atomically; a killed batch resumes where it stopped and never reads a half-written
 *   entry (cache.ts).
 * - Failures: a missing, empty, non-audio (a text file named .mp3), truncated, corrupt, silent or
 *   non-finite (NaN/inf samples) file is listed with its reason and gets `null`; the batch
 *   carries on and keeps every good result.
 * - Warnings: a clip shorter than the crop is padded with zeros, used, and listed in `warnings`.
 * - Memory: each worker holds one clip's audio at a time; the caller receives only the results.
 * - Relative paths are relative to the project root, like the dataset's `audio_path`.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { extractNetworkInputs, progressReporter } from "./mod.ts";
 * const config = loadConfig();
 * const paths = ["a.mp3", "b.wav"];
 * const { inputs, failures, cache } = await extractNetworkInputs(paths, config.audio, {
 *   onProgress: progressReporter({ label: "mel" }),
 * });
 * console.log(inputs.filter(Boolean).length, failures, cache.hits);
 * ```
 * @module
 */
import { type Config, loadConfig, resolvePath } from "../../config.ts";
import type { AudioFailureKind } from "../decode/errors.ts";
import type { AudioDescriptorOptions, AudioDescriptors } from "../descriptors/audio_descriptors.ts";
import { prepareCacheDir } from "./cache.ts";
import { DEFAULT_SILENCE_DB, type ExtractJob, type JobReply } from "./jobs.ts";
import { runJobs } from "./pool.ts";
import type { ExtractProgress } from "./progress.ts";

/** A file the batch skipped, and why. */
export interface ExtractFailure {
  /** The path as given. */
  path: string;
  /** What went wrong, in words. */
  reason: string;
  /** The kind, for grouping (`error` for an unexpected one). */
  kind: AudioFailureKind | "error";
}

/** A file the batch used but flagged: a clip shorter than the crop, padded with zeros. */
export interface ExtractWarning {
  /** The path as given. */
  path: string;
  /** What was found and done, in words. */
  reason: string;
  /** `padded`. */
  kind: "padded";
}

/** Cache statistics of one batch. */
export interface CacheStats {
  /** Results read from the cache. */
  hits: number;
  /** Results computed (and written to the cache when there is one). */
  misses: number;
  /** Bytes of the cache entries this batch read or wrote. */
  bytes: number;
}

/** Options of the batch functions. */
export interface ExtractOptions {
  /**
   * Cache folder; default `<paths.data>/cache/audio` of the configuration; `null` computes
   * everything and writes nothing.
   */
  cacheDir?: string | null;
  /** Worker count; default all cores (navigator.hardwareConcurrency); 0 runs in this thread. */
  workers?: number;
  /** Called after each file with counts, for a progress bar (see `progressReporter`). */
  onProgress?: (progress: ExtractProgress) => void;
  /** Base seed of random crops; default the configuration's seed. */
  seed?: number;
  /** Silence threshold, RMS dBFS; default −90. */
  silenceDb?: number;
  /** ffmpeg executable; default `ffmpeg` on PATH. */
  ffmpeg?: string;
}

/** The result of {@link extractNetworkInputs}. */
export interface NetworkInputBatch {
  /** One [nMels × frames] dB input per path, in the order given; null for a failed file. */
  inputs: (Float32Array | null)[];
  /** The files skipped, in the order of `paths`, with their reasons. */
  failures: ExtractFailure[];
  /** The files used but flagged (shorter than the crop, padded), in the order of `paths`. */
  warnings: ExtractWarning[];
  /** Each input's cache entry (file name in the cache folder); null when failed or uncached. */
  entries: (string | null)[];
  /** Cache hits, misses and bytes. */
  cache: CacheStats;
  /** Wall time in seconds. */
  seconds: number;
}

/** The result of {@link extractAudioDescriptors}. */
export interface AudioDescriptorBatch {
  /** One descriptor record per path, in the order given; null for a failed file. */
  descriptors: (AudioDescriptors | null)[];
  /** The files skipped, in the order of `paths`, with their reasons. */
  failures: ExtractFailure[];
  /** Cache hits, misses and bytes. */
  cache: CacheStats;
  /** Wall time in seconds. */
  seconds: number;
}

/** The default cache folder: `<paths.data>/cache/audio` of the configuration. */
export function defaultCacheDir(config: Config = loadConfig()): string {
  return `${resolvePath(config.paths.data)}/cache/audio`;
}

async function runBatch(
  paths: readonly string[],
  makeJob: (path: string, cacheDir: string | null) => ExtractJob,
  options: ExtractOptions,
): Promise<
  { replies: JobReply[]; failures: ExtractFailure[]; cache: CacheStats; seconds: number }
> {
  const t0 = performance.now();
  const cacheDir = options.cacheDir === undefined
    ? defaultCacheDir()
    : options.cacheDir === null
    ? null
    : resolvePath(options.cacheDir);
  if (cacheDir) await prepareCacheDir(cacheDir);
  const jobs = paths.map((p) => makeJob(resolvePath(p), cacheDir));
  const replies = new Array<JobReply>(paths.length);
  const failures: ExtractFailure[] = [];
  const cache: CacheStats = { hits: 0, misses: 0, bytes: 0 };
  let done = 0;
  const progress = () => ({
    done,
    total: paths.length,
    failed: failures.length,
    hits: cache.hits,
    elapsedSeconds: (performance.now() - t0) / 1000,
  });
  options.onProgress?.(progress());
  await runJobs(jobs, {
    workers: options.workers ?? navigator.hardwareConcurrency ?? 1,
    onReply: (i, reply) => {
      replies[i] = reply;
      done++;
      if (reply.ok) {
        if (reply.cacheHit) cache.hits++;
        else cache.misses++;
        cache.bytes += reply.cacheBytes;
      } else failures.push({ path: paths[i], reason: reply.reason, kind: reply.failure });
      options.onProgress?.(progress());
    },
  });
  // failures in the order of the paths, whatever order the workers finished in
  const order = new Map(paths.map((p, i) => [p, i]));
  failures.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
  return { replies, failures, cache, seconds: (performance.now() - t0) / 1000 };
}

/**
 * The network input of every file (see `networkInput`): decode → mono → resample → crop → mel
 * spectrogram → time pooling → dB, in parallel, cached.
 *
 * @param paths audio files (relative paths: from the project root)
 * @param audio the configuration's audio section
 */
export async function extractNetworkInputs(
  paths: readonly string[],
  audio: Config["audio"],
  options: ExtractOptions = {},
): Promise<NetworkInputBatch> {
  const seed = options.seed ?? loadConfig().seed;
  const silenceDb = options.silenceDb ?? DEFAULT_SILENCE_DB;
  const { replies, failures, cache, seconds } = await runBatch(
    paths,
    (path, cacheDir) => ({
      kind: "input",
      path,
      cacheDir,
      silenceDb,
      ffmpeg: options.ffmpeg,
      audio: { ...audio },
      seed,
    }),
    options,
  );
  const inputs = replies.map((r) => (r.ok && r.kind === "input" ? r.value : null));
  const warnings: ExtractWarning[] = [];
  replies.forEach((r, i) => {
    if (r.ok && r.kind === "input" && r.warning) {
      warnings.push({ path: paths[i], reason: r.warning.reason, kind: r.warning.kind });
    }
  });
  const entries = replies.map((r) => (r.ok && r.kind === "input" ? r.entry ?? null : null));
  return { inputs, failures, warnings, entries, cache, seconds };
}

/**
 * The audio descriptors of every file (see `audioDescriptors`), in parallel, cached.
 *
 * @param paths audio files (relative paths: from the project root)
 * @param sampleRate rate in Hz the clips are resampled to before analysis
 */
export async function extractAudioDescriptors(
  paths: readonly string[],
  sampleRate: number,
  options: ExtractOptions & { descriptors?: AudioDescriptorOptions } = {},
): Promise<AudioDescriptorBatch> {
  const silenceDb = options.silenceDb ?? DEFAULT_SILENCE_DB;
  const { replies, failures, cache, seconds } = await runBatch(
    paths,
    (path, cacheDir) => ({
      kind: "descriptors",
      path,
      cacheDir,
      silenceDb,
      ffmpeg: options.ffmpeg,
      sampleRate,
      options: options.descriptors ?? {},
    }),
    options,
  );
  const descriptors = replies.map((r) => (r.ok && r.kind === "descriptors" ? r.value : null));
  return { descriptors, failures, cache, seconds };
}
