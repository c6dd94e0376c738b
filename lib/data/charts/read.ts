/**
 * One chart file's text to chart entries ({@link readChartText}): finds the header (below any
 * note lines), reads every row with its line, takes the date and region from columns or, for
 * one-file-per-day exports, from the file name, and reports every row it cannot use.
 *
 * @example
 * ```ts
 * import { readChartText } from "./read.ts";
 * const { entries, issues } = readChartText(
 *   "Position,Track Name,Artist,Streams,URL\n" +
 *     "1,Song,Singer,1000,https://open.spotify.com/track/7qiZfU4dY1lWllzX7mPBI3\n",
 *   { file: "regional-global-daily-2017-01-01.csv" },
 * );
 * console.log(entries[0].date, entries[0].region, issues.length); // 2017-01-01 global 0
 * ```
 * @module
 */
import { z } from "zod";
import { parseCsv } from "../sources/csv/parse.ts";
import { REQUIRED_CHART_COLUMNS, resolveChartColumns } from "./columns.ts";
import { ChartFormatError } from "./errors.ts";
import { chartTrackId } from "./track_id.ts";

/** One row of a chart: a track's streams on one day in one region. */
export const ChartEntry: z.ZodObject<
  {
    trackId: z.ZodString;
    trackName: z.ZodString;
    artist: z.ZodString;
    position: z.ZodNumber;
    streams: z.ZodNumber;
    date: z.ZodISODate;
    region: z.ZodNullable<z.ZodString>;
    file: z.ZodString;
    line: z.ZodNumber;
  },
  z.core.$strip
> = z.object({
  /** Track id: from the URL/URI (Spotify id) or the id column. */
  trackId: z.string().min(1),
  trackName: z.string(),
  artist: z.string(),
  /** Chart position, 1 = top. */
  position: z.number().int().positive(),
  /** Streams that day, a count. */
  streams: z.number().int().nonnegative(),
  /** Day, YYYY-MM-DD. */
  date: z.iso.date(),
  /** Region code or name as written (`global`, `us`, `Argentina`); null when not given. */
  region: z.string().nullable(),
  /** File the row comes from, as named to the importer. */
  file: z.string(),
  /** 1-based line of the row in its file. */
  line: z.number().int().positive(),
});
/** A validated chart entry. */
export type ChartEntry = z.infer<typeof ChartEntry>;

/** A chart row that could not be used, with where it is and why. */
export interface ChartIssue {
  /** The file the row comes from. */
  file: string;
  /** 1-based line in the file. */
  line: number;
  /** The field concerned, when one is. */
  column: string | null;
  /** What was wrong: expected vs found. */
  reason: string;
  /** Rows are never repaired: they are left out. */
  action: "excluded";
}

/** Options of {@link readChartText}. */
export interface ReadChartOptions {
  /** The file's name or path; its base name may carry the date and region. Default `chart.csv`. */
  file?: string;
  /** Delimiter; default `,`. */
  delimiter?: string;
}

/** What {@link readChartText} found. */
export interface ChartText {
  /** Entries read, one per usable row, in line order. */
  entries: ChartEntry[];
  /** Rows left out, with line and reason. */
  issues: ChartIssue[];
  /** Lines above the header (spotifycharts.com files start with a note line). */
  preambleLines: number;
  /** Rows of other charts in a file holding several (e.g. `viral50`, which has no streams). */
  otherChartRows: number;
}

/** Date (YYYY-MM-DD) in a file's base name, e.g. `regional-global-daily-2017-01-01.csv`. */
export function dateFromFileName(file: string): string | null {
  const base = file.split(/[\\/]/).pop() ?? file;
  return /(\d{4}-\d{2}-\d{2})/.exec(base)?.[1] ?? null;
}

/** Region in a spotifycharts.com file name (`regional-<region>-daily-…`), lower case. */
export function regionFromFileName(file: string): string | null {
  const base = file.split(/[\\/]/).pop() ?? file;
  return /(?:regional|viral)-([a-z]{2}|global)-(?:daily|weekly)/i.exec(base)?.[1]?.toLowerCase() ??
    null;
}

/** A streams field: digits, optionally grouped by commas (`1,234,567`); NaN otherwise. */
export function parseStreams(text: string): number {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (/^\d{1,3}(,\d{3})+$/.test(t)) return Number(t.replaceAll(",", ""));
  if (/^\d+\.0+$/.test(t)) return Number(t);
  return NaN;
}

function findHeader(text: string, delimiter: string): { start: number; skipped: number } {
  let start = 0;
  for (let skipped = 0; skipped < 5 && start < text.length; skipped++) {
    const end = text.indexOf("\n", start);
    const line = text.slice(start, end < 0 ? text.length : end).replace(/\r$/, "");
    if (line.trim() !== "" && resolveChartColumns(parseCsv(line, { delimiter }).header)) {
      return { start, skipped };
    }
    if (end < 0) break;
    start = end + 1;
  }
  return { start: -1, skipped: 0 };
}

