/**
 * What a local audio file says about itself, without decoding it: the title, artist and ISRC of
 * its tags (ID3v2.2–2.4 in MP3, Vorbis comments in FLAC and Ogg Vorbis), and, failing that, of
 * its file name (`Artist - Title.mp3`, a leading track number dropped, an ISRC anywhere in it).
 *
 * @example
 * ```ts
 * import { parseAudioFileName, readAudioTags } from "./tags.ts";
 * console.log(parseAudioFileName("03 - Daft Punk - Digital Love.mp3"));
 * // { artist: "Daft Punk", title: "Digital Love", isrc: null }
 * const tags = readAudioTags(await Deno.readFile("song.flac"));
 * ```
 * @module
 */
import { normalizeIsrc } from "./normalize.ts";

/** Title, artist and ISRC as found; null where absent. */
export interface AudioTags {
  /** The title tag (ID3 `TIT2`, Vorbis `TITLE`…); null when absent. */
  title: string | null;
  /** The artist tag (ID3 `TPE1`, Vorbis `ARTIST`…); null when absent. */
  artist: string | null;
  /** The ISRC tag, normalised to 12 characters (upper case, no separators); null when absent or malformed. */
  isrc: string | null;
}

const EMPTY: AudioTags = { title: null, artist: null, isrc: null };

function decodeText(bytes: Uint8Array, encoding: number): string {
  const label = encoding === 0 ? "latin1" : encoding === 1
    ? "utf-16" // with BOM
    : encoding === 2
    ? "utf-16be"
    : "utf-8";
  // The first value of a multi-value frame; NULs end it.
  return new TextDecoder(label).decode(bytes).split("\u0000")[0].trim();
}

function syncsafe(bytes: Uint8Array, at: number): number {
  return ((bytes[at] & 0x7f) << 21) | ((bytes[at + 1] & 0x7f) << 14) |
    ((bytes[at + 2] & 0x7f) << 7) | (bytes[at + 3] & 0x7f);
}

/** Title, artist and ISRC of an ID3v2 tag at the start of `bytes`; nulls when there is none. */
function readId3v2(bytes: Uint8Array): AudioTags {
  if (bytes.length < 10 || bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) {
    return EMPTY;
  }
  const major = bytes[3];
  const flags = bytes[5];
  const end = Math.min(bytes.length, 10 + syncsafe(bytes, 6));
  let at = 10;
  if (flags & 0x40 && major >= 3) {
    at += major === 4
      ? syncsafe(bytes, 10)
      : 4 + new DataView(bytes.buffer, bytes.byteOffset + 10, 4).getUint32(0);
  }
  const idLength = major === 2 ? 3 : 4;
  const headerLength = major === 2 ? 6 : 10;
  const names: Record<string, keyof AudioTags> = major === 2
    ? { TT2: "title", TP1: "artist", TRC: "isrc" }
    : { TIT2: "title", TPE1: "artist", TSRC: "isrc" };
  const tags: AudioTags = { ...EMPTY };
  while (at + headerLength <= end) {
    const id = String.fromCharCode(...bytes.subarray(at, at + idLength));
    if (!/^[A-Z0-9]+$/.test(id)) break; // padding
    const size = major === 2
      ? (bytes[at + 3] << 16) | (bytes[at + 4] << 8) | bytes[at + 5]
      : major === 4
      ? syncsafe(bytes, at + 4)
      : new DataView(bytes.buffer, bytes.byteOffset + at + 4, 4).getUint32(0);
    const body = bytes.subarray(at + headerLength, Math.min(end, at + headerLength + size));
    const field = names[id];
    if (field && body.length > 1) tags[field] = decodeText(body.subarray(1), body[0]) || null;
    at += headerLength + size;
  }
  tags.isrc = normalizeIsrc(tags.isrc);
  return tags;
}

/** Title, artist and ISRC of a Vorbis comment block (as in FLAC and Ogg Vorbis) at `at`. */
export function readVorbisComment(bytes: Uint8Array, at: number): AudioTags {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const tags: AudioTags = { ...EMPTY };
  try {
    let p = at;
    p += 4 + view.getUint32(p, true); // vendor string
    const count = view.getUint32(p, true);
    p += 4;
    for (let i = 0; i < count && p + 4 <= bytes.length; i++) {
      const length = view.getUint32(p, true);
      const text = new TextDecoder().decode(bytes.subarray(p + 4, p + 4 + length));
      p += 4 + length;
      const eq = text.indexOf("=");
      const key = text.slice(0, eq).toUpperCase();
      const value = text.slice(eq + 1).trim() || null;
      if (key === "TITLE") tags.title ??= value;
      else if (key === "ARTIST") tags.artist ??= value;
      else if (key === "ISRC") tags.isrc ??= value;
    }
  } catch { /* a block cut short: keep what was read */ }
  tags.isrc = normalizeIsrc(tags.isrc);
  return tags;
}

function readFlac(bytes: Uint8Array): AudioTags {
  let at = 4;
  while (at + 4 <= bytes.length) {
    const type = bytes[at] & 0x7f;
    const last = (bytes[at] & 0x80) !== 0;
    const length = (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
    if (type === 4) return readVorbisComment(bytes, at + 4);
    if (last) break;
    at += 4 + length;
  }
  return EMPTY;
}

function indexOf(bytes: Uint8Array, pattern: number[], limit: number): number {
  outer: for (let i = 0; i + pattern.length <= Math.min(bytes.length, limit); i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

/** The tags of an MP3 (ID3v2), FLAC or Ogg Vorbis file's bytes; nulls when none are found. */
export function readAudioTags(bytes: Uint8Array): AudioTags {
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) return readId3v2(bytes);
  if (bytes[0] === 0x66 && bytes[1] === 0x4c && bytes[2] === 0x61 && bytes[3] === 0x43) {
    return readFlac(bytes);
  }
  if (bytes[0] === 0x4f && bytes[1] === 0x67 && bytes[2] === 0x67 && bytes[3] === 0x53) {
    // "\x03vorbis": the comment header, within the first pages
    const at = indexOf(bytes, [3, 0x76, 0x6f, 0x72, 0x62, 0x69, 0x73], 1 << 16);
    if (at >= 0) return readVorbisComment(bytes, at + 7);
  }
  return EMPTY;
}

/** Artist, title and ISRC read from a file name (see the module documentation). */
export function parseAudioFileName(fileName: string): AudioTags {
  const stem = fileName.replace(/^.*\//, "").replace(/\.[A-Za-z0-9]{2,5}$/, "");
  const isrcMatch = stem.match(
    /(?:^|[^A-Za-z0-9])([A-Za-z]{2}-?[A-Za-z0-9]{3}-?\d{2}-?\d{5})(?=$|[^A-Za-z0-9])/,
  );
  const isrc = normalizeIsrc(isrcMatch?.[1] ?? null);
  let text = stem.replace(/_/g, " ");
  if (isrcMatch) text = text.replace(isrcMatch[1], " ");
  text = text.replace(/[\[\(]\s*[\]\)]/g, " ").replace(/^\s*\d{1,3}\s*(?:[-.]\s+|\s+)/, "").trim();
  const parts = text.split(/\s+[-–—]\s+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length >= 2) {
    return { artist: parts[0], title: parts.slice(1).join(" - "), isrc };
  }
  return { artist: null, title: parts[0] ?? null, isrc };
}
