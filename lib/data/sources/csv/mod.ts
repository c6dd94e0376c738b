/**
 * Reading any CSV file into a {@link Dataset}: byte decoding ({@link decodeText}), an RFC 4180
 * parser that keeps every malformed row with its line ({@link parseCsv}), and a zod-checked column
 * mapping from the file's columns to the canonical artist and track tables ({@link importCsv}).
 *
 * Nothing is dropped without a trace: a row with the wrong number of fields, an ill-typed or
 * out-of-range value, a duplicate track id and an artist whose values differ between rows are all
 * reported — in `Dataset.issues` (row excluded or value nulled, with the file's line) or in the
 * side tables `duplicate_ids` and `artist_conflicts` of `Dataset.tables`.
 *
 * - {@link importCsv} (import.ts) — files to a `Dataset`; {@link buildDataset} (build.ts) — the
 *   same from decoded texts.
 * - {@link CsvMappingSchema}, {@link validateMapping} (mapping.ts) — the column mapping;
 *   {@link describeMappingIssues} (mapping_issues.ts) — its problems in words.
 * - {@link readMappingFile}, {@link importMappedCsv} (mapping_file.ts) — a mapping kept in a JSON
 *   file, shaped like a preset's, so that any table imports without code.
 * - {@link decodeText} (decode.ts), {@link parseCsv} (parse.ts) — bytes to text to rows.
 * - {@link normaliseName}, {@link artistIdFromName}, {@link trackIdFromNames},
 *   {@link splitArtists} (names.ts) — ids derived from names.
 * - {@link CsvParseError}, {@link CsvMappingError}, {@link MissingColumnError},
 *   {@link MappingFileError}, {@link CsvFileError} (errors.ts).
 *
 * The other files (values, fields, release_date, plan, bind, read_row, issue_log, duplicate_ids,
 * artists, side_tables) are the import's internals and are not exported here.
 *
 * @example
 * ```ts
 * import { importCsv } from "./mod.ts";
 * const dataset = await importCsv("songs.csv", {
 *   tracks: { track_name: "title", track_popularity: "popularity", tempo: "bpm" },
 *   artist: { name: "artist" },
 *   target: { column: "track_popularity", kind: "regression", threshold: 50 },
 * });
 * console.log(dataset.tracks.height, dataset.issues.length);
 * ```
 * @module
 */
export * from "./build.ts";
export * from "./decode.ts";
export * from "./errors.ts";
export * from "./import.ts";
export * from "./mapping.ts";
export * from "./mapping_file.ts";
export * from "./mapping_issues.ts";
export * from "./names.ts";
export * from "./parse.ts";
