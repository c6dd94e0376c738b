/**
 * One call from a file to the mono signal the spectrogram reads: decode → mixdown (mean of
 * channels) → band-limited resampling to the wanted rate, with a check that the result is not
 * silent.
 *
 * @example
 * ```ts
 * import { loadAudio } from "./load.ts";
 * const clip = await loadAudio("../shared/data/audio/machine_wars.wav", { sampleRate: 44_100 });
 * console.log(clip.samples.length / clip.sampleRate, clip.source.sampleRate); // 30 48000
 * ```
 * @module
 */
import { decodeAudioFile, type DecodeOptions } from "./decode.ts";
import { AudioFileError } from "./errors.ts";
import { toMono } from "./mixdown.ts";
import { resample } from "./resample.ts";

/** Default silence threshold: an RMS level below −90 dBFS (16-bit dither is about −96). */
export const SILENCE_DB: number = -90;

/** A decoded clip as the spectrogram reads it. */
export interface LoadedAudio {
  /** Mono samples at `sampleRate`, full scale = 1. */
  samples: Float32Array;
  /** Sample rate of `samples` in Hz. */
  sampleRate: number;
  /** What the file held. */
  source: {
    sampleRate: number;
    channels: number;
    codec: string;
    /** Duration of the decoded audio in seconds. */
    seconds: number;
  };
}

/** Options of {@link loadAudio}. */
export interface LoadAudioOptions extends DecodeOptions {
  /** Target sample rate in Hz; default: keep the file's. */
  sampleRate?: number;
  /** Reject clips whose RMS level is below this, in dBFS; default −90. -Infinity accepts all. */
  silenceDb?: number;
}

/** RMS level of a signal in dBFS (−Infinity for digital silence or an empty signal). */
export function rmsDbfs(samples: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
  return samples.length === 0 ? -Infinity : 10 * Math.log10(sum / samples.length);
}

/**
 * Throws when a clip is silent.
 *
 * @param samples the clip
 * @param thresholdDb RMS level in dBFS below which it counts as silent (default −90)
 * @throws {AudioFileError} kind `silent`
 */
export function assertNotSilent(samples: ArrayLike<number>, thresholdDb = SILENCE_DB): void {
  const level = rmsDbfs(samples);
  if (!(level >= thresholdDb)) {
    const shown = Number.isFinite(level) ? `${level.toFixed(1)} dBFS` : "digital silence";
    throw new AudioFileError(
      "silent",
      `silent: RMS level ${shown}, below the ${thresholdDb} dBFS threshold`,
    );
  }
}

/**
 * Decodes a file, mixes it to mono and resamples it.
 *
 * @param path the audio file (any format {@link decodeAudioFile} reads)
 * @throws {AudioFileError} for a file that cannot be decoded, or is silent
 */
export async function loadAudio(
  path: string,
  options: LoadAudioOptions = {},
): Promise<LoadedAudio> {
  const decoded = await decodeAudioFile(path, { ...options, mono: false });
  const channels = decoded.channels.length;
  const seconds = decoded.channels[0].length / decoded.sampleRate;
  let mono = toMono(decoded.channels);
  decoded.channels.length = 0; // let the planar copy go before resampling
  const rate = options.sampleRate ?? decoded.sampleRate;
  mono = resample(mono, decoded.sampleRate, rate);
  try {
    assertNotSilent(mono, options.silenceDb ?? SILENCE_DB);
  } catch (error) {
    throw error instanceof AudioFileError ? error.withPath(path) : error;
  }
  return {
    samples: mono,
    sampleRate: rate,
    source: { sampleRate: decoded.sampleRate, channels, codec: decoded.codec, seconds },
  };
}
