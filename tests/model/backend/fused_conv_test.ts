import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { conv2dBiasActivation } from "../../../lib/model/backend/fused_conv.ts";
import { FAST_AVAILABLE, FAST_CPU_NAME, randomValues } from "./compare.ts";

/** Forward value and gradients (x, filter, bias) of the fused op and of the unfused ops. */
function both(activation: "relu" | "linear", strides: number, padding: "same" | "valid") {
  const x = tf.tensor4d(randomValues(2 * 9 * 8 * 3, 21), [2, 9, 8, 3]);
  const w = tf.tensor4d(randomValues(3 * 3 * 3 * 5, 22, 0.4), [3, 3, 3, 5]);
  const b = tf.tensor1d(randomValues(5, 23));
  const weight = (y: tf.Tensor) => tf.range(0, y.size).reshape(y.shape).mul(0.01);
  const fused = (p: tf.Tensor, q: tf.Tensor, r: tf.Tensor) => {
    const y = conv2dBiasActivation(p as tf.Tensor4D, q as tf.Tensor4D, r as tf.Tensor1D, {
      activation,
      strides,
      padding,
    });
    return tf.sum(tf.mul(y, weight(y)));
  };
  const plain = (p: tf.Tensor, q: tf.Tensor, r: tf.Tensor) => {
    const z = tf.add(tf.conv2d(p as tf.Tensor4D, q as tf.Tensor4D, strides, padding), r);
    const y = activation === "relu" ? tf.relu(z) : z;
    return tf.sum(tf.mul(y, weight(y)));
  };
  return [fused, plain].map((f) => {
    const { value, grads } = tf.valueAndGrads(f)([x, w, b]);
    return [value, ...grads].map((t) => Float32Array.from(t.dataSync()));
  });
}

function maxRelative(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  a.forEach((arr, i) => {
    let diff = 0, scale = 0;
    arr.forEach((v, j) => {
      diff = Math.max(diff, Math.abs(v - b[i][j]));
      scale = Math.max(scale, Math.abs(b[i][j]));
    });
    worst = Math.max(worst, diff / (scale || 1));
  });
  return worst;
}

for (const backend of ["cpu", FAST_CPU_NAME]) {
  Deno.test({
    name: `conv2dBiasActivation: value and gradients equal the unfused ops on ${backend}`,
    ignore: backend !== "cpu" && !FAST_AVAILABLE,
    fn: async () => {
      await tf.setBackend(backend);
      (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
      for (const activation of ["relu", "linear"] as const) {
        for (const [strides, padding] of [[1, "same"], [2, "valid"]] as const) {
          const [fused, plain] = both(activation, strides, padding);
          const err = maxRelative(fused, plain);
          assert.ok(
            err < 1e-5,
            `${activation} stride ${strides} ${padding}: relative error ${err}`,
          );
        }
      }
    },
  });
}

Deno.test("conv2dBiasActivation skips the input gradient when the input needs none", async () => {
  await tf.setBackend("cpu");
  const x = tf.tensor4d(randomValues(1 * 6 * 6 * 2, 24), [1, 6, 6, 2]);
  const w = tf.variable(tf.tensor4d(randomValues(3 * 3 * 2 * 3, 25), [3, 3, 2, 3]));
  const b = tf.variable(tf.zeros([3]));
  const kernels: string[] = [];
  const profile = await tf.profile(() => {
    tf.variableGrads(() =>
      tf.sum(conv2dBiasActivation(x, w as unknown as tf.Tensor4D, b as unknown as tf.Tensor1D, {
        activation: "relu",
      }))
    );
  });
  profile.kernels.forEach((k) => kernels.push(k.name));
  assert.ok(kernels.includes("Conv2DBackpropFilter"));
  assert.ok(!kernels.includes("Conv2DBackpropInput"), kernels.join(", "));
});
