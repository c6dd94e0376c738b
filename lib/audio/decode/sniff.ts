/**
 * Identifies an audio container from its first bytes, independently of the file's name, so a
 * WAV named .mp3 is still decoded and a text file named .mp3 is reported as text.
 *
 * @example
 * ```ts
 * import { sniffFormat } from "./sniff.ts";
 * console.log(sniffFormat(new TextEncoder().encode("OggS\0…")).format); // "ogg"
 * console.log(sniffFormat(new TextEncoder().encode("hello")).format);   // "text"
 * ```
 * @module
 */

/** Containers and non-audio contents that can be told apart from the first bytes. */
export type SniffedFormat =
  | "wav"
  | "rf64"
  | "aiff"
  | "mp3"
  | "aac"
  | "ogg"
  | "flac"
  | "mp4"
  | "matroska"
  | "caf"
  | "au"
  | "empty"
  | "text"
  | "image"
  | "archive"
  | "unknown";

/** Whether the format is an audio container (possibly decodable). */
export function isAudioFormat(format: SniffedFormat): boolean {
  return !["empty", "text", "image", "archive", "unknown"].includes(format);
}

/** The format a file name's extension promises, or null for an unknown extension. */
export function formatFromName(name: string): SniffedFormat | null {
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";
  const map: Record<string, SniffedFormat> = {
    wav: "wav",
    wave: "wav",
    aif: "aiff",
    aiff: "aiff",
    aifc: "aiff",
    mp3: "mp3",
    aac: "aac",
    ogg: "ogg",
    oga: "ogg",
    opus: "ogg",
    flac: "flac",
    m4a: "mp4",
    mp4: "mp4",
    mka: "matroska",
    webm: "matroska",
    caf: "caf",
    au: "au",
    snd: "au",
  };
  return map[ext] ?? null;
}

const ascii = (b: Uint8Array, at: number, text: string) => {
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** Whether the bytes look like text: no NUL, and (almost) only printable ASCII or UTF-8. */
function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 1024);
  let printable = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) return false;
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 0xc2) printable++;
  }
  return printable >= 0.95 * n;
}

/** The first characters of a text file, for an error message. */
export function textPreview(b: Uint8Array, max = 40): string {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(b.subarray(0, 4 * max))
    .replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The container (or non-audio content) of a file from its first bytes (≥ 12 needed, 1024 used).
 *
 * @param head the file's first bytes
 * @returns the format and a short description for messages
 */
export function sniffFormat(head: Uint8Array): { format: SniffedFormat; description: string } {
  const b = head;
  const r = (format: SniffedFormat, description: string) => ({ format, description });
  if (b.length === 0) return r("empty", "an empty file");
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) return r("wav", "a RIFF/WAVE file");
  if ((ascii(b, 0, "RF64") || ascii(b, 0, "BW64")) && ascii(b, 8, "WAVE")) {
    return r("rf64", "an RF64 WAVE file");
  }
  if (ascii(b, 0, "FORM") && (ascii(b, 8, "AIFF") || ascii(b, 8, "AIFC"))) {
    return r("aiff", "an AIFF file");
  }
  if (ascii(b, 0, "OggS")) return r("ogg", "an Ogg file");
  if (ascii(b, 0, "fLaC")) return r("flac", "a FLAC file");
  if (ascii(b, 0, "ID3")) return r("mp3", "an MP3 file (ID3 tag)");
  if (ascii(b, 4, "ftyp")) return r("mp4", "an MP4/M4A file");
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    return r("matroska", "a Matroska/WebM file");
  }
  if (ascii(b, 0, "caff")) return r("caf", "a Core Audio file");
  if (ascii(b, 0, ".snd")) return r("au", "a Sun AU file");
  if (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0) {
    const layer = (b[1] >> 1) & 3;
    if (layer === 0 && (b[1] & 0xf0) === 0xf0) return r("aac", "an AAC (ADTS) stream");
    if (layer !== 0) return r("mp3", "an MPEG audio stream");
  }
  if (
    (b[0] === 0x89 && ascii(b, 1, "PNG")) || (b[0] === 0xff && b[1] === 0xd8) ||
    ascii(b, 0, "GIF8")
  ) return r("image", "an image");
  if (ascii(b, 0, "PK\x03\x04") || (b[0] === 0x1f && b[1] === 0x8b)) {
    return r("archive", "an archive (zip/gzip)");
  }
  if (looksLikeText(b)) {
    const t = textPreview(b).toLowerCase();
    if (t.startsWith("<!doctype html") || t.startsWith("<html")) return r("text", "an HTML page");
    return r("text", "text");
  }
  return r("unknown", "no known audio signature");
}
