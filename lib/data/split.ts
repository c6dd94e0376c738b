/**
 * Artist-grouped splitting, seeded. A song's popularity owes most to its artist, so a split that
 * puts one artist's songs on both sides lets a model score by recognising the artist: every
 * splitter here keeps each group (artist) on one side only and checks it.
 *
 * - {@link groupTrainTestSplit}: the seed paper's 80/20 split by artist, optionally with a
 *   validation part carved out of the training artists.
 * - {@link groupKFold}: k folds whose test parts partition the artists, sizes balanced by rows.
 * - {@link assertNoGroupLeakage}: throws if any group appears in two parts.
 * - {@link splitFrame}: the assignment as a table to export with the dataset.
 *
 * @example
 * ```ts
 * import { groupTrainTestSplit } from "./split.ts";
 * const parts = groupTrainTestSplit(["a", "a", "b", "c", "c"], { testFraction: 0.4, seed: 1 });
 * // e.g. ["train", "train", "test", "test", "test"] — never one artist on both sides
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { DEFAULT_SEED, PAPER_SETTINGS } from "../paper.ts";
import { Rng } from "./random.ts";

/** The part a row belongs to. */
export type SplitPart = "train" | "validation" | "test";

/** Raised when a split would put one group on two sides, or cannot be made. */
export class SplitError extends Error {
  /** Creates the error; `message` says which group or part is concerned. */
  constructor(message: string) {
    super(message);
    this.name = "SplitError";
  }
}

function groupIndex(groups: readonly string[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const rows = index.get(g);
    if (rows) rows.push(i);
    else index.set(g, [i]);
  });
  return index;
}

/**
 * Picks groups, in a seeded random order, whose rows add up as close as possible to
 * `fraction` of `total` rows; always at least one group and never all of them.
 */
function drawGroups(
  index: Map<string, number[]>,
  names: string[],
  fraction: number,
  rng: Rng,
): Set<string> {
  if (names.length < 2) {
    throw new SplitError(`cannot split ${names.length} group(s): need at least 2 artists`);
  }
  const total = names.reduce((s, g) => s + index.get(g)!.length, 0);
  const target = fraction * total;
  const chosen = new Set<string>();
  let size = 0;
  for (const g of rng.shuffle([...names])) {
    const n = index.get(g)!.length;
    if (chosen.size === 0 || Math.abs(size + n - target) < Math.abs(size - target)) {
      if (chosen.size === names.length - 1) break;
      chosen.add(g);
      size += n;
    }
  }
  return chosen;
}

/** Options of {@link groupTrainTestSplit}. */
export interface GroupSplitOptions {
  /** Share of rows (by whole groups) held out for testing; default 0.2 (the paper's 80/20). */
  testFraction?: number;
  /** Share of the training rows (by whole groups) carved out for validation; default 0 (none). */
  validationFraction?: number;
  /** Seed of the group draw; default 42. */
  seed?: number;
}

/**
 * Assigns every row to train, validation or test so that no group spans two parts.
 *
 * @param groups the group (artist id) of every row.
 * @returns the part of every row, in row order.
 */
export function groupTrainTestSplit(
  groups: readonly string[],
  options: GroupSplitOptions = {},
): SplitPart[] {
  const {
    testFraction = PAPER_SETTINGS.split.testFraction,
    validationFraction = 0,
    seed = DEFAULT_SEED,
  } = options;
  for (const [name, value] of [["testFraction", testFraction]] as const) {
    if (!(value > 0 && value < 1)) throw new SplitError(`${name} must be in (0, 1), got ${value}`);
  }
  if (!(validationFraction >= 0 && validationFraction < 1)) {
    throw new SplitError(`validationFraction must be in [0, 1), got ${validationFraction}`);
  }
  const index = groupIndex(groups);
  const names = [...index.keys()].sort();
  const rng = new Rng(seed);
  const test = drawGroups(index, names, testFraction, rng);
  const rest = names.filter((g) => !test.has(g));
  const validation = validationFraction > 0
    ? drawGroups(index, rest, validationFraction, rng)
    : new Set<string>();
  const parts = groups.map((g): SplitPart =>
    test.has(g) ? "test" : validation.has(g) ? "validation" : "train"
  );
  assertNoGroupLeakage(groups, parts);
  return parts;
}

/** One fold: row indices for training and for testing. */
export interface Fold {
  /** Row indices the model is fitted on. */
  train: number[];
  /** Row indices it is scored on: the rows of groups not in `train`. */
  test: number[];
}

/**
 * Grouped k-fold: the test parts of the k folds partition the groups, each group tested exactly
 * once. Groups are shuffled with the seed, then placed largest first into the fold with the
 * fewest rows so the folds have similar sizes (as scikit-learn's GroupKFold, plus the seed).
 */
export function groupKFold(groups: readonly string[], k: number, seed = DEFAULT_SEED): Fold[] {
  const index = groupIndex(groups);
  if (!Number.isInteger(k) || k < 2) throw new SplitError(`k must be an integer ≥ 2, got ${k}`);
  if (index.size < k) {
    throw new SplitError(`cannot make ${k} folds from ${index.size} groups (artists)`);
  }
  const order = new Rng(seed).shuffle([...index.keys()].sort());
  order.sort((a, b) => index.get(b)!.length - index.get(a)!.length); // stable: ties keep the shuffle
  const foldOf = new Map<string, number>();
  const sizes = new Array<number>(k).fill(0);
  for (const g of order) {
    const fold = sizes.indexOf(Math.min(...sizes));
    foldOf.set(g, fold);
    sizes[fold] += index.get(g)!.length;
  }
  const folds = Array.from({ length: k }, (): Fold => ({ train: [], test: [] }));
  groups.forEach((g, i) => {
    const f = foldOf.get(g)!;
    folds.forEach((fold, j) => (j === f ? fold.test : fold.train).push(i));
  });
  for (const fold of folds) {
    const parts = new Array<string>(groups.length);
    fold.train.forEach((i) => (parts[i] = "train"));
    fold.test.forEach((i) => (parts[i] = "test"));
    assertNoGroupLeakage(groups, parts);
  }
  return folds;
}

/**
 * Throws a {@link SplitError} naming the first group found in two parts.
 *
 * @param groups group of every row; @param parts the part of every row (undefined = unused).
 */
export function assertNoGroupLeakage(
  groups: readonly string[],
  parts: readonly (string | undefined)[],
): void {
  if (groups.length !== parts.length) {
    throw new SplitError(`${groups.length} groups but ${parts.length} assignments`);
  }
  const seen = new Map<string, string>();
  groups.forEach((g, i) => {
    const part = parts[i];
    if (part === undefined) return;
    const before = seen.get(g);
    if (before === undefined) seen.set(g, part);
    else if (before !== part) {
      throw new SplitError(`group "${g}" is in both "${before}" and "${part}" (row ${i})`);
    }
  });
}

/** The assignment as a table (track_id, artist_id, split) for export beside the dataset. */
export function splitFrame(tracks: pl.DataFrame, parts: readonly string[]): pl.DataFrame {
  if (tracks.height !== parts.length) {
    throw new SplitError(`${tracks.height} tracks but ${parts.length} assignments`);
  }
  return pl.DataFrame([
    tracks.getColumn("track_id"),
    tracks.getColumn("artist_id"),
    pl.Series("split", [...parts], pl.Utf8),
  ]);
}
