import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import {
  BIAS_ACTIVATION_GRAD,
  biasActivationGrad,
} from "../../../lib/model/backend/kernels/bias_activation_grad.ts";
import { KERNEL_BACKENDS, randomValues, relativeErrors, runOn } from "./compare.ts";

const TOLERANCE = 1e-4;

/**
 * webgpu's documented departures from tfjs's cpu backend, checked as such below: a max-pool
 * gradient over tied maxima goes to the last of them (cpu: the first), and relu(NaN) is 0 (cpu:
 * NaN). Neither changes training after a ReLU (tied zeros carry no gradient either way).
 */
const WEBGPU_TIES = "webgpu routes a max-pool gradient to the last tied maximum, cpu to the first";

/**
 * Registers one comparison against tfjs's cpu backend per installed backend; `known` names the
 * backends that differ by design, with the difference (the test is then skipped there, saying so).
 */
function kernelTest(
  name: string,
  fn: (backend: string) => Promise<void>,
  known: Record<string, string> = {},
) {
  for (const backend of KERNEL_BACKENDS) {
    const skip = !backend.available
      ? `skipped: ${backend.reason}`
      : known[backend.name]
      ? `skipped, known difference: ${known[backend.name]}`
      : "";
    Deno.test({
      name: `[${backend.name}] ${name}${skip ? ` (${skip})` : ""}`,
      ignore: skip !== "",
      fn: () => fn(backend.tfBackend),
    });
  }
}

function assertClose(errors: number[], what: string) {
  errors.forEach((e, i) => assert.ok(e < TOLERANCE, `${what}, output ${i}: relative error ${e}`));
}

type Pad = "same" | "valid" | number;
const convCases: {
  x: [number, number, number, number];
  k: number;
  cout: number;
  strides: number | [number, number];
  pad: Pad;
  dilation?: number;
}[] = [
  { x: [2, 9, 7, 3], k: 3, cout: 4, strides: 1, pad: "same" },
  { x: [2, 9, 7, 3], k: 3, cout: 4, strides: 2, pad: "same" },
  { x: [3, 11, 8, 2], k: 3, cout: 5, strides: [2, 1], pad: "valid" },
  { x: [1, 10, 10, 1], k: 5, cout: 16, strides: 1, pad: "same" },
  { x: [2, 13, 9, 4], k: 2, cout: 3, strides: 3, pad: 1 },
  { x: [2, 12, 12, 3], k: 3, cout: 2, strides: 1, pad: "same", dilation: 2 },
  { x: [4, 16, 16, 16], k: 3, cout: 32, strides: 1, pad: "same" }, // the paper's second block
];

for (const c of convCases) {
  const label = `x ${c.x.join("×")}, ${c.k}×${c.k}→${c.cout}, stride ${c.strides}, pad ${c.pad}` +
    (c.dilation ? `, dilation ${c.dilation}` : "");
  const inputs = () => ({
    x: tf.tensor4d(randomValues(c.x.reduce((a, b) => a * b), 1), c.x),
    w: tf.tensor4d(randomValues(c.k * c.k * c.x[3] * c.cout, 2, 0.3), [c.k, c.k, c.x[3], c.cout]),
    b: tf.tensor1d(randomValues(c.cout, 3)),
  });

  // tfjs-node passes padding to TensorFlow, which takes only "same" and "valid": it refuses a
  // number with a clear error (the workspace's networks use "same").
  const refused = (backend: string) => backend === "tensorflow" && typeof c.pad === "number";

  kernelTest(`Conv2D and its gradients match cpu: ${label}`, async (backend) => {
    if (refused(backend)) {
      await assert.rejects(
        () => runOn(backend, () => tf.conv2d(inputs().x, inputs().w, c.strides, c.pad)),
        /padding/,
      );
      return;
    }
    const errors = await relativeErrors(backend, () => {
      const { x, w } = inputs();
      const conv = (a: tf.Tensor4D, b: tf.Tensor4D) =>
        tf.conv2d(a, b, c.strides, c.pad, "NHWC", c.dilation ?? 1);
      const y = conv(x, w);
      if (c.dilation) return [y]; // tfjs has no gradient for dilated convolutions
      const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D), tf.onesLike(y).mul(1.5)))
      )([x, w]);
      return [y, gx, gw];
    });
    assertClose(errors, label);
  });

  kernelTest(`FusedConv2D (bias + relu / linear) matches cpu: ${label}`, async (backend) => {
    if (refused(backend)) {
      const { x, w, b } = inputs();
      await assert.rejects(
        () =>
          runOn(
            backend,
            () => tf.fused.conv2d({ x, filter: w, bias: b, strides: c.strides, pad: c.pad }),
          ),
        /padding/,
      );
      return;
    }
    for (const activation of ["relu", "linear"] as const) {
      const errors = await relativeErrors(backend, () => {
        const { x, w, b } = inputs();
        return tf.fused.conv2d({
          x,
          filter: w,
          bias: b,
          strides: c.strides,
          pad: c.pad,
          dilations: c.dilation ?? 1,
          activation,
        });
      });
      assertClose(errors, `${label}, ${activation}`);
    }
  });
}

