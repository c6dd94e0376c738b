/**
 * Extraction split over machines: a deterministic shard of a dataset's tracks
 * ({@link shardOf}: a hash of the track id modulo the shard count), the record one shard leaves
 * beside the shared cache ({@link runShard}), and the merge that checks every track was either
 * cached or failed and writes one index training reads ({@link mergeShards},
 * {@link readIndexedInputs}).
 *
 * Files, under one folder on the shared file system (`<paths.data>/cache/extract/<datasetKey>/`):
 * `shard-<i>-of-<n>.json` per shard, `index.json` after the merge. The network inputs themselves
 * stay in the content-addressed cache (`<paths.data>/cache/audio/`), which every shard writes
 * atomically, so shards never write the same file and a killed shard resumes from its cache hits.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { mergeShards, readIndexedInputs, runShard } from "./shard.ts";
 * const audio = loadConfig().audio;
 * const tracks = [{ trackId: "2", path: "fma_small/000/000002.mp3" }];
 * for (const index of [0, 1]) {
 *   await runShard(tracks, audio, { index, count: 2, dir: "x", cacheDir: "c", seed: 42 });
 * }
 * const merged = await mergeShards(tracks, audio, { dir: "x", cacheDir: "c", seed: 42 });
 * const inputs = await readIndexedInputs(merged.indexPath); // Map track id → Float32Array
 * ```
 * @module
 */
import { z } from "zod";
import { writeTextAtomic } from "../../data/atomic.ts";
import type { AudioConfig } from "../input/network_input.ts";
import { fnv1a, readCacheEntry, sha256Hex, stableJson } from "./cache.ts";
import { extractNetworkInputs, type ExtractOptions } from "./extract.ts";
import { PIPELINE_VERSION } from "./jobs.ts";

/** One track to extract: its id (the partition key) and its audio file. */
export interface ShardTrack {
  /** The track's id in the dataset: the key that assigns it to a shard. */
  trackId: string;
  /** The track's audio file. */
  path: string;
}

/** Which shard of how many: `index` in [0, count). */
export interface ShardSpec {
  /** This shard's 0-based number, in [0, count). */
  index: number;
  /** How many shards the tracks are split into (≥ 1). */
  count: number;
}

/** Raised for a malformed `--shard i/n`, stale or conflicting shard files, or a missing index. */
export class ShardError extends Error {
  /**
   * Creates the error.
   * @param message what was expected and what was found
   */
  constructor(message: string) {
    super(message);
    this.name = "ShardError";
  }
}

/**
 * Parses `i/n` (1-based, as a job array numbers its tasks: `1/4` … `4/4`) or `i/n` with `i = 0`
 * allowed for 0-based schedulers when `zeroBased` is set.
 *
 * @returns the 0-based shard
 * @throws {ShardError} for anything else
 */
export function parseShardSpec(text: string, options: { zeroBased?: boolean } = {}): ShardSpec {
  const m = text.trim().match(/^(\d+)\/(\d+)$/);
  const base = options.zeroBased ? 0 : 1;
  const i = m ? Number(m[1]) - base : NaN, n = m ? Number(m[2]) : NaN;
  if (!m || !(n >= 1) || !(i >= 0 && i < n)) {
    throw new ShardError(
      `expected --shard i/n with ${base} ≤ i ≤ ${n >= 1 ? n - 1 + base : "n"} and n ≥ 1 ` +
        `(${options.zeroBased ? "0" : "1"}-based); found ${JSON.stringify(text)}`,
    );
  }
  return { index: i, count: n };
}

/** The shard (0-based) a track id belongs to among `count`: FNV-1a of its UTF-8 bytes mod count. */
export function shardOf(trackId: string, count: number): number {
  return fnv1a(new TextEncoder().encode(trackId)) % count;
}

/** The tracks of one shard, in the order given. */
export function shardTracks<T extends ShardTrack>(tracks: readonly T[], shard: ShardSpec): T[] {
  return tracks.filter((t) => shardOf(t.trackId, shard.count) === shard.index);
}

/** A fingerprint of everything that shapes the inputs, so shards of other settings are refused. */
async function extractionFingerprint(audio: AudioConfig, seed: number): Promise<string> {
  return (await sha256Hex(stableJson({ version: PIPELINE_VERSION, audio, seed }))).slice(0, 16);
}

/** What went wrong (failure) or was flagged (warning) for a track: a kind and a reason in words. */
export interface TrackNote {
  /** The kind, for grouping: an {@link ExtractFailure} kind, or `padded` for a warning. */
  kind: string;
  /** What happened, in words. */
  reason: string;
}

