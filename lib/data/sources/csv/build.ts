/**
 * Building a {@link Dataset} from CSV texts already decoded ({@link buildDataset}), the pure core
 * of `importCsv` (import.ts): parse, bind the mapping to each file, read every row, resolve
 * duplicate ids, aggregate artists, build the side tables and say in `source` what was done.
 *
 * @example
 * ```ts
 * import { buildDataset } from "./build.ts";
 * const dataset = buildDataset([{ path: "mem.csv", text: "title,artist,pop\nA,X,70\n" }], {
 *   tracks: { track_name: "title", track_popularity: "pop" },
 *   artist: { name: "artist" },
 *   target: { column: "track_popularity", kind: "regression", threshold: 50 },
 * });
 * console.log(dataset.source); // "mem: mem.csv (1 rows) → 1 tracks, 1 artists, 0 rows excluded, …"
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { artistsFrame, type Dataset, tracksFrame } from "../../dataset.ts";
import { aggregateArtists } from "./artists.ts";
import { bindFile } from "./bind.ts";
import type { TextEncoding } from "./decode.ts";
import { resolveDuplicateIds } from "./duplicate_ids.ts";
import { CsvFileError } from "./errors.ts";
import { IssueLog } from "./issue_log.ts";
import { type CsvMapping, validateMapping } from "./mapping.ts";
import { parseCsv, type ParsedCsv } from "./parse.ts";
import { planRead } from "./plan.ts";
import { ExcludeRow, type KeptRow, readRow } from "./read_row.ts";
import { buildSideTables } from "./side_tables.ts";

/** One decoded CSV file, for {@link buildDataset}. */
export interface CsvSource {
  /** Path or label of the file, used in issues and the dataset's `source`. */
  path: string;
  /** The decoded text. */
  text: string;
  /** How the bytes were decoded, reported in the dataset's `source`. */
  encoding?: TextEncoding;
}

/** Options of {@link importCsv} and {@link buildDataset}. */
export interface ImportCsvOptions {
  /** Dataset name; default: the first file's name without extension. */
  name?: string;
  /** Field separator; default `,`. */
  delimiter?: string;
  /**
   * What happens to a row whose track id was already seen. `suffix` (default) keeps it under
   * `<id>#2`, `<id>#3`, … in file order and lists it in `tables.duplicate_ids` (row, file,
   * original id, new id, first row); `exclude` drops it with a DataIssue.
   */
  duplicateIds?: "suffix" | "exclude";
  /** Prefix of the `source` text; default: the dataset name. */
  description?: string;
}

function basename(path: string): string {
  return path.replace(/^.*[\\/]/, "");
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function textFrame<T extends object>(
  rows: readonly T[],
  columns: Record<keyof T & string, "str" | "int">,
): pl.DataFrame {
  return pl.DataFrame(
    Object.entries(columns).map(([name, kind]) =>
      pl.Series(
        name,
        rows.map((r) => r[name as keyof T] as unknown),
        kind === "int" ? pl.Int64 : pl.Utf8,
      )
    ),
  );
}

function fileNote(source: CsvSource, parsed: ParsedCsv, used: Set<string>): string {
  const parts = [`${count(parsed.rows.length + parsed.malformed.length)} rows`];
  if (parsed.malformed.length > 0) parts.push(`${parsed.malformed.length} malformed`);
  if (source.encoding && source.encoding !== "utf-8") parts.push(source.encoding);
  const unmapped = parsed.header.filter((c) => !used.has(c));
  if (unmapped.length > 0) {
    parts.push(
      `${unmapped.length} column${unmapped.length > 1 ? "s" : ""} not imported${
        unmapped.length <= 10 ? `: ${unmapped.join(", ")}` : ""
      }`,
    );
  }
  return `${source.path} (${parts.join(", ")})`;
}

/**
 * Builds a {@link Dataset} from CSV texts already decoded (the pure core of {@link importCsv},
 * which documents the rules).
 *
 * @throws {CsvMappingError} for an invalid mapping; {@link MissingColumnError} when a file lacks a
 *   mapped column; {@link CsvParseError} for a file without header.
 * @example
 * ```ts
 * import { buildDataset } from "./build.ts";
 * const dataset = buildDataset([{ path: "mem.csv", text: "title,artist,pop\nA,X,70\n" }], {
 *   tracks: { track_name: "title", track_popularity: "pop" },
 *   artist: { name: "artist" },
 *   target: { column: "track_popularity", kind: "regression", threshold: 50 },
 * });
 * console.log(dataset.tracks.height); // 1
 * ```
 */
export function buildDataset(
  sources: readonly CsvSource[],
  mapping: CsvMapping,
  options: ImportCsvOptions = {},
): Dataset {
  const plan = planRead(validateMapping(mapping));
  if (sources.length === 0) throw new CsvFileError("expected at least one CSV file; found none");
  const name = options.name ?? basename(sources[0].path).replace(/\.[^.]*$/, "");
  const log = new IssueLog();
  const kept: KeptRow[] = [];
  const notes: string[] = [];
  const sideTableColumns = new Map<string, string[]>();

  sources.forEach((source, fileIndex) => {
    const file = basename(source.path);
    const parsed = parseCsv(source.text, { delimiter: options.delimiter });
    const bound = bindFile(plan, parsed.header, file, fileIndex, sideTableColumns);
    for (const bad of parsed.malformed) {
      log.add(fileIndex, {
        row: bad.line,
        column: null,
        reason: `${file}: ${bad.reason}`,
        action: "excluded",
      });
    }
    for (const { line, fields } of parsed.rows) {
      try {
        kept.push(readRow(plan, bound, line, fields, log));
      } catch (error) {
        if (!(error instanceof ExcludeRow)) throw error;
        log.add(fileIndex, {
          row: line,
          column: error.column,
          reason: `${file}: ${error.label}: ${error.message}`,
          action: "excluded",
        });
      }
    }
    notes.push(fileNote(source, parsed, bound.used));
  });

  const { unique, renamed } = resolveDuplicateIds(kept, options.duplicateIds ?? "suffix", log);
  const { artists, conflicts } = aggregateArtists(unique);
  const tables: Record<string, pl.DataFrame> = {
    duplicate_ids: textFrame(renamed, {
      row: "int",
      file: "str",
      original_id: "str",
      track_id: "str",
      first_row: "int",
      first_file: "str",
    }),
    artist_conflicts: textFrame(conflicts, {
      artist_id: "str",
      artist_name: "str",
      column: "str",
      kept: "str",
      values: "str",
    }),
    ...buildSideTables(plan.mapping, sideTableColumns, unique, log),
  };

  const issues = log.all();
  const summary = [
    `${count(unique.length)} tracks`,
    `${count(artists.length)} artists`,
    `${count(issues.filter((i) => i.action === "excluded").length)} rows excluded`,
    `${count(log.nulled)} values nulled`,
  ];
  if (renamed.length > 0) summary.push(`${count(renamed.length)} duplicate track ids renamed`);
  if (conflicts.length > 0) summary.push(`${count(conflicts.length)} artist value conflicts`);
  return {
    name,
    source: `${options.description ?? name}: ${notes.join("; ")} → ${summary.join(", ")}`,
    artists: artistsFrame(artists),
    tracks: tracksFrame(unique.map((r) => r.track), Object.keys(plan.mapping.extras ?? {})),
    target: plan.target,
    issues,
    tables,
  };
}
