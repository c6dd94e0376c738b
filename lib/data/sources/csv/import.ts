/**
 * Reading one or more CSV files into one {@link Dataset} through a column mapping
 * ({@link importCsv}): the files are read, decoded (decode.ts) and handed to `buildDataset`
 * (build.ts).
 *
 * @example
 * ```ts
 * import { importCsv } from "./import.ts";
 * const dataset = await importCsv("songs.csv", {
 *   tracks: { track_name: "title", track_popularity: "popularity", tempo: "bpm" },
 *   artist: { name: "artist" },
 *   target: { column: "track_popularity", kind: "regression", threshold: 50 },
 * });
 * console.log(dataset.tracks.height, dataset.issues.length);
 * ```
 * @module
 */
import type { Dataset } from "../../dataset.ts";
import { buildDataset, type CsvSource, type ImportCsvOptions } from "./build.ts";
import { decodeText } from "./decode.ts";
import { CsvFileError } from "./errors.ts";
import { type CsvMapping, validateMapping } from "./mapping.ts";

/**
 * Reads one or more CSV files (same columns, or at least every mapped column) into one
 * {@link Dataset} through a column mapping. Files are decoded by {@link decodeText} and parsed by
 * {@link parseCsv}.
 *
 * The mapping ({@link CsvMappingSchema}, validated with zod) says, for each canonical column of
 * the tracks table, which source column feeds it — a column name (read by the canonical column's
 * type), `{ column, parse, thousands, scale, values }`, or `{ compute: (row) => value, columns }`
 * — plus the extras to keep, the release date (`{ year, month, day }` columns or one ISO column),
 * how artists are derived and the target.
 *
 * Rules, so that nothing is lost without a trace:
 * - Missing values (empty fields) are null and not reported. `track_id`, `track_name`, the artist
 *   and the target are required: a row missing one, or holding an ill-typed or out-of-range value
 *   there, is excluded — a DataIssue with the file's line, the source column and the reason,
 *   action `excluded`. A field marked `required: true` behaves the same.
 * - Any other ill-typed or out-of-range value (ranges of lib/data/schema.ts: popularity 0–100,
 *   key −1–11, …; `min`/`max` for extras; 0/1 for a binary target) is set to null and reported,
 *   action `nulled`. Malformed CSV rows are excluded and reported.
 * - Artists: the name field may list several artists (`separator`, or a computed field returning
 *   a list); the first is the primary artist and owns the track. Without an id column the artist
 *   id is {@link artistIdFromName} (`name:` + normalised name). The artists table has one row per
 *   primary artist id, named by its first spelling; popularity and followers are the maximum over
 *   the artist's rows and genre the first one given — every artist whose rows disagree is listed
 *   in `tables.artist_conflicts` (id, column, kept value, all values).
 * - Without a track id column the id is {@link trackIdFromNames}. Duplicate ids: see
 *   {@link ImportCsvOptions.duplicateIds}.
 * - Boolean extras are stored as 1/0. Columns not mapped are dropped and named in `source`.
 *
 * @throws {CsvFileError} when a file cannot be read; {@link CsvMappingError} for an invalid
 *   mapping; {@link MissingColumnError} when a file lacks a mapped column (naming it and listing the
 *   columns found); {@link CsvParseError} for a file without header.
 * @example
 * ```ts
 * import { importCsv } from "./import.ts";
 * const dataset = await importCsv(["a.csv", "b.csv"], {
 *   tracks: {
 *     track_name: "title",
 *     danceability: { column: "danceability_%", scale: 0.01 },
 *     mode: { column: "mode", values: { Major: 1, Minor: 0 } },
 *   },
 *   artist: { name: "artists", separator: ", " },
 *   releaseDate: { year: "year", month: "month", day: "day" },
 *   extras: { streams: { column: "streams", parse: "integer" } },
 *   target: { column: "streams", kind: "regression" },
 * });
 * for (const issue of dataset.issues) console.log(issue.row, issue.column, issue.reason);
 * ```
 */
export async function importCsv(
  paths: string | readonly string[],
  mapping: CsvMapping,
  options: ImportCsvOptions = {},
): Promise<Dataset> {
  validateMapping(mapping);
  const list = typeof paths === "string" ? [paths] : paths;
  const sources = await Promise.all(list.map(async (path): Promise<CsvSource> => {
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(path);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new CsvFileError(`expected a readable CSV file at ${path}; found ${reason}`);
    }
    const { text, encoding } = decodeText(bytes);
    return { path, text, encoding };
  }));
  return buildDataset(sources, mapping, options);
}