/** One track's outcome in a shard file or the index. */
export interface TrackResult {
  /** The track's id in the dataset. */
  trackId: string;
  /** The track's audio file. */
  path: string;
  /** Cache entry file name when extracted. */
  entry: string | null;
  /** Why the track could not be extracted; null when it was. */
  failure: TrackNote | null;
  /** What was flagged about an extracted track (a clip padded to the crop); null when nothing. */
  warning: TrackNote | null;
}

/** The record a shard writes. */
export interface ShardFile {
  /** Which shard wrote it, of how many. */
  shard: ShardSpec;
  /** {@link extractionFingerprint} of the settings the shard ran with. */
  fingerprint: string;
  /** The cache folder the shard's entries were written to. */
  cacheDir: string;
  /** One outcome per track of the shard. */
  results: TrackResult[];
}

/** The merged index: every track's outcome, the cache folder and the input shape. */
export interface InputIndex {
  /** {@link extractionFingerprint} shared by every shard merged. */
  fingerprint: string;
  /** The cache folder holding the entries. */
  cacheDir: string;
  /** Every network input's [mel bands, frames]. */
  shape: [number, number];
  /** Tracks in the index. */
  tracks: number;
  /** Tracks extracted. */
  extracted: number;
  /** One outcome per track. */
  results: TrackResult[];
}

const noteSchema = z.object({ kind: z.string(), reason: z.string() });

const ResultSchema: z.ZodType<TrackResult> = z.object({
  trackId: z.string(),
  path: z.string(),
  entry: z.string().nullable(),
  failure: noteSchema.nullable(),
  warning: noteSchema.nullable(),
});

const ShardFileSchema: z.ZodType<ShardFile> = z.object({
  shard: z.object({ index: z.number().int(), count: z.number().int() }),
  fingerprint: z.string(),
  cacheDir: z.string(),
  results: z.array(ResultSchema),
});

const IndexSchema: z.ZodType<InputIndex> = z.object({
  fingerprint: z.string(),
  cacheDir: z.string(),
  shape: z.tuple([z.number().int(), z.number().int()]),
  tracks: z.number().int(),
  extracted: z.number().int(),
  results: z.array(ResultSchema),
});

/** Where, and with what, a shard or the merge works. */
export interface ShardRunOptions extends Pick<ExtractOptions, "workers" | "onProgress" | "ffmpeg"> {
  /** Folder of the shard files and the index (shared by every shard). */
  dir: string;
  /** The network-input cache (shared by every shard). */
  cacheDir: string;
  /** Base seed of random crops (the configuration's seed). */
  seed: number;
}

/** The shard file's path. */
export function shardFilePath(dir: string, shard: ShardSpec): string {
  const w = String(shard.count).length;
  return `${dir}/shard-${String(shard.index + 1).padStart(w, "0")}-of-${shard.count}.json`;
}

/**
 * Extracts (or finds cached) the network inputs of one shard's tracks and writes its shard file
 * atomically.
 *
 * @returns the shard file's path and its results
 */
export async function runShard(
  tracks: readonly ShardTrack[],
  audio: AudioConfig,
  options: ShardRunOptions & ShardSpec,
): Promise<{ path: string; file: ShardFile; seconds: number }> {
  const shard = { index: options.index, count: options.count };
  const mine = shardTracks(tracks, shard);
  const batch = await extractNetworkInputs(mine.map((t) => t.path), audio, {
    cacheDir: options.cacheDir,
    seed: options.seed,
    workers: options.workers,
    onProgress: options.onProgress,
    ffmpeg: options.ffmpeg,
  });
  const failures = new Map(batch.failures.map((f) => [f.path, f]));
  const warnings = new Map(batch.warnings.map((w) => [w.path, w]));
  const results: TrackResult[] = mine.map((t, i) => {
    const f = failures.get(t.path), w = warnings.get(t.path);
    return {
      trackId: t.trackId,
      path: t.path,
      entry: batch.entries[i],
      failure: f ? { kind: f.kind, reason: f.reason } : null,
      warning: w ? { kind: w.kind, reason: w.reason } : null,
    };
  });
  const file: ShardFile = {
    shard,
    fingerprint: await extractionFingerprint(audio, options.seed),
    cacheDir: options.cacheDir,
    results,
  };
  await Deno.mkdir(options.dir, { recursive: true });
  const path = shardFilePath(options.dir, shard);
  await writeTextAtomic(path, JSON.stringify(file, null, 1));
  return { path, file, seconds: batch.seconds };
}

/** What {@link mergeShards} found. */
export interface MergeResult {
  /** True when every track is cached or failed; the index is written only then. */
  complete: boolean;
  /** The index file (written when complete). */
  indexPath: string;
  /** Tracks no shard file accounts for, or whose cache entry is gone or damaged. */
  missing: { trackId: string; path: string; why: string }[];
  /** Shard files read. */
  shardFiles: string[];
  /** Tracks extracted, failed and flagged. */
  extracted: number;
  /** Tracks whose audio could not be decoded or was too short. */
  failed: number;
  /** Tracks extracted with a warning (e.g. a clip shorter than the crop, padded). */
  warned: number;
}

