/**
 * The classifier study's split: random over tracks, 80/10/10, stratified by class — each class's
 * rows are shuffled (seeded) and cut in the requested proportions, so every part holds the
 * classes in the corpus's proportions. Unlike {@link groupTrainTestSplit} it ignores artists: the
 * same artist's songs land on both sides, which is what the artist-grouped split prevents.
 *
 * @example
 * ```ts
 * import { stratifiedSplit } from "./stratified_split.ts";
 * const parts = stratifiedSplit([0, 0, 1, 1, 1, 2, 2, 2, 2, 2], { seed: 1 });
 * // one of "train" / "validation" / "test" per row, each class cut 80/10/10
 * ```
 * @module
 */
import { Rng } from "./random.ts";
import { SplitError, type SplitPart } from "./split.ts";
import { DEFAULT_SEED } from "../paper.ts";

/** Options of {@link stratifiedSplit}. */
export interface StratifiedSplitOptions {
  /** Shares of validation and test rows within each class; default 0.1 and 0.1. */
  validationFraction?: number;
  /** Share of the rows held out for testing, within each stratum; default 0.1. */
  testFraction?: number;
  /** Seed of the shuffle; default 42. */
  seed?: number;
}

/**
 * Assigns every row to train, validation or test, stratified by `strata` (the class of every
 * row): within each stratum, round(n · testFraction) rows go to test and round(n ·
 * validationFraction) to validation, drawn at random.
 */
export function stratifiedSplit(
  strata: readonly (string | number)[],
  options: StratifiedSplitOptions = {},
): SplitPart[] {
  const { validationFraction = 0.1, testFraction = 0.1, seed = DEFAULT_SEED } = options;
  if (!(testFraction > 0 && validationFraction >= 0 && testFraction + validationFraction < 1)) {
    throw new SplitError(
      `need testFraction > 0, validationFraction ≥ 0 and their sum < 1, found ${testFraction} ` +
        `and ${validationFraction}`,
    );
  }
  const byStratum = new Map<string, number[]>();
  strata.forEach((s, i) => {
    const key = String(s);
    const rows = byStratum.get(key);
    if (rows) rows.push(i);
    else byStratum.set(key, [i]);
  });
  const parts = new Array<SplitPart>(strata.length).fill("train");
  const rng = new Rng(seed);
  for (const key of [...byStratum.keys()].sort()) {
    const rows = rng.shuffle(byStratum.get(key)!);
    const nTest = Math.round(rows.length * testFraction);
    const nVal = Math.round(rows.length * validationFraction);
    rows.forEach((r, j) => {
      parts[r] = j < nTest ? "test" : j < nTest + nVal ? "validation" : "train";
    });
  }
  return parts;
}
