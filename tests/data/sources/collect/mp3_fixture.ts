/**
 * Small valid MP3 files for tests: silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono;
 * a 4-byte header and a zero payload, which decoders read as silence), optionally behind an
 * ID3v2 tag with title, artist and ISRC frames.
 * @module
 */

/** Bytes of one frame: 144 · 128,000 / 44,100, rounded down. */
export const FRAME_BYTES = 417;
const HEADER = [0xff, 0xfb, 0x90, 0xc4];

/** `frames` silent frames (26 ms each). */
export function silentMp3(frames: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(frames * FRAME_BYTES);
  for (let i = 0; i < frames; i++) out.set(HEADER, i * FRAME_BYTES);
  return out;
}

function syncsafe(n: number): number[] {
  return [(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f];
}

/** An ID3v2.4 tag with UTF-8 text frames (TIT2, TPE1, TSRC) for the given values. */
export function id3v2Tag(
  tags: { title?: string; artist?: string; isrc?: string },
): Uint8Array<ArrayBuffer> {
  const frames: number[] = [];
  for (
    const [id, value] of [["TIT2", tags.title], ["TPE1", tags.artist], ["TSRC", tags.isrc]] as const
  ) {
    if (value === undefined) continue;
    const text = [3, ...new TextEncoder().encode(value)]; // encoding 3 = UTF-8
    frames.push(...new TextEncoder().encode(id), ...syncsafe(text.length), 0, 0, ...text);
  }
  const padding = new Array(16).fill(0);
  const body = [...frames, ...padding];
  return new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, ...syncsafe(body.length), ...body]);
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
