/**
 * Normalised titles and artist names, so that the same recording matches across providers, file
 * names and tags: Unicode compatibility form without diacritics, lower case, version notes
 * removed (`(Remastered 2011)`, `[Live]`, `- Radio Edit`, `feat. …`), `&` read as `and`,
 * punctuation dropped, spaces collapsed. ISRCs are upper-cased without separators.
 *
 * @example
 * ```ts
 * import { normalizeArtist, normalizeIsrc, normalizeTitle } from "./normalize.ts";
 * console.log(normalizeTitle("One More Time (Radio Edit)")); // "one more time"
 * console.log(normalizeTitle("Formidable - Live")); // "formidable"
 * console.log(normalizeArtist("The Beatles")); // "beatles"
 * console.log(normalizeIsrc("gb-duw-00-00059")); // "GBDUW0000059"
 * ```
 * @module
 */

/** Words that mark a version of a recording when they open a bracket or follow ` - `. */
const VERSION_WORDS = [
  "remaster",
  "remastered",
  "radio edit",
  "edit",
  "live",
  "version",
  "mix",
  "remix",
  "mono",
  "stereo",
  "acoustic",
  "demo",
  "instrumental",
  "extended",
  "single",
  "album",
  "original",
  "bonus",
  "deluxe",
  "explicit",
  "clean",
  "feat",
  "featuring",
  "ft",
  "with",
  "from",
  "edition",
] as const;

const VERSION = VERSION_WORDS.join("|");
/** A bracketed note that mentions a version word anywhere inside it. */
const BRACKETED = new RegExp(`[\\(\\[][^\\)\\]]*\\b(${VERSION})\\b[^\\)\\]]*[\\)\\]]`, "gi");
/** A ` - …` suffix that mentions a version word. */
const DASH_SUFFIX = new RegExp(`\\s[-–—]\\s.*\\b(${VERSION})\\b.*$`, "i");
/** A featuring credit outside brackets. */
const FEATURING = /\s+(feat\.?|featuring|ft\.)\s+.*$/i;

/** Lower case, no diacritics, `&` → and, punctuation → space, spaces collapsed. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/\s+/g, " ");
}

/** A title without version notes, folded (see the module documentation). */
export function normalizeTitle(title: string): string {
  const bare = title.replace(BRACKETED, " ").replace(DASH_SUFFIX, "").replace(FEATURING, "");
  const folded = foldText(bare);
  return folded || foldText(title);
}

/** An artist name folded, without a leading "the" and without featured artists. */
export function normalizeArtist(name: string): string {
  const folded = foldText(name.replace(FEATURING, ""));
  return folded.replace(/^the /, "") || folded;
}

/** An ISRC in its 12-character form (upper case, no separators), or null when it is not one. */
export function normalizeIsrc(isrc: string | null | undefined): string | null {
  if (!isrc) return null;
  const compact = isrc.replace(/[\s-]/g, "").toUpperCase();
  return /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/.test(compact) ? compact : null;
}
