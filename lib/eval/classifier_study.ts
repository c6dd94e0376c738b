/**
 * The FMA audio classifier study judged: for each network and each part of a split, accuracy,
 * balanced accuracy, macro-F1, per-class recall and the confusion matrix of its k popularity
 * classes, beside the majority class of the training rows (the study reports no baseline; its
 * majority class alone scores 46.7 %); the gap between the stratified random split and the
 * artist-grouped split; and the headline numbers.
 *
 * @example
 * ```ts
 * import { multiclassReport } from "./classifier_study.ts";
 * const r = multiclassReport([0, 1, 2, 2], [0, 2, 2, 2], 3);
 * console.log(r.accuracy, r.recall); // 0.75 [1, 0, 1]
 * ```
 * @module
 */
import type { ClassSplitKind } from "../data/classes.ts";
import type { SplitPart } from "../data/split.ts";
import type { AudioClassifierVariant } from "../model/cnn/classifier.ts";
import type { ClassifierRun } from "../model/popularity/audio_classifier.ts";
import type { Headline } from "./headline.ts";

/** Scores of k-class predictions. */
export interface MulticlassReport {
  /** Rows scored. */
  n: number;
  /** Share of rows whose predicted class is the true one. */
  accuracy: number;
  /** Mean recall over the classes present in the truth. */
  balancedAccuracy: number;
  /** Mean F1 over all k classes (a class never predicted nor present scores 0). */
  macroF1: number;
  /** Recall of each class (NaN for a class absent from the truth). */
  recall: number[];
  /** counts[true][predicted]. */
  confusion: number[][];
}

/** Scores of predicted classes against true ones (classes 0…k−1); NaN scores when empty. */
export function multiclassReport(
  actual: readonly number[],
  predicted: readonly number[],
  classes: number,
): MulticlassReport {
  if (actual.length !== predicted.length) {
    throw new RangeError(`${actual.length} true classes but ${predicted.length} predictions`);
  }
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  actual.forEach((a, i) => {
    const p = predicted[i];
    if (!(a >= 0 && a < classes && p >= 0 && p < classes)) {
      throw new RangeError(`classes must be in 0…${classes - 1}, found ${a} and ${p}`);
    }
    confusion[a][p]++;
  });
  const n = actual.length;
  const rowSum = confusion.map((r) => r.reduce((s, x) => s + x, 0));
  const colSum = confusion[0].map((_, j) => confusion.reduce((s, r) => s + r[j], 0));
  const recall = confusion.map((r, k) => (rowSum[k] > 0 ? r[k] / rowSum[k] : NaN));
  const present = recall.filter((r) => !Number.isNaN(r));
  const f1 = confusion.map((r, k) => {
    const denominator = rowSum[k] + colSum[k];
    return denominator > 0 ? (2 * r[k]) / denominator : 0;
  });
  const correct = confusion.reduce((s, r, k) => s + r[k], 0);
  return {
    n,
    accuracy: n > 0 ? correct / n : NaN,
    balancedAccuracy: present.length > 0
      ? present.reduce((a, b) => a + b, 0) / present.length
      : NaN,
    macroF1: n > 0 ? f1.reduce((a, b) => a + b, 0) / classes : NaN,
    recall,
    confusion,
  };
}

/** The most frequent class (the lowest on ties). */
export function majorityClassOf(labels: readonly number[], classes: number): number {
  const counts = new Array<number>(classes).fill(0);
  for (const l of labels) counts[l]++;
  return counts.indexOf(Math.max(...counts));
}

/** One network (or the majority class) scored on each part. */
export interface ScoredModel {
  /** The network's name, or `majority class`. */
  name: string;
  /** The study's accuracy on fma_small (train, validation, test), when it reported one. */
  study: AudioClassifierVariant["study"] | null;
  /** Scores on each part. */
  parts: Record<SplitPart, MulticlassReport>;
  /** Best epoch (1-based) and epochs run; null for the majority class. */
  bestEpoch: number | null;
  /** Epochs the training ran; null for the majority class. */
  epochsRun: number | null;
}

/** A split's networks and baseline, scored. */
export interface ClassifierEvaluation {
  /** Which split. */
  kind: ClassSplitKind;
  /** The split in words. */
  title: string;
  /** Number of classes. */
  classes: number;
  /** The networks, in training order. */
  models: ScoredModel[];
  /** The majority class of the training rows, predicted for every row. */
  majority: ScoredModel & { majorityClass: number };
}

const PARTS: readonly SplitPart[] = ["train", "validation", "test"];

