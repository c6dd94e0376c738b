/**
 * The artist list of a collection: one artist per line of a text file (`#` starts a comment) or
 * per `;`-separated item of a configuration value. An item is a name to search for, or a
 * provider id written `id:27`, a provider URL (`https://www.deezer.com/artist/27`,
 * `https://open.spotify.com/artist/4tZwfgrHOc3mvqYlEYSvVi`) or a Spotify URI
 * (`spotify:artist:4tZwfgrHOc3mvqYlEYSvVi`). A name alone is never read as an id, so a band
 * called "311" is searched for by name.
 *
 * @example
 * ```ts
 * import { parseArtistList } from "./artists.ts";
 * const refs = parseArtistList("Daft Punk; id:27\n# a comment\nhttps://www.deezer.com/fr/artist/75798");
 * console.log(refs.map((r) => r.id ?? r.name)); // ["Daft Punk", "27", "75798"]
 * ```
 * @module
 */
import type { ArtistRef } from "./provider.ts";

/** Raised when an artist list file cannot be read; names the file. */
export class ArtistListError extends Error {
  /** Creates the error; `message` names the file and what is wrong in it. */
  constructor(message: string) {
    super(message);
    this.name = "ArtistListError";
  }
}

const URL_ID =
  /^https?:\/\/(?:www\.)?(?:deezer\.com(?:\/[a-z]{2})?|open\.spotify\.com(?:\/intl-[a-z-]+)?)\/artist\/([A-Za-z0-9]+)/i;

/** Reads one item; null for blanks and comments. */
function parseArtistRef(item: string): ArtistRef | null {
  const query = item.replace(/#.*$/, "").trim();
  if (!query) return null;
  const prefixed = query.match(/^id:\s*(\S+)$/i);
  if (prefixed) return { query, id: prefixed[1], name: null };
  const fromUrl = query.match(URL_ID);
  if (fromUrl) return { query, id: fromUrl[1], name: null };
  const uri = query.match(/^spotify:artist:([A-Za-z0-9]+)$/);
  if (uri) return { query, id: uri[1], name: null };
  return { query, id: null, name: query };
}

/**
 * The artists of a list text, split on new lines and `;`, in order, without repeats (the same
 * line twice, compared case-insensitively).
 */
export function parseArtistList(text: string): ArtistRef[] {
  const seen = new Set<string>();
  const refs: ArtistRef[] = [];
  for (const line of text.split(/\r?\n/)) {
    for (const item of line.replace(/#.*$/, "").split(";")) {
      const ref = parseArtistRef(item);
      if (!ref) continue;
      const key = ref.query.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      refs.push(ref);
    }
  }
  return refs;
}

/** Options of {@link readArtistList}. */
export interface ArtistListOptions {
  /** `;`-separated items (a configuration value); default none. */
  artists?: string;
  /** A text file with one item per line, read first; default none. */
  file?: string | null;
}

/**
 * The artists of a file followed by those of a `;`-separated value, without repeats.
 *
 * @throws {ArtistListError} when the file cannot be read
 */
export async function readArtistList(options: ArtistListOptions): Promise<ArtistRef[]> {
  let text = "";
  if (options.file) {
    try {
      text = await Deno.readTextFile(options.file);
    } catch (error) {
      throw new ArtistListError(
        `expected a readable artist list at ${options.file}; found ${
          error instanceof Deno.errors.NotFound ? "no such file" : String(error)
        }`,
      );
    }
  }
  return parseArtistList(`${text}\n${(options.artists ?? "").split(";").join("\n")}`);
}
