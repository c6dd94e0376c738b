/**
 * Permutation importance with bootstrap intervals: how much a model's test score worsens when one
 * input's values are shuffled across the test rows (breaking its link to the target while keeping
 * its distribution), averaged over several shuffles, with a percentile bootstrap 95 % interval
 * over the test rows. For the popularity CNN every metadata column is one input and the audio as a
 * whole another (spectrograms shuffled across test songs); for a classical model every column of
 * its matrix is one input.
 *
 * @example
 * ```ts
 * import { mae } from "./metrics.ts";
 * import { permutationImportance } from "./permutation.ts";
 * const actual = [10, 20, 30, 40];
 * const x = [1, 2, 3, 4];
 * const result = permutationImportance(actual, ["x"], (_feature, order) =>
 *   (order ?? [0, 1, 2, 3]).map((k) => x[k] * 10), {
 *   metric: mae, metricName: "MAE", higherIsBetter: false, repeats: 5, resamples: 200,
 * });
 * console.log(result.rows[0]); // { feature: "x", importance: …, low: …, high: … }
 * ```
 * @module
 */
import type { Config } from "../config.ts";
import { Rng } from "../data/random.ts";
import { isTinyDemo } from "../model/popularity/variants.ts";
import type { PopularityModel, SongExample } from "../model/popularity/model.ts";
import { type Matrix, takeLabels, takeRows } from "../model/baselines/matrix.ts";
import {
  type BaselineName,
  type BaselineSettings,
  createBaseline,
} from "../model/baselines/registry.ts";
import type { ComparisonResult } from "./compare/protocol.ts";
import { protocolFolds } from "./compare/protocol.ts";
import type { ComparisonTable } from "./compare/table.ts";
import { balancedAccuracy, mae } from "./metrics.ts";

/** One input's importance: the mean worsening of the score and its bootstrap 95 % interval. */
export interface ImportanceRow {
  /** The input's name (a column of the comparison table). */
  feature: string;
  /** Mean over shuffles of the score's worsening (positive: the model relies on the input). */
  importance: number;
  /** Lower end of the bootstrap 95 % interval of the importance. */
  low: number;
  /** Upper end of the bootstrap 95 % interval of the importance. */
  high: number;
}

/** The importances of a model's inputs on its test rows. */
export interface PermutationImportance {
  /** What the score is, e.g. "MAE" or "F1". */
  metricName: string;
  /**
   * Whether a larger score is better (F1), so that worsening is a decrease; false for errors (MAE).
   */
  higherIsBetter: boolean;
  /** The score on the intact test rows. */
  score: number;
  /** Test rows. */
  n: number;
  /** Shuffles per input. */
  repeats: number;
  /** One row per input, the most important first. */
  rows: ImportanceRow[];
}

/** Options of {@link permutationImportance}. */
export interface PermutationImportanceOptions {
  /** The score, e.g. mae or f1Score (lib/eval/metrics.ts). */
  metric: (yTrue: number[], yPred: number[]) => number;
  /** The score's name in tables, e.g. "MAE" or "F1". */
  metricName: string;
  /** Whether a larger score is better; false for errors such as MAE. */
  higherIsBetter: boolean;
  /** Shuffles per input; default 5. */
  repeats?: number;
  /** Bootstrap resamples of the test rows; default 500. */
  resamples?: number;
  /** Seed of the shuffles and the bootstrap; default 0. */
  seed?: number;
}

/**
 * Shuffles and resamples for the notebooks: 5 shuffles per input and 1000 bootstrap resamples,
 * 2 and 100 on the tiny demo corpus (CI), seeded with the configured seed.
 */
export function importanceOptions(
  config: Config,
): Required<Pick<PermutationImportanceOptions, "repeats" | "resamples" | "seed">> {
  const tiny = isTinyDemo(config);
  return { repeats: tiny ? 2 : 5, resamples: tiny ? 100 : 1000, seed: config.seed };
}

/**
 * The permutation importance of each input. `predict(feature, order)` returns the model's
 * predictions for the test rows when `feature`'s value of row i is taken from row `order[i]`
 * (every other input intact); `predict(null, null)` the intact predictions.
 */
export function permutationImportance(
  actual: readonly number[],
  features: readonly string[],
  predict: (feature: string | null, order: readonly number[] | null) => ArrayLike<number>,
  options: PermutationImportanceOptions,
): PermutationImportance {
  const { metric, metricName, higherIsBetter, repeats = 5, resamples = 500, seed = 0 } = options;
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`repeats ≥ 1: ${repeats}`);
  const n = actual.length;
  const rng = new Rng(seed);
  const intact = Array.from(predict(null, null));
  if (intact.length !== n) {
    throw new RangeError(`${intact.length} predictions for ${n} test rows`);
  }
  const sign = higherIsBetter ? 1 : -1;
  const worsening = (y: number[], base: number[], shuffled: number[]) =>
    sign * (metric(y, base) - metric(y, shuffled));
  const shuffledPredictions = features.map((feature) =>
    Array.from({ length: repeats }, () => {
      const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
      return Array.from(predict(feature, order));
    })
  );
  const y = Array.from(actual);
  const rows = features.map((feature, f) => {
    const mean = (yy: number[], base: number[], pick: (p: number[]) => number[]) =>
      shuffledPredictions[f].reduce((s, p) => s + worsening(yy, base, pick(p)), 0) / repeats;
    const importance = mean(y, intact, (p) => p);
    const values: number[] = [];
    const idx = new Array<number>(n);
    for (let b = 0; b < resamples; b++) {
      for (let i = 0; i < n; i++) idx[i] = rng.int(0, n);
      const pick = (p: number[]) => idx.map((k) => p[k]);
      const v = mean(pick(y), pick(intact), pick);
      if (Number.isFinite(v)) values.push(v);
    }
    values.sort((a, b) => a - b);
    const q = (p: number) =>
      values.length ? values[Math.min(values.length - 1, Math.floor(p * values.length))] : NaN;
    return { feature, importance, low: q(0.025), high: q(0.975) };
  });
  const key = (r: ImportanceRow) => Number.isNaN(r.importance) ? -Infinity : r.importance;
  rows.sort((a, b) => key(b) - key(a));
  return { metricName, higherIsBetter, score: metric(y, intact), n, repeats, rows };
}

