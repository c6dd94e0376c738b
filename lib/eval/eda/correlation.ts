/**
 * The seed paper's Table 3: the correlation of each feature with the target, Pearson's r and
 * Spearman's ρ, each with a 95 % confidence interval and the number of rows both values are
 * present in (pairwise-complete), sorted by the size of the correlation. Coefficients come from
 * polars (`pearsonCorr`, `spearmanRankCorr`); intervals from Fisher's z-transform: z = atanh(r)
 * ± 1.96·se with se = 1/√(n − 3) for Pearson and se = √(1.06/(n − 3)) for Spearman (Fieller,
 * Hartley & Pearson, 1957). The p-value is the two-sided normal one of the same z.
 *
 * A feature that is constant (or entirely missing) over the rows where the target is present has
 * no correlation: it is listed with a flag and empty coefficients, never as NaN.
 *
 * @example
 * ```ts
import pl from "nodejs-polars";
 * import { correlationTable } from "./correlation.ts";
 * const df = pl.DataFrame({ y: [1, 2, 3, 4, 5], a: [2, 4, 5, 8, 9], c: [1, 1, 1, 1, 1] });
 * correlationTable(df, "y");
 * // feature | n | pearson | pearson_low | pearson_high | spearman | … | p_value | flag
 * // a       | 5 | 0.99    | 0.83        | 1.00         | 1        | … |         |
 * // c       | 5 |         |             |              |          | … |         | constant
 * ```
 * @module
 */
import { normalQuantile } from "../../data/normal.ts";
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

/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.SQRT2);
  const poly = t * (0.254829592 +
    t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** A correlation with its interval; the bounds are NaN when n ≤ 3. */
export interface CorrelationInterval {
  r: number;
  low: number;
  high: number;
  /** Two-sided p-value of r = 0 (normal approximation on Fisher's z). */
  p: number;
}

/**
 * Fisher-z interval of a correlation coefficient.
 *
 * @param r the coefficient, in [−1, 1]
 * @param n rows it was computed on
 * @param variance1 numerator of the variance of z: 1 for Pearson, 1.06 for Spearman
 * @param level confidence level, default 0.95
 */
export function fisherInterval(
  r: number,
  n: number,
  variance1 = 1,
  level = 0.95,
): CorrelationInterval {
  if (n <= 3) return { r, low: NaN, high: NaN, p: NaN };
  const se = Math.sqrt(variance1 / (n - 3));
  const clipped = Math.max(-1 + 1e-15, Math.min(1 - 1e-15, r));
  const z = Math.atanh(clipped);
  const q = normalQuantile(1 - (1 - level) / 2);
  return {
    r,
    low: Math.tanh(z - q * se),
    high: Math.tanh(z + q * se),
    p: 2 * (1 - normalCdf(Math.abs(z) / se)),
  };
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
    const stats = pair.select(
      pl.col("x").nUnique().alias("ux"),
      pl.col("y").nUnique().alias("uy"),
    ).toRecords()[0] as { ux: number; uy: number };
    if (Number(stats.ux) < 2) return { ...base, flag: "constant" };
    if (Number(stats.uy) < 2) return { ...base, flag: "target constant" };
    if (n < 3) return { ...base, flag: "fewer than 3 rows" };
    const r = pair.select(
      pl.pearsonCorr("x", "y").alias("pearson"),
      pl.spearmanRankCorr("x", "y").alias("spearman"),
    ).toRecords()[0] as { pearson: number; spearman: number };
    return {
      ...base,
      pearson: fisherInterval(Number(r.pearson), n, 1, level),
      spearman: fisherInterval(Number(r.spearman), n, 1.06, level),
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
