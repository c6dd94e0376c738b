import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import {
  autoOrder,
  BackendUnavailableError,
  selectBackend,
} from "../../../lib/model/backend/select.ts";
import { registerFastCpu } from "../../../lib/model/backend/fast_cpu.ts";
import { FAST_AVAILABLE, KERNEL_BACKENDS, randomValues, runOn } from "./compare.ts";

const NATIVE = KERNEL_BACKENDS.find((b) => b.name === "tensorflow")!;

const ONEDNN = registerFastCpu().convolutions?.startsWith("oneDNN") === true;

Deno.test("auto's order: fast-cpu on oneDNN first for plain networks, tfjs-node first for batch-normalised ones", () => {
  assert.deepEqual(
    autoOrder("plain"),
    ONEDNN
      ? ["tensorflow-gpu", "fast-cpu", "tensorflow", "cpu"]
      : ["tensorflow-gpu", "tensorflow", "fast-cpu", "cpu"],
  );
  assert.deepEqual(autoOrder("batch-norm"), ["tensorflow-gpu", "tensorflow", "fast-cpu", "cpu"]);
});

Deno.test("auto takes the first backend of its order that loads, and says why", async () => {
  const lines: string[] = [];
  const plain = await selectBackend("auto", { log: (l) => lines.push(l) });
  const expected = ONEDNN
    ? "fast-cpu"
    : NATIVE.available
    ? "tensorflow"
    : FAST_AVAILABLE
    ? "fast-cpu"
    : "cpu";
  assert.equal(plain.name, expected);
  assert.equal(plain.network, "plain");
  assert.equal(tf.getBackend(), plain.tfBackend);
  assert.equal(plain.skipped[0].name, "tensorflow-gpu");
  assert.match(plain.skipped[0].reason, /not installed/);
  assert.match(plain.summary, /the fastest one that loads for a plain network/);
  if (ONEDNN) assert.match(plain.summary, /^backend: fast-cpu \(.*convolutions: oneDNN/);

  const normed = await selectBackend("auto", { log: (l) => lines.push(l), network: "batch-norm" });
  assert.equal(normed.network, "batch-norm");
  assert.equal(tf.getBackend(), normed.tfBackend);
  if (NATIVE.available) {
    assert.equal(normed.name, "tensorflow");
    assert.match(
      normed.summary,
      /^backend: tensorflow \(@tensorflow\/tfjs-node, TensorFlow \d+\.\d+/,
    );
  } else assert.equal(normed.skipped[1].name, "tensorflow");
  assert.ok(lines.length <= 1, "the choice is logged once per process");
});

Deno.test("a backend named in the configuration is used or fails naming what to install", async () => {
  await assert.rejects(
    () => selectBackend("tensorflow-gpu", { log: () => {} }),
    (e: unknown) =>
      e instanceof BackendUnavailableError && /@tensorflow\/tfjs-node-gpu/.test(e.message) &&
      /CUDA 11\.2/.test(e.message),
  );
  if (NATIVE.available) {
    const native = await selectBackend("tensorflow", { log: () => {} });
    assert.equal(tf.getBackend(), "tensorflow");
    assert.match(native.summary, /as configured/);
  } else {
    await assert.rejects(
      () => selectBackend("tensorflow", { log: () => {} }),
      (e: unknown) =>
        e instanceof BackendUnavailableError && /tfjs-node/.test(e.message) &&
        /deno task setup/.test(e.message),
    );
  }
  const cpu = await selectBackend("cpu", { log: () => {} });
  assert.equal(cpu.name, "cpu");
  assert.equal(tf.getBackend(), "cpu");
});

Deno.test("the wasm backend trains convolutions: its added filter gradient equals cpu's", async () => {
  const f = () => {
    const x = tf.tensor4d(randomValues(2 * 7 * 6 * 3, 31), [2, 7, 6, 3]);
    const w = tf.tensor4d(randomValues(3 * 3 * 3 * 4, 32), [3, 3, 3, 4]);
    return tf.grad((q: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x, q as tf.Tensor4D, 2, "same"))))(
      w,
    );
  };
  const ref = await runOn("cpu", f);
  await selectBackend("wasm", { log: () => {} });
  const wasm = await runOn("wasm", f);
  let diff = 0, scale = 0;
  ref[0].forEach((v, i) => {
    diff = Math.max(diff, Math.abs(v - wasm[0][i]));
    scale = Math.max(scale, Math.abs(v));
  });
  assert.ok(diff / scale < 1e-4, `relative error ${diff / scale}`);
  await tf.setBackend("cpu");
});
