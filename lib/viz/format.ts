/**
 * Numbers formatted for reading in tables and sentences: three significant digits, thousands
 * separated, p-values written as "< 1e-12" when tiny, and a dash (never "null" or "NaN") for a
 * missing value.
 *
 * @example
 * ```ts
 * import { formatNumber, formatPValue } from "./format.ts";
 * formatNumber(0.123456); // "0.123"
 * formatNumber(123456.7); // "123,457"
 * formatPValue(3e-15); // "< 1e-12"
 * ```
 * @module
 */

/** What a missing, NaN or infinite value reads as. */
export const MISSING = "—";

/** Options of {@link formatNumber}. */
export interface FormatOptions {
  /** Significant digits; default 3. */
  digits?: number;
}

/**
 * A number with `digits` significant digits (default 3). Integers and values of 1,000 or more are
 * written in full with thousands separators and no more digits than they have; values below 1e-4
 * in magnitude use exponent notation. `null`, `undefined`, NaN and ±Infinity read as {@link MISSING}.
 */
export function formatNumber(x: number | null | undefined, options: FormatOptions = {}): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  const digits = options.digits ?? 3;
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 10 ** digits || Number.isInteger(x)) {
    return x.toLocaleString("en", { maximumFractionDigits: 0 });
  }
  if (a < 1e-4) return x.toExponential(digits - 1);
  // toPrecision then Number drops trailing zeros only when asked; keep them for aligned columns.
  return x.toPrecision(digits);
}

/** A share in [0, 1] as a percentage with `digits` significant digits: 0.4671 → "46.7 %". */
export function formatPercent(x: number | null | undefined, options: FormatOptions = {}): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  return `${formatNumber(x * 100, options)} %`;
}

/**
 * A p-value: "< 1e-12" below 1e-12 (beyond what a double's tail computations resolve), exponent
 * notation below 1e-3, else three significant digits.
 */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return MISSING;
  if (p < 1e-12) return "< 1e-12";
  if (p < 1e-3) return p.toExponential(1);
  return formatNumber(p);
}

/** An interval as "[low, high]" with each end formatted by {@link formatNumber}. */
export function formatInterval(
  low: number | null | undefined,
  high: number | null | undefined,
  options: FormatOptions = {},
): string {
  return `[${formatNumber(low, options)}, ${formatNumber(high, options)}]`;
}
