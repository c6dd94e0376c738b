/**
 * The seed paper's Table 1: for every numeric feature its count of values, missing values, mean,
 * standard deviation (divisor n − 1, as pandas' describe), minimum, median and maximum, computed
 * by polars in one pass over the table. Columns that are entirely missing or constant are kept in
 * the table with a flag, so the reader sees them rather than a row of NaN.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { summaryTable } from "./summary.ts";
 * const table = summaryTable(pl.DataFrame({ tempo: [90, 120, null], mode: [1, 1, 1] }));
 * // feature | count | missing | mean | std | min | median | max | flag
 * // tempo   | 2     | 1       | 105  | 21.2| 90  | 105    | 120 |
 * // mode    | 3     | 0       | 1    | 0   | 1   | 1      | 1   | constant
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { columnFlags, numericColumns } from "./columns.ts";

/** Options of {@link summaryTable}. */
export interface SummaryOptions {
  /** Columns to describe; default every numeric column ({@link numericColumns}). */
  columns?: readonly string[];
}

const STATISTICS = ["count", "missing", "mean", "std", "min", "median", "max"] as const;

/**
 * One row per feature: feature, count, missing, mean, std, min, median, max, flag
 * ("constant", "all missing" or null).
 */
export function summaryTable(df: pl.DataFrame, options: SummaryOptions = {}): pl.DataFrame {
  const columns = [...(options.columns ?? numericColumns(df))];
  const empty = () => pl.Series("x", [], pl.Float64);
  if (columns.length === 0) {
    return pl.DataFrame([
      pl.Series("feature", [], pl.Utf8),
      ...STATISTICS.map((s) => empty().rename(s)),
      pl.Series("flag", [], pl.Utf8),
    ]);
  }
  const key = (c: string, s: string) => `${c}\u0000${s}`;
  const row = df.select(
    ...columns.flatMap((c) => {
      const x = pl.col(c).cast(pl.Float64);
      return [
        x.count().alias(key(c, "count")),
        x.nullCount().alias(key(c, "missing")),
        x.mean().alias(key(c, "mean")),
        x.std().alias(key(c, "std")),
        x.min().alias(key(c, "min")),
        x.median().alias(key(c, "median")),
        x.max().alias(key(c, "max")),
      ];
    }),
  ).toRecords()[0] as Record<string, number | null>;
  const flags = new Map(columnFlags(df, columns).map((f) => [f.column, f.flag]));
  const value = (c: string, s: string) => {
    const v = row[key(c, s)];
    return v === null || v === undefined || Number.isNaN(v) ? null : Number(v);
  };
  return pl.DataFrame([
    pl.Series("feature", columns, pl.Utf8),
    pl.Series("count", columns.map((c) => value(c, "count") ?? 0), pl.Int64),
    pl.Series("missing", columns.map((c) => value(c, "missing") ?? 0), pl.Int64),
    ...(["mean", "std", "min", "median", "max"] as const).map((s) =>
      pl.Series(s, columns.map((c) => value(c, s)), pl.Float64)
    ),
    pl.Series("flag", columns.map((c) => flags.get(c) ?? null), pl.Utf8),
  ]);
}
