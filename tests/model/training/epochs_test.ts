import assert from "node:assert/strict";
import { earlyStoppingTrace } from "../../../lib/model/early_stopping/rule.ts";
import {
  type EpochLoop,
  type EpochLoopState,
  epochRecord,
  type EpochSummary,
  resolveTrainingSettings,
  runEpochs,
} from "../../../lib/model/training/epochs.ts";
import type { BatchProgress, EpochRecord } from "../../../lib/model/training/history.ts";
import { PAPER_SETTINGS } from "../../../lib/paper.ts";

const toRecord = (s: EpochSummary): EpochRecord => epochRecord(s);

/**
 * A stand-in model: one weight that counts the batches it was trained on, validation losses
 * scripted per epoch, and a log of every batch's indices and every snapshot taken and freed.
 */
function scripted(losses: readonly number[], extra: Partial<EpochLoop<number, EpochRecord>> = {}) {
  const log = {
    batches: [] as number[][],
    snapshots: [] as number[],
    released: [] as number[],
    restored: [] as number[],
  };
  let weight = 0;
  const loop: EpochLoop<number, EpochRecord> = {
    examples: 10,
    settings: { epochs: losses.length, batchSize: 4, patience: 2, minDelta: 0, seed: 5 },
    trainBatch(indices) {
      log.batches.push(indices);
      weight++;
      return { loss: indices.length, statSum: 2 * indices.length };
    },
    validate: (epoch) => ({ loss: losses[epoch], stat: epoch }),
    snapshot() {
      log.snapshots.push(weight);
      return weight;
    },
    restore(saved) {
      log.restored.push(saved);
      weight = saved;
    },
    release: (saved) => log.released.push(saved),
    record: toRecord,
    ...extra,
  };
  return { loop, log, weight: () => weight };
}

Deno.test("every epoch visits every example once, in a seeded order that changes per epoch", async () => {
  const a = scripted([5, 4, 3]);
  await runEpochs(a.loop);
  assert.equal(a.log.batches.length, 9); // 3 epochs × ⌈10 / 4⌉ batches
  assert.deepEqual(a.log.batches.slice(0, 3).map((b) => b.length), [4, 4, 2]);
  const epochs = [0, 1, 2].map((e) => a.log.batches.slice(3 * e, 3 * e + 3).flat());
  for (const order of epochs) {
    assert.deepEqual([...order].sort((x, y) => x - y), [...Array(10).keys()]);
  }
  assert.notDeepEqual(epochs[0], epochs[1]);
  const b = scripted([5, 4, 3]);
  await runEpochs(b.loop);
  assert.deepEqual(b.log.batches, a.log.batches);
  const c = scripted([5, 4, 3]);
  await runEpochs({ ...c.loop, settings: { ...c.loop.settings, seed: 6 } });
  assert.notDeepEqual(c.log.batches, a.log.batches);
  const d = scripted([5, 4, 3]);
  await runEpochs({ ...d.loop, orderLabel: "another draw" });
  assert.notDeepEqual(d.log.batches, a.log.batches);
});

Deno.test("early stopping follows the paper's rule and puts the best epoch's weights back", async () => {
  const losses = [5, 3, 3.5, 3, 4, 1, 0.5];
  const run = scripted(losses);
  const result = await runEpochs(run.loop);
  const trace = earlyStoppingTrace(losses, { patience: 2 });
  assert.equal(result.stopEpoch, trace.stopEpoch);
  assert.equal(result.stopEpoch, 3);
  assert.equal(result.bestEpoch, 1);
  assert.deepEqual(result.history.map((r) => r.improved), trace.improved);
  assert.equal(result.history.length, 4);
  assert.ok(result.restoredBestWeights);
  assert.equal(run.weight(), 6); // the weight after epoch 2 (3 batches per epoch), not 12
  // Every snapshot but none twice is freed: the superseded one and, at the end, the best.
  assert.deepEqual(run.log.snapshots, [3, 6]);
  assert.deepEqual(run.log.released, [3, 6]);
  // Batch means weighted by batch size: (4·4 + 4·4 + 2·2) / 10.
  assert.deepEqual(result.history.map((r) => r.loss), [3.6, 3.6, 3.6, 3.6]);
  assert.deepEqual(result.history.map((r) => r.mae), [2, 2, 2, 2]);
  assert.deepEqual(result.history.map((r) => r.valMae), [0, 1, 2, 3]);
});