/** The inputs the importance of a popularity model is measured over: "audio" and metadata columns. */
export const AUDIO_FEATURE = "audio";

/** A popularity model's inputs: {@link AUDIO_FEATURE} when it listens, then its metadata columns. */
export function modelInputs(model: Pick<PopularityModel, "meta" | "encoder">): string[] {
  const columns = [...new Set(model.encoder?.inputs.map((f) => f.column) ?? [])];
  return model.meta.inputs === "metadata" ? columns : [AUDIO_FEATURE, ...columns];
}

/**
 * The test songs with one input shuffled: song i takes song `order[i]`'s spectrogram
 * ({@link AUDIO_FEATURE}) or its value of one metadata column; everything else stays.
 */
export function permuteSongs<S extends SongExample>(
  songs: readonly S[],
  feature: string,
  order: readonly number[],
): S[] {
  if (order.length !== songs.length) {
    throw new RangeError(`an order of ${order.length} rows for ${songs.length} songs`);
  }
  return songs.map((song, i) => {
    const donor = songs[order[i]];
    if (feature === AUDIO_FEATURE) return { ...song, spectrogram: donor.spectrogram };
    return { ...song, metadata: { ...song.metadata, [feature]: donor.metadata?.[feature] } };
  });
}

/**
 * Permutation importance of a popularity model's inputs (see {@link modelInputs}) on test songs
 * with a known popularity, by the mean absolute error (worsening in popularity points).
 */
export function songImportance(
  model: Pick<PopularityModel, "meta" | "encoder" | "predict">,
  songs: readonly SongExample[],
  options: Omit<PermutationImportanceOptions, "metric" | "metricName" | "higherIsBetter"> = {},
): PermutationImportance {
  const actual = songs.map((s) => s.popularity ?? NaN);
  return permutationImportance(
    actual,
    modelInputs(model),
    (feature, order) =>
      model.predict(
        feature === null || order === null ? songs : permuteSongs(songs, feature, order),
      ),
    {
      ...options,
      metric: mae,
      metricName: "MAE",
      higherIsBetter: false,
    },
  );
}

/** The best classical model of a comparison run by F1 (the majority class left out), or null. */
export function bestBaseline(
  result: Pick<ComparisonResult, "summary">,
): { model: BaselineName; label: string } | null {
  const rows = (result.summary.toRecords() as Record<string, unknown>[]).filter((r) =>
    r.model !== "dummy" && typeof r.f1 === "number" && Number.isFinite(r.f1) &&
    !String(r.model).startsWith("cnn_")
  );
  if (rows.length === 0) return null;
  const best = rows.reduce((a, b) => (Number(b.f1) > Number(a.f1) ? b : a));
  return { model: best.model as BaselineName, label: String(best.label ?? best.model) };
}

function withColumnFrom(X: Matrix, column: number, order: readonly number[]): Matrix {
  const data = X.data.slice();
  for (let i = 0; i < X.rows; i++) data[i * X.cols + column] = X.data[order[i] * X.cols + column];
  return { data, rows: X.rows, cols: X.cols };
}

/**
 * Permutation importance of every feature of a classical model, fitted on the 80/20 split's
 * training rows of the comparison table and scored on its test rows (the artists the CNN is
 * tested on) by balanced accuracy, so that a model answering one class everywhere shows no
 * importance it does not have. Above `maxTestRows` test rows a seeded random subset of them is
 * scored (`n` of the result says how many).
 */
export function baselineImportance(
  table: ComparisonTable,
  model: BaselineName,
  settings: BaselineSettings = {},
  options: Omit<PermutationImportanceOptions, "metric" | "metricName" | "higherIsBetter"> & {
    /** Most test rows scored (a seeded random subset above it, for speed); default 2000. */
    maxTestRows?: number;
  } = {},
): PermutationImportance {
  const [fold] = protocolFolds(table, { kind: "holdout" });
  const maxTestRows = options.maxTestRows ?? 2000;
  if (fold.test.length > maxTestRows) {
    const rng = new Rng(options.seed ?? 0);
    fold.test = rng.shuffle(fold.test).slice(0, maxTestRows).sort((a, b) => a - b);
  }
  const classifier = createBaseline(model, settings);
  classifier.fit(takeRows(table.X, fold.train), takeLabels(table.y, fold.train));
  const Xtest = takeRows(table.X, fold.test);
  const actual = Array.from(takeLabels(table.y, fold.test));
  return permutationImportance(
    actual,
    table.features,
    (feature, order) =>
      classifier.predict(
        feature === null || order === null
          ? Xtest
          : withColumnFrom(Xtest, table.features.indexOf(feature), order),
      ),
    {
      repeats: options.repeats,
      resamples: options.resamples,
      seed: options.seed,
      metric: balancedAccuracy,
      metricName: "balanced accuracy",
      higherIsBetter: true,
    },
  );
}
