import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { EarlyStoppingCallback } from "../../../lib/model/early_stopping/callback.ts";

Deno.test("EarlyStoppingCallback stops model.fit and restores the best epoch's weights", async () => {
  await tf.setBackend("cpu");
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: "zeros" })],
  });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: "meanSquaredError" });
  // The validation target contradicts the training target: validation loss rises after the
  // first epochs, so the rule must stop and put the early weights back.
  const x = tf.tensor2d([[1], [2], [3], [4]]);
  const y = tf.tensor2d([[1], [2], [3], [4]]);
  const yVal = tf.tensor2d([[0.2], [0.4], [0.6], [0.8]]);
  const callback = new EarlyStoppingCallback({ patience: 2 });
  const weightsPerEpoch: number[] = [];
  const history = await model.fit(x, y, {
    epochs: 30,
    batchSize: 4,
    shuffle: false,
    validationData: [x, yVal],
    verbose: 0,
    callbacks: [
      callback,
      new tf.CustomCallback({
        onEpochEnd: () => {
          weightsPerEpoch.push(model.getWeights()[0].dataSync()[0]);
        },
      }),
    ],
  });
  const valLoss = history.history.val_loss as number[];
  assert.ok(valLoss.length < 30, `stopped after ${valLoss.length} epochs`);
  const best = valLoss.indexOf(Math.min(...valLoss));
  assert.equal(callback.state.bestEpoch, best);
  assert.equal(callback.state.stopEpoch, valLoss.length - 1);
  assert.equal(valLoss.length - 1 - best, 2, "stopped two epochs after the best");
  assert.equal(model.getWeights()[0].dataSync()[0], weightsPerEpoch[best]);
});

Deno.test("EarlyStoppingCallback says what is missing when fit has no validation data", async () => {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  await assert.rejects(
    () =>
      model.fit(tf.ones([2, 1]), tf.ones([2, 1]), {
        epochs: 1,
        verbose: 0,
        callbacks: [new EarlyStoppingCallback()],
      }),
    /val_loss/,
  );
});
