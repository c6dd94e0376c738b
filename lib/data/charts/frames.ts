/**
 * Chart entries as DataFrames: the long table of daily streams in the same layout as the demo
 * corpus's `streams` table ({@link chartStreamsFrame}), one row per track with its names and
 * chart summary ({@link chartTracksFrame}), and the issues met ({@link chartIssuesFrame}).
 *
 * @example
 * ```ts
 * import { chartStreamsFrame } from "./frames.ts";
 * import { importChartFiles } from "./import.ts";
 * const streams = chartStreamsFrame((await importChartFiles("charts/")).entries);
 * console.log(streams.columns); // ["track_id", "date", "streams"]
 * ```
 * @module
 */
import pl from "nodejs-polars";
import type { ChartEntry, ChartIssue } from "./read.ts";

/** Long table `track_id` (str), `date` (str, YYYY-MM-DD), `streams` (i64), sorted by track and date. */
export function chartStreamsFrame(entries: readonly ChartEntry[]): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("track_id", entries.map((e) => e.trackId), pl.Utf8),
    pl.Series("date", entries.map((e) => e.date), pl.Utf8),
    pl.Series("streams", entries.map((e) => e.streams), pl.Int64),
  ]).sort(["track_id", "date"]);
}

/**
 * One row per track: `track_id`, `track_name` and `artist_name` (first spelling met),
 * `days_on_chart`, `best_position` and `total_streams`, most streamed first.
 */
export function chartTracksFrame(entries: readonly ChartEntry[]): pl.DataFrame {
  const tracks = new Map<
    string,
    { name: string; artist: string; days: number; best: number; total: number }
  >();
  for (const e of entries) {
    const t = tracks.get(e.trackId);
    if (!t) {
      tracks.set(e.trackId, {
        name: e.trackName,
        artist: e.artist,
        days: 1,
        best: e.position,
        total: e.streams,
      });
    } else {
      t.days++;
      t.best = Math.min(t.best, e.position);
      t.total += e.streams;
    }
  }
  const rows = [...tracks].sort((a, b) => b[1].total - a[1].total);
  return pl.DataFrame([
    pl.Series("track_id", rows.map(([id]) => id), pl.Utf8),
    pl.Series("track_name", rows.map(([, t]) => t.name), pl.Utf8),
    pl.Series("artist_name", rows.map(([, t]) => t.artist), pl.Utf8),
    pl.Series("days_on_chart", rows.map(([, t]) => t.days), pl.Int64),
    pl.Series("best_position", rows.map(([, t]) => t.best), pl.Int64),
    pl.Series("total_streams", rows.map(([, t]) => t.total), pl.Float64),
  ]);
}

/** The issues as a table: file, line, column, reason, action. */
export function chartIssuesFrame(issues: readonly ChartIssue[]): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("file", issues.map((i) => i.file.split(/[\\/]/).pop() ?? i.file), pl.Utf8),
    pl.Series("line", issues.map((i) => i.line), pl.Int64),
    pl.Series("column", issues.map((i) => i.column), pl.Utf8),
    pl.Series("reason", issues.map((i) => i.reason), pl.Utf8),
    pl.Series("action", issues.map((i) => i.action), pl.Utf8),
  ]);
}
