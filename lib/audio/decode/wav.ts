/**
 * The project's own WAV (RIFF/WAVE) reader: PCM 8-bit (unsigned), 16, 24 and 32-bit signed
 * integers, 32 and 64-bit IEEE floats, plain or WAVE_FORMAT_EXTENSIBLE headers, any number of
 * channels and any sample rate. Integers are scaled by 2^(bits−1) (8-bit: (x − 128) / 128), as
 * scipy's `wavfile` + division does, so 16 and 24-bit values are exact in float32.
 *
 * A file whose `data` chunk declares more bytes than the file holds is truncated and rejected;
 * a declared size of 0xFFFFFFFF (a WAV streamed through a pipe) means "until the end".
 *
 * The writer is `encodeWav` in lib/data/wav.ts (the data layer, where the demo corpus writes its
 * clips); it writes every format read here, and this reader reads back every file it writes.
 *
 * @example
 * ```ts
 * import { parseWav } from "./wav.ts";
 * const audio = parseWav(await Deno.readFile("clip.wav"));
 * console.log(audio.sampleRate, audio.channels.length, audio.codec);
 * ```
 * @module
 */
import { AudioFileError } from "./errors.ts";
import type { DecodedAudio } from "./types.ts";
import { WAV_FORMAT } from "../../data/wav.ts";

/** A WAV encoding this reader does not decode (A-law, μ-law, ADPCM…); another decoder may. */
export class UnsupportedWavError extends AudioFileError {
  /**
   * An encoding left to another decoder.
   *
   * @param reason which encoding was found
   */
  constructor(reason: string) {
    super("unsupported", reason);
    this.name = "UnsupportedWavError";
  }
}

const { pcm: FORMAT_PCM, float: FORMAT_FLOAT, extensible: FORMAT_EXTENSIBLE } = WAV_FORMAT;
const STREAMED = 0xffffffff;

interface WavFormat {
  tag: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bits: number;
}

function chunkId(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
}

function readFormat(view: DataView, at: number, size: number): WavFormat {
  if (size < 16) throw new AudioFileError("corrupt", `fmt chunk of ${size} bytes, expected ≥ 16`);
  let tag = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bits = view.getUint16(at + 14, true);
  if (tag === FORMAT_EXTENSIBLE) {
    if (size < 40) {
      throw new AudioFileError("corrupt", `extensible fmt chunk of ${size} bytes, expected 40`);
    }
    tag = view.getUint16(at + 24, true); // first two bytes of the sub-format GUID
  }
  if (channels < 1) throw new AudioFileError("corrupt", `fmt chunk declares ${channels} channels`);
  if (sampleRate < 1) throw new AudioFileError("corrupt", `fmt chunk declares ${sampleRate} Hz`);
  return { tag, channels, sampleRate, blockAlign, bits };
}

function codecName(f: WavFormat): string {
  return f.tag === FORMAT_FLOAT ? `WAV float ${f.bits}-bit` : `WAV PCM ${f.bits}-bit`;
}

/** Reads one sample as a number, full scale = 1 (rounded to float32, as stored). */
function sampleReader(
  bytes: Uint8Array,
  view: DataView,
  f: WavFormat,
): (p: number) => number {
  if (f.tag === FORMAT_FLOAT) {
    return f.bits === 32
      ? (p) => view.getFloat32(p, true)
      : (p) => Math.fround(view.getFloat64(p, true));
  }
  switch (f.bits) {
    case 8:
      return (p) => (bytes[p] - 128) / 128;
    case 16:
      return (p) => view.getInt16(p, true) / 32768;
    case 24:
      return (p) => ((bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16)) << 8 >> 8) / 8388608;
    default:
      return (p) => Math.fround(view.getInt32(p, true) / 2147483648);
  }
}

/** The mean of all channels, frame by frame, straight from the data chunk. */
function mixdownSamples(
  bytes: Uint8Array,
  view: DataView,
  dataAt: number,
  frames: number,
  f: WavFormat,
): Float32Array {
  const out = new Float32Array(frames);
  const k = f.channels, step = f.bits / 8;
  if (f.tag === FORMAT_PCM && f.bits === 16 && k === 2 && (bytes.byteOffset + dataAt) % 2 === 0) {
    const src = new Int16Array(bytes.buffer, bytes.byteOffset + dataAt, frames * 2);
    for (let i = 0, j = 0; i < frames; i++, j += 2) {
      out[i] = (src[j] / 32768 + src[j + 1] / 32768) / 2;
    }
    return out;
  }
  if (f.tag === FORMAT_FLOAT && f.bits === 32 && k === 2 && (bytes.byteOffset + dataAt) % 4 === 0) {
    const src = new Float32Array(bytes.buffer, bytes.byteOffset + dataAt, frames * 2);
    for (let i = 0, j = 0; i < frames; i++, j += 2) out[i] = (src[j] + src[j + 1]) / 2;
    return out;
  }
  const read = sampleReader(bytes, view, f);
  for (let i = 0, p = dataAt; i < frames; i++) {
    let s = 0;
    for (let c = 0; c < k; c++, p += step) s += read(p);
    out[i] = s / k;
  }
  return out;
}

