import assert from "node:assert/strict";
import {
  EarlyStoppingError,
  earlyStoppingStep,
  earlyStoppingTrace,
  initialEarlyStopping,
} from "../../../lib/model/early_stopping/rule.ts";

Deno.test("stops after `patience` epochs without improvement and keeps the best epoch", () => {
  // best at epoch 2 (loss 3), then 7 epochs without a lower loss → stop after epoch 9
  const losses = [5, 4, 3, 3.5, 3.2, 4, 3.1, 3.3, 3.9, 3.05, 2];
  const trace = earlyStoppingTrace(losses);
  assert.equal(trace.bestEpoch, 2);
  assert.equal(trace.stopEpoch, 9);
  assert.equal(trace.improved.length, 10, "the loss after the stop is never read");
  assert.deepEqual(trace.improved.slice(0, 4), [true, true, true, false]);
});

Deno.test("an equal loss is no improvement (δ = 0, strict)", () => {
  const trace = earlyStoppingTrace([2, 1, 1, 1], { patience: 2 });
  assert.deepEqual(trace.improved, [true, true, false, false]);
  assert.equal(trace.bestEpoch, 1, "the first epoch reaching the best loss is kept");
  assert.equal(trace.stopEpoch, 3);
});

Deno.test("an improvement resets the count; δ demands a decrease larger than δ", () => {
  assert.equal(earlyStoppingTrace([3, 4, 5, 2, 4, 5], { patience: 3 }).stopEpoch, null);
  const withDelta = earlyStoppingTrace([1, 0.95, 0.91, 0.9], { patience: 3, minDelta: 0.1 });
  assert.deepEqual(withDelta.improved, [true, false, false, false]);
  assert.equal(withDelta.stopEpoch, 3);
  assert.equal(withDelta.bestEpoch, 0);
});

Deno.test("a loss sequence that keeps improving never stops; NaN never improves", () => {
  const trace = earlyStoppingTrace([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  assert.equal(trace.stopEpoch, null);
  assert.equal(trace.bestEpoch, 9);
  const nan = earlyStoppingTrace([1, NaN, NaN], { patience: 2 });
  assert.deepEqual(nan.improved, [true, false, false]);
  assert.equal(nan.stopEpoch, 2);
});

Deno.test("the paper's patience of 7 is the default; invalid options and steps after a stop fail", () => {
  const seven = earlyStoppingTrace([1, 2, 2, 2, 2, 2, 2, 2, 2]);
  assert.equal(seven.stopEpoch, 7);
  assert.throws(() => earlyStoppingTrace([1], { patience: 0 }), EarlyStoppingError);
  assert.throws(() => earlyStoppingTrace([1], { minDelta: -1 }), EarlyStoppingError);
  let state = initialEarlyStopping();
  state = earlyStoppingStep(state, 1, { patience: 1 }).state;
  state = earlyStoppingStep(state, 2, { patience: 1 }).state;
  assert.equal(state.stopEpoch, 1);
  assert.throws(() => earlyStoppingStep(state, 0.5, { patience: 1 }), /already stopped/);
});