kernelTest(
  "BatchMatMul matches cpu: transposes, batches, broadcast batch of one",
  async (backend) => {
    const cases: [number[], number[], boolean, boolean][] = [
      [[7, 5], [5, 3], false, false],
      [[5, 7], [5, 3], true, false],
      [[7, 5], [3, 5], false, true],
      [[5, 7], [3, 5], true, true],
      [[4, 6, 5], [4, 5, 2], false, false],
      [[1, 6, 5], [3, 5, 2], false, false],
      [[2, 3, 6, 5], [1, 1, 2, 5], false, true],
      [[32, 8224], [8224, 64], false, false],
    ];
    for (const [sa, sb, ta, tb] of cases) {
      const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
      const errors = await relativeErrors(backend, () =>
        tf.matMul(
          tf.tensor(randomValues(size(sa), 4), sa),
          tf.tensor(randomValues(size(sb), 5), sb),
          ta,
          tb,
        ));
      assertClose(errors, `${sa} × ${sb} (${ta}, ${tb})`);
    }
  },
);

kernelTest("_FusedMatMul (bias, relu) and a dense layer's gradients match cpu", async (backend) => {
  const errors = await relativeErrors(backend, () => {
    const a = tf.tensor2d(randomValues(9 * 13, 6), [9, 13]);
    const b = tf.tensor2d(randomValues(13 * 4, 7), [13, 4]);
    const bias = tf.tensor1d(randomValues(4, 8));
    const y = tf.fused.matMul({ a, b, bias, activation: "relu" });
    const [ga, gb, gbias] = tf.grads((p: tf.Tensor, q: tf.Tensor, r: tf.Tensor) =>
      tf.sum(tf.square(tf.relu(tf.add(tf.matMul(p as tf.Tensor2D, q as tf.Tensor2D), r))))
    )([a, b, bias]);
    return [y, ga, gb, gbias];
  });
  assertClose(errors, "fused matmul");
});

kernelTest(
  "MaxPool and MaxPoolGrad match cpu: 2×2/2 even and odd sizes, 3×3/2 same, 3×3/1",
  async (backend) => {
    const cases: [number[], number, number, "same" | "valid"][] = [
      [[2, 8, 6, 3], 2, 2, "valid"],
      [[2, 9, 7, 3], 2, 2, "valid"],
      [[2, 9, 7, 3], 2, 2, "same"],
      [[1, 10, 9, 2], 3, 2, "same"],
      [[1, 7, 7, 4], 3, 1, "valid"],
    ];
    for (const [shape, size, stride, pad] of cases) {
      const errors = await relativeErrors(backend, () => {
        // Quantised values make ties, which both backends must break alike (first maximum); on
        // webgpu (see WEBGPU_TIES) the values stay distinct, and its tie rule is checked apart.
        const values = randomValues(shape.reduce((a, b) => a * b), 9);
        const raw = backend === "webgpu" ? values : values.map((v) => Math.round(v * 2));
        const x = tf.tensor4d(raw, shape as [number, number, number, number]);
        const y = tf.maxPool(x, size, stride, pad);
        const g = tf.grad((a: tf.Tensor) =>
          tf.sum(
            tf.mul(
              tf.maxPool(a as tf.Tensor4D, size, stride, pad),
              tf.range(1, y.size + 1).reshape(y.shape),
            ),
          )
        )(x);
        return [y, g];
      });
      assertClose(errors, `${shape} pool ${size}/${stride} ${pad}`);
    }
  },
);

