import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import {
  AudioScaler,
  batchInputs,
  batchTargets,
  checkData,
  DataShapeError,
  type ModelData,
  withTimeDeltas,
} from "../../../lib/model/training/data.ts";

const data: ModelData = {
  audio: [Float32Array.of(1, 2, 3, 4), Float32Array.of(5, 6, 7, 8)],
  audioShape: [2, 2, 1],
  metadata: Float32Array.of(0.5, -1, 2, 3),
  metadataFeatures: 2,
  targets: Float32Array.of(1, 2),
};

Deno.test("batches follow the network's input order and standardise the spectrograms", () => {
  const scaler = AudioScaler.fit(data.audio!);
  assert.equal(scaler.mean, 4.5);
  const [x, m] = batchInputs(data, [1, 0], "both", scaler);
  assert.deepEqual(x.shape, [2, 2, 2, 1]);
  assert.ok(Math.abs(x.dataSync()[0] - (5 - 4.5) / scaler.sd) < 1e-6);
  assert.deepEqual(Array.from(m.dataSync()), [2, 3, 0.5, -1]);
  assert.equal(batchInputs(data, [0], "metadata", null).length, 1);
  assert.deepEqual(Array.from(batchTargets(data, [1, 0], null).dataSync()), [2, 1]);
  assert.deepEqual(Array.from(batchTargets(data, [1, 0], 3).dataSync()), [0, 0, 1, 0, 1, 0]);
  tf.dispose([x, m]);
});

Deno.test("checkData names what is missing or the wrong size", () => {
  assert.throws(() => checkData({ targets: Float32Array.of(1) }, "audio"), /needs spectrograms/);
  assert.throws(
    () => checkData({ ...data, audio: [new Float32Array(3), new Float32Array(4)] }, "audio"),
    /spectrogram 0 has 3 values; expected 4/,
  );
  assert.throws(() => checkData({ ...data, targets: Float32Array.of(1) }, "both"), DataShapeError);
});

Deno.test("withTimeDeltas stacks the spectrogram with its first and second time differences", () => {
  const out = withTimeDeltas(Float32Array.of(1, 3, 6, 10, 0, 0), 2, 3);
  assert.deepEqual(Array.from(out.slice(0, 9)), [1, 0, 0, 3, 2, 2, 6, 3, 1]);
  assert.throws(() => withTimeDeltas(new Float32Array(5), 2, 3), /expected 2 × 3/);
});
