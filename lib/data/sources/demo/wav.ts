/**
 * Encodes mono audio as a 16-bit PCM WAV file (RIFF, little-endian): a 44-byte header (RIFF,
 * `fmt ` chunk with format 1 = PCM, one channel, the sample rate, 16 bits per sample) followed by
 * the `data` chunk.
 *
 * @example
 * ```ts
 * import { encodeWav } from "./wav.ts";
 * const tone = Float32Array.from({ length: 44_100 }, (_, i) => 0.5 * Math.sin(2 * Math.PI * 440 * i / 44_100));
 * await Deno.writeFile("/tmp/a440.wav", encodeWav(tone, 44_100));
 * ```
 * @module
 */

/** Size in bytes of the RIFF/WAVE header written by {@link encodeWav}. */
export const WAV_HEADER_BYTES = 44;

/**
 * Converts one sample in [-1, 1] to a signed 16-bit integer: values beyond ±1 are clipped,
 * NaN becomes 0, negative values scale by 32768 and positive ones by 32767 so both ends are
 * reachable.
 *
 * @param x the sample (full scale = 1)
 * @returns an integer in [-32768, 32767]
 */
export function toPcm16(x: number): number {
  if (!(x === x)) return 0;
  if (x >= 1) return 32767;
  if (x <= -1) return -32768;
  return x < 0 ? Math.round(x * 32768) : Math.round(x * 32767);
}

/**
 * Encodes mono samples as a 16-bit PCM WAV file.
 *
 * @param samples mono samples, full scale = 1; values outside [-1, 1] are clipped
 * @param sampleRate sample rate in Hz (a positive integer)
 * @returns the whole file: 44 header bytes then 2 bytes per sample, little-endian
 */
export function encodeWav(samples: Float32Array, sampleRate: number): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) {
    throw new RangeError(`encodeWav: expected a positive integer sample rate, found ${sampleRate}`);
  }
  const dataBytes = samples.length * 2;
  const out = new Uint8Array(WAV_HEADER_BYTES + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // channels
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, dataBytes, true);
  for (let i = 0, o = WAV_HEADER_BYTES; i < samples.length; i++, o += 2) {
    view.setInt16(o, toPcm16(samples[i]), true);
  }
  return out;
}