kernelTest(
  "MaxPool after ReLU (windows of zeros) routes gradients as cpu does",
  async (backend) => {
    const errors = await relativeErrors(backend, () => {
      const x = tf.relu(tf.tensor4d(randomValues(2 * 8 * 8 * 4, 10), [2, 8, 8, 4]));
      return tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 2, 2, "valid")))(x);
    });
    assertClose(errors, "relu + pool");
  },
  { webgpu: WEBGPU_TIES },
);

kernelTest(
  "element-wise kernels match cpu: equal shapes, bias broadcast, scalars, other broadcasts",
  async (backend) => {
    const shapes: [number[], number[]][] = [
      [[3, 4, 5], [3, 4, 5]],
      [[2, 3, 4, 6], [6]],
      [[6], [2, 3, 4, 6]],
      [[2, 3, 4], []],
      [[], [2, 3]],
      [[3, 1], [1, 4]], // falls back to cpu
      [[2, 3, 4], [3, 1]],
      [[2, 3, 4], [1, 1, 4]],
    ];
    const ops: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
      ["add", tf.add],
      ["sub", tf.sub],
      ["mul", tf.mul],
      ["div", tf.div],
      ["maximum", tf.maximum],
      ["squaredDifference", tf.squaredDifference],
    ];
    for (const [sa, sb] of shapes) {
      for (const [name, op] of ops) {
        const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
        const errors = await relativeErrors(
          backend,
          () =>
            op(
              tf.tensor(randomValues(size(sa), 11), sa),
              tf.tensor(randomValues(size(sb), 12), sb),
            ),
        );
        assertClose(errors, `${name} ${JSON.stringify(sa)} ${JSON.stringify(sb)}`);
      }
    }
    const unary: [string, (x: tf.Tensor) => tf.Tensor][] = [
      ["relu", tf.relu],
      ["step", (x) => tf.step(x)],
      ["step 0.3", (x) => tf.step(x, 0.3)],
      ["square", tf.square],
      ["sqrt", (x) => tf.sqrt(tf.abs(x))],
      ["neg", tf.neg],
    ];
    for (const [name, op] of unary) {
      const errors = await relativeErrors(backend, () => {
        const v = randomValues(257, 13);
        v[3] = backend === "webgpu" ? 0.5 : NaN; // webgpu: relu(NaN) = 0, checked below
        v[4] = 0;
        v[5] = -0;
        return op(tf.tensor1d(v));
      });
      assertClose(errors, name);
    }
  },
);

kernelTest(
  "Sum matches cpu over leading, trailing and middle axes, with keepDims",
  async (backend) => {
    const cases: [number | number[], boolean][] = [
      [[0, 1, 2], false],
      [[0], true],
      [[3], false],
      [[2, 3], true],
      [[1], false], // middle axis: cpu's own kernel
      [[0, 2], false],
      [-1, false],
    ];
    for (const [axis, keepDims] of cases) {
      const errors = await relativeErrors(
        backend,
        () => tf.sum(tf.tensor4d(randomValues(3 * 5 * 4 * 7, 14), [3, 5, 4, 7]), axis, keepDims),
      );
      assertClose(errors, `sum ${axis} ${keepDims}`);
    }
  },
);

kernelTest("Slice and SplitV match cpu (the gradient of a concatenation)", async (backend) => {
  const errors = await relativeErrors(backend, () => {
    const x = tf.tensor3d(randomValues(4 * 6 * 5, 15), [4, 6, 5]);
    const parts = tf.split(x, [2, 3, 1], 1);
    return [
      tf.slice(x, [1, 2, 0], [2, 3, 5]),
      tf.slice(x, [0, 0, 1], [4, 6, 3]),
      tf.slice(x, [3, 5, 4], [1, 1, 1]),
      ...parts,
      tf.grad((a: tf.Tensor) => tf.sum(tf.square(tf.concat([a, tf.ones([4, 6, 2])], 2))))(x),
    ];
  });
  assertClose(errors, "slices");
});

