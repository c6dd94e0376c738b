/**
 * Gaps in the daily series, as seed 003 treats them ({@link prepareStreamTable}):
 *
 * 1. a gap of exactly one day (a missing day between two days with counts) is interpolated
 *    linearly — the mean of its two neighbours;
 * 2. the days still missing are counted per song, and songs with more than `maxMissingDays` of
 *    them are dropped (each listed with its count);
 * 3. in the songs kept, the remaining missing days (runs of two or more, and runs at either end)
 *    are filled — linearly between the nearest days with counts, or with the nearest count at
 *    the ends — so the models get complete series. Every day keeps a status
 *    ({@link DAY_STATUS}): errors are scored on observed days only.
 *
 * @example
 * ```ts
 * import { prepareStreamTable } from "./gaps.ts";
 * import { streamTableFromRows } from "./table.ts";
 * const table = streamTableFromRows([
 *   { trackId: "a", date: "2024-01-01", streams: 10 },
 *   { trackId: "a", date: "2024-01-02", streams: null },
 *   { trackId: "a", date: "2024-01-03", streams: 14 },
 * ]);
 * const prepared = prepareStreamTable(table, { maxMissingDays: 0 });
 * console.log(prepared.table.values); // [10, 12, 14]
 * ```
 * @module
 */
import { StreamSeriesError } from "./errors.ts";
import type { StreamTable } from "./table.ts";

/** What each cell of a prepared table holds. */
export const DAY_STATUS = {
  /** A count from the data. */
  observed: 0,
  /** A one-day gap, interpolated from its two neighbours. */
  interpolated: 1,
  /** Part of a longer gap (or an end), filled so the series is complete. */
  filled: 2,
} as const;

/** A song left out, with its missing days after one-day gaps were interpolated. */
export interface DroppedSong {
  /** The song's track id. */
  trackId: string;
  /** Days with no count left after one-day gaps were interpolated. */
  missingDays: number;
}

/** What preparation did, in counts. */
export interface GapReport {
  /** Songs in the table given. */
  songs: number;
  /** Songs kept. */
  kept: number;
  /** Songs dropped for having more than `maxMissingDays` missing days (or no count at all). */
  dropped: DroppedSong[];
  /** The threshold used. */
  maxMissingDays: number;
  /** One-day gaps interpolated, in the songs kept. */
  interpolatedDays: number;
  /** Days of longer gaps (and ends) filled, in the songs kept. */
  filledDays: number;
  /** Observed song-days in the songs kept. */
  observedDays: number;
}

/** A complete songs × days table, each cell's status, and the report. */
export interface PreparedStreams {
  /** The songs kept, with no missing value left. */
  table: StreamTable;
  /** Same layout as `table.values`: a {@link DAY_STATUS} per cell. */
  status: Uint8Array;
  /** What the preparation did, in counts. */
  report: GapReport;
}

/** Options of {@link prepareStreamTable}. */
export interface PrepareStreamOptions {
  /**
   * Most missing days a song may have, counted after one-day gaps are interpolated; songs with
   * more are dropped. Default 7.
   */
  maxMissingDays?: number;
}

/**
 * Interpolates every one-day gap of one series in place: a NaN whose two neighbours are counts
 * becomes their mean. A gap at either end, or two or more days long, is left as it is.
 *
 * @param series one song's days (NaN = missing); modified in place
 * @param status the same song's status cells; set to `interpolated` where filled
 * @returns the number of days interpolated
 */
export function interpolateSingleDayGaps(series: Float64Array, status?: Uint8Array): number {
  let count = 0;
  const original = series.slice();
  for (let d = 1; d < series.length - 1; d++) {
    if (
      Number.isNaN(original[d]) && !Number.isNaN(original[d - 1]) &&
      !Number.isNaN(original[d + 1])
    ) {
      series[d] = (original[d - 1] + original[d + 1]) / 2;
      if (status) status[d] = DAY_STATUS.interpolated;
      count++;
    }
  }
  return count;
}

/**
 * Fills every NaN of one series in place: linearly between the nearest counts on both sides,
 * or with the nearest count at either end. The series must hold at least one count.
 *
 * @returns the number of days filled
 */
export function fillRemainingGaps(series: Float64Array, status?: Uint8Array): number {
  const known: number[] = [];
  for (let d = 0; d < series.length; d++) if (!Number.isNaN(series[d])) known.push(d);
  if (known.length === 0) throw new StreamSeriesError("cannot fill a series without any count");
  let count = 0;
  let k = 0;
  for (let d = 0; d < series.length; d++) {
    if (!Number.isNaN(series[d])) continue;
    while (k < known.length && known[k] < d) k++;
    const right = k < known.length ? known[k] : -1;
    const left = k > 0 ? known[k - 1] : -1;
    series[d] = left < 0
      ? series[right]
      : right < 0
      ? series[left]
      : series[left] + (series[right] - series[left]) * (d - left) / (right - left);
    if (status) status[d] = DAY_STATUS.filled;
    count++;
  }
  return count;
}

/**
 * Prepares a table for forecasting (see the module's description): one-day gaps interpolated,
 * sparse songs dropped, the remaining gaps filled, every cell's status kept.
 *
 * @throws {StreamSeriesError} when `maxMissingDays` is negative or no song is left.
 */
export function prepareStreamTable(
  table: StreamTable,
  options: PrepareStreamOptions = {},
): PreparedStreams {
  const maxMissingDays = options.maxMissingDays ?? 7;
  if (!(Number.isInteger(maxMissingDays) && maxMissingDays >= 0)) {
    throw new StreamSeriesError(
      `maxMissingDays must be a whole number ≥ 0; found ${maxMissingDays}`,
    );
  }
  const days = table.dates.length;
  const kept: { id: string; values: Float64Array; status: Uint8Array }[] = [];
  const dropped: DroppedSong[] = [];
  let interpolatedDays = 0, filledDays = 0, observedDays = 0;
  table.trackIds.forEach((trackId, s) => {
    const values = table.values.slice(s * days, (s + 1) * days);
    const status = new Uint8Array(days);
    let observed = 0;
    for (let d = 0; d < days; d++) if (!Number.isNaN(values[d])) observed++;
    const interpolated = interpolateSingleDayGaps(values, status);
    const missing = days - observed - interpolated;
    if (missing > maxMissingDays || observed === 0) {
      dropped.push({ trackId, missingDays: missing });
      return;
    }
    interpolatedDays += interpolated;
    observedDays += observed;
    filledDays += fillRemainingGaps(values, status);
    kept.push({ id: trackId, values, status });
  });
  if (kept.length === 0) {
    throw new StreamSeriesError(
      `no song has at most ${maxMissingDays} missing days of ${days} (after one-day gaps were ` +
        `interpolated); the fewest missing is ${
          Math.min(...dropped.map((d) => d.missingDays))
        }: raise forecast.maxMissingDays`,
    );
  }
  const values = new Float64Array(kept.length * days);
  const status = new Uint8Array(kept.length * days);
  kept.forEach((k, s) => {
    values.set(k.values, s * days);
    status.set(k.status, s * days);
  });
  return {
    table: { trackIds: kept.map((k) => k.id), dates: table.dates.slice(), values },
    status,
    report: {
      songs: table.trackIds.length,
      kept: kept.length,
      dropped,
      maxMissingDays,
      interpolatedDays,
      filledDays,
      observedDays,
    },
  };
}
