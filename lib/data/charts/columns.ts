/**
 * The columns of a daily chart file in the Spotify Charts layout, recognised by name whatever the
 * export: spotifycharts.com's daily CSVs (`Position,Track Name,Artist,Streams,URL`, a note line
 * above the header), the long Kaggle file (`… ,Date,Region`), charts.spotify.com's downloads
 * (`rank,uri,artist_names,track_name,…,streams`) and files with a plain `id` column.
 *
 * @example
 * ```ts
 * import { resolveChartColumns } from "./columns.ts";
 * const columns = resolveChartColumns(["Position", "Track Name", "Artist", "Streams", "URL"]);
 * console.log(columns?.streams, columns?.url, columns?.date); // 3 4 null
 * ```
 * @module
 */

/** The fields of a chart row the importer reads. */
export type ChartField =
  | "position"
  | "trackName"
  | "artist"
  | "streams"
  | "url"
  | "id"
  | "date"
  | "region"
  | "chart";

/**
 * Accepted header names per field, compared after lower-casing and turning spaces and dashes
 * into underscores (`Track Name` → `track_name`).
 */
const CHART_COLUMN_ALIASES: Readonly<Record<ChartField, readonly string[]>> = {
  position: ["position", "rank", "pos"],
  trackName: ["track_name", "title", "name", "track"],
  artist: ["artist", "artists", "artist_names", "artist_name"],
  streams: ["streams", "stream_count"],
  url: ["url", "uri", "track_url", "spotify_url", "track_uri"],
  id: ["id", "track_id", "spotify_id", "trackid"],
  date: ["date", "day"],
  region: ["region", "country"],
  chart: ["chart"],
};

/** Column index of every field in a header; null where the file has no such column. */
export type ChartColumns = Record<ChartField, number | null>;

/** Columns of a header that {@link resolveChartColumns} accepted: position and streams are there. */
export type ResolvedChartColumns = ChartColumns & { position: number; streams: number };

/** A header name in the form the aliases use. */
export function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/**
 * Finds each field's column in a header. Returns null when the header lacks what every chart
 * file has — a position (or rank), a streams column and a track reference (a URL/URI or an id)
 * — so callers can tell a header line from a note line above it.
 *
 * @param header the header's fields as written
 */
export function resolveChartColumns(header: readonly string[]): ResolvedChartColumns | null {
  const names = header.map(normaliseHeader);
  const find = (field: ChartField): number | null => {
    for (const alias of CHART_COLUMN_ALIASES[field]) {
      const i = names.indexOf(alias);
      if (i >= 0) return i;
    }
    return null;
  };
  const columns = Object.fromEntries(
    (Object.keys(CHART_COLUMN_ALIASES) as ChartField[]).map((f) => [f, find(f)]),
  ) as ChartColumns;
  if (columns.position === null || columns.streams === null) return null;
  if (columns.url === null && columns.id === null) return null;
  return columns as ResolvedChartColumns;
}

/** What {@link resolveChartColumns} needs, in words, for error messages. */
export const REQUIRED_CHART_COLUMNS =
  "a position (Position or rank), Streams, and a track URL/URI (URL, uri) or id column";
