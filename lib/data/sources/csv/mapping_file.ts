/**
 * A column mapping kept in a JSON file ({@link readMappingFile}), so that any table imports
 * without code: the file holds exactly the object a preset's `mapping()` returns (see
 * ../presets.ts), checked by the same zod schema ({@link CsvMappingSchema}). Only what JSON can
 * express is possible there: column names, `{ column, parse, thousands, scale, values, required,
 * min, max }`, `releaseDate`, `extras`, `sideTables` with a list of columns, a text `separator`
 * and the target; computed fields (`compute`) and pattern separators need a preset written in code.
 *
 * {@link importMappedCsv} imports a CSV through such a file; every failure names the file and the
 * place in it: a missing file, text that is not JSON, a key or value the schema rejects
 * (`tracks.danceability.scale: expected number, found "x"`), and a mapped column the CSV lacks.
 *
 * @example
 * ```ts
 * import { importMappedCsv } from "./mapping_file.ts";
 * // top10s.json: {
 * //   "tracks": { "track_name": "title", "track_popularity": "pop",
 * //               "danceability": { "column": "dnce", "scale": 0.01 } },
 * //   "artist": { "name": "artist", "genre": "top genre" },
 * //   "target": { "column": "track_popularity", "kind": "regression", "threshold": 50 }
 * // }
 * const dataset = await importMappedCsv("top10s.csv", "top10s.json");
 * console.log(dataset.tracks.height, dataset.issues.length);
 * ```
 * @module
 */
import type { Dataset } from "../../dataset.ts";
import type { ImportCsvOptions } from "./build.ts";
import { MappingFileError, MissingColumnError } from "./errors.ts";
import { importCsv } from "./import.ts";
import { CsvMappingSchema, type ValidCsvMapping } from "./mapping.ts";
import { describeMappingIssues, formatMappingPath } from "./mapping_issues.ts";

/** Places of the mapping that hold a field (a column name or `{ column, … }`). */
function fieldPaths(json: Record<string, unknown>): string[][] {
  const paths: string[][] = [];
  for (const group of ["tracks", "extras"] as const) {
    const fields = json[group];
    if (fields && typeof fields === "object") {
      for (const key of Object.keys(fields)) paths.push([group, key]);
    }
  }
  for (const key of ["name", "id", "popularity", "followers", "genre"]) paths.push(["artist", key]);
  return paths;
}

/** Fields that ask for code, which a JSON file cannot hold: their paths. */
function computedFields(json: unknown): string[][] {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return [];
  return fieldPaths(json as Record<string, unknown>).filter((path) => {
    let node: unknown = json;
    for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
    return node !== null && typeof node === "object" && "compute" in node;
  });
}

function computedProblem(path: string[]): string {
  return `${formatMappingPath([...path, "compute"])}: expected a column name or ` +
    `{ "column": …, "parse": …, "scale": … }, found a computed field; a field computed from ` +
    `the row needs code (a preset in lib/data/sources/presets.ts), not a mapping file`;
}

/**
 * Parses and validates the text of a column-mapping file (JSON, optionally with a UTF-8
 * byte-order mark); `file` names it in errors.
 *
 * @throws {MappingFileError} for text that is not JSON (with the parser's position) or a mapping
 *   the schema rejects (every problem, with its path in the JSON, what was expected and found).
 * @example
 * ```ts
 * import { parseMappingJson } from "./mapping_file.ts";
 * const mapping = parseMappingJson(
 *   `{"tracks": {"track_name": "title"}, "artist": {"name": "artist"},
 *     "target": {"column": "track_name", "kind": "regression"}}`,
 *   "songs.json",
 * );
 * console.log(mapping.target.threshold); // null
 * ```
 */
export function parseMappingJson(text: string, file: string): ValidCsvMapping {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MappingFileError(file, [
      `expected a JSON object (a column mapping); found text that is not JSON: ${
        reason.replace(/\s+/g, " ")
      }`,
    ]);
  }
  const computed = computedFields(json);
  const result = CsvMappingSchema.safeParse(json);
  if (result.success && computed.length === 0) return result.data;
  // zod's complaints about a computed field would only repeat the problem said above them.
  const inside = (path: readonly PropertyKey[]) =>
    computed.some((c) => c.every((key, i) => path[i] === key));
  const issues = (result.error?.issues ?? []).filter((issue) => !inside(issue.path));
  throw new MappingFileError(file, [
    ...computed.map(computedProblem),
    ...describeMappingIssues(issues, json, { schema: CsvMappingSchema }),
  ]);
}

/**
 * Reads and validates a column-mapping JSON file (see the module documentation for its shape).
 *
 * @throws {MappingFileError} for a missing or unreadable file, text that is not UTF-8 or not JSON,
 *   or a mapping the schema rejects.
 * @example
 * ```ts
 * import { readMappingFile } from "./mapping_file.ts";
 * const mapping = await readMappingFile("top10s.json");
 * console.log(Object.keys(mapping.tracks));
 * ```
 */
export async function readMappingFile(path: string): Promise<ValidCsvMapping> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound
      ? "no such file"
      : error instanceof Error
      ? `${error.name}: ${error.message}`
      : String(error);
    throw new MappingFileError(path, [
      `expected a readable JSON column-mapping file; found ${reason}`,
    ]);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new MappingFileError(path, [
      "expected UTF-8 text (JSON files are UTF-8); found bytes that are not UTF-8",
    ]);
  }
  return parseMappingJson(text, path);
}

/**
 * Imports one or more CSV files through the column mapping in a JSON file: {@link readMappingFile}
 * then {@link importCsv} (which documents the import's rules). The dataset's `source` names the
 * mapping file; a mapped column absent from a CSV is reported with the mapping file's name beside
 * the mapping entry.
 *
 * @throws {MappingFileError} for an unusable mapping file; {@link MissingColumnError} when a CSV
 *   lacks a mapped column; the other errors of {@link importCsv}.
 * @example
 * ```ts
 * import { importMappedCsv } from "./mapping_file.ts";
 * const dataset = await importMappedCsv("top10s.csv", "top10s.json", { name: "top10s" });
 * console.log(dataset.source);
 * ```
 */
export async function importMappedCsv(
  paths: string | readonly string[],
  mappingPath: string,
  options: ImportCsvOptions = {},
): Promise<Dataset> {
  const mapping = await readMappingFile(mappingPath);
  const first = typeof paths === "string" ? paths : paths[0] ?? "";
  const name = options.name ?? first.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  const description = options.description ?? `${name} (column mapping ${mappingPath})`;
  try {
    return await importCsv(paths, mapping, { ...options, name, description });
  } catch (error) {
    if (error instanceof MissingColumnError && error.mappingFile === null) {
      throw new MissingColumnError(error.file, [...error.missing], [...error.found], mappingPath);
    }
    throw error;
  }
}