function describe(header: readonly string[]): string {
  return header.map((h) => `"${h}"`).join(", ");
}

/**
 * Reads one chart file's text. The header is the first of the top five lines that names a
 * position (or rank), a streams column and a track URL/URI or id; lines above it are skipped
 * and counted. Without a date column the date comes from the file name (the first YYYY-MM-DD
 * in it); without a region column, from a `regional-<region>-daily` file name, else null.
 *
 * Every row that cannot be used is reported as a {@link ChartIssue} with its line: malformed CSV
 * rows (wrong field count, broken quotes), a URL that is not a Spotify track URL, a position or
 * streams that is not a whole number, a date that is not a real YYYY-MM-DD day. Rows of other
 * charts in a multi-chart file (a `chart` column saying `viral…`) are counted, not reported.
 *
 * @throws {ChartFormatError} when no header line is found, or no date can be had.
 */
export function readChartText(text: string, options: ReadChartOptions = {}): ChartText {
  const file = options.file ?? "chart.csv";
  const delimiter = options.delimiter ?? ",";
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { start, skipped } = findHeader(body, delimiter);
  if (start < 0) {
    const first = body.split(/\r?\n/, 1)[0] ?? "";
    throw new ChartFormatError(
      `expected a header with ${REQUIRED_CHART_COLUMNS} in ${file} (within its first 5 lines); ` +
        `first line found: ${JSON.stringify(first.slice(0, 200))}`,
    );
  }
  const parsed = parseCsv(body.slice(start), { delimiter });
  const columns = resolveChartColumns(parsed.header)!;
  const fileDate = dateFromFileName(file);
  if (columns.date === null && fileDate === null) {
    throw new ChartFormatError(
      `expected a Date column or a YYYY-MM-DD date in the file name of ${file}; columns found: ${
        describe(parsed.header)
      }`,
    );
  }
  const fileRegion = regionFromFileName(file);
  const offset = skipped; // parsed lines count from the header
  const issues: ChartIssue[] = parsed.malformed.map((m) => ({
    file,
    line: m.line + offset,
    column: null,
    reason: `malformed row: ${m.reason}`,
    action: "excluded",
  }));
  const entries: ChartEntry[] = [];
  let otherChartRows = 0;
  const field = (fields: string[], i: number | null) => (i === null ? "" : fields[i] ?? "");
  for (const row of parsed.rows) {
    const line = row.line + offset;
    const f = row.fields;
    if (columns.chart !== null && /viral/i.test(field(f, columns.chart))) {
      otherChartRows++;
      continue;
    }
    const report = (column: string, reason: string) =>
      issues.push({ file, line, column, reason, action: "excluded" });
    const ref = columns.url !== null ? field(f, columns.url) : field(f, columns.id);
    let trackId = columns.url !== null ? chartTrackId(ref, "url") : chartTrackId(ref, "id");
    if (trackId === null && columns.url !== null && columns.id !== null) {
      trackId = chartTrackId(field(f, columns.id), "id");
    }
    if (trackId === null) {
      report(
        columns.url !== null ? parsed.header[columns.url] : parsed.header[columns.id!],
        `expected a Spotify track URL (https://open.spotify.com/track/<id>), URI or id; found ${
          JSON.stringify(ref)
        }`,
      );
      continue;
    }
    const positionText = field(f, columns.position).trim();
    const streamsText = field(f, columns.streams);
    const candidate = {
      trackId,
      trackName: field(f, columns.trackName).trim(),
      artist: field(f, columns.artist).trim(),
      position: /^\d+$/.test(positionText) ? Number(positionText) : NaN,
      streams: parseStreams(streamsText),
      date: columns.date !== null ? field(f, columns.date).trim() : fileDate,
      region: columns.region !== null ? field(f, columns.region).trim() || fileRegion : fileRegion,
      file,
      line,
    };
    const result = ChartEntry.safeParse(candidate);
    if (!result.success) {
      const issue = result.error.issues[0];
      const key = String(issue.path[0]);
      const header = key === "position"
        ? parsed.header[columns.position]
        : key === "streams"
        ? parsed.header[columns.streams]
        : key === "date" && columns.date !== null
        ? parsed.header[columns.date]
        : key;
      const raw = key === "position"
        ? positionText
        : key === "streams"
        ? streamsText
        : (candidate as Record<string, unknown>)[key];
      report(header, `${key}: ${issue.message}; found ${JSON.stringify(raw)}`);
      continue;
    }
    entries.push(result.data);
  }
  return { entries, issues, preambleLines: skipped, otherChartRows };
}
