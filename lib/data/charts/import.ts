/**
 * Importing daily chart files in the Spotify Charts layout ({@link importChartFiles}): a folder
 * of one file per day (`regional-global-daily-2017-01-01.csv`, …) or one long file with a Date
 * (and usually a Region) column, into one list of entries for one region, with every row that
 * could not be used reported. {@link combineChartTexts} does the same from texts in memory.
 *
 * @example
 * ```ts
 * import { importChartFiles } from "./import.ts";
 * const charts = await importChartFiles("charts/", { region: "global" });
 * console.log(charts.entries.length, charts.issues.length, charts.region);
 * ```
 * @module
 */
import { decodeText } from "../sources/csv/decode.ts";
import { ChartFormatError } from "./errors.ts";
import { type ChartEntry, type ChartIssue, readChartText } from "./read.ts";

/** Options of {@link importChartFiles} and {@link combineChartTexts}. */
export interface ImportChartOptions {
  /**
   * Region to keep, compared case-insensitively (`global`, `us`, `Argentina`). Default: the only
   * region present, or `global` when there are several and it is one of them.
   */
  region?: string;
  /** Field delimiter; default `,`. */
  delimiter?: string;
}

/** Rows per region found in the files, before the region was chosen. */
export interface RegionCount {
  /** Region as written, or null for rows that name none. */
  region: string | null;
  /** Rows that name this region. */
  rows: number;
}

/** What the chart files gave. */
export interface ChartImport {
  /** Entries of the chosen region, one per track and day, in file and line order. */
  entries: ChartEntry[];
  /** Rows left out, with file, line and reason (malformed, unreadable, duplicate). */
  issues: ChartIssue[];
  /** Files read, in order. */
  files: string[];
  /** Rows per region before the choice. */
  regions: RegionCount[];
  /** The region kept (null when the files name none). */
  region: string | null;
  /** Rows of other regions left out (not issues: a choice). */
  otherRegionRows: number;
  /** Rows of other charts (viral…) left out. */
  otherChartRows: number;
}

/** A chart file's name and text, for {@link combineChartTexts}. */
export interface ChartSource {
  /** The file's name or path; its base name may carry the date and region. */
  file: string;
  /** The file's whole text (CSV). */
  text: string;
}

function chooseRegion(regions: RegionCount[], wanted: string | undefined): string | null {
  const list = regions.map((r) => `${r.region ?? "(no region)"} (${r.rows} rows)`).join(", ");
  const named = (name: string) =>
    regions.find((r) => r.region !== null && r.region.toLowerCase() === name.toLowerCase());
  if (wanted) {
    const hit = named(wanted);
    if (!hit) {
      throw new ChartFormatError(`expected rows of region "${wanted}"; regions found: ${list}`);
    }
    return hit.region;
  }
  if (regions.length <= 1) return regions[0]?.region ?? null;
  const global = named("global");
  if (global) return global.region;
  throw new ChartFormatError(
    `the chart files hold several regions and none is "global"; choose one with ` +
      `forecast.region (HSS_FORECAST_REGION); regions found: ${list}`,
  );
}

/**
 * Reads chart texts (see {@link readChartText}), keeps one region and reports duplicates: a
 * track listed twice on the same day keeps its first row; the others are issues naming where
 * the first one is.
 *
 * @throws {ChartFormatError} for a file without a chart header or a date, a region that is
 *   absent, or several regions without `global` and no region chosen.
 */
export function combineChartTexts(
  sources: readonly ChartSource[],
  options: ImportChartOptions = {},
): ChartImport {
  if (sources.length === 0) {
    throw new ChartFormatError("expected at least one chart file; found none");
  }
  const all: ChartEntry[] = [];
  const issues: ChartIssue[] = [];
  let otherChartRows = 0;
  for (const { file, text } of sources) {
    const read = readChartText(text, { file, delimiter: options.delimiter });
    all.push(...read.entries);
    issues.push(...read.issues);
    otherChartRows += read.otherChartRows;
  }
  const counts = new Map<string | null, number>();
  for (const e of all) counts.set(e.region, (counts.get(e.region) ?? 0) + 1);
  const regions = [...counts].map(([region, rows]) => ({ region, rows }));
  const region = chooseRegion(regions, options.region);
  const seen = new Map<string, ChartEntry>();
  const entries: ChartEntry[] = [];
  let otherRegionRows = 0;
  for (const e of all) {
    if (e.region !== region) {
      otherRegionRows++;
      continue;
    }
    const key = `${e.date}\u0000${e.trackId}`;
    const first = seen.get(key);
    if (first) {
      issues.push({
        file: e.file,
        line: e.line,
        column: null,
        reason: `duplicate: track ${e.trackId} is already listed on ${e.date} ` +
          `(${first.file} line ${first.line}); the first row is kept`,
        action: "excluded",
      });
      continue;
    }
    seen.set(key, e);
    entries.push(e);
  }
  issues.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return {
    entries,
    issues,
    files: sources.map((s) => s.file),
    regions,
    region,
    otherRegionRows,
    otherChartRows,
  };
}

/**
 * Reads chart files: `path` is one CSV file, or a folder whose `*.csv` files (not recursive)
 * are read in name order. Bytes are decoded by {@link decodeText} (UTF-8 with or without BOM,
 * else windows-1252). See {@link combineChartTexts} for the rest.
 *
 * @throws {ChartFormatError} when the path holds no CSV file or cannot be read, and see
 *   {@link combineChartTexts}.
 */
export async function importChartFiles(
  path: string,
  options: ImportChartOptions = {},
): Promise<ChartImport> {
  let stat: Deno.FileInfo;
  try {
    stat = await Deno.stat(path);
  } catch (error) {
    throw new ChartFormatError(
      `expected a chart file or a folder of chart files at ${path}; ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  const files = stat.isDirectory
    ? [...Deno.readDirSync(path)]
      .filter((e) => e.isFile && e.name.toLowerCase().endsWith(".csv"))
      .map((e) => `${path.replace(/\/+$/, "")}/${e.name}`)
      .sort()
    : [path];
  if (files.length === 0) {
    throw new ChartFormatError(`expected *.csv chart files in ${path}; found none`);
  }
  const sources = await Promise.all(
    files.map(async (file) => ({ file, text: decodeText(await Deno.readFile(file)).text })),
  );
  return combineChartTexts(sources, options);
}
