/**
 * Popularity classes from a count (listens, streams): k ordered classes, low to high, cut at
 * thresholds fitted on the training rows only, given either as class shares (the FMA classifier
 * study's 16.8 / 46.7 / 36.5 %) or as quantiles of the training counts (e.g. [1/3, 2/3] for
 * tertiles). A count equal to a threshold belongs to the class above it.
 *
 * - {@link fitCountThresholds}: the thresholds from the training counts;
 * - {@link countClasses}: the class of every count under given thresholds;
 * - {@link classSplits}: the study's stratified random split and the artist-grouped split of the
 *   same rows, each with its classes fitted on its own training rows;
 * - {@link popularityCounts}: the dataset's count per track — the `listens` column when the
 *   tracks have one (FMA), else the sum of the daily `streams` table (the demo corpus);
 * - {@link countedTracks}, {@link tracksWithInputs}: the tracks with a count and audio, and those
 *   whose network input could be computed.
 *
 * @example
 * ```ts
 * import { countClasses, fitCountThresholds, STUDY_CLASS_SHARES } from "./classes.ts";
 * const counts = [5, 80, 120, 400, 950, 30, 2_000, 610];
 * const fit = fitCountThresholds(counts, { shares: STUDY_CLASS_SHARES });
 * console.log(fit.thresholds, countClasses(counts, fit.thresholds)); // two cuts; classes 0–2
 * ```
 * @module
 */
import type pl from "nodejs-polars";
import type { Dataset } from "./dataset.ts";
import { groupTrainTestSplit, type SplitPart } from "./split.ts";
import { stratifiedSplit } from "./stratified_split.ts";
import { DEFAULT_SEED } from "../paper.ts";

/** The study's class shares of `fma_small` (low, medium, high popularity). */
export const STUDY_CLASS_SHARES: readonly number[] = [0.168, 0.467, 0.365];

/** Names of three ordered popularity classes. */
export const POPULARITY_CLASS_NAMES: readonly string[] = ["low", "medium", "high"];

/** Raised when classes cannot be fitted; says what was expected and found. */
export class ClassesError extends Error {
  /** Creates the error with a message saying what was expected and what was found. */
  constructor(message: string) {
    super(message);
    this.name = "ClassesError";
  }
}

/** How the thresholds are given: class shares (summing to 1) or quantiles in (0, 1), ascending. */
export type ThresholdSpec = { shares: readonly number[] } | { quantiles: readonly number[] };

/** Fitted thresholds: k − 1 ascending cuts for k classes. */
export interface CountThresholds {
  /** Lowest count of classes 1…k−1. */
  thresholds: number[];
  /** The quantiles the cuts were taken at (cumulative shares for a shares spec). */
  quantiles: number[];
  /** Training counts the thresholds were fitted on. */
  fittedOn: number;
  /** Share of the training counts that fell in each class (ties make it differ from the spec). */
  trainShares: number[];
}

function quantilesOf(spec: ThresholdSpec): number[] {
  if ("shares" in spec) {
    const s = spec.shares;
    const total = s.reduce((a, b) => a + b, 0);
    if (s.length < 2 || s.some((x) => !(x > 0)) || Math.abs(total - 1) > 1e-6) {
      throw new ClassesError(
        `shares must be ≥ 2 positive numbers summing to 1, found [${s.join(", ")}]`,
      );
    }
    let c = 0;
    return s.slice(0, -1).map((x) => (c += x));
  }
  const q = spec.quantiles;
  if (q.length < 1 || q.some((x, i) => !(x > 0 && x < 1) || (i > 0 && !(x > q[i - 1])))) {
    throw new ClassesError(`quantiles must be ascending in (0, 1), found [${q.join(", ")}]`);
  }
  return [...q];
}

/** The class of every count: the number of thresholds at or below it. */
export function countClasses(counts: readonly number[], thresholds: readonly number[]): number[] {
  return counts.map((c) => {
    if (!Number.isFinite(c)) throw new ClassesError(`count must be finite, found ${c}`);
    let k = 0;
    for (const t of thresholds) if (c >= t) k++;
    return k;
  });
}

