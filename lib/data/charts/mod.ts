/**
 * Daily stream series for forecasting (seed 003): chart files in the Spotify Charts layout, the
 * songs × dates table, its gaps, the chronological split, per-song scaling and the sliding
 * windows the recurrent models read.
 *
 * - import.ts, read.ts — {@link importChartFiles}: a folder of daily files or one long file
 *   (URL or id variants), malformed and duplicate rows reported with file and line
 * - columns.ts, track_id.ts — the layout's column names; track ids from URLs and URIs
 * - frames.ts — entries as DataFrames (long streams table, tracks, issues)
 * - table.ts — {@link StreamTable}, songs × consecutive days
 * - gaps.ts — {@link prepareStreamTable}: one-day gaps interpolated, sparse songs dropped
 * - chronological.ts — {@link chronologicalSplit} and the target days of each part
 * - scale.ts — {@link fitSongScaler}, fitted on training days only
 * - windows.ts — {@link multivariateWindows} `[batch, lookback, songs]` and
 *   {@link perSongWindows} `[batch, lookback, 1]`
 * - metadata.ts — the 13 metadata features of the multi-input model
 * - series.ts — {@link forecastSeries}: split + scaler + scaled table; {@link forecastWindows}
 * - load.ts — {@link loadStreamSource}: chart files or the demo series, as configured
 * - errors.ts — {@link ChartFormatError}, {@link StreamSeriesError}
 *
 * @example
 * ```ts
 * import { chronologicalSplit, prepareStreamTable, streamTableFromFrame } from "./mod.ts";
 * // const table = streamTableFromFrame(dataset.tables.streams);
 * // const prepared = prepareStreamTable(table, { maxMissingDays: 7 });
 * // const split = chronologicalSplit(prepared.table.dates.length);
 * ```
 * @module
 */
export * from "./errors.ts";
export * from "./columns.ts";
export * from "./track_id.ts";
export * from "./read.ts";
export * from "./import.ts";
export * from "./frames.ts";
export * from "./table.ts";
export * from "./gaps.ts";
export * from "./chronological.ts";
export * from "./scale.ts";
export * from "./windows.ts";
export * from "./metadata.ts";
export * from "./series.ts";
export * from "./load.ts";
