import assert from "node:assert/strict";
import { classSplits } from "../../lib/data/classes.ts";
import { loadConfig } from "../../lib/config.ts";
import {
  type ClassifierEvaluation,
  evaluateClassifiers,
  multiclassReport,
} from "../../lib/eval/classifier_study.ts";
import { AUDIO_CLASSIFIER_VARIANTS } from "../../lib/model/cnn/classifier.ts";
import type { ClassifierRun } from "../../lib/model/popularity/audio_classifier.ts";
import {
  classifierAccuracyTable,
  classifierRunsMarkdown,
  classifierSettingsMarkdown,
  classThresholdsTable,
  confusionMatrixFigure,
  spectrogramImageFigure,
  splitGapTable,
} from "../../lib/viz/classifier.ts";

const counts = Array.from({ length: 100 }, (_, i) => (i * 37) % 101);
const artists = counts.map((_, i) => `a${i % 10}`);
const splits = classSplits(counts, artists, { seed: 2 });

function constantRun(split: (typeof splits)[number], answer: number): ClassifierRun {
  const part = (p: "train" | "validation" | "test") => {
    const rows = split.parts.flatMap((q, i) => (q === p ? [i] : []));
    return { rows, actual: rows.map((i) => split.labels[i]), predicted: rows.map(() => answer) };
  };
  return {
    variant: AUDIO_CLASSIFIER_VARIANTS[3],
    result: {
      history: [],
      bestEpoch: 0,
      stopEpoch: 4,
      restoredBestWeights: true,
      seconds: 2,
      resumedAt: 0,
    },
    parts: { train: part("train"), validation: part("validation"), test: part("test") },
  };
}

const evaluations: ClassifierEvaluation[] = splits.map((s) =>
  evaluateClassifiers(s, [constantRun(s, 2)])
);

Deno.test("thresholds table: one row per split, cuts and shares formatted, reading names the quantiles", () => {
  const { table, reading } = classThresholdsTable(splits, "listens");
  assert.deepEqual(table.getColumn("split").toArray(), ["stratified random", "artist-grouped"]);
  assert.ok(table.columns.includes("listens cuts"));
  assert.match(String(table.getColumn("train shares").toArray()[0]), /^\d.* % \/ .* % \/ .* %$/);
  assert.match(reading, /16\.8 %, 63\.5 %/);
  assert.match(reading, /training rows only/);
  const none = classThresholdsTable([], "count");
  assert.equal(none.table.height, 0);
  assert.match(none.reading, /no tracks with both a popularity count/);
});

Deno.test("accuracy table: networks and the majority class beside the study; no null cells", () => {
  const { table, reading } = classifierAccuracyTable(evaluations[0]);
  assert.deepEqual(table.getColumn("model").toArray(), ["6-conv RGB", "majority class"]);
  assert.equal(table.getColumn("study train / val / test").toArray()[0], "59 % / 63 % / 61 %");
  const fourConvRgb = evaluateClassifiers(splits[0], [{
    ...constantRun(splits[0], 2),
    variant: AUDIO_CLASSIFIER_VARIANTS[2],
  }]);
  assert.equal(
    classifierAccuracyTable(fourConvRgb).table.getColumn("study train / val / test").toArray()[0],
    "53 % / 55 % / 53 %",
    "0.55 reads 55 %, not 55.0 %",
  );
  assert.equal(table.getColumn("study train / val / test").toArray()[1], "— / — / 46.7 %");
  for (const c of table.columns) {
    for (const v of table.getColumn(c).toArray()) assert.ok(!/null|NaN/.test(String(v)), c);
  }
  assert.match(reading, /best validation accuracy is 6-conv RGB/);
  assert.match(reading, /majority class/);
  assert.match(classifierAccuracyTable(evaluations[0], { quick: true }).reading, /tiny corpus/);
});

Deno.test("split gap table and reading explain the shared-artist shortcut", () => {
  const { table, reading } = splitGapTable(evaluations);
  assert.deepEqual(table.getColumn("model").toArray(), ["6-conv RGB", "majority class"]);
  assert.match(reading, /same artist's songs sit on both sides/);
  assert.match(reading, /Compare balanced accuracy/);
  assert.ok(table.columns.includes("balanced gap (points)"));
  assert.equal(splitGapTable([]).table.height, 0);
});

Deno.test("confusion matrix and input figures: heatmap of counts, RGB image, checked sizes", () => {
  const fig = confusionMatrixFigure(multiclassReport([0, 1, 2, 2], [0, 2, 2, 2], 3));
  assert.deepEqual(fig.data[0].z, [[1, 0, 0], [0, 0, 1], [0, 0, 2]]);
  assert.deepEqual(fig.data[0].y, ["true low", "true medium", "true high"]);
  const rgb = spectrogramImageFigure(new Float32Array(2 * 3 * 3).fill(1), [2, 3], 3);
  assert.equal(rgb.data[0].type, "image");
  assert.deepEqual((rgb.data[0].z as number[][][])[0][0], [255, 255, 255]);
  assert.throws(() => spectrogramImageFigure(new Float32Array(5), [2, 3], 1), /2×3×1/);
});

Deno.test("settings and runs markdown", () => {
  const config = loadConfig({ env: {} });
  const md = classifierSettingsMarkdown(config, {
    epochs: 1,
    backend: "backend: cpu",
    learningRate: 1e-4,
    tinyCap: 1,
  });
  assert.match(md, /102×159, random 10-s crop/);
  assert.match(md, /capped at 1 on the tiny corpus/);
  assert.match(md, /Adam, learning rate 0\.0001/);
  const runs = classifierRunsMarkdown([{
    title: "artist-grouped",
    runs: [constantRun(splits[1], 0)],
  }]);
  assert.match(
    runs,
    /artist-grouped split, 6-conv RGB: 0 epoch\(s\), best epoch 1 \(stopped early\), 2 s/,
  );
  assert.match(classifierRunsMarkdown([]), /No network/);
});
