/**
 * Distributions of numeric features as histogram counts computed by polars (one `groupBy` per
 * feature), optionally split by a grouping column such as the 0/1 label — so a notebook draws
 * thirty bars per feature instead of shipping every value to the browser.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { featureHistograms } from "./histograms.ts";
 * const df = pl.DataFrame({ tempo: [90, 100, 120, 121], hit: [0, 0, 1, 1] });
 * featureHistograms(df, ["tempo"], { bins: 3, by: "hit" });
 * // feature | bin | lower | upper | group | count
 * // tempo   | 0   | 90    | 100.3 | 0     | 2  …
 * ```
 * @module
 */
import pl from "nodejs-polars";

/** Options of {@link featureHistograms}. */
export interface HistogramOptions {
  /** Equal-width bins between each feature's minimum and maximum; default 30. */
  bins?: number;
  /** Column whose values split each histogram (e.g. the label); default none. */
  by?: string;
}

/**
 * Long table: feature, bin (0-based), lower, upper, group (text; "all" without `by`), count.
 * A constant feature gets one bin; an all-missing one no rows.
 */
export function featureHistograms(
  df: pl.DataFrame,
  columns: readonly string[],
  options: HistogramOptions = {},
): pl.DataFrame {
  const bins = options.bins ?? 30;
  if (!(Number.isInteger(bins) && bins >= 1)) {
    throw new RangeError(`expected a positive whole number of bins; found ${bins}`);
  }
  const parts: pl.DataFrame[] = [];
  for (const feature of columns) {
    const x = pl.col(feature).cast(pl.Float64);
    const group = options.by ? groupLabel(df, options.by) : pl.lit("all").alias("group");
    const values = df.select(x.alias("x"), group).filter(pl.col("x").isNotNull());
    if (values.height === 0) continue;
    const range = values.select(pl.col("x").min().alias("lo"), pl.col("x").max().alias("hi"))
      .toRecords()[0] as { lo: number; hi: number };
    const lo = Number(range.lo), hi = Number(range.hi);
    const count = hi > lo ? bins : 1;
    const width = hi > lo ? (hi - lo) / bins : 1;
    const counted = values
      .withColumns(
        pl.col("x").sub(lo).div(width).floor().clip(0, count - 1).cast(pl.Int64).alias("bin"),
      )
      .groupBy(["bin", "group"])
      .agg(pl.col("x").count().alias("count"))
      .withColumns(
        pl.lit(feature).alias("feature"),
        pl.col("bin").mul(width).add(lo).alias("lower"),
        pl.col("bin").add(1).mul(width).add(lo).alias("upper"),
      )
      .select(
        "feature",
        "bin",
        pl.col("lower").cast(pl.Float64),
        pl.col("upper").cast(pl.Float64),
        "group",
        pl.col("count").cast(pl.Int64),
      )
      .sort(["group", "bin"]);
    parts.push(counted);
  }
  if (parts.length === 0) {
    return pl.DataFrame([
      pl.Series("feature", [], pl.Utf8),
      pl.Series("bin", [], pl.Int64),
      pl.Series("lower", [], pl.Float64),
      pl.Series("upper", [], pl.Float64),
      pl.Series("group", [], pl.Utf8),
      pl.Series("count", [], pl.Int64),
    ]);
  }
  return pl.concat(parts);
}

/** The grouping column as text; whole numbers stored as floats read "1", not "1.0". */
function groupLabel(df: pl.DataFrame, by: string): pl.Expr {
  const column = df.getColumn(by);
  const whole = column.isNumeric() &&
    (column.dropNulls().toArray() as number[]).every((v) => Number.isInteger(v));
  const text = whole ? pl.col(by).cast(pl.Int64).cast(pl.Utf8) : pl.col(by).cast(pl.Utf8);
  return text.fillNull("missing").alias("group");
}