Deno.test("without restoreBestWeights the last weights stay", async () => {
  const run = scripted([5, 3, 4, 4], { restoreBestWeights: false });
  const result = await runEpochs(run.loop);
  assert.equal(result.restoredBestWeights, false);
  assert.deepEqual(run.log.restored, []);
  assert.equal(run.weight(), 12);
});

Deno.test("a run resumed from its epoch-end state ends exactly as an uninterrupted one", async () => {
  const losses = [5, 4, 4.5, 3, 3.2, 3.1];
  const straight = scripted(losses);
  const full = await runEpochs(straight.loop);

  const states: EpochLoopState<number, EpochRecord>[] = [];
  const first = scripted(losses, {
    onEpochEnd: (s) => void states.push(structuredClone(s)),
  });
  await runEpochs({ ...first.loop, settings: { ...first.loop.settings, epochs: 2 } });
  assert.equal(states.length, 2);
  assert.equal(states[1].finished, true);
  const { finished: _, ...saved } = states[1];
  const second = scripted(losses);
  const resumed = await runEpochs({ ...second.loop, resume: saved });
  assert.equal(resumed.resumedAt, 2);
  assert.deepEqual(
    resumed.history.map((r) => [r.valLoss, r.improved]),
    full.history.map((r) => [r.valLoss, r.improved]),
  );
  assert.equal(resumed.bestEpoch, full.bestEpoch);
  assert.equal(resumed.stopEpoch, full.stopEpoch);
  assert.deepEqual(
    [...first.log.batches, ...second.log.batches],
    straight.log.batches,
    "the resumed epochs draw the same batches",
  );
});

Deno.test("progress hears every batch (count, rate, ETA), every epoch and the early stop", async () => {
  const batches: BatchProgress[] = [];
  const epochs: EpochRecord[] = [];
  const messages: string[] = [];
  const starts: [number, number][] = [];
  const run = scripted([2, 1, 1, 1], {
    onEpochStart: (epoch, perEpoch) => void starts.push([epoch, perEpoch]),
    progress: {
      onBatch: (p) => void batches.push(p),
      onEpoch: (r) => void epochs.push(r),
      onMessage: (line) => void messages.push(line),
    },
    formatLoss: (x) => `<${x}>`,
  });
  await runEpochs(run.loop);
  assert.deepEqual(starts, [[0, 3], [1, 3], [2, 3], [3, 3]]);
  assert.deepEqual(batches.slice(0, 3).map((b) => [b.epoch, b.done, b.total]), [
    [0, 4, 10],
    [0, 8, 10],
    [0, 10, 10],
  ]);
  assert.ok(batches.every((b) => b.samplesPerSecond > 0 && b.etaSeconds >= 0));
  assert.equal(batches.at(-1)!.etaSeconds, 0);
  assert.deepEqual(epochs.map((r) => r.epoch), [0, 1, 2, 3]);
  assert.deepEqual(messages, [
    "early stop after epoch 4: no improvement for 2 epochs; best epoch 2 (val loss <1>)",
  ]);
});

Deno.test("a trainer's validation may end the run with its own error", async () => {
  const run = scripted([1, NaN], {
    validate: (epoch) => {
      if (epoch === 1) throw new RangeError("diverged");
      return { loss: 1, stat: 0 };
    },
  });
  await assert.rejects(() => runEpochs(run.loop), RangeError);
});

Deno.test("settings left out are the seed paper's", () => {
  const s = resolveTrainingSettings({ batchSize: 8 });
  assert.equal(s.batchSize, 8);
  assert.equal(s.epochs, PAPER_SETTINGS.training.epochs);
  assert.equal(s.learningRate, PAPER_SETTINGS.training.learningRate);
  assert.equal(s.patience, PAPER_SETTINGS.training.patience);
  assert.equal(s.minDelta, PAPER_SETTINGS.training.minDelta);
  assert.equal(resolveTrainingSettings({}, { patience: 3 }).patience, 3);
});
