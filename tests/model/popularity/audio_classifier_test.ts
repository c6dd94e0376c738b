import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import { selectBackend } from "../../../lib/model/backend/select.ts";
import { AUDIO_CLASSIFIER_VARIANTS } from "../../../lib/model/cnn/classifier.ts";
import {
  classifierEpochs,
  classifierImages,
  trainAudioClassifiers,
} from "../../../lib/model/popularity/audio_classifier.ts";
import { Rng } from "../../../lib/data/random.ts";
import type { SplitPart } from "../../../lib/data/split.ts";

await selectBackend("auto", { log: () => {} });

const SHAPE = [64, 64] as const;

/** Class k: a bright horizontal band at row 10 + 20k over noise, learnable in a few epochs. */
function examples(n: number, seed: number) {
  const rng = new Rng(seed);
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  const spectrograms = labels.map((k) =>
    Float32Array.from({ length: SHAPE[0] * SHAPE[1] }, (_, j) => {
      const row = Math.floor(j / SHAPE[1]);
      return -60 + rng.normal(0, 3) + (Math.abs(row - (10 + 20 * k)) < 4 ? 50 : 0);
    })
  );
  const parts = labels.map((_, i): SplitPart =>
    i % 5 === 3 ? "validation" : i % 5 === 4 ? "test" : "train"
  );
  return { labels, spectrograms, parts };
}

Deno.test("epochs: one on the tiny demo corpus, the configured ones elsewhere", () => {
  assert.equal(classifierEpochs(loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "tiny" } })), 1);
  assert.equal(classifierEpochs(loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "default" } })), 25);
});

Deno.test("images: mono and RGB of every spectrogram; a wrong size names the spectrogram", () => {
  const { spectrograms } = examples(3, 1);
  const images = classifierImages(spectrograms, SHAPE);
  assert.equal(images[1][2].length, 64 * 64);
  assert.equal(images[3][2].length, 64 * 64 * 3);
  assert.throws(() => classifierImages([new Float32Array(5)], SHAPE), /spectrogram 0 has 5/);
});

Deno.test("a network learns separable classes and predicts every part's rows", async () => {
  const { labels, spectrograms, parts } = examples(90, 2);
  const images = classifierImages(spectrograms, SHAPE);
  const config = loadConfig({ env: { HSS_MODEL_BATCH_SIZE: "16", HSS_SEED: "3" } });
  const runs = await trainAudioClassifiers(images, { title: "t", parts, labels }, config, {
    variants: [AUDIO_CLASSIFIER_VARIANTS[0]],
    epochs: 6,
    progress: () => ({}),
  });
  assert.equal(runs.length, 1);
  const test = runs[0].parts.test;
  assert.deepEqual(test.rows, parts.flatMap((p, i) => (p === "test" ? [i] : [])));
  assert.deepEqual(test.actual, test.rows.map((i) => labels[i]));
  const right = test.predicted.filter((p, i) => p === test.actual[i]).length;
  assert.ok(right / test.actual.length > 0.7, `test accuracy ${right}/${test.actual.length}`);
  assert.ok(runs[0].result.history.length >= 1);
});

Deno.test("no run without validation rows; mismatched inputs are an error", async () => {
  const { labels, spectrograms } = examples(6, 3);
  const images = classifierImages(spectrograms, SHAPE);
  const parts = labels.map((): SplitPart => "train");
  const config = loadConfig({ env: {} });
  assert.deepEqual(await trainAudioClassifiers(images, { title: "t", parts, labels }, config), []);
  await assert.rejects(
    () => trainAudioClassifiers(images, { title: "t", parts, labels: [0] }, config),
    /6 parts, 1 labels and 6 images/,
  );
});
