import assert from "node:assert/strict";
import { selectBackend } from "../../../lib/model/backend/select.ts";
import { buildCnn } from "../../../lib/model/cnn/architecture.ts";
import { hasCheckpoint, loadCheckpoint } from "../../../lib/model/training/checkpoint.ts";
import { AudioScaler, type ModelData } from "../../../lib/model/training/data.ts";
import { silentProgress } from "../../../lib/model/training/progress.ts";
import {
  predictNetwork,
  resumeFrom,
  TrainingError,
  trainNetwork,
} from "../../../lib/model/training/train.ts";
import { SIZE, syntheticSongs } from "./synthetic.ts";

await selectBackend("auto", { log: () => {} });

function toData(seed: number, n: number): ModelData {
  const songs = syntheticSongs(n, seed);
  return {
    audio: songs.map((s) => s.spectrogram!),
    audioShape: [SIZE, SIZE, 1],
    metadata: Float32Array.from(songs.flatMap((s) => [
      ((s.metadata!.artist_popularity as number) - 50) / 15,
      s.metadata!.is_top_track ? 1 : 0,
    ])),
    metadataFeatures: 2,
    targets: Float32Array.from(songs, (s) => s.popularity!),
  };
}
const train = toData(1, 96), validation = toData(2, 32);
const scaler = AudioScaler.fit(train.audio!);
const network = () =>
  buildCnn({
    inputs: "both",
    audioShape: [SIZE, SIZE, 1],
    metadataFeatures: 2,
    convFilters: [4, 8],
    denseUnits: [16],
    dropout: 0.2,
    output: { kind: "regression", targetMean: 50, targetSd: 15 },
    seed: 3,
  });
const options = { epochs: 4, batchSize: 16, audioScaler: scaler, progress: silentProgress };

Deno.test("training is repeatable: same seed and backend, same history and weights", async () => {
  const a = network(), b = network();
  const ra = await trainNetwork(a, train, validation, options);
  const rb = await trainNetwork(b, train, validation, options);
  assert.deepEqual(
    ra.history.map(({ seconds: _s, samplesPerSecond: _r, ...rest }) => rest),
    rb.history.map(({ seconds: _s, samplesPerSecond: _r, ...rest }) => rest),
  );
  assert.deepEqual(
    a.getWeights().map((w) => Array.from(w.dataSync())),
    b.getWeights().map((w) => Array.from(w.dataSync())),
  );
  assert.ok(ra.history.at(-1)!.valMae! < ra.history[0].valMae!, "it learns");
  const c = network();
  const rc = await trainNetwork(c, train, validation, { ...options, seed: 99 });
  assert.notDeepEqual(rc.history[0].loss, ra.history[0].loss, "another seed, another order");
});

Deno.test("history per epoch: loss, validation loss, MAE; the validation MAE is the real one", async () => {
  const model = network();
  const result = await trainNetwork(model, train, validation, options);
  assert.equal(result.history.length, 4);
  for (const r of result.history) {
    assert.ok(r.loss > 0 && r.valLoss > 0 && r.mae! > 0 && r.valMae! > 0);
    assert.equal(r.accuracy, null);
  }
  // With restored best weights, the model's validation error is the best epoch's.
  const predictions = predictNetwork(model, validation, { audioScaler: scaler });
  let mae = 0;
  predictions.forEach((p, i) => (mae += Math.abs(p - validation.targets[i])));
  mae /= predictions.length;
  const best = result.history[result.bestEpoch];
  assert.ok(Math.abs(mae - best.valMae!) < 1e-3, `${mae} vs ${best.valMae}`);
});

Deno.test("early stopping ends the run and restores the best epoch's weights", async () => {
  // A learning rate far too high makes the validation loss rise after the first epochs.
  const model = network();
  const result = await trainNetwork(model, train, validation, {
    ...options,
    epochs: 30,
    learningRate: 0.5,
    patience: 2,
  });
  assert.notEqual(result.stopEpoch, null);
  assert.equal(result.history.length, result.stopEpoch! + 1);
  assert.equal(result.stopEpoch! - result.bestEpoch, 2);
  const losses = result.history.map((r) => r.valLoss);
  assert.equal(result.bestEpoch, losses.indexOf(Math.min(...losses)));
  assert.ok(result.restoredBestWeights);
});

Deno.test("a run resumed from its checkpoint ends exactly as an uninterrupted one", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const straight = network();
    const full = await trainNetwork(straight, train, validation, options);
    // The first two epochs, checkpointed; then a fresh process would load and continue.
    const first = network();
    await trainNetwork(first, train, validation, {
      ...options,
      epochs: 2,
      restoreBestWeights: false,
      checkpoint: { dir, meta: { note: "test" } },
    });
    assert.ok(await hasCheckpoint(dir));
    const loaded = await loadCheckpoint(dir);
    assert.deepEqual(loaded.meta, { note: "test" });
    const resumed = await trainNetwork(loaded.model, train, validation, {
      ...options,
      resume: resumeFrom(loaded),
    });
    assert.equal(resumed.resumedAt, 2);
    assert.deepEqual(
      resumed.history.map((r) => r.valLoss),
      full.history.map((r) => r.valLoss),
    );
    assert.deepEqual(
      loaded.model.getWeights().map((w) => Array.from(w.dataSync())),
      straight.getWeights().map((w) => Array.from(w.dataSync())),
    );
    await assert.rejects(
      () =>
        trainNetwork(loaded.model, train, validation, {
          ...options,
          batchSize: 8,
          resume: resumeFrom(loaded),
        }),
      /batchSize was 16/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a classifier trains with cross-entropy and reports accuracy", async () => {
  const model = buildCnn({
    inputs: "audio",
    audioShape: [SIZE, SIZE, 1],
    convFilters: [4, 8],
    denseUnits: [8],
    batchNorm: true,
    output: { kind: "classification", classes: 3 },
  });
  const classes = Float32Array.from(train.targets, (p) => (p < 45 ? 0 : p < 55 ? 1 : 2));
  const valClasses = Float32Array.from(validation.targets, (p) => (p < 45 ? 0 : p < 55 ? 1 : 2));
  const result = await trainNetwork(
    model,
    { ...train, targets: classes },
    { ...validation, targets: valClasses },
    { ...options, epochs: 2 },
  );
  const r = result.history[0];
  assert.equal(r.mae, null);
  assert.ok(r.accuracy! >= 0 && r.accuracy! <= 1 && r.valAccuracy! >= 0);
  const probs = predictNetwork(model, validation, { audioScaler: scaler });
  assert.equal(probs.length, validation.targets.length * 3);
  assert.ok(Math.abs(probs[0] + probs[1] + probs[2] - 1) < 1e-5);
});

Deno.test("invalid options and data fail before training starts", async () => {
  await assert.rejects(
    () => trainNetwork(network(), train, validation, { ...options, batchSize: 0 }),
    TrainingError,
  );
  await assert.rejects(
    () => trainNetwork(network(), { ...train, audio: undefined }, validation, options),
    /needs spectrograms/,
  );
});
