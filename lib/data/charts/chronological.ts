/**
 * The chronological split of a daily series ({@link chronologicalSplit}): the first days train,
 * the next validate (early stopping, choice of lookback), the last days test. Nothing is
 * shuffled across time: a training window — its input days and its target day — lies wholly
 * before the first validation day, and validation windows end before the first test day
 * (their input days may reach back into the earlier parts: the past is allowed, the future is
 * not).
 *
 * @example
 * ```ts
 * import { chronologicalSplit, targetDays } from "./chronological.ts";
 * const split = chronologicalSplit(365, { testFraction: 0.2, validationFraction: 0.2 });
 * console.log(split.validationStart, split.testStart); // 234 292
 * targetDays(split, "train", 14).length; // 220 (days 14 … 233)
 * ```
 * @module
 */
import { FORECAST_SETTINGS } from "../../paper.ts";
import { StreamSeriesError } from "./errors.ts";

/** Day boundaries (0-based, end exclusive) of the three parts. */
export interface ChronologicalSplit {
  /** Days in the series. */
  days: number;
  /** First validation day; training days are [0, validationStart). */
  validationStart: number;
  /** First test day; validation days are [validationStart, testStart), test days [testStart, days). */
  testStart: number;
}

/** Options of {@link chronologicalSplit}. */
export interface ChronologicalSplitOptions {
  /** Share of the days, at the end, held out for testing; default 0.2. */
  testFraction?: number;
  /** Share of the remaining days, at their end, used for validation; default 0.2. */
  validationFraction?: number;
}

/** The parts of a chronological split. */
export type SplitPart = "train" | "validation" | "test";

/**
 * Splits `days` consecutive days: test = the last round(days · testFraction), validation = the
 * last round(rest · validationFraction) of the rest, train = the days before.
 *
 * @throws {StreamSeriesError} for fractions outside (0, 1) or a part left empty.
 */
export function chronologicalSplit(
  days: number,
  options: ChronologicalSplitOptions = {},
): ChronologicalSplit {
  const {
    testFraction = FORECAST_SETTINGS.testFraction,
    validationFraction = FORECAST_SETTINGS.validationFraction,
  } = options;
  for (
    const [name, f] of [["testFraction", testFraction], [
      "validationFraction",
      validationFraction,
    ]] as const
  ) {
    if (!(f > 0 && f < 1)) throw new StreamSeriesError(`${name} must be in (0, 1); found ${f}`);
  }
  const testDays = Math.round(days * testFraction);
  const testStart = days - testDays;
  const validationStart = testStart - Math.round(testStart * validationFraction);
  if (testDays < 1 || validationStart >= testStart || validationStart < 2) {
    throw new StreamSeriesError(
      `cannot split ${days} days into train, validation and test with test ${testFraction} and ` +
        `validation ${validationFraction}: a part would be empty`,
    );
  }
  return { days, validationStart, testStart };
}

/** First and one-past-last day of a part. */
export function partDays(split: ChronologicalSplit, part: SplitPart): [number, number] {
  return part === "train"
    ? [0, split.validationStart]
    : part === "validation"
    ? [split.validationStart, split.testStart]
    : [split.testStart, split.days];
}

/**
 * The target days of a part's windows for a lookback: every day of the part that has `lookback`
 * days before it in the series. Training windows therefore start at day `lookback`.
 *
 * @throws {StreamSeriesError} when the part has no such day (lookback too long).
 */
export function targetDays(
  split: ChronologicalSplit,
  part: SplitPart,
  lookback: number,
): Int32Array {
  if (!(Number.isInteger(lookback) && lookback >= 1)) {
    throw new StreamSeriesError(`lookback must be a whole number of days ≥ 1; found ${lookback}`);
  }
  const [from, to] = partDays(split, part);
  const first = Math.max(from, lookback);
  if (first >= to) {
    throw new StreamSeriesError(
      `a lookback of ${lookback} days leaves no ${part} window: the ${part} days are ${from}–${
        to - 1
      } of ${split.days}; use a shorter lookback or a longer series`,
    );
  }
  return Int32Array.from({ length: to - first }, (_, i) => first + i);
}
