/**
 * Names and the ids derived from them, for files without id columns: {@link normaliseName},
 * {@link artistIdFromName}, {@link trackIdFromNames}, and {@link splitArtists} for multi-artist
 * fields.
 *
 * @example
 * ```ts
 * import { artistIdFromName, splitArtists, trackIdFromNames } from "./names.ts";
 * const artists = splitArtists("Latto, Jung Kook", ", "); // ["Latto", "Jung Kook"]
 * artistIdFromName(artists[0]); // "name:latto"
 * trackIdFromNames(artists, "Seven"); // "name:latto, jung kook|seven"
 * ```
 * @module
 */
/**
 * The form of a name used in ids: Unicode NFKC, trimmed, inner whitespace collapsed to one space,
 * lower case. Accents and punctuation are kept (`Beyoncé` ≠ `Beyonce`): merging those would
 * merge distinct artists more often than it repairs spellings.
 *
 * @example
 * ```ts
 * import { normaliseName } from "./names.ts";
 * normaliseName("  Tegan  And Sara "); // "tegan and sara"
 * ```
 */
export function normaliseName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * The artist id of a file that has no artist id column: `name:` + {@link normaliseName} of the
 * artist's name. Spellings that differ only in case or spacing ("Tegan And Sara", "Tegan and
 * Sara") become one artist; two different artists who share a name become one too.
 *
 * @example
 * ```ts
 * import { artistIdFromName } from "./names.ts";
 * artistIdFromName("Tegan And Sara"); // "name:tegan and sara"
 * ```
 */
export function artistIdFromName(name: string): string {
  return `name:${normaliseName(name)}`;
}

/**
 * The track id of a file that has no track id column: `name:` + the normalised credited artists
 * joined by `, ` + `|` + the normalised title. Two rows with the same artists and title get the
 * same id and are then handled as duplicates (see {@link ImportCsvOptions.duplicateIds}).
 *
 * @example
 * ```ts
 * import { trackIdFromNames } from "./names.ts";
 * trackIdFromNames(["Latto", "Jung Kook"], "Seven"); // "name:latto, jung kook|seven"
 * ```
 */
export function trackIdFromNames(artists: readonly string[], title: string): string {
  return `name:${artists.map(normaliseName).join(", ")}|${normaliseName(title)}`;
}

/**
 * Splits a multi-artist field into the credited artists, in order; the first is the primary
 * artist, who owns the track in the artists table. Names listed in `keepTogether` (e.g.
 * `"Tyler, The Creator"`) are never split even though they contain the separator.
 *
 * @example
 * ```ts
 * import { splitArtists } from "./names.ts";
 * splitArtists("Latto, Jung Kook", ", "); // ["Latto", "Jung Kook"]
 * splitArtists("Tyler, The Creator, Kali Uchis", ", ", ["Tyler, The Creator"]);
 * // ["Tyler, The Creator", "Kali Uchis"]
 * ```
 */
export function splitArtists(
  field: string,
  separator: string | RegExp,
  keepTogether: readonly string[] = [],
): string[] {
  let text = field;
  const held: string[] = [];
  for (const name of keepTogether) {
    if (!text.includes(name)) continue;
    text = text.split(name).join(`\ue000${held.length}\ue001`);
    held.push(name);
  }
  return text.split(separator)
    .map((part) => part.replace(/\ue000(\d+)\ue001/g, (_, k: string) => held[Number(k)]).trim())
    .filter((part) => part.length > 0);
}
