/**
 * Decoded audio, as every decoder returns it.
 * @module
 */

/** Audio as decoded from a file: one Float32Array per channel, full scale = 1. */
export interface DecodedAudio {
  /** Sample rate in Hz. */
  sampleRate: number;
  /** One array per channel, all of the same length (samples per channel). */
  channels: Float32Array[];
  /** What was decoded, e.g. "WAV PCM 24-bit" or "mp3 via ffmpeg". */
  codec: string;
  /** Duration the container declares, in seconds, when it declares one. */
  declaredSeconds: number | null;
}

/** Samples per channel of decoded audio. */
function frameLength(audio: DecodedAudio): number {
  return audio.channels[0]?.length ?? 0;
}

/** Duration of decoded audio in seconds. */
export function durationSeconds(audio: DecodedAudio): number {
  return frameLength(audio) / audio.sampleRate;
}