/** Options of {@link parseWav}. */
export interface ParseWavOptions {
  /** Accept a data chunk shorter than declared (read what is there) instead of rejecting it. */
  allowTruncated?: boolean;
  /**
   * Return one channel, the mean of all (as `toMono`, each sample first rounded to float32), in
   * the same pass: no per-channel copy is made.
   */
  mono?: boolean;
}

/**
 * Decodes a WAV file held in memory.
 *
 * @param bytes the whole file
 * @returns planar float32 channels, full scale = 1
 * @throws {AudioFileError} `not-audio` without a RIFF/WAVE header, `corrupt` for a missing or
 *   inconsistent chunk, `truncated` when the data chunk is cut short;
 *   {@link UnsupportedWavError} for encodings other than integer PCM and IEEE float
 */
export function parseWav(bytes: Uint8Array, options: ParseWavOptions = {}): DecodedAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || chunkId(bytes, 0) !== "RIFF" || chunkId(bytes, 8) !== "WAVE") {
    throw new AudioFileError("not-audio", "no RIFF/WAVE header");
  }
  let format: WavFormat | null = null;
  let dataAt = -1, dataBytes = 0;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = chunkId(bytes, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === "fmt ") {
      if (body + size > bytes.length) {
        throw new AudioFileError("truncated", "the file ends inside its fmt chunk");
      }
      format = readFormat(view, body, size);
    } else if (id === "data") {
      dataAt = body;
      const available = bytes.length - body;
      if (size === STREAMED) dataBytes = available;
      else if (size > available) {
        if (!options.allowTruncated) {
          const f = format;
          const rate = f ? f.sampleRate * f.blockAlign : 0;
          const secs = (n: number) => rate ? ` (${(n / rate).toFixed(2)} s)` : "";
          throw new AudioFileError(
            "truncated",
            `truncated WAV: the data chunk declares ${size} bytes${secs(size)} but the file ` +
              `holds ${available}${secs(available)}`,
          );
        }
        dataBytes = available;
      } else dataBytes = size;
      break;
    }
    if (size === STREAMED) break;
    at = body + size + (size & 1); // chunks are padded to an even size
  }
  if (!format) throw new AudioFileError("corrupt", "WAV without a fmt chunk");
  if (dataAt < 0) throw new AudioFileError("corrupt", "WAV without a data chunk");
  const { tag, channels, bits } = format;
  const bytesPerSample = bits / 8;
  const supported = (tag === FORMAT_PCM && [8, 16, 24, 32].includes(bits)) ||
    (tag === FORMAT_FLOAT && (bits === 32 || bits === 64));
  if (!supported) {
    throw new UnsupportedWavError(
      `WAV encoding ${
        tag === FORMAT_PCM ? "PCM" : tag === FORMAT_FLOAT ? "float" : `0x${tag.toString(16)}`
      } with ${bits} bits per sample is not read by the built-in reader`,
    );
  }
  const frameBytes = bytesPerSample * channels;
  if (format.blockAlign !== frameBytes) {
    throw new AudioFileError(
      "corrupt",
      `fmt chunk: block align ${format.blockAlign} bytes, expected ${frameBytes} ` +
        `(${channels} channels × ${bytesPerSample} bytes)`,
    );
  }
  const frames = Math.floor(dataBytes / frameBytes);
  if (options.mono && channels > 1) {
    return {
      sampleRate: format.sampleRate,
      channels: [mixdownSamples(bytes, view, dataAt, frames, format)],
      codec: codecName(format),
      declaredSeconds: null,
    };
  }
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  const end = dataAt + frames * frameBytes;
  if (tag === FORMAT_FLOAT && bits === 32 && (bytes.byteOffset + dataAt) % 4 === 0) {
    // aligned float32: read directly
    const src = new Float32Array(bytes.buffer, bytes.byteOffset + dataAt, frames * channels);
    for (let c = 0; c < channels; c++) {
      const dst = out[c];
      for (let i = 0, j = c; i < frames; i++, j += channels) dst[i] = src[j];
    }
  } else if (tag === FORMAT_PCM && bits === 16 && (bytes.byteOffset + dataAt) % 2 === 0) {
    const src = new Int16Array(bytes.buffer, bytes.byteOffset + dataAt, frames * channels);
    for (let c = 0; c < channels; c++) {
      const dst = out[c];
      for (let i = 0, j = c; i < frames; i++, j += channels) dst[i] = src[j] / 32768;
    }
  } else {
    let p = dataAt;
    for (let i = 0; p < end; i++) {
      for (let c = 0; c < channels; c++, p += bytesPerSample) {
        let x: number;
        if (tag === FORMAT_FLOAT) {
          x = bits === 32 ? view.getFloat32(p, true) : view.getFloat64(p, true);
        } else if (bits === 8) x = (bytes[p] - 128) / 128;
        else if (bits === 16) x = view.getInt16(p, true) / 32768;
        else if (bits === 24) {
          const v = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16);
          x = ((v << 8) >> 8) / 8388608;
        } else x = view.getInt32(p, true) / 2147483648;
        out[c][i] = x;
      }
    }
  }
  return {
    sampleRate: format.sampleRate,
    channels: out,
    codec: codecName(format),
    declaredSeconds: null,
  };
}
