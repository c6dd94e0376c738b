import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { loadDnnl } from "../../../lib/model/backend/dnnl/dnnl.ts";
import { adam } from "../../../lib/model/backend/fused_adam.ts";
import { ADAM_UPDATE, type AdamStep, adamUpdate } from "../../../lib/model/backend/kernels/adam.ts";
import { FAST_AVAILABLE, FAST_CPU_NAME, KERNEL_BACKENDS, randomValues } from "./compare.ts";

const SHAPES: number[][] = [[3, 3, 1, 16], [16], [300, 70], [1]];
const STEPS = 6;

/**
 * Variables of SHAPES (seeded) and STEPS optimizer steps with seeded gradients of several scales,
 * on `backend`; returns every value, moment and β power after.
 */
async function train(backend: string, make: () => tf.Optimizer): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const variables = SHAPES.map((shape, i) =>
    tf.variable(
      tf.tensor(randomValues(shape.reduce((a, b) => a * b), 10 + i), shape),
      true,
      `adam_test_${backend}_${crypto.randomUUID()}`,
    )
  );
  const optimizer = make();
  try {
    for (let step = 0; step < STEPS; step++) {
      tf.tidy(() => {
        const gradients = variables
          .map((v, i) => ({
            name: v.name,
            tensor: tf.tensor(randomValues(v.size, 100 * step + i, 10 ** (i - 2)), v.shape),
          }));
        optimizer.applyGradients(gradients);
      });
    }
    const state = await optimizer.getWeights();
    const internals = optimizer as unknown as { accBeta1: tf.Variable; accBeta2: tf.Variable };
    return [
      ...variables.map((v) => v.dataSync() as Float32Array),
      ...state.slice(1).map((s) => s.tensor.dataSync() as Float32Array),
      internals.accBeta1.dataSync() as Float32Array,
      internals.accBeta2.dataSync() as Float32Array,
    ].map((a) => Float32Array.from(a));
  } finally {
    optimizer.dispose();
    tf.dispose(variables);
    await tf.setBackend("cpu");
  }
}

function assertBitwiseEqual(actual: Float32Array[], expected: Float32Array[], label: string) {
  assert.equal(actual.length, expected.length, `${label}: arrays`);
  actual.forEach((a, i) => {
    const bitsA = new Uint32Array(a.buffer), bitsE = new Uint32Array(expected[i].buffer);
    const first = bitsA.findIndex((b, j) => b !== bitsE[j]);
    assert.equal(
      first,
      -1,
      `${label}: array ${i} differs at ${first}: ${a[first]} vs ${expected[i][first]}`,
    );
  });
}

const fastSkip = FAST_AVAILABLE ? "" : " (skipped: fast-cpu does not load here)";

Deno.test({
  name:
    `fused Adam on fast-cpu: bit for bit tfjs's Adam on cpu (values, moments, β powers)${fastSkip}`,
  ignore: !FAST_AVAILABLE,
  fn: async () => {
    const reference = await train("cpu", () => tf.train.adam(0.01));
    const fused = await train(FAST_CPU_NAME, () => adam(0.01));
    assertBitwiseEqual(fused, reference, "fused on fast-cpu vs tf.train.adam on cpu");
    const unfused = await train(FAST_CPU_NAME, () => tf.train.adam(0.01));
    assertBitwiseEqual(unfused, reference, "tf.train.adam on fast-cpu vs cpu");
    for (const b of KERNEL_BACKENDS.filter((b) => b.available && b.name.startsWith("fast-cpu"))) {
      // with the oneDNN shim (the update in C) and without it (in TypeScript)
      assertBitwiseEqual(await train(b.tfBackend, () => adam(0.01)), reference, b.name);
    }
    // Not vacuous: the values moved, and a slightly different rate moves them elsewhere.
    assert.ok(fused[0].some((v, i) => v !== randomValues(9 * 16, 10)[i]));
    const other = await train(FAST_CPU_NAME, () => adam(0.0101));
    assert.ok(other[0].some((v, i) => v !== fused[0][i]));
  },
});