/**
 * Thresholds from the training counts: the cut for quantile q is the count of the training row
 * at rank ⌊q·n⌋ in ascending order (the lowest count of the class above), so that the classes
 * hold the requested shares of the training rows up to ties.
 *
 * @param trainCounts the counts of the training rows only
 */
export function fitCountThresholds(
  trainCounts: readonly number[],
  spec: ThresholdSpec,
): CountThresholds {
  const quantiles = quantilesOf(spec);
  const sorted = trainCounts.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length <= quantiles.length) {
    throw new ClassesError(
      `need more than ${quantiles.length} finite training counts for ${
        quantiles.length + 1
      } classes, found ${sorted.length}`,
    );
  }
  const thresholds = quantiles.map((q) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  );
  const classes = countClasses(sorted, thresholds);
  const trainShares = Array.from(
    { length: quantiles.length + 1 },
    (_, k) => classes.filter((c) => c === k).length / sorted.length,
  );
  return { thresholds, quantiles, fittedOn: sorted.length, trainShares };
}

/** A count per track and the column it came from. */
export interface PopularityCounts {
  /** `listens`, or `streams` (summed over the daily table). */
  column: string;
  /** track_id → count; tracks without a count are absent. */
  counts: Map<string, number>;
}

/**
 * The dataset's popularity count per track: its `listens` column when the tracks have one (FMA),
 * else the total of its daily `streams` table (the demo corpus), else null.
 */
export function popularityCounts(
  dataset: Pick<Dataset, "tracks" | "tables">,
): PopularityCounts | null {
  const counts = new Map<string, number>();
  if (dataset.tracks.columns.includes("listens")) {
    const ids = dataset.tracks.getColumn("track_id").toArray();
    const values = dataset.tracks.getColumn("listens").toArray();
    ids.forEach((id, i) => {
      const v = values[i];
      if (typeof v === "number" && Number.isFinite(v)) counts.set(String(id), v);
      if (typeof v === "bigint") counts.set(String(id), Number(v));
    });
    return { column: "listens", counts };
  }
  const streams: pl.DataFrame | undefined = dataset.tables.streams;
  if (!streams || !streams.columns.includes("streams")) return null;
  const ids = streams.getColumn("track_id").toArray();
  const values = streams.getColumn("streams").toArray();
  ids.forEach((id, i) => {
    const v = Number(values[i] ?? NaN);
    if (!Number.isFinite(v)) return;
    counts.set(String(id), (counts.get(String(id)) ?? 0) + v);
  });
  return { column: "streams", counts };
}

/** The two splits of the classifier study. */
export type ClassSplitKind = "stratified" | "artist";

/** One split of the classifier study with its classes fitted on its training rows. */
export interface ClassSplit {
  /** `stratified` (the study's random split) or `artist` (grouped by artist). */
  kind: ClassSplitKind;
  /** In words: `stratified random` or `artist-grouped`. */
  title: string;
  /** The part of every row. */
  parts: SplitPart[];
  /** The class of every row, under thresholds fitted on this split's training rows. */
  labels: number[];
  /** The thresholds, fitted on the training rows only. */
  thresholds: CountThresholds;
}

/** Options of {@link classSplits}. */
export interface ClassSplitsOptions {
  /** Class shares or quantiles; default the study's shares {@link STUDY_CLASS_SHARES}. */
  spec?: ThresholdSpec;
  /** Shares of validation and test rows; default 0.1 each (the study's 80/10/10). */
  validationFraction?: number;
  /** Share of the rows held out for testing; default 0.1. */
  testFraction?: number;
  /** Seed of both splits; default 42. */
  seed?: number;
}

/**
 * The study's two splits of the same rows: (1) random over tracks, 80/10/10, stratified by the
 * class each row has under thresholds taken over all rows (the study's buckets); (2) grouped by
 * artist with the same proportions (no artist on two sides). In each, the thresholds that label
 * the rows are then fitted on that split's training rows only.
 *
 * @param counts the count of every row (listens, streams)
 * @param artists the artist of every row
 */
