/**
 * Checking that bytes are a whole MP3 file without decoding it: an optional ID3v2 tag, then MPEG
 * audio frames back to back to the end (an ID3v1 or APE tag may close the file). A download cut
 * short ends inside a frame, which this walk detects; so are bodies that are not MP3 at all (an
 * HTML error page served with status 200).
 *
 * Frame lengths follow ISO/IEC 11172-3 and 13818-3: Layer I `(12·bitrate/rate + padding)·4`,
 * Layer II and MPEG-1 Layer III `144·bitrate/rate + padding`, MPEG-2/2.5 Layer III
 * `72·bitrate/rate + padding` bytes.
 *
 * @example
 * ```ts
 * import { scanMp3 } from "./mp3.ts";
 * const scan = scanMp3(await Deno.readFile("preview.mp3"));
 * if (!scan.ok) console.log(scan.problem); // "truncated: the last frame needs 417 bytes, 120 left"
 * else console.log(scan.frames, scan.seconds.toFixed(1), scan.sampleRate);
 * ```
 * @module
 */

/** What {@link scanMp3} found. */
export interface Mp3Scan {
  /** True when the bytes are a complete MP3 stream. */
  ok: boolean;
  /** Why not, when `ok` is false. */
  problem: string | null;
  /** Number of audio frames. */
  frames: number;
  /** Duration in seconds (frames × samples per frame / sample rate). */
  seconds: number;
  /** Sample rate of the first frame in Hz (0 when none). */
  sampleRate: number;
  /** Bit rate of the first frame in kbit/s (0 when none). */
  bitrateKbps: number;
  /** 1 (mono) or 2, from the first frame (0 when none). */
  channels: number;
}

const BITRATES: Record<string, number[]> = {
  "1-1": [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  "1-2": [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  "1-3": [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  "2-1": [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  "2-2": [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  "2-3": [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, number[]> = {
  1: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  2.5: [11025, 12000, 8000],
};

/** One decoded MPEG audio frame header. */
export interface FrameHeader {
  /** 1, 2 or 2.5. */
  version: number;
  /** 1, 2 or 3. */
  layer: number;
  /** kbit/s. */
  bitrateKbps: number;
  /** Hz. */
  sampleRate: number;
  /** Frame length in bytes, header included. */
  length: number;
  /** PCM samples per channel in the frame. */
  samples: number;
  /** 1 or 2. */
  channels: number;
}

/** Decodes the 4-byte frame header at `offset`, or null when there is none there. */
export function readFrameHeader(bytes: Uint8Array, offset: number): FrameHeader | null {
  if (offset + 4 > bytes.length) return null;
  const b1 = bytes[offset + 1], b2 = bytes[offset + 2], b3 = bytes[offset + 3];
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15) {
    return null; // reserved version or layer, free-format or invalid bit rate
  }
  if (rateIndex === 3) return null;
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
  const layer = 4 - layerBits;
  const bitrateKbps = BITRATES[`${version === 1 ? 1 : 2}-${layer}`][bitrateIndex];
  const sampleRate = SAMPLE_RATES[version][rateIndex];
  const padding = (b2 >> 1) & 1;
  const bitrate = bitrateKbps * 1000;
  let length: number;
  let samples: number;
  if (layer === 1) {
    length = (Math.floor((12 * bitrate) / sampleRate) + padding) * 4;
    samples = 384;
  } else if (layer === 3 && version !== 1) {
    length = Math.floor((72 * bitrate) / sampleRate) + padding;
    samples = 576;
  } else {
    length = Math.floor((144 * bitrate) / sampleRate) + padding;
    samples = 1152;
  }
  return {
    version,
    layer,
    bitrateKbps,
    sampleRate,
    length,
    samples,
    channels: b3 >> 6 === 3 ? 1 : 2,
  };
}

function id3v2Length(bytes: Uint8Array): number {
  if (bytes.length < 10 || bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) return 0;
  const size = ((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) |
    (bytes[9] & 0x7f);
  const footer = (bytes[5] & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

function startsWith(bytes: Uint8Array, offset: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

/** Walks the frames of an MP3 file; see the module documentation. */
export function scanMp3(bytes: Uint8Array): Mp3Scan {
  const result: Mp3Scan = {
    ok: false,
    problem: null,
    frames: 0,
    seconds: 0,
    sampleRate: 0,
    bitrateKbps: 0,
    channels: 0,
  };
  const fail = (problem: string): Mp3Scan => ({ ...result, problem });
  let offset = id3v2Length(bytes);
  if (offset > bytes.length) return fail(`truncated inside the ID3v2 tag (${bytes.length} bytes)`);
  while (offset < bytes.length) {
    const rest = bytes.length - offset;
    if (rest === 128 && startsWith(bytes, offset, "TAG")) break; // ID3v1
    if (startsWith(bytes, offset, "APETAGEX") || startsWith(bytes, offset, "LYRICS200")) break;
    const header = readFrameHeader(bytes, offset);
    if (header === null) {
      if (result.frames === 0) {
        return fail(`not an MP3 stream: no MPEG audio frame at byte ${offset}`);
      }
      if (rest < 4 || bytes.subarray(offset).every((b) => b === 0)) break; // zero padding at the end
      return fail(`unexpected bytes at ${offset} after ${result.frames} frames`);
    }
    if (header.length > rest) {
      return fail(`truncated: the last frame needs ${header.length} bytes, ${rest} left`);
    }
    if (result.frames === 0) {
      result.sampleRate = header.sampleRate;
      result.bitrateKbps = header.bitrateKbps;
      result.channels = header.channels;
    }
    result.frames++;
    result.seconds += header.samples / header.sampleRate;
    offset += header.length;
  }
  if (result.frames === 0) return fail("not an MP3 stream: no audio frame");
  return { ...result, ok: true };
}
