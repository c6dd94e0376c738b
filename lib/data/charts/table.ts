/**
 * The songs × dates table of daily stream counts ({@link StreamTable}): one row per song, one
 * column per calendar day from the first to the last date (a day no file covers is a column of
 * missing values, not skipped), NaN where a song has no count. Built from chart entries or from
 * a long table such as the demo corpus's `streams` (track_id, date, streams).
 *
 * @example
 * ```ts
 * import { streamTableFromRows } from "./table.ts";
 * const table = streamTableFromRows([
 *   { trackId: "a", date: "2024-01-01", streams: 10 },
 *   { trackId: "a", date: "2024-01-03", streams: 12 },
 * ]);
 * console.log(table.dates, table.values); // 3 dates; [10, NaN, 12]
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { StreamSeriesError } from "./errors.ts";

/** Daily stream counts, songs × days. */
export interface StreamTable {
  /** Song (track) ids, one per row. */
  trackIds: string[];
  /** Consecutive calendar days, YYYY-MM-DD, one per column. */
  dates: string[];
  /** Streams per day, row-major: `values[song * dates.length + day]`; NaN where missing. */
  values: Float64Array;
}

/** One song's count on one day. */
export interface StreamRow {
  /** The song's track id. */
  trackId: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Streams that day; null or NaN for a day without a count. */
  streams: number | null;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC). */
export function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(ms)) {
    throw new StreamSeriesError(`expected a YYYY-MM-DD date; found ${JSON.stringify(date)}`);
  }
  return Math.round(ms / DAY_MS);
}

/** The YYYY-MM-DD date of a day number (see {@link dayNumber}). */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Builds the table from rows. Songs are in order of first appearance; days run from the
 * earliest to the latest date in the rows, every calendar day included.
 *
 * @throws {StreamSeriesError} for a malformed date, a negative or fractional count, or a song
 *   given two different counts on one day.
 */
export function streamTableFromRows(rows: Iterable<StreamRow>): StreamTable {
  const songIndex = new Map<string, number>();
  const items: { song: number; day: number; streams: number }[] = [];
  let first = Infinity, last = -Infinity;
  for (const row of rows) {
    const day = dayNumber(row.date);
    first = Math.min(first, day);
    last = Math.max(last, day);
    let song = songIndex.get(row.trackId);
    if (song === undefined) songIndex.set(row.trackId, song = songIndex.size);
    const v = row.streams ?? NaN;
    if (!Number.isNaN(v) && !(Number.isInteger(v) && v >= 0)) {
      throw new StreamSeriesError(
        `expected a whole, non-negative stream count for ${row.trackId} on ${row.date}; found ${v}`,
      );
    }
    items.push({ song, day, streams: v });
  }
  if (songIndex.size === 0) throw new StreamSeriesError("expected stream rows; found none");
  const days = last - first + 1;
  const values = new Float64Array(songIndex.size * days).fill(NaN);
  for (const { song, day, streams } of items) {
    if (Number.isNaN(streams)) continue;
    const i = song * days + (day - first);
    if (!Number.isNaN(values[i]) && values[i] !== streams) {
      throw new StreamSeriesError(
        `${[...songIndex.keys()][song]} has two counts on ${dateOfDay(day)}: ${
          values[i]
        } and ${streams}`,
      );
    }
    values[i] = streams;
  }
  return {
    trackIds: [...songIndex.keys()],
    dates: Array.from({ length: days }, (_, d) => dateOfDay(first + d)),
    values,
  };
}

/**
 * Builds the table from a long DataFrame with columns `track_id` (str), `date` (str, YYYY-MM-DD)
 * and `streams` (integer, null on days without a count) — the demo corpus's `streams` table and
 * {@link chartStreamsFrame}'s output.
 *
 * @throws {StreamSeriesError} when a column is missing, and see {@link streamTableFromRows}.
 */
export function streamTableFromFrame(frame: pl.DataFrame): StreamTable {
  const missing = ["track_id", "date", "streams"].filter((c) => !frame.columns.includes(c));
  if (missing.length > 0) {
    throw new StreamSeriesError(
      `expected columns track_id, date, streams; missing ${missing.join(", ")} (found ${
        frame.columns.join(", ")
      })`,
    );
  }
  const ids = frame.getColumn("track_id").toArray() as string[];
  const dates = frame.getColumn("date").toArray() as string[];
  const streams = frame.getColumn("streams").toArray() as (number | bigint | null)[];
  return streamTableFromRows(
    ids.map((trackId, i) => ({
      trackId,
      date: dates[i],
      streams: streams[i] === null ? null : Number(streams[i]),
    })),
  );
}

/** Options of {@link streamTableFrame}. */
export interface StreamTableFrameOptions {
  /** Keep only the first this many songs; default all. */
  songs?: number;
  /** Keep only the last this many days; default all. */
  lastDays?: number;
}

/** The table as a wide DataFrame for display: `track_id`, then one column per date. */
export function streamTableFrame(
  table: StreamTable,
  options: StreamTableFrameOptions = {},
): pl.DataFrame {
  const days = table.dates.length;
  const songs = Math.min(options.songs ?? table.trackIds.length, table.trackIds.length);
  const from = Math.max(0, days - (options.lastDays ?? days));
  const series: pl.Series[] = [pl.Series("track_id", table.trackIds.slice(0, songs), pl.Utf8)];
  for (let d = from; d < days; d++) {
    const column = Array.from({ length: songs }, (_, s) => {
      const v = table.values[s * days + d];
      return Number.isNaN(v) ? null : v;
    });
    series.push(pl.Series(table.dates[d], column, pl.Float64));
  }
  return pl.DataFrame(series);
}

/** Missing days per song (NaN count of its row). */
export function missingDays(table: StreamTable): Int32Array {
  const days = table.dates.length;
  const out = new Int32Array(table.trackIds.length);
  for (let s = 0; s < out.length; s++) {
    for (let d = 0; d < days; d++) if (Number.isNaN(table.values[s * days + d])) out[s]++;
  }
  return out;
}
