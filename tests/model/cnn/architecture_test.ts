import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../../lib/model/backend/select.ts";
import {
  buildCnn,
  CnnOptionsError,
  dropoutLayers,
  inputNames,
  SEED_004_CLASSIFIER,
} from "../../../lib/model/cnn/architecture.ts";
import { FusedConv2D } from "../../../lib/model/cnn/layers.ts";

await selectBackend("cpu", { log: () => {} });

Deno.test("the paper's CNN: 16-32-64-128 3×3 same ReLU blocks, 2×2/2 pools, meta 32, dense 64, 1", () => {
  const model = buildCnn({ inputs: "both", audioShape: [128, 128, 1], metadataFeatures: 13 });
  const convs = model.layers.filter((l): l is FusedConv2D => l instanceof FusedConv2D);
  assert.deepEqual(convs.map((c) => c.filters), [16, 32, 64, 128]);
  assert.ok(convs.every((c) => c.kernelSize === 3 && c.strides === 1 && c.padding === "same"));
  assert.ok(convs.every((c) => c.activation === "relu"));
  const pools = model.layers.filter((l) => l.getClassName() === "MaxPooling2D");
  assert.equal(pools.length, 4);
  for (const p of pools) {
    const config = p.getConfig();
    assert.deepEqual(config.poolSize, [2, 2]);
    assert.deepEqual(config.strides, [2, 2]);
  }
  assert.deepEqual(model.getLayer("flatten").outputShape, [null, 8 * 8 * 128]);
  assert.deepEqual(model.getLayer("meta_dense1").outputShape, [null, 32]);
  assert.deepEqual(model.getLayer("concat").outputShape, [null, 8 * 8 * 128 + 32]);
  assert.deepEqual(model.getLayer("dense1").outputShape, [null, 64]);
  assert.deepEqual(model.outputs[0].shape, [null, 1]);
  assert.equal(model.getLayer("dense_out").getConfig().activation, "linear");
  assert.equal(model.getLayer("output").getClassName(), "Rescaling");
  assert.deepEqual(model.inputNames, ["spectrogram", "metadata"]);
  // parameters as PyTorch's reference counts them for the same network
  const convParams = [1 * 16, 16 * 32, 32 * 64, 64 * 128].reduce((s, k) => s + 9 * k, 0) +
    16 + 32 + 64 + 128;
  const dense = 13 * 32 + 32 + (8192 + 32) * 64 + 64 + 64 + 1; // the rescaling has none
  assert.equal(model.countParams(), convParams + dense);
});

Deno.test("ablation variants read one input each and keep the head", () => {
  const audio = buildCnn({ inputs: "audio", audioShape: [64, 32, 1] });
  assert.deepEqual(audio.inputNames, ["spectrogram"]);
  assert.deepEqual(audio.getLayer("flatten").outputShape, [null, 4 * 2 * 128]);
  const meta = buildCnn({ inputs: "metadata", metadataFeatures: 5 });
  assert.deepEqual(meta.inputNames, ["metadata"]);
  assert.deepEqual(meta.layers.map((l) => l.name), [
    "metadata",
    "meta_dense1",
    "dense1",
    "dense_out",
    "output",
  ]);
  assert.deepEqual(inputNames("both"), ["spectrogram", "metadata"]);
});

Deno.test("seed 004's classifier: batch norm per block, dropout 0.4 after dense1, softmax over 3", () => {
  for (const channels of [1, 3]) {
    const model = buildCnn({ ...SEED_004_CLASSIFIER, audioShape: [128, 128, channels] });
    assert.equal(model.layers.filter((l) => l.getClassName() === "BatchNormalization").length, 4);
    const [dropout] = dropoutLayers(model);
    assert.equal(dropout.rate, 0.4);
    const names = model.layers.map((l) => l.name);
    assert.equal(names.indexOf("dropout1"), names.indexOf("dense1") + 1);
    assert.equal(model.getLayer("output").getConfig().activation, "softmax");
    assert.deepEqual(model.outputs[0].shape, [null, 3]);
    assert.deepEqual(model.inputs[0].shape, [null, 128, 128, channels]);
  }
});

Deno.test("the same seed builds the same weights; another seed different ones", () => {
  const options = {
    inputs: "both" as const,
    audioShape: [32, 32, 1] as const,
    metadataFeatures: 4,
  };
  const values = (seed: number) =>
    buildCnn({ ...options, seed }).getWeights().map((w) => Array.from(w.dataSync()));
  assert.deepEqual(values(7), values(7));
  assert.notDeepEqual(values(7), values(8));
});

Deno.test("a regression network returns the standardised unit on the target's scale", () => {
  const model = buildCnn({
    inputs: "metadata",
    metadataFeatures: 2,
    output: { kind: "regression", targetMean: 50, targetSd: 12 },
  });
  model.getLayer("dense_out").setWeights([tf.zeros([64, 1]), tf.tensor1d([1.5])]);
  const y = model.predict(tf.tensor2d([[0.3, -1]])) as tf.Tensor;
  // whatever dense1 computes, dense_out's zero kernel gives 1.5 → 50 + 12 · 1.5
  assert.ok(Math.abs(y.dataSync()[0] - 68) < 1e-4);
});

Deno.test("options that describe no network fail with the option named", () => {
  assert.throws(() => buildCnn({ inputs: "both", metadataFeatures: 3 }), CnnOptionsError);
  assert.throws(
    () => buildCnn({ inputs: "audio", audioShape: [8, 8, 1] }),
    /too small for 4 pooling blocks/,
  );
  assert.throws(() => buildCnn({ inputs: "metadata" }), /metadataFeatures/);
  assert.throws(
    () => buildCnn({ inputs: "metadata", metadataFeatures: 2, dropout: 1 }),
    /dropout/,
  );
});
