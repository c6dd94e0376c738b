import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import { selectBackend } from "../../../lib/model/backend/select.ts";
import {
  popularityClass,
  PopularityModel,
  SongInputError,
  tertileEdges,
} from "../../../lib/model/popularity/model.ts";
import { silentProgress } from "../../../lib/model/training/progress.ts";
import { SIZE, syntheticSongs } from "../training/synthetic.ts";

await selectBackend("auto", { log: () => {} });
const audio = { ...loadConfig({ env: {} }).audio, nMels: SIZE, frames: SIZE };
const train = syntheticSongs(128, 11),
  validation = syntheticSongs(48, 12),
  test = syntheticSongs(48, 13);
const small = { convFilters: [4, 8], denseUnits: [16] };
const mae = (p: Float32Array) =>
  p.reduce((s, v, i) => s + Math.abs(v - test[i].popularity!), 0) / p.length;

Deno.test("PopularityModel trains, saves, loads and predicts the same numbers", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { model, result } = await PopularityModel.train(train, validation, {
      inputs: "both",
      audio,
      epochs: 6,
      batchSize: 16,
      learningRate: 3e-3,
      cnn: small,
      dir,
      progress: silentProgress,
    });
    assert.equal(result.history.length, 6);
    const predicted = model.predict(test);
    const meanTarget = train.reduce((s, t) => s + t.popularity!, 0) / train.length;
    const baseline = test.reduce((s, t) => s + Math.abs(meanTarget - t.popularity!), 0) /
      test.length;
    assert.ok(mae(predicted) < baseline, `MAE ${mae(predicted)} vs mean predictor ${baseline}`);
    const loaded = await PopularityModel.load(dir);
    assert.deepEqual(Array.from(loaded.predict(test)), Array.from(predicted));
    assert.deepEqual(loaded.meta.audio, audio);
    assert.ok(loaded.encoder!.names.includes("genre=pop"));
    // the training checkpoint is resumable and already finished
    const again = await PopularityModel.train(train, validation, {
      inputs: "both",
      audio,
      epochs: 6,
      batchSize: 16,
      learningRate: 3e-3,
      cnn: small,
      dir,
      resume: true,
      progress: silentProgress,
    });
    assert.equal(again.result.resumedAt, 6);
    assert.deepEqual(Array.from(again.model.predict(test)), Array.from(predicted));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("songs without what the model reads are refused with the song named", async () => {
  const { model } = await PopularityModel.train(train.slice(0, 32), validation.slice(0, 8), {
    inputs: "audio",
    audio,
    epochs: 1,
    cnn: small,
    progress: silentProgress,
  });
  assert.throws(() => model.predict([{ metadata: {} }]), /song 0 has no spectrogram/);
  assert.throws(
    () => model.predict([{ spectrogram: new Float32Array(10) }]),
    (e: unknown) =>
      e instanceof SongInputError && /trained on 16 mel bands × 16 frames/.test(e.message),
  );
  await assert.rejects(
    () =>
      PopularityModel.train([{ metadata: { artist_popularity: 1 } }], validation, {
        inputs: "metadata",
        audio,
        epochs: 1,
        progress: silentProgress,
      }),
    /no popularity/,
  );
  await assert.rejects(() => PopularityModel.load("/nonexistent/model"), /no saved model/);
});

Deno.test("a 3-class model (seed 004) predicts classes from tertile edges", async () => {
  const edges = tertileEdges(train.map((s) => s.popularity!));
  assert.equal(edges.length, 2);
  assert.equal(popularityClass(edges[0] - 1, edges), 0);
  assert.equal(popularityClass(edges[0], edges), 1);
  assert.equal(popularityClass(100, edges), 2);
  const { model } = await PopularityModel.train(train, validation, {
    inputs: "audio",
    audio,
    channels: "deltas",
    task: { kind: "classification" },
    cnn: { ...small, batchNorm: true, dropout: 0.4 },
    epochs: 2,
    batchSize: 16,
    progress: silentProgress,
  });
  assert.deepEqual(model.audioShape, [SIZE, SIZE, 3]);
  const classes = model.predict(test);
  assert.ok(classes.every((c) => c === 0 || c === 1 || c === 2));
  assert.equal(model.predictProba(test).length, test.length * 3);
});
