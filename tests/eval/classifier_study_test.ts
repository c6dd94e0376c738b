import assert from "node:assert/strict";
import type { SplitPart } from "../../lib/data/split.ts";
import {
  bestClassifier,
  type ClassifierEvaluation,
  classifierHeadlines,
  evaluateClassifiers,
  majorityClassOf,
  multiclassReport,
  splitGaps,
} from "../../lib/eval/classifier_study.ts";
import { AUDIO_CLASSIFIER_VARIANTS } from "../../lib/model/cnn/classifier.ts";
import type { ClassifierRun } from "../../lib/model/popularity/audio_classifier.ts";

Deno.test("multiclassReport matches scikit-learn's numbers on a worked example", () => {
  // By hand, as scikit-learn defines them: accuracy 0.5, balanced accuracy 0.5, macro-F1 0.4889
  const y = [0, 0, 1, 1, 1, 2, 2, 2];
  const p = [0, 1, 1, 1, 2, 0, 0, 2];
  const r = multiclassReport(y, p, 3);
  assert.equal(r.accuracy, 4 / 8);
  assert.deepEqual(r.recall, [1 / 2, 2 / 3, 1 / 3]);
  assert.ok(Math.abs(r.balancedAccuracy - 0.5) < 1e-12);
  // F1 per class: 0: 2·1/(2+3)=0.4, 1: 2·2/(3+3)=0.667, 2: 2·1/(3+2)=0.4
  assert.ok(Math.abs(r.macroF1 - (0.4 + 2 / 3 + 0.4) / 3) < 1e-12);
  assert.deepEqual(r.confusion, [[1, 1, 0], [0, 2, 1], [2, 0, 1]]);
});

Deno.test("a class absent from the truth: recall NaN, left out of balanced accuracy", () => {
  const r = multiclassReport([1, 1, 2], [1, 1, 1], 3);
  assert.ok(Number.isNaN(r.recall[0]));
  assert.equal(r.balancedAccuracy, 0.5);
  assert.ok(Number.isNaN(multiclassReport([], [], 3).accuracy));
  assert.throws(() => multiclassReport([3], [0], 3), /0…2/);
  assert.equal(majorityClassOf([2, 1, 1, 2], 3), 1);
});

function run(variant: number, predicted: Record<SplitPart, number[]>, split: Split): ClassifierRun {
  const of = (p: SplitPart) => {
    const rows = split.parts.flatMap((q, i) => (q === p ? [i] : []));
    return { rows, actual: rows.map((i) => split.labels[i]), predicted: predicted[p] };
  };
  return {
    variant: AUDIO_CLASSIFIER_VARIANTS[variant],
    result: {
      history: [],
      bestEpoch: 2,
      stopEpoch: null,
      restoredBestWeights: true,
      seconds: 1,
      resumedAt: 0,
    },
    parts: { train: of("train"), validation: of("validation"), test: of("test") },
  };
}

type Split = { labels: number[]; parts: SplitPart[] };

function study(): ClassifierEvaluation[] {
  const split: Split = {
    labels: [1, 1, 1, 0, 2, 1, 2, 1, 0, 2],
    parts: [
      "train",
      "train",
      "train",
      "train",
      "train",
      "validation",
      "validation",
      "test",
      "test",
      "test",
    ],
  };
  const perfect = run(0, { train: [1, 1, 1, 0, 2], validation: [1, 2], test: [1, 0, 2] }, split);
  const poor = run(3, { train: [1, 1, 1, 1, 1], validation: [1, 1], test: [1, 1, 1] }, split);
  const random = evaluateClassifiers({ kind: "stratified", title: "stratified random", ...split }, [
    poor,
    perfect,
  ]);
  const worse = run(0, { train: [1, 1, 1, 0, 2], validation: [1, 2], test: [0, 0, 0] }, split);
  const artist = evaluateClassifiers({ kind: "artist", title: "artist-grouped", ...split }, [
    worse,
  ]);
  return [random, artist];
}

Deno.test("evaluation: the majority class of the training rows is scored on the same rows", () => {
  const [random] = study();
  assert.equal(random.majority.majorityClass, 1);
  assert.equal(random.majority.parts.test.accuracy, 1 / 3);
  assert.equal(random.models[1].parts.test.accuracy, 1);
  assert.equal(random.models[1].bestEpoch, 3);
  assert.equal(bestClassifier(random)!.name, "2-conv mono");
});

Deno.test("gaps and headlines: random minus artist-grouped; the best beside the majority", () => {
  const evaluations = study();
  const gaps = splitGaps(evaluations);
  const twoConv = gaps.find((g) => g.name === "2-conv mono")!;
  assert.equal(twoConv.stratified, 1);
  assert.equal(twoConv.artist, 1 / 3);
  assert.ok(Math.abs(twoConv.gap - 2 / 3) < 1e-12);
  // Balanced accuracy: 1 on the random split; on the artist split only class 0 is right (1/3).
  assert.equal(twoConv.balancedStratified, 1);
  assert.ok(Math.abs(twoConv.balancedArtist - 1 / 3) < 1e-12);
  assert.ok(Math.abs(twoConv.balancedGap - 2 / 3) < 1e-12);
  assert.equal(gaps.find((g) => g.name === "majority class")!.gap, 0);
  const headlines = classifierHeadlines(evaluations);
  assert.equal(headlines.length, 6);
  assert.deepEqual(headlines.map((h) => h.metric).slice(0, 3), [
    "accuracy",
    "balanced accuracy",
    "macro-F1",
  ]);
  assert.equal(headlines[0].label, "2-conv mono (stratified random split)");
  assert.equal(headlines[0].baselineValue, 1 / 3);
  assert.equal(headlines[3].value, 1 / 3);
});
