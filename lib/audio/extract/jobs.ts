/**
 * One extraction job, as a worker (or the calling thread) runs it: read the file, hash its bytes,
 * return the cached result when an intact entry exists, otherwise decode → mono → resample →
 * compute, write the entry atomically and return the result. Never throws: every failure comes
 * back as a reply with a reason.
 *
 * A job holds at most one clip's audio at a time.
 * @module
 */
import type { Config } from "../../config.ts";
import { deriveSeed } from "../../data/random.ts";
import { decodeAudio } from "../decode/decode.ts";
import { type AudioFailureKind, AudioFileError } from "../decode/errors.ts";
import { assertNotSilent, SILENCE_DB } from "../decode/load.ts";
import { resample } from "../decode/resample.ts";
import type { AudioDescriptorOptions, AudioDescriptors } from "../descriptors/audio_descriptors.ts";
import { networkInputResampled } from "../input/network_input.ts";
import {
  CACHE_HEADER_BYTES,
  cacheEntryPath,
  readCacheEntry,
  sha256Hex,
  stableJson,
  writeCacheEntry,
} from "./cache.ts";

/**
 * Version of the computation; part of every cache key, bumped when results would change.
 * 2: a network-input entry carries the clip's decoded duration after the input, so a clip shorter
 * than the crop is flagged on a cache hit too.
 */
export const PIPELINE_VERSION = 2;

interface JobBase {
  /** Absolute path of the audio file. */
  path: string;
  /** Cache folder, or null to compute without a cache. */
  cacheDir: string | null;
  /** Silence threshold, RMS dBFS. */
  silenceDb: number;
  /** ffmpeg executable. */
  ffmpeg?: string;
}

/** Compute the network input of a file. */
export interface InputJob extends JobBase {
  kind: "input";
  audio: Config["audio"];
  /** Base seed of random crops (each file's seed derives from it and the file's content). */
  seed: number;
}

/** Compute the audio descriptors of a file. */
export interface DescriptorsJob extends JobBase {
  kind: "descriptors";
  sampleRate: number;
  options: AudioDescriptorOptions;
}

/** A job for {@link runJob}. */
export type ExtractJob = InputJob | DescriptorsJob;

/** Something a job noticed about a file it still used: a clip shorter than the crop. */
export interface JobWarning {
  /** `padded`: the clip was shorter than the crop and was centred in zeros. */
  kind: "padded";
  /** What was found and done, in words. */
  reason: string;
}

/** What a job produced. */
export type JobReply =
  | {
    ok: true;
    kind: "input";
    value: Float32Array;
    cacheHit: boolean;
    /** Bytes of the cache entry read or written (0 without a cache). */
    cacheBytes: number;
    /** Set when the clip was shorter than the crop. */
    warning?: JobWarning;
    /** The cache entry's file name inside the cache folder; absent without a cache. */
    entry?: string;
  }
  | {
    ok: true;
    kind: "descriptors";
    value: AudioDescriptors;
    cacheHit: boolean;
    cacheBytes: number;
  }
  | { ok: false; failure: AudioFailureKind | "error"; reason: string };

/** The parameters that shape a job's result, hashed into its cache key. */
function jobParameters(job: ExtractJob, contentHash: string): Record<string, unknown> {
  if (job.kind === "input") {
    const a = job.audio;
    return {
      version: PIPELINE_VERSION,
      kind: "input",
      sampleRate: a.sampleRate,
      nFft: a.nFft,
      hopLength: a.hopLength,
      nMels: a.nMels,
      fmin: a.fmin,
      fmax: a.fmax,
      power: a.power,
      topDb: a.topDb,
      cropSeconds: a.cropSeconds,
      cropMode: a.cropMode,
      frames: a.frames,
      seed: a.cropMode === "random" ? inputSeed(job.seed, contentHash) : null,
      silenceDb: job.silenceDb,
    };
  }
  return {
    version: PIPELINE_VERSION,
    // the key's name from before the descriptors were so called: existing caches stay valid
    kind: "features",
    sampleRate: job.sampleRate,
    options: job.options,
    silenceDb: job.silenceDb,
  };
}

/** Seed of a file's random crop: derived from the base seed and the file's content hash. */
function inputSeed(seed: number, contentHash: string): number {
  return deriveSeed(seed, contentHash);
}

/**
 * The warning of a clip shorter than the crop, or undefined.
 *
 * @param seconds the clip's decoded duration in seconds
 * @param cropSeconds the crop's length in seconds
 */
function paddingWarning(seconds: number, cropSeconds: number): JobWarning | undefined {
  if (!(seconds < cropSeconds)) return undefined;
  return {
    kind: "padded",
    reason:
      `shorter than the crop: ${seconds.toFixed(2)} s of audio, centred in ${cropSeconds} s ` +
      `of zeros`,
  };
}