kernelTest("a kernel given int32 tensors falls back to cpu and stays exact", async (backend) => {
  const errors = await relativeErrors(
    backend,
    () => tf.add(tf.tensor1d([1, 2, 3], "int32"), tf.tensor1d([4, 5, 6], "int32")),
  );
  assert.deepEqual(errors, [0]);
});

kernelTest(
  "Conv2DBackpropFilter without a recorded forward pass (no cached patches) matches cpu",
  async (backend) => {
    const errors = await relativeErrors(backend, () => {
      const x = tf.tensor4d(randomValues(2 * 9 * 7 * 3, 16), [2, 9, 7, 3]);
      const dy = tf.tensor4d(randomValues(2 * 5 * 4 * 4, 17), [2, 5, 4, 4]);
      return tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, {
        strides: 2,
        pad: "same",
        dataFormat: "NHWC",
        filterShape: [3, 3, 3, 4],
      } as unknown as tf.NamedAttrMap) as tf.Tensor;
    });
    assertClose(errors, "filter gradient, uncached");
  },
);

kernelTest(
  "BiasActivationGrad (fast-cpu) equals dy·step(y) and its channel sums on cpu",
  async (backend) => {
    for (const activation of ["relu", "linear"] as const) {
      const errors = await relativeErrors(backend, () => {
        const dy = tf.tensor4d(randomValues(3 * 5 * 7 * 6, 18), [3, 5, 7, 6]);
        const y = tf.relu(tf.tensor4d(randomValues(3 * 5 * 7 * 6, 19), [3, 5, 7, 6]));
        if (tf.getKernel(BIAS_ACTIVATION_GRAD, tf.getBackend())) {
          return tf.engine().runKernel(BIAS_ACTIVATION_GRAD, { dy, y }, {
            activation,
          }) as tf.Tensor[];
        }
        const g = activation === "relu" ? tf.mul(dy, tf.step(y)) : dy;
        return [g, tf.sum(g, [0, 1, 2])];
      });
      assertClose(errors, `bias + ${activation} gradient`);
    }
  },
);

Deno.test("biasActivationGrad: ReLU mask, NaN as tfjs (step(NaN) = NaN), channel sums", () => {
  const { dyActivation, dBias } = biasActivationGrad(
    Float32Array.of(1, 2, 3, 4, 5, 6),
    Float32Array.of(0, 5, NaN, 2, -1, 0),
    2,
    "relu",
  );
  assert.deepEqual(Array.from(dyActivation), [0, 2, NaN, 4, 0, 0]);
  assert.ok(Number.isNaN(dBias[0]));
  assert.equal(dBias[1], 6);
  const linear = biasActivationGrad(
    Float32Array.of(1, 2, 3, 4),
    Float32Array.of(0, 0, 0, 0),
    2,
    "linear",
  );
  assert.deepEqual(Array.from(linear.dBias), [4, 6]);
});

const WEBGPU = KERNEL_BACKENDS.find((b) => b.name === "webgpu")!;
Deno.test({
  name: `[webgpu] its known differences from cpu: ties in max-pool gradients, relu(NaN)${
    WEBGPU.available ? "" : ` (skipped: ${WEBGPU.reason})`
  }`,
  ignore: !WEBGPU.available,
  fn: async () => {
    const [grad, relu] = await runOn("webgpu", () => [
      tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 2, 2, "valid")))(
        tf.ones([1, 2, 2, 1]),
      ),
      tf.relu(tf.tensor1d([NaN, -1, 2])),
    ]);
    assert.deepEqual(Array.from(grad), [0, 0, 0, 1], WEBGPU_TIES);
    assert.deepEqual(Array.from(relu), [0, 0, 2]);
    const [cpuGrad] = await runOn(
      "cpu",
      () =>
        tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 2, 2, "valid")))(
          tf.ones([1, 2, 2, 1]),
        ),
    );
    assert.deepEqual(Array.from(cpuGrad), [1, 0, 0, 0]);
  },
});
