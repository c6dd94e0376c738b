/**
 * The workspace's WAV (RIFF/WAVE, little-endian) writer: unsigned 8-bit, signed 16, 24 and 32-bit
 * PCM, and 32 and 64-bit IEEE float, any number of channels, with a plain (44-byte) or a
 * WAVE_FORMAT_EXTENSIBLE header. Its reader is `parseWav` in lib/audio/decode/wav.ts, which reads
 * every file written here; the writer sits in the data layer because the demo corpus (data) writes
 * its clips with it, and the audio layer may import from data but not the reverse. Both share the
 * format tags {@link WAV_FORMAT}.
 *
 * Integers are the reader's inverse: x·2^(bits−1) rounded and clipped to the integer range
 * (8-bit adds 128), so −1 is exactly the most negative integer, +1 clips to the largest, NaN
 * writes 0, and any value the reader returns writes back to the same integer.
 *
 * @example
 * ```ts
 * import { encodeWav } from "./wav.ts";
 * const tone = Float32Array.from({ length: 44_100 }, (_, i) => 0.5 * Math.sin(2 * Math.PI * 440 * i / 44_100));
 * await Deno.writeFile("/tmp/a440.wav", encodeWav(tone, 44_100)); // mono, 16-bit PCM
 * await Deno.writeFile("/tmp/a440-stereo.wav", encodeWav([tone, tone], 44_100, { format: "f32" }));
 * ```
 * @module
 */

/** Format tags of the `fmt ` chunk (an extensible header repeats PCM or float in its GUID). */
export const WAV_FORMAT = { pcm: 1, float: 3, extensible: 0xfffe } as const;

/** Sample encodings {@link encodeWav} writes: unsigned 8-bit, signed 16/24/32-bit, float 32/64. */
export type WavSampleFormat = "u8" | "s16" | "s24" | "s32" | "f32" | "f64";

/** Bits per sample of each {@link WavSampleFormat}. */
const WAV_SAMPLE_BITS: Readonly<Record<WavSampleFormat, number>> = {
  u8: 8,
  s16: 16,
  s24: 24,
  s32: 32,
  f32: 32,
  f64: 64,
};

/** Size in bytes of the plain RIFF/WAVE header (a 16-byte `fmt ` chunk) before the samples. */
export const WAV_HEADER_BYTES = 44;

/** The 14 bytes after the format tag in KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT's GUID. */
const GUID_TAIL = [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71];

/**
 * One sample in [−1, 1] as a signed integer of `bits` bits: x·2^(bits−1) rounded, clipped to
 * [−2^(bits−1), 2^(bits−1) − 1]; NaN becomes 0.
 *
 * @param x the sample (full scale = 1)
 * @param bits 8, 16, 24 or 32
 */
export function toPcm(x: number, bits: number): number {
  if (!(x === x)) return 0;
  const full = 2 ** (bits - 1);
  return Math.max(-full, Math.min(full - 1, Math.round(x * full)));
}

/**
 * One sample in [−1, 1] as a signed 16-bit integer ({@link toPcm} with 16 bits).
 *
 * @returns an integer in [−32768, 32767]
 */
export function toPcm16(x: number): number {
  return toPcm(x, 16);
}

/** Options of {@link encodeWav}. */
export interface EncodeWavOptions {
  /** Sample encoding; default "s16". */
  format?: WavSampleFormat;
  /** Write a WAVE_FORMAT_EXTENSIBLE `fmt ` chunk (40 bytes) instead of the plain one; default false. */
  extensible?: boolean;
}

/**
 * Encodes audio as a WAV file.
 *
 * @param audio mono samples, or planar channels of equal length; full scale = 1
 * @param sampleRate sample rate in Hz (a positive integer)
 * @returns the whole file: header, then the interleaved samples of the `data` chunk
 * @throws {RangeError} for a bad sample rate, no channels, or channels of different lengths
 */
export function encodeWav(
  audio: Float32Array | readonly Float32Array[],
  sampleRate: number,
  options: EncodeWavOptions = {},
): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) {
    throw new RangeError(`encodeWav: expected a positive integer sample rate, found ${sampleRate}`);
  }
  const channels = audio instanceof Float32Array ? [audio] : audio;
  if (channels.length === 0) throw new RangeError("encodeWav: expected at least one channel");
  const frames = channels[0].length;
  if (channels.some((c) => c.length !== frames)) {
    throw new RangeError(
      `encodeWav: channels of different lengths (${channels.map((c) => c.length)})`,
    );
  }
  const format = options.format ?? "s16";
  const bits = WAV_SAMPLE_BITS[format], bytes = bits / 8, nch = channels.length;
  const tag = format.startsWith("f") ? WAV_FORMAT.float : WAV_FORMAT.pcm;
  const fmtSize = options.extensible ? 40 : 16;
  const dataAt = 20 + fmtSize + 8;
  const dataBytes = frames * nch * bytes;
  const out = new Uint8Array(dataAt + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  };
  ascii(0, "RIFF");
  view.setUint32(4, out.length - 8, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, options.extensible ? WAV_FORMAT.extensible : tag, true);
  view.setUint16(22, nch, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * nch * bytes, true); // byte rate
  view.setUint16(32, nch * bytes, true); // block align
  view.setUint16(34, bits, true);
  if (options.extensible) {
    view.setUint16(36, 22, true); // size of the extension
    view.setUint16(38, bits, true); // valid bits per sample
    view.setUint32(40, 0, true); // channel mask: unspecified
    view.setUint16(44, tag, true); // the sub-format GUID starts with the format tag
    out.set(GUID_TAIL, 46);
  }
  ascii(dataAt - 8, "data");
  view.setUint32(dataAt - 4, dataBytes, true);
  const write = sampleWriter(format, out, view);
  for (let i = 0, o = dataAt; i < frames; i++) {
    for (let c = 0; c < nch; c++, o += bytes) write(o, channels[c][i]);
  }
  return out;
}

function sampleWriter(
  format: WavSampleFormat,
  out: Uint8Array,
  view: DataView,
): (at: number, x: number) => void {
  switch (format) {
    case "u8":
      return (at, x) => (out[at] = toPcm(x, 8) + 128);
    case "s16":
      return (at, x) => view.setInt16(at, toPcm(x, 16), true);
    case "s24":
      return (at, x) => {
        const q = toPcm(x, 24);
        out[at] = q & 255;
        out[at + 1] = (q >> 8) & 255;
        out[at + 2] = (q >> 16) & 255;
      };
    case "s32":
      return (at, x) => view.setInt32(at, toPcm(x, 32), true);
    case "f32":
      return (at, x) => view.setFloat32(at, x, true);
    case "f64":
      return (at, x) => view.setFloat64(at, x, true);
  }
}