async function compute(job: ExtractJob, bytes: Uint8Array, contentHash: string | null) {
  const decoded = await decodeAudio(bytes, { path: job.path, ffmpeg: job.ffmpeg, mono: true });
  const sourceSeconds = decoded.channels[0].length / decoded.sampleRate;
  const mono = decoded.channels[0];
  assertNotSilent(mono, job.silenceDb);
  if (job.kind === "input") {
    const seed = contentHash === null ? job.seed : inputSeed(job.seed, contentHash);
    const value = networkInputResampled(mono, decoded.sampleRate, job.audio, seed);
    return { value, seconds: sourceSeconds };
  }
  // loaded on first use, so workers that only compute network inputs start faster
  const { audioDescriptors } = await import("../descriptors/audio_descriptors.ts");
  const resampled = resample(mono, decoded.sampleRate, job.sampleRate);
  return audioDescriptors(resampled, job.sampleRate, {
    ...job.options,
    durationMs: 1000 * sourceSeconds,
  });
}

function encode(value: { value: Float32Array; seconds: number } | AudioDescriptors): Uint8Array {
  if ("value" in value && value.value instanceof Float32Array) {
    // the input, then the clip's duration, so a cache hit can still flag a padded clip
    const out = new Float32Array(value.value.length + 1);
    out.set(value.value);
    out[value.value.length] = value.seconds;
    return new Uint8Array(out.buffer);
  }
  return new TextEncoder().encode(
    JSON.stringify(value, (_, v) => typeof v === "number" && !Number.isFinite(v) ? String(v) : v),
  );
}

function decodeDescriptors(payload: Uint8Array): AudioDescriptors {
  return JSON.parse(
    new TextDecoder().decode(payload),
    (_, v) => v === "Infinity" || v === "-Infinity" || v === "NaN" ? Number(v) : v,
  );
}

/**
 * Runs one job; never throws.
 *
 * @returns the reply (a Float32Array value can be transferred)
 */
export async function runJob(job: ExtractJob): Promise<JobReply> {
  try {
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(job.path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        throw new AudioFileError("missing", "no such file");
      }
      throw error;
    }
    if (bytes.length === 0) throw new AudioFileError("empty", "empty file (0 bytes)");
    // the content hash keys the cache and seeds random crops; without either it is not needed
    const needsHash = job.cacheDir !== null ||
      (job.kind === "input" && job.audio.cropMode === "random");
    const contentHash = needsHash ? await sha256Hex(bytes) : null;
    const ext = job.kind === "input" ? "f32" : "json";
    const entry = job.cacheDir && contentHash
      ? cacheEntryPath(
        job.cacheDir,
        contentHash,
        await sha256Hex(stableJson(jobParameters(job, contentHash))),
        ext,
      )
      : null;
    if (entry) {
      const payload = await readCacheEntry(entry);
      if (payload) {
        const cacheBytes = payload.length + CACHE_HEADER_BYTES;
        if (job.kind === "input") {
          const size = job.audio.nMels * job.audio.frames;
          if (payload.length === (size + 1) * 4) {
            const all = new Float32Array(payload.slice().buffer);
            const warning = paddingWarning(all[size], job.audio.cropSeconds);
            const value = all.slice(0, size);
            const name = entry.slice(entry.lastIndexOf("/") + 1);
            return {
              ok: true,
              kind: "input",
              value,
              cacheHit: true,
              cacheBytes,
              warning,
              entry: name,
            };
          }
        } else {
          const value = decodeDescriptors(payload);
          return { ok: true, kind: "descriptors", value, cacheHit: true, cacheBytes };
        }
      }
    }
    const result = await compute(job, bytes, contentHash);
    const cacheBytes = entry ? await writeCacheEntry(entry, encode(result)) : 0;
    if ("value" in result && result.value instanceof Float32Array) {
      // the stored duration is float32: flag from the same value a cache hit will read
      const warning = paddingWarning(
        Math.fround(result.seconds),
        (job as InputJob).audio.cropSeconds,
      );
      return {
        ok: true,
        kind: "input",
        value: result.value,
        cacheHit: false,
        cacheBytes,
        warning,
        entry: entry ? entry.slice(entry.lastIndexOf("/") + 1) : undefined,
      };
    }
    return {
      ok: true,
      kind: "descriptors",
      value: result as AudioDescriptors,
      cacheHit: false,
      cacheBytes,
    };
  } catch (error) {
    if (error instanceof AudioFileError) {
      return { ok: false, failure: error.kind, reason: error.reason };
    }
    return {
      ok: false,
      failure: "error",
      reason: `unexpected error: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** Default silence threshold of jobs, RMS dBFS. */
export const DEFAULT_SILENCE_DB = SILENCE_DB;