Deno.test({
  name:
    `fused Adam on fast-cpu runs one AdamUpdate per variable and none of tfjs's Adam ops${fastSkip}`,
  ignore: !FAST_AVAILABLE,
  fn: async () => {
    await tf.setBackend(FAST_CPU_NAME);
    const w = tf.variable(tf.ones([4, 4]), true, `adam_profile_${crypto.randomUUID()}`);
    const b = tf.variable(tf.zeros([4]), true, `adam_profile_${crypto.randomUUID()}`);
    const optimizer = adam(0.1);
    try {
      const info = await tf.profile(() => {
        tf.tidy(() =>
          optimizer.applyGradients([
            { name: w.name, tensor: tf.fill([4, 4], 0.5) },
            { name: b.name, tensor: tf.fill([4], -0.5) },
          ])
        );
      });
      const names = info.kernels.map((k) => k.name);
      assert.equal(names.filter((n) => n === ADAM_UPDATE).length, 2);
      for (const op of ["Sqrt", "Square", "RealDiv"]) assert.ok(!names.includes(op), names.join());
      // The first step moves each value by the learning rate against its gradient's sign.
      assert.ok(w.dataSync().every((v) => Math.abs(v - 0.9) < 1e-6));
      assert.ok(b.dataSync().every((v) => Math.abs(v - 0.1) < 1e-6));
    } finally {
      optimizer.dispose();
      tf.dispose([w, b]);
      await tf.setBackend("cpu");
    }
  },
});

Deno.test("fused Adam elsewhere is tfjs's Adam; its state saves and loads as tfjs's", async () => {
  assertBitwiseEqual(
    await train("cpu", () => adam(0.01)),
    await train("cpu", () => tf.train.adam(0.01)),
    "adam() vs tf.train.adam on cpu",
  );
  const w = tf.variable(tf.ones([2]), true, "adam_state_w");
  const optimizer = adam(0.01);
  try {
    optimizer.applyGradients([{ name: w.name, tensor: tf.ones([2]) }]);
    const state = await optimizer.getWeights();
    assert.deepEqual(state.map((s) => s.name), ["iter", "adam_state_w/m", "adam_state_w/v"]);
    assert.ok(optimizer instanceof tf.AdamOptimizer);
    const restored = adam(0.01);
    await restored.setWeights(state);
    assert.equal((await restored.getWeights()).length, 3);
    restored.dispose();
  } finally {
    optimizer.dispose();
    w.dispose();
  }
});

const step: AdamStep = {
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  learningRate: 1e-3,
  oneMinusAccBeta1: Math.fround(1 - Math.fround(0.9 ** 3)),
  oneMinusAccBeta2: Math.fround(1 - Math.fround(0.999 ** 3)),
};
const dnnl = loadDnnl();

Deno.test({
  name: `AdamUpdate in the oneDNN shim (C, threaded) equals the TypeScript loop bit for bit, ` +
    `in place too${dnnl ? "" : " (skipped: the shim does not load here)"}`,
  ignore: !dnnl,
  fn: () => {
    const n = 200_003; // above the shim's threading threshold, odd
    const state = {
      value: randomValues(n, 1),
      m: randomValues(n, 2, 0.1),
      v: randomValues(n, 3, 0.01).map(Math.abs),
      gradient: randomValues(n, 4),
    };
    state.gradient[7] = 0;
    state.v[8] = 0;
    const make = () => ({
      value: new Float32Array(n),
      m: new Float32Array(n),
      v: new Float32Array(n),
    });
    const ts = make(), c = make();
    adamUpdate(state, ts, step);
    dnnl!.adamUpdate(state, c, step);
    assertBitwiseEqual([c.value, c.m, c.v], [ts.value, ts.m, ts.v], "C vs TypeScript");
    const inPlace = {
      ...state,
      value: state.value.slice(),
      m: state.m.slice(),
      v: state.v.slice(),
    };
    dnnl!.adamUpdate(inPlace, inPlace, step);
    assertBitwiseEqual([inPlace.value, inPlace.m, inPlace.v], [ts.value, ts.m, ts.v], "in place");
  },
});

Deno.test({
  name: `AdamUpdate refuses a gradient of another size${fastSkip}`,
  ignore: !FAST_AVAILABLE,
  fn: async () => {
    await tf.setBackend(FAST_CPU_NAME);
    try {
      const t = (n: number) => tf.zeros([n]);
      assert.throws(
        () =>
          tf.engine().runKernel(ADAM_UPDATE, {
            value: t(3),
            m: t(3),
            v: t(3),
            gradient: t(2),
            oneMinusAccBeta1: tf.scalar(0.1),
            oneMinusAccBeta2: tf.scalar(0.001),
          }, { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, learningRate: 0.1 }),
        /AdamUpdate: value, moments and gradient differ in size \(3, 3, 3, 2\)/,
      );
    } finally {
      await tf.setBackend("cpu");
    }
  },
});
