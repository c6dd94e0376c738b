/**
 * Track ids from the ways chart files give them: an open.spotify.com URL
 * (`https://open.spotify.com/track/<id>`, possibly with `?si=…` or a locale segment such as
 * `/intl-de/`), a URI (`spotify:track:<id>`) or an id column.
 *
 * @example
 * ```ts
 * import { chartTrackId } from "./track_id.ts";
 * chartTrackId("https://open.spotify.com/track/7qiZfU4dY1lWllzX7mPBI3?si=x", "url"); // "7qiZfU4dY1lWllzX7mPBI3"
 * chartTrackId("spotify:track:7qiZfU4dY1lWllzX7mPBI3", "url"); // "7qiZfU4dY1lWllzX7mPBI3"
 * chartTrackId("demo-t00001", "id"); // "demo-t00001"
 * chartTrackId("not a url", "url"); // null
 * ```
 * @module
 */

/** A Spotify id: 22 characters of base 62. */
const SPOTIFY_ID = /^[A-Za-z0-9]{22}$/;
const URL_ID = /^https?:\/\/open\.spotify\.com\/(?:[\w-]+\/)?track\/([A-Za-z0-9]+)\/?(?:[?#].*)?$/;
const URI_ID = /^spotify:track:([A-Za-z0-9]+)$/;
/** An id column's value: one token of letters, digits and `_ . : -`. */
const ID_TOKEN = /^[\w.:-]+$/;

/**
 * The track id in a chart file's URL/URI field or id field, or null when the text is not one.
 * A URL column accepts an open.spotify.com track URL, a `spotify:track:` URI or a bare 22-character
 * Spotify id; an id column accepts those and any single token (`demo-t00001`).
 *
 * @param text the field as written (surrounding spaces ignored)
 * @param kind which column the field comes from
 */
export function chartTrackId(text: string, kind: "url" | "id"): string | null {
  const value = text.trim();
  const match = URL_ID.exec(value) ?? URI_ID.exec(value);
  if (match) return match[1];
  if (SPOTIFY_ID.test(value)) return value;
  return kind === "id" && ID_TOKEN.test(value) ? value : null;
}
