import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../../lib/model/backend/select.ts";
import { FusedConv2D, SeededDropout } from "../../../lib/model/cnn/layers.ts";
import { randomValues } from "../backend/compare.ts";

await selectBackend("cpu", { log: () => {} });

Deno.test("FusedConv2D computes tf.layers.conv2d's output with the same weights", () => {
  const x = tf.tensor4d(randomValues(2 * 10 * 9 * 3, 41), [2, 10, 9, 3]);
  for (
    const [activation, padding, strides] of [["relu", "same", 1], ["linear", "valid", 2]] as const
  ) {
    const fused = new FusedConv2D({
      filters: 4,
      kernelSize: 3,
      activation,
      padding,
      strides,
      seed: 1,
    });
    const reference = tf.layers.conv2d({ filters: 4, kernelSize: 3, activation, padding, strides });
    const y = fused.apply(x) as tf.Tensor;
    reference.apply(x);
    reference.setWeights(fused.getWeights());
    const expected = reference.apply(x) as tf.Tensor;
    assert.deepEqual(y.shape, expected.shape);
    assert.deepEqual(fused.computeOutputShape(x.shape), y.shape);
    const diff = tf.max(tf.abs(tf.sub(y, expected))).dataSync()[0];
    assert.ok(diff < 1e-5, `${activation} ${padding}: max difference ${diff}`);
  }
});

Deno.test("a model with FusedConv2D and SeededDropout survives saving and loading", async () => {
  const input = tf.input({ shape: [8, 8, 1] });
  let h = new FusedConv2D({ filters: 2, activation: "relu", name: "c" }).apply(
    input,
  ) as tf.SymbolicTensor;
  h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
  h = new SeededDropout({ rate: 0.5, seed: 3, name: "d" }).apply(h) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: h });
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler((a) => {
    saved = a;
    return Promise.resolve({
      modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" },
    });
  }));
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
  const x = tf.tensor4d(randomValues(64, 42), [1, 8, 8, 1]);
  assert.deepEqual(
    Array.from((loaded.predict(x) as tf.Tensor).dataSync()),
    Array.from((model.predict(x) as tf.Tensor).dataSync()),
  );
  const d = loaded.getLayer("d") as SeededDropout;
  assert.equal(d.rate, 0.5);
  assert.equal(d.seed, 3);
});

Deno.test("SeededDropout: identity outside training, repeatable masks by step while training", () => {
  const layer = new SeededDropout({ rate: 0.4, seed: 9 });
  const x = tf.ones([4, 50]);
  assert.deepEqual(Array.from((layer.apply(x) as tf.Tensor).dataSync()), new Array(200).fill(1));
  const mask = (step: number) => {
    layer.step = step;
    return Array.from((layer.apply(x, { training: true }) as tf.Tensor).dataSync());
  };
  const a = mask(5), b = mask(5), c = mask(6);
  assert.deepEqual(a, b, "same step, same mask");
  assert.notDeepEqual(a, c, "next step, another mask");
  const kept = a.filter((v) => v !== 0);
  assert.ok(kept.every((v) => Math.abs(v - 1 / 0.6) < 1e-6), "kept values scaled by 1/(1 − rate)");
  const share = 1 - kept.length / a.length;
  assert.ok(share > 0.25 && share < 0.55, `dropped share ${share}`);
  assert.equal(layer.step, 7, "each training call advances the step");
});
