/**
 * Completeness of an Ogg file: a complete Ogg stream ends with a page that carries the
 * end-of-stream flag and ends exactly at the end of the file. A download or copy cut short
 * loses that page, which ffmpeg does not report.
 *
 * @example
 * ```ts
 * import { oggTruncation } from "./ogg.ts";
 * console.log(oggTruncation(await Deno.readFile("song.ogg"))); // null when complete
 * ```
 * @module
 */

/**
 * Why an Ogg file looks truncated, or null when its last page is complete and flagged
 * end-of-stream.
 *
 * @param bytes the whole file
 */
export function oggTruncation(bytes: Uint8Array): string | null {
  const n = bytes.length;
  // a page is at most 27 + 255 + 255·255 bytes: the last one starts within that distance
  const from = Math.max(0, n - (27 + 255 + 255 * 255));
  let lastStart = -1;
  for (let i = n - 27; i >= from; i--) {
    if (
      bytes[i] === 0x4f && bytes[i + 1] === 0x67 && bytes[i + 2] === 0x67 &&
      bytes[i + 3] === 0x53 && bytes[i + 4] === 0
    ) {
      const segments = bytes[i + 26];
      if (i + 27 + segments > n) {
        if (lastStart < 0) lastStart = i;
        continue;
      }
      let size = 27 + segments;
      for (let s = 0; s < segments; s++) size += bytes[i + 27 + s];
      if (i + size === n) {
        return (bytes[i + 5] & 0x04) !== 0
          ? null
          : "truncated: the last Ogg page is not flagged end-of-stream (the file was cut short)";
      }
      if (lastStart < 0) lastStart = i;
    }
  }
  return lastStart >= 0
    ? `truncated: the last Ogg page (at byte ${lastStart}) runs past the end of the file`
    : "truncated: no complete Ogg page at the end of the file";
}