/**
 * Reads every shard file of `dir`, checks that each track of `tracks` is accounted for — its
 * cache entry present and intact, or its failure recorded — and, when all are, writes
 * `index.json`. Shard files written with other settings (fingerprint) are refused; a track found
 * in two shard files must agree.
 *
 * @throws {ShardError} for shard files of other settings or that disagree
 */
export async function mergeShards(
  tracks: readonly ShardTrack[],
  audio: AudioConfig,
  options: Pick<ShardRunOptions, "dir" | "cacheDir" | "seed">,
): Promise<MergeResult> {
  const fingerprint = await extractionFingerprint(audio, options.seed);
  const byTrack = new Map<string, TrackResult>();
  const shardFiles: string[] = [];
  let names: string[] = [];
  try {
    for await (const e of Deno.readDir(options.dir)) {
      if (e.isFile && /^shard-\d+-of-\d+\.json$/.test(e.name)) names.push(e.name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  names = names.sort();
  for (const name of names) {
    const path = `${options.dir}/${name}`;
    const file = ShardFileSchema.parse(JSON.parse(await Deno.readTextFile(path)));
    if (file.fingerprint !== fingerprint) {
      throw new ShardError(
        `${path} was written with other audio settings or seed (fingerprint ${file.fingerprint}, ` +
          `now ${fingerprint}); delete it or run its shard again`,
      );
    }
    shardFiles.push(path);
    for (const r of file.results) {
      const seen = byTrack.get(r.trackId);
      if (seen && stableJson(seen) !== stableJson(r)) {
        throw new ShardError(`track ${r.trackId} has different results in two shard files`);
      }
      byTrack.set(r.trackId, r);
    }
  }
  const missing: MergeResult["missing"] = [];
  const results: TrackResult[] = [];
  const size = audio.nMels * audio.frames;
  for (const t of tracks) {
    const r = byTrack.get(t.trackId);
    if (!r) {
      const shard = shardOf(t.trackId, names.length ? Number(names[0].match(/of-(\d+)/)![1]) : 1);
      missing.push({ ...t, why: `in no shard file (it belongs to shard ${shard + 1})` });
      continue;
    }
    if (r.failure === null) {
      const payload = r.entry ? await readCacheEntry(`${options.cacheDir}/${r.entry}`) : null;
      if (!payload || payload.length !== (size + 1) * 4) {
        missing.push({ ...t, why: `cache entry ${r.entry ?? "(none)"} missing or damaged` });
        continue;
      }
    }
    results.push(r);
  }
  const indexPath = `${options.dir}/index.json`;
  const extracted = results.filter((r) => r.failure === null).length;
  const merged = {
    complete: missing.length === 0,
    indexPath,
    missing,
    shardFiles,
    extracted,
    failed: results.length - extracted,
    warned: results.filter((r) => r.warning !== null).length,
  };
  if (merged.complete) {
    const index: InputIndex = {
      fingerprint,
      cacheDir: options.cacheDir,
      shape: [audio.nMels, audio.frames],
      tracks: tracks.length,
      extracted,
      results,
    };
    await writeTextAtomic(indexPath, JSON.stringify(index, null, 1));
  }
  return merged;
}

/** Reads and validates an index written by {@link mergeShards}. */
export async function readInputIndex(path: string): Promise<InputIndex> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new ShardError(
      `expected an index at ${path} (written by \`deno task extract --merge\`); found ${error}`,
    );
  }
  return IndexSchema.parse(JSON.parse(text));
}

/**
 * The network inputs an index points at, by track id (failed tracks absent), each
 * [nMels × frames] dB values row-major, as {@link extractNetworkInputs} returns them.
 *
 * @throws {ShardError} when an entry the index names is missing or damaged
 */
export async function readIndexedInputs(path: string): Promise<Map<string, Float32Array>> {
  const index = await readInputIndex(path);
  const size = index.shape[0] * index.shape[1];
  const inputs = new Map<string, Float32Array>();
  for (const r of index.results) {
    if (r.failure !== null || r.entry === null) continue;
    const payload = await readCacheEntry(`${index.cacheDir}/${r.entry}`);
    if (!payload || payload.length !== (size + 1) * 4) {
      throw new ShardError(`cache entry ${r.entry} of track ${r.trackId} is missing or damaged`);
    }
    inputs.set(r.trackId, new Float32Array(payload.slice(0, size * 4).buffer));
  }
  return inputs;
}
