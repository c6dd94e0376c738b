/**
 * The workspace's statistics, in one place: the standard normal distribution (quantile and
 * cumulative distribution), Pearson's r, Spearman's ρ (Pearson's r of average ranks, as SciPy's
 * `spearmanr`), and Fisher-z confidence intervals of a correlation. It sits in the data layer,
 * the lowest that uses it (the demo corpus draws stratified normal values); the audio (key
 * finding), eval (Table 3, probes) layers and the tests import it from here.
 *
 * Edge cases: a correlation of series shorter than 2, or of a constant series, is NaN (callers
 * that want another value say so where they call); series of different lengths are a
 * RangeError. Intervals of n ≤ 3 rows have NaN bounds.
 *
 * @example
 * ```ts
 * import { fisherInterval, normalQuantile, pearson, spearman } from "./stats.ts";
 * normalQuantile(0.975); // 1.959964…
 * const x = [1, 2, 3, 4, 5], y = [2, 4, 5, 4, 9];
 * pearson(x, y); // 0.87…
 * spearman(x, y); // 0.87… (ranks 1, 2, 3.5, 3.5, 5 for y)
 * fisherInterval(pearson(x, y), x.length); // { r, low, high, p }
 * ```
 * @module
 */

/** Quantile of the standard normal (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`expected a probability in (0, 1); found ${p}`);
  const a = [
    -39.69683028665376,
    220.9460984245205,
    -275.9285104469687,
    138.357751867269,
    -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406,
    161.5858368580409,
    -155.6989798598866,
    66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293,
    -0.3223964580411365,
    -2.400758277161838,
    -2.549732539343734,
    4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < low ? x : -x;
  }
  const q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.SQRT2);
  const poly = t * (0.254829592 +
    t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Pearson's product-moment correlation of two equal-length series.
 *
 * @returns r in [−1, 1]; NaN when n < 2 or either series is constant
 * @throws {RangeError} when the lengths differ
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`pearson: ${n} and ${y.length} values`);
  if (n < 2) return NaN;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/**
 * Ranks from 1, tied values sharing the mean of their ranks (SciPy's `rankdata`, "average").
 *
 * @example ranks([10, 20, 20, 5]) → [2, 3.5, 3.5, 1]
 */
export function ranks(x: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const out = new Float64Array(x.length);
  for (let i = 0; i < order.length;) {
    let j = i + 1;
    while (j < order.length && x[order[j]] === x[order[i]]) j++;
    const rank = (i + j + 1) / 2; // mean of the 1-based ranks i + 1 … j
    for (let k = i; k < j; k++) out[order[k]] = rank;
    i = j;
  }
  return out;
}

/**
 * Spearman's rank correlation: Pearson's r of the average ranks (ties handled as SciPy does).
 *
 * @returns ρ in [−1, 1]; NaN when n < 2 or either series is constant
 * @throws {RangeError} when the lengths differ
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`spearman: ${x.length} and ${y.length} values`);
  return pearson(ranks(x), ranks(y));
}

/** A correlation with its confidence interval; the bounds and p are NaN when n ≤ 3. */
export interface CorrelationInterval {
  /** The coefficient. */
  r: number;
  /** Lower bound of the interval. */
  low: number;
  /** Upper bound of the interval. */
  high: number;
  /** Two-sided p-value of r = 0 (normal approximation on Fisher's z). */
  p: number;
}

/**
 * Fisher-z interval of a correlation coefficient: z = atanh(r) ± q·se with se = √(v / (n − 3)),
 * v = 1 for Pearson and 1.06 for Spearman (Fieller, Hartley & Pearson, 1957), q the normal
 * quantile of the level; the p-value is the two-sided normal one of the same z.
 *
 * @param r the coefficient, in [−1, 1]
 * @param n rows it was computed on
 * @param variance1 numerator v of the variance of z: 1 for Pearson, 1.06 for Spearman
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

/** Population variance (divisor n); NaN for an empty series. */
export function variance(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return s / x.length;
}
