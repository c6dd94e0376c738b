import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import { selectBackend } from "../../../lib/model/backend/select.ts";
import { PopularityModel, songsFingerprint } from "../../../lib/model/popularity/model.ts";
import type { TrainingProgress } from "../../../lib/model/training/progress.ts";
import { silentProgress } from "../../../lib/model/training/progress.ts";
import { SIZE, syntheticSongs } from "../training/synthetic.ts";

await selectBackend("auto", { log: () => {} });
const audio = { ...loadConfig({ env: {} }).audio, nMels: SIZE, frames: SIZE };
const train = syntheticSongs(72, 21), validation = syntheticSongs(24, 22);
// 72 songs in batches of 16: 5 steps an epoch, so the run resumes after step 5, where tfjs's
// pow(β₂, 6) and the float32 product β₂·…·β₂ differ in the last bit (see replayAdamPowers).
const options = {
  inputs: "both" as const,
  audio,
  epochs: 4,
  batchSize: 16,
  learningRate: 3e-3,
  cnn: { convFilters: [4, 8], denseUnits: [16] },
  progress: silentProgress,
};

class Stop extends Error {}

/** Progress that stops the run once epoch `epoch` (1-based) is done and checkpointed. */
function stopAfter(epoch: number): TrainingProgress {
  return {
    onEpoch(record) {
      if (record.epoch + 1 === epoch) throw new Stop(`stopped after epoch ${epoch}`);
    },
  };
}

const weights = (m: PopularityModel) => m.network.getWeights().map((w) => Array.from(w.dataSync()));

Deno.test("a run stopped after epoch 1 resumes there and ends as an uninterrupted run", async () => {
  const [whole, cut] = [await Deno.makeTempDir(), await Deno.makeTempDir()];
  try {
    const straight = await PopularityModel.train(train, validation, { ...options, dir: whole });
    assert.deepEqual(straight.start, { kind: "started", reason: "no checkpoint yet" });
    await assert.rejects(
      PopularityModel.train(train, validation, { ...options, dir: cut, progress: stopAfter(1) }),
      Stop,
    );
    const resumed = await PopularityModel.train(train, validation, {
      ...options,
      dir: cut,
      resume: true,
    });
    assert.deepEqual(resumed.start, { kind: "resumed", epoch: 1, finished: false });
    assert.equal(resumed.result.resumedAt, 1);
    assert.deepEqual(
      resumed.result.history.map((r) => r.valLoss),
      straight.result.history.map((r) => r.valLoss),
    );
    assert.deepEqual(weights(resumed.model), weights(straight.model));
    assert.deepEqual(
      await Deno.readFile(`${cut}/weights-final.bin`),
      await Deno.readFile(`${whole}/weights-final.bin`),
    );

    // A finished run resumes as finished: nothing left to train, the same model.
    const again = await PopularityModel.train(train, validation, {
      ...options,
      dir: cut,
      resume: true,
    });
    assert.deepEqual(again.start, { kind: "resumed", epoch: 4, finished: true });
    assert.deepEqual(weights(again.model), weights(straight.model));
  } finally {
    await Deno.remove(whole, { recursive: true });
    await Deno.remove(cut, { recursive: true });
  }
});

Deno.test("a checkpoint of other settings, other songs or --fresh starts over and says why", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(
      PopularityModel.train(train, validation, { ...options, dir, progress: stopAfter(1) }),
      Stop,
    );
    const changed = await PopularityModel.train(train, validation, {
      ...options,
      learningRate: 1e-3,
      epochs: 1,
      dir,
      resume: true,
    });
    assert.equal(changed.start.kind, "started");
    assert.match(
      (changed.start as { reason: string }).reason,
      /^the configuration changed \(.*learningRate: 0\.003 → 0\.001/,
    );
    const songs = await PopularityModel.train(syntheticSongs(72, 99), validation, {
      ...options,
      learningRate: 1e-3,
      epochs: 1,
      dir,
      resume: true,
    });
    assert.deepEqual(songs.start, { kind: "started", reason: "the training data changed" });
    const fresh = await PopularityModel.train(syntheticSongs(72, 99), validation, {
      ...options,
      learningRate: 1e-3,
      epochs: 1,
      dir,
      resume: false,
    });
    assert.equal(fresh.start.kind, "started");
    assert.match((fresh.start as { reason: string }).reason, /--fresh/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("songsFingerprint changes with any spectrogram value, metadata field or target", async () => {
  const songs = syntheticSongs(4, 1);
  const base = await songsFingerprint(songs, songs.slice(0, 1));
  assert.match(base, /^[0-9a-f]{64}$/);
  assert.equal(await songsFingerprint(syntheticSongs(4, 1), songs.slice(0, 1)), base);
  const spectrogram = songs.map((s) => ({ ...s, spectrogram: s.spectrogram!.slice() }));
  spectrogram[2].spectrogram![5] += 1e-3;
  assert.notEqual(await songsFingerprint(spectrogram, songs.slice(0, 1)), base);
  const meta = songs.map((s, i) => i === 1 ? { ...s, metadata: { ...s.metadata, genre: "x" } } : s);
  assert.notEqual(await songsFingerprint(meta, songs.slice(0, 1)), base);
  const target = songs.map((s, i) => i === 3 ? { ...s, popularity: s.popularity! + 1 } : s);
  assert.notEqual(await songsFingerprint(target, songs.slice(0, 1)), base);
  // Moving a song from one part to the other is another split.
  assert.notEqual(await songsFingerprint(songs.slice(0, 3), songs.slice(3)), base);
});
