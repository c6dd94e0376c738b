import assert from "node:assert/strict";
import { formatDuration, formatEpoch } from "../../../lib/model/training/history.ts";
import {
  formatBatch,
  progressBar,
  terminalProgress,
} from "../../../lib/model/training/progress.ts";

const record = {
  epoch: 2,
  epochs: 25,
  loss: 130.2,
  mae: 9.1,
  valLoss: 140.3,
  valMae: 9.5,
  accuracy: null,
  valAccuracy: null,
  seconds: 12.5,
  samplesPerSecond: 102,
  improved: true,
};

Deno.test("progress lines show count, rate, ETA and the epoch's metrics", () => {
  assert.equal(progressBar(5, 10, 10), "[#####.....]");
  assert.equal(progressBar(0, 0, 4), "[....]");
  assert.equal(formatDuration(75), "1:15");
  assert.equal(formatDuration(3725), "1:02:05");
  assert.equal(formatDuration(Infinity), "?");
  const batch = formatBatch({
    epoch: 0,
    epochs: 25,
    done: 320,
    total: 1280,
    loss: 140,
    samplesPerSecond: 90,
    etaSeconds: 10.7,
  });
  assert.match(
    batch,
    /^epoch 1\/25 \[#+\.+\] 320\/1280 · 90\.0 samples\/s · ETA 0:11 · loss 140\.00$/,
  );
  assert.equal(
    formatEpoch(record),
    "epoch 3/25: loss 130.2, MAE 9.10, val loss 140.3, val MAE 9.50 (12.5 s, 102 samples/s) ← best",
  );
});

Deno.test("terminalProgress redraws in place on a terminal and prints only epochs elsewhere", () => {
  const tty: string[] = [], log: string[] = [];
  const batch = {
    epoch: 0,
    epochs: 2,
    done: 1,
    total: 2,
    loss: 1,
    samplesPerSecond: 1,
    etaSeconds: 1,
  };
  for (const [out, interactive] of [[tty, true], [log, false]] as const) {
    const p = terminalProgress({ write: (t) => out.push(t), interactive });
    p.onBatch!(batch);
    p.onEpoch!(record);
  }
  assert.ok(tty[0].startsWith("\r\x1b[2K"));
  assert.equal(tty.length, 3, "bar, clear, epoch line");
  assert.deepEqual(log, [`${formatEpoch(record)}\n`]);
});
