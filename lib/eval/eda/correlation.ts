/**
 * The seed paper's Table 3: the correlation of each feature with the target, Pearson's r and
 * Spearman's ρ, each with a 95 % confidence interval and the number of rows both values are
 * present in (pairwise-complete), sorted by the size of the correlation. Coefficients and
 * intervals come from the workspace's statistics (lib/data/stats.ts: {@link pearson},
 * {@link spearman}, {@link fisherInterval}): z = atanh(r) ± 1.96·se with se = 1/√(n − 3) for
 * Pearson and se = √(1.06/(n − 3)) for Spearman (Fieller, Hartley & Pearson, 1957). The p-value
 * is the two-sided normal one of the same z.
 *
 * A feature that is constant (or entirely missing) over the rows where the target is present has
 * no correlation: it is listed with a flag and empty coefficients, never as NaN.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { correlationTable } from "./correlation.ts";
 * const df = pl.DataFrame({ y: [1, 2, 3, 4, 5], a: [2, 4, 5, 8, 9], c: [1, 1, 1, 1, 1] });
 * correlationTable(df, "y");
 * // feature | n | pearson | pearson_low | pearson_high | spearman | … | p_value | flag
 * // a       | 5 | 0.99    | 0.83        | 1.00         | 1        | … |         |
 * // c       | 5 |         |             |              |          | … |         | constant
 * ```
 * @module
 */
import { type CorrelationInterval, fisherInterval, pearson, spearman } from "../../data/stats.ts";
import pl from "nodejs-polars";
import { numericColumns } from "./columns.ts";

/** Options of {@link correlationTable}. */
export interface CorrelationOptions {
  /** Features to correlate; default every numeric column except the target. */
  columns?: readonly string[];
  /** Coefficient whose absolute value orders the rows; default "pearson". */
  sortBy?: "pearson" | "spearman";
  /** Confidence level of the intervals; default 0.95. */
  level?: number;
}

/**
 * One row per feature: feature, n, pearson, pearson_low, pearson_high, spearman, spearman_low,
 * spearman_high, p_value (Pearson's), flag; sorted by |coefficient|, flagged features last.
 *
 * @param df the table (e.g. the consolidated tracks table)
 * @param target the target column (popularity, streams, a 0/1 label)
 * @throws {Error} when the target column is missing or not numeric.
 */
export function correlationTable(
  df: pl.DataFrame,
  target: string,
  options: CorrelationOptions = {},
): pl.DataFrame {
  if (!df.columns.includes(target) || !df.getColumn(target).isNumeric()) {
    throw new Error(
      `expected a numeric target column "${target}"; found ${
        df.columns.includes(target) ? df.getColumn(target).dtype : "no such column"
      }`,
    );
  }
  const level = options.level ?? 0.95;
  const columns = (options.columns ?? numericColumns(df)).filter((c) => c !== target);
  const rows = columns.map((feature) => {
    const pair = df.select(
      pl.col(feature).cast(pl.Float64).alias("x"),
      pl.col(target).cast(pl.Float64).alias("y"),
    ).dropNulls();
    const n = pair.height;
    const base = {
      feature,
      n,
      pearson: null as CorrelationInterval | null,
      spearman: null as CorrelationInterval | null,
      flag: null as string | null,
    };
    if (n === 0) {
      const present = df.select(pl.col(feature).count().alias("c")).toRecords()[0].c;
      return { ...base, flag: Number(present) === 0 ? "all missing" : "no rows with both values" };
    }
    const x = pair.getColumn("x").toArray() as number[];
    const y = pair.getColumn("y").toArray() as number[];
    if (x.every((v) => v === x[0])) return { ...base, flag: "constant" };
    if (y.every((v) => v === y[0])) return { ...base, flag: "target constant" };
    if (n < 3) return { ...base, flag: "fewer than 3 rows" };
    return {
      ...base,
      pearson: fisherInterval(pearson(x, y), n, 1, level),
      spearman: fisherInterval(spearman(x, y), n, 1.06, level),
    };
  });
  const by = options.sortBy ?? "pearson";
  rows.sort((a, b) => {
    const va = a[by] ? Math.abs(a[by]!.r) : -1, vb = b[by] ? Math.abs(b[by]!.r) : -1;
    return vb - va;
  });
  const num = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? null : v);
  return pl.DataFrame([
    pl.Series("feature", rows.map((r) => r.feature), pl.Utf8),
    pl.Series("n", rows.map((r) => r.n), pl.Int64),
    pl.Series("pearson", rows.map((r) => num(r.pearson?.r)), pl.Float64),
    pl.Series("pearson_low", rows.map((r) => num(r.pearson?.low)), pl.Float64),
    pl.Series("pearson_high", rows.map((r) => num(r.pearson?.high)), pl.Float64),
    pl.Series("spearman", rows.map((r) => num(r.spearman?.r)), pl.Float64),
    pl.Series("spearman_low", rows.map((r) => num(r.spearman?.low)), pl.Float64),
    pl.Series("spearman_high", rows.map((r) => num(r.spearman?.high)), pl.Float64),
    pl.Series("p_value", rows.map((r) => num(r.pearson?.p)), pl.Float64),
    pl.Series("flag", rows.map((r) => r.flag), pl.Utf8),
  ]);
}
