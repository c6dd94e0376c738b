/**
 * The seed paper's Figure 6: the average of the target (popularity, streams) by release month ×
 * release year, with the number of tracks in every cell, as a long table from one polars
 * `groupBy`. Rows without a year, a month or a target value cannot be placed and are counted.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { releaseHeatmap } from "./release_heatmap.ts";
 * const df = pl.DataFrame({
 *   release_year: [2020, 2020, 2021, null],
 *   release_month: [1, 1, 5, 3],
 *   track_popularity: [40, 60, 70, 10],
 * });
 * const { cells, excluded } = releaseHeatmap(df, { value: "track_popularity" });
 * // cells: year 2020 month 1 mean 50 count 2; year 2021 month 5 mean 70 count 1; excluded: 1
 * ```
 * @module
 */
import pl from "nodejs-polars";

/** Options of {@link releaseHeatmap}. */
export interface ReleaseHeatmapOptions {
  /** Column averaged in each cell (the target). */
  value: string;
  /** Year column; default "release_year". */
  year?: string;
  /** Month column (1–12); default "release_month". */
  month?: string;
}

/** Cells of the heatmap and the rows that could not be placed. */
export interface ReleaseHeatmap {
  /** year, month, mean, count — one row per occupied cell, by year then month. */
  cells: pl.DataFrame;
  /** Rows with a missing year, month or value. */
  excluded: number;
  /** Name of the averaged column. */
  value: string;
}

/** Raised when the table lacks the year, month or value column. */
export class MissingColumnsError extends Error {
  /** Names the `missing` columns and the columns the table does `have`. */
  constructor(missing: readonly string[], have: readonly string[]) {
    super(`expected columns ${missing.join(", ")}; found only ${have.join(", ")}`);
    this.name = "MissingColumnsError";
  }
}

/** Mean of `value` and row count per (year, month). */
export function releaseHeatmap(df: pl.DataFrame, options: ReleaseHeatmapOptions): ReleaseHeatmap {
  const year = options.year ?? "release_year", month = options.month ?? "release_month";
  const value = options.value;
  const missing = [year, month, value].filter((c) => !df.columns.includes(c));
  if (missing.length > 0) throw new MissingColumnsError(missing, df.columns);
  const placed = df.select(
    pl.col(year).cast(pl.Int64).alias("year"),
    pl.col(month).cast(pl.Int64).alias("month"),
    pl.col(value).cast(pl.Float64).alias("value"),
  ).dropNulls();
  const cells = placed
    .groupBy(["year", "month"])
    .agg(pl.col("value").mean().alias("mean"), pl.col("value").count().alias("count"))
    .sort(["year", "month"]);
  return { cells, excluded: df.height - placed.height, value };
}

/** Whether a table has release years and months to draw a heatmap from (any non-null pair). */
export function hasReleaseMonths(
  df: pl.DataFrame,
  year = "release_year",
  month = "release_month",
): boolean {
  if (!df.columns.includes(year) || !df.columns.includes(month)) return false;
  return df.select(year, month).dropNulls().height > 0;
}

/** How many month × year blocks are filled and how many tracks could not be placed. */
export function releaseHeatmapReading(heatmap: ReleaseHeatmap): string {
  const cells = heatmap.cells.height;
  return `${cells.toLocaleString("en")} occupied month × year cell${cells === 1 ? "" : "s"}; ` +
    `${heatmap.excluded.toLocaleString("en")} track${heatmap.excluded === 1 ? "" : "s"} ` +
    `without a release year, month or ${heatmap.value} value ${
      heatmap.excluded === 1 ? "is" : "are"
    } not placed.`;
}
