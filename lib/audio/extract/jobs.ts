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
import type { AudioFeatureOptions, AudioFeatures } from "../features/features.ts";
import { networkInputResampled } from "../input/network_input.ts";
import {
  CACHE_HEADER_BYTES,
  cacheEntryPath,
  readCacheEntry,
  sha256Hex,
  stableJson,
  writeCacheEntry,
} from "./cache.ts";

/** Version of the computation; part of every cache key, bumped when results would change. */
export const PIPELINE_VERSION = 1;

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

/** Compute the audio features of a file. */
export interface FeaturesJob extends JobBase {
  kind: "features";
  sampleRate: number;
  options: AudioFeatureOptions;
}

/** A job for {@link runJob}. */
export type ExtractJob = InputJob | FeaturesJob;

/** What a job produced. */
export type JobReply =
  | {
    ok: true;
    kind: "input";
    value: Float32Array;
    cacheHit: boolean;
    /** Bytes of the cache entry read or written (0 without a cache). */
    cacheBytes: number;
  }
  | { ok: true; kind: "features"; value: AudioFeatures; cacheHit: boolean; cacheBytes: number }
  | { ok: false; failure: AudioFailureKind | "error"; reason: string };

/** The parameters that shape a job's result, hashed into its cache key. */
export function jobParameters(job: ExtractJob, contentHash: string): Record<string, unknown> {
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
    kind: "features",
    sampleRate: job.sampleRate,
    options: job.options,
    silenceDb: job.silenceDb,
  };
}

/** Seed of a file's random crop: derived from the base seed and the file's content hash. */
export function inputSeed(seed: number, contentHash: string): number {
  return deriveSeed(seed, contentHash);
}

async function compute(job: ExtractJob, bytes: Uint8Array, contentHash: string | null) {
  const decoded = await decodeAudio(bytes, { path: job.path, ffmpeg: job.ffmpeg, mono: true });
  const sourceSeconds = decoded.channels[0].length / decoded.sampleRate;
  const mono = decoded.channels[0];
  assertNotSilent(mono, job.silenceDb);
  if (job.kind === "input") {
    const seed = contentHash === null ? job.seed : inputSeed(job.seed, contentHash);
    return networkInputResampled(mono, decoded.sampleRate, job.audio, seed);
  }
  // loaded on first use, so workers that only compute network inputs start faster
  const { audioFeatures } = await import("../features/features.ts");
  const resampled = resample(mono, decoded.sampleRate, job.sampleRate);
  return audioFeatures(resampled, job.sampleRate, {
    ...job.options,
    durationMs: 1000 * sourceSeconds,
  });
}

function encode(value: Float32Array | AudioFeatures): Uint8Array {
  if (value instanceof Float32Array) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  return new TextEncoder().encode(
    JSON.stringify(value, (_, v) => typeof v === "number" && !Number.isFinite(v) ? String(v) : v),
  );
}

function decodeFeatures(payload: Uint8Array): AudioFeatures {
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
          const expected = job.audio.nMels * job.audio.frames * 4;
          if (payload.length === expected) {
            const value = new Float32Array(payload.slice().buffer);
            return { ok: true, kind: "input", value, cacheHit: true, cacheBytes };
          }
        } else {
          const value = decodeFeatures(payload);
          return { ok: true, kind: "features", value, cacheHit: true, cacheBytes };
        }
      }
    }
    const value = await compute(job, bytes, contentHash);
    const cacheBytes = entry ? await writeCacheEntry(entry, encode(value)) : 0;
    return value instanceof Float32Array
      ? { ok: true, kind: "input", value, cacheHit: false, cacheBytes }
      : { ok: true, kind: "features", value, cacheHit: false, cacheBytes };
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