/**
 * Scores every run on its parts and the training rows' majority class on the same rows.
 *
 * @param split the split's kind, title, and the class and part of every row
 */
export function evaluateClassifiers(
  split: {
    kind: ClassSplitKind;
    title: string;
    labels: readonly number[];
    parts: readonly SplitPart[];
  },
  runs: readonly ClassifierRun[],
  classes = 3,
): ClassifierEvaluation {
  const rowsOf = (p: SplitPart) => split.labels.filter((_, i) => split.parts[i] === p);
  const majorityClass = majorityClassOf(rowsOf("train"), classes);
  const majorityParts = Object.fromEntries(PARTS.map((p) => {
    const actual = rowsOf(p);
    return [p, multiclassReport(actual, actual.map(() => majorityClass), classes)];
  })) as Record<SplitPart, MulticlassReport>;
  return {
    kind: split.kind,
    title: split.title,
    classes,
    models: runs.map((r) => ({
      name: r.variant.name,
      study: r.variant.study,
      parts: Object.fromEntries(
        PARTS.map((p) => [p, multiclassReport(r.parts[p].actual, r.parts[p].predicted, classes)]),
      ) as Record<SplitPart, MulticlassReport>,
      bestEpoch: r.result.bestEpoch + 1,
      epochsRun: r.result.history.length,
    })),
    majority: {
      name: "majority class",
      study: null,
      parts: majorityParts,
      bestEpoch: null,
      epochsRun: null,
      majorityClass,
    },
  };
}

/** The network with the highest validation accuracy (chosen without looking at the test rows). */
export function bestClassifier(evaluation: ClassifierEvaluation): ScoredModel | null {
  let best: ScoredModel | null = null;
  for (const m of evaluation.models) {
    const v = m.parts.validation.accuracy;
    if (best === null || v > best.parts.validation.accuracy) best = m;
  }
  return best;
}

/** Test accuracy of each network on both splits and the drop from random to artist-grouped. */
export interface SplitGap {
  /** The network's name (or `majority class`). */
  name: string;
  /** Test accuracy on the stratified random split. */
  stratified: number;
  /** Test accuracy on the artist-grouped split. */
  artist: number;
  /** stratified − artist, in accuracy (a positive gap: the random split flatters the model). */
  gap: number;
  /** Test balanced accuracy on the stratified random split (free of the class shares). */
  balancedStratified: number;
  /** Test balanced accuracy on the artist-grouped split. */
  balancedArtist: number;
  /** balancedStratified − balancedArtist. */
  balancedGap: number;
}

/**
 * The gap per network (and the majority class) between the two splits' test accuracy and test
 * balanced accuracy (accuracy also moves with each test set's class shares; balanced accuracy
 * does not).
 */
export function splitGaps(evaluations: readonly ClassifierEvaluation[]): SplitGap[] {
  const random = evaluations.find((e) => e.kind === "stratified");
  const artist = evaluations.find((e) => e.kind === "artist");
  if (!random || !artist) return [];
  return [...random.models, random.majority].flatMap((m) => {
    const other = m.study === null ? artist.majority : artist.models.find((a) => a.name === m.name);
    if (!other) return [];
    const s = m.parts.test.accuracy, a = other.parts.test.accuracy;
    const bs = m.parts.test.balancedAccuracy, ba = other.parts.test.balancedAccuracy;
    return [{
      name: m.name,
      stratified: s,
      artist: a,
      gap: s - a,
      balancedStratified: bs,
      balancedArtist: ba,
      balancedGap: bs - ba,
    }];
  });
}

/**
 * Headline numbers per split: the best network's (by validation accuracy) test accuracy,
 * balanced accuracy and macro-F1, each beside the majority class's on the same test rows.
 */
export function classifierHeadlines(evaluations: readonly ClassifierEvaluation[]): Headline[] {
  return evaluations.flatMap((e) => {
    const best = bestClassifier(e);
    if (!best || best.parts.test.n === 0) return [];
    const metrics = [
      ["accuracy", "accuracy"],
      ["balanced accuracy", "balancedAccuracy"],
      ["macro-F1", "macroF1"],
    ] as const;
    return metrics.flatMap(([metric, key]) => {
      const value = best.parts.test[key], baselineValue = e.majority.parts.test[key];
      if (!Number.isFinite(value) || !Number.isFinite(baselineValue)) return [];
      return [{
        label: `${best.name} (${e.title} split)`,
        metric,
        value,
        baseline: "majority class",
        baselineValue,
        lowerIsBetter: false,
        n: best.parts.test.n,
      }];
    });
  });
}