export function classSplits(
  counts: readonly number[],
  artists: readonly string[],
  options: ClassSplitsOptions = {},
): ClassSplit[] {
  if (counts.length !== artists.length) {
    throw new ClassesError(`${counts.length} counts but ${artists.length} artists`);
  }
  const spec = options.spec ?? { shares: STUDY_CLASS_SHARES };
  const validationFraction = options.validationFraction ?? 0.1;
  const testFraction = options.testFraction ?? 0.1;
  const seed = options.seed ?? DEFAULT_SEED;
  const strata = countClasses(counts, fitCountThresholds(counts, spec).thresholds);
  const stratified = stratifiedSplit(strata, { validationFraction, testFraction, seed });
  const grouped = groupTrainTestSplit(artists, {
    testFraction,
    validationFraction: validationFraction / (1 - testFraction),
    seed,
  });
  const label = (kind: ClassSplitKind, title: string, parts: SplitPart[]): ClassSplit => {
    const thresholds = fitCountThresholds(counts.filter((_, i) => parts[i] === "train"), spec);
    return { kind, title, parts, labels: countClasses(counts, thresholds.thresholds), thresholds };
  };
  return [
    label("stratified", "stratified random", stratified),
    label("artist", "artist-grouped", grouped),
  ];
}

/** The tracks that have a count and an audio file, column by column, in the tracks' order. */
export interface CountedTracks {
  /** The count column (`listens`, `streams`), or null when the dataset has none. */
  column: string | null;
  /** track_id of each track. */
  trackIds: string[];
  /** artist_id of each track. */
  artistIds: string[];
  /** The count of each track. */
  counts: number[];
  /** audio_path of each track, as stored (relative to the project root or absolute). */
  audioPaths: string[];
}

/** The dataset's tracks with a popularity count ({@link popularityCounts}) and an audio file. */
export function countedTracks(dataset: Pick<Dataset, "tracks" | "tables">): CountedTracks {
  const found = popularityCounts(dataset);
  const out: CountedTracks = {
    column: found?.column ?? null,
    trackIds: [],
    artistIds: [],
    counts: [],
    audioPaths: [],
  };
  if (!found || !dataset.tracks.columns.includes("audio_path")) return out;
  const ids = dataset.tracks.getColumn("track_id").toArray();
  const artists = dataset.tracks.getColumn("artist_id").toArray();
  const paths = dataset.tracks.getColumn("audio_path").toArray();
  ids.forEach((id, i) => {
    const count = found.counts.get(String(id)), path = paths[i];
    if (count === undefined || typeof path !== "string" || path === "") return;
    out.trackIds.push(String(id));
    out.artistIds.push(String(artists[i]));
    out.counts.push(count);
    out.audioPaths.push(path);
  });
  return out;
}

/**
 * The tracks whose input was computed (non-null `inputs[i]`), with those inputs; the others
 * (audio missing or unreadable) are counted in `dropped`.
 */
export function tracksWithInputs<T>(
  tracks: CountedTracks,
  inputs: readonly (T | null)[],
): { tracks: CountedTracks; inputs: T[]; dropped: number } {
  if (inputs.length !== tracks.trackIds.length) {
    throw new ClassesError(`${tracks.trackIds.length} tracks but ${inputs.length} inputs`);
  }
  const keep = inputs.flatMap((x, i) => (x === null ? [] : [i]));
  const pick = <V>(xs: V[]) => keep.map((i) => xs[i]);
  return {
    tracks: {
      column: tracks.column,
      trackIds: pick(tracks.trackIds),
      artistIds: pick(tracks.artistIds),
      counts: pick(tracks.counts),
      audioPaths: pick(tracks.audioPaths),
    },
    inputs: keep.map((i) => inputs[i] as T),
    dropped: inputs.length - keep.length,
  };
}
