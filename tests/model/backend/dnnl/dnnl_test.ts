import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import {
  buildDnnlShim,
  type Dnnl,
  dnnlUnavailableReason,
  loadDnnl,
} from "../../../../lib/model/backend/dnnl/dnnl.ts";
import { OPENBLAS_IM2COL, registerFastCpu } from "../../../../lib/model/backend/fast_cpu.ts";
import { biasActivationGrad } from "../../../../lib/model/backend/kernels/bias_activation_grad.ts";
import { fastKernels } from "../../../../lib/model/backend/kernels/mod.ts";
import type { CpuKernel } from "../../../../lib/model/backend/kernels/tensors.ts";
import { loadOpenBlas } from "../../../../lib/model/backend/openblas.ts";
import { PooledCpuBackend } from "../../../../lib/model/backend/pooled_cpu.ts";
import { randomValues, relativeErrors } from "../compare.ts";

const dnnl = loadDnnl();
const skip = dnnl ? "" : ` (skipped: ${dnnlUnavailableReason()})`;
const TOLERANCE = 1e-4;

function info(
  x: [number, number, number, number],
  filter: [number, number, number, number],
  strides: number | [number, number],
  pad: "same" | "valid" | number,
  dilation = 1,
) {
  return tf.backend_util.computeConv2DInfo(
    x,
    filter,
    strides,
    dilation,
    pad,
    undefined,
    false,
    "channelsLast",
  );
}

Deno.test({
  name: `oneDNN shim: a hand-checked convolution, bias and ReLU fused${skip}`,
  ignore: !dnnl,
  fn: () => {
    assert.match(dnnl!.library, /^oneDNN \d+\.\d+\.\d+$/);
    const geometry = info([1, 3, 3, 1], [2, 2, 1, 1], 1, "valid");
    const x = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
    const y = new Float32Array(4);
    assert.ok(dnnl!.forward(geometry, x, Float32Array.of(1, 0, 0, 1), y));
    assert.deepEqual(Array.from(y), [6, 8, 12, 14]);
    assert.ok(
      dnnl!.forward(geometry, x, Float32Array.of(1, 0, 0, -1), y, Float32Array.of(-3), true),
    );
    // relu(−4 − 3) everywhere; oneDNN's ReLU writes −0 (0·x) where tfjs writes 0: equal values
    assert.deepEqual(Array.from(y, (v) => v + 0), [0, 0, 0, 0]);
    assert.ok(
      dnnl!.forward(geometry, x, Float32Array.of(0, 0, 0, 1), y, Float32Array.of(-6), true),
    );
    assert.deepEqual(Array.from(y, (v) => v + 0), [0, 0, 2, 3]); // relu(bottom-right − 6)
  },
});

Deno.test({
  name: `oneDNN shim: a geometry it cannot make returns false (the caller falls back)${skip}`,
  ignore: !dnnl,
  fn: () => {
    const geometry = info([1, 5, 5, 1], [3, 3, 1, 1], 1, "valid");
    const wrong = { ...geometry, outHeight: 7 }; // inconsistent with the padding and sizes
    assert.equal(
      dnnl!.forward(wrong, new Float32Array(25), new Float32Array(9), new Float32Array(49)),
      false,
    );
    assert.ok(
      dnnl!.forward(geometry, new Float32Array(25), new Float32Array(9), new Float32Array(9)),
    );
  },
});

Deno.test({
  name: `oneDNN shim: plain, oneDNN-chosen and blocked-filter layouts give the same results${skip}`,
  ignore: !dnnl,
  fn: () => {
    const geometry = info([4, 17, 15, 8], [3, 3, 8, 16], [2, 1], "same");
    const x = randomValues(4 * 17 * 15 * 8, 31), w = randomValues(3 * 3 * 8 * 16, 32, 0.3);
    const dy = randomValues(4 * geometry.outHeight * geometry.outWidth * 16, 33);
    const run = () => {
      const y = new Float32Array(dy.length), dx = new Float32Array(x.length);
      const dw = new Float32Array(w.length);
      assert.ok(dnnl!.forward(geometry, x, w, y));
      assert.ok(dnnl!.backwardData(geometry, dy, w, dx));
      assert.ok(dnnl!.backwardWeights(geometry, x, dy, dw));
      return [y, dx, dw];
    };
    try {
      dnnl!.setLayout("plain");
      const plain = run();
      for (const layout of ["any", "filter"] as const) {
        dnnl!.setLayout(layout);
        const other = run();
        plain.forEach((p, i) => {
          const scale = Math.max(...p.map(Math.abs));
          const diff = Math.max(...p.map((v, j) => Math.abs(v - other[i][j])));
          assert.ok(
            diff / scale < 1e-5,
            `${layout}, output ${i}: relative difference ${diff / scale}`,
          );
        });
      }
    } finally {
      dnnl!.setLayout("filter");
    }
  },
});

type Part =
  | "forward"
  | "backwardData"
  | "backwardWeights"
  | "maxPoolForward"
  | "maxPoolBackward";

/** A backend whose oneDNN convolutions are right except that `part` adds 1 to its first value. */
function brokenBackend(part: Part): string {
  const name = `fast-cpu-broken-${part}`;
  if (tf.findBackend(name)) return name;
  const broken: Dnnl = {
    ...dnnl!,
    forward: (info, x, filter, y, bias, relu) => {
      const ok = dnnl!.forward(info, x, filter, y, bias, relu);
      if (part === "forward") y[0] += 1;
      return ok;
    },
    backwardData: (info, dy, filter, dx) => {
      const ok = dnnl!.backwardData(info, dy, filter, dx);
      if (part === "backwardData") dx[0] += 1;
      return ok;
    },
    backwardWeights: (info, x, dy, dw) => {
      const ok = dnnl!.backwardWeights(info, x, dy, dw);
      if (part === "backwardWeights") dw[0] += 1;
      return ok;
    },
    maxPoolForward: (info, x, y) => {
      const workspace = dnnl!.maxPoolForward(info, x, y);
      if (part === "maxPoolForward") y[0] += 1;
      return workspace;
    },
    maxPoolBackward: (info, dy, workspace, dx) => {
      const ok = dnnl!.maxPoolBackward(info, dy, workspace, dx);
      if (part === "maxPoolBackward") dx[0] += 1;
      return ok;
    },
  };
  const kernels = new Map(fastKernels(loadOpenBlas()!, broken).map((k) => [k.kernelName, k]));
  tf.registerBackend(name, () => new PooledCpuBackend(), 0);
  for (const config of tf.getKernelsForBackend("cpu")) {
    const fast = kernels.get(config.kernelName);
    const kernelFunc = fast
      ? fast.make(config.kernelFunc as unknown as CpuKernel) as unknown as tf.KernelFunc
      : config.kernelFunc;
    tf.registerKernel({ ...config, backendName: name, kernelFunc });
  }
  return name;
}

const CASES: {
  x: [number, number, number, number];
  k: number;
  cout: number;
  strides: number | [number, number];
  pad: "same" | "valid" | number;
}[] = [
  { x: [2, 9, 7, 3], k: 3, cout: 4, strides: 1, pad: "same" },
  { x: [3, 11, 8, 2], k: 3, cout: 5, strides: [2, 1], pad: "valid" },
  { x: [2, 13, 9, 4], k: 2, cout: 3, strides: 3, pad: 1 },
  { x: [1, 10, 10, 1], k: 5, cout: 16, strides: 1, pad: "same" },
];

Deno.test({
  name: `the kernel comparison fails when a oneDNN result is wrong, for each of the three ` +
    `convolution kernels and every geometry (so oneDNN, not the fallback, ran)${skip}`,
  ignore: !dnnl || !loadOpenBlas(),
  fn: async () => {
    const parts: Part[] = ["forward", "backwardData", "backwardWeights"];
    for (const c of CASES) {
      for (const [broken, part] of parts.entries()) {
        const errors = await relativeErrors(brokenBackend(part), () => {
          const x = tf.tensor4d(randomValues(c.x.reduce((a, b) => a * b), 1), c.x);
          const w = tf.tensor4d(randomValues(c.k * c.k * c.x[3] * c.cout, 2, 0.3), [
            c.k,
            c.k,
            c.x[3],
            c.cout,
          ]);
          const conv = (a: tf.Tensor, b: tf.Tensor) =>
            tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad);
          const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(conv(a, b)))([x, w]);
          return [conv(x, w), gx, gw];
        });
        errors.forEach((e, i) => {
          const label = `${
            c.x.join("×")
          } ${c.k}×${c.k}/${c.strides} ${c.pad}, ${part} broken, output ${i}`;
          if (i === broken) {
            assert.ok(e > TOLERANCE, `${label}: relative error ${e}, expected a failure`);
          } else assert.ok(e < TOLERANCE, `${label}: relative error ${e}`);
        });
      }
    }
  },
});

Deno.test({
  name: `registration says which engine runs the convolutions${skip}`,
  ignore: !dnnl || !loadOpenBlas(),
  fn: () => {
    const onednn = registerFastCpu({ name: "fast-cpu-onednn", convolutions: "onednn" });
    const openblas = registerFastCpu({ name: "fast-cpu-openblas", convolutions: "openblas" });
    assert.match(onednn.convolutions ?? "", /^oneDNN \d+\.\d+\.\d+, \d+ threads?$/);
    assert.equal(openblas.convolutions, OPENBLAS_IM2COL);
  },
});

Deno.test("FAST_CPU_CONVOLUTIONS must name an engine", () => {
  const before = Deno.env.get("FAST_CPU_CONVOLUTIONS");
  Deno.env.set("FAST_CPU_CONVOLUTIONS", "cudnn");
  try {
    assert.throws(
      () => registerFastCpu({ name: "fast-cpu-env-check" }),
      /expected one of auto, onednn, openblas, found "cudnn"/,
    );
  } finally {
    if (before === undefined) Deno.env.delete("FAST_CPU_CONVOLUTIONS");
    else Deno.env.set("FAST_CPU_CONVOLUTIONS", before);
  }
});

Deno.test({
  name: `the kernel comparison fails when oneDNN's max pooling or its gradient is wrong ` +
    `(so oneDNN, not pool.ts, ran)${skip}`,
  ignore: !dnnl || !loadOpenBlas(),
  fn: async () => {
    const cases: [[number, number, number, number], number, number, "same" | "valid"][] = [
      [[2, 8, 6, 3], 2, 2, "valid"],
      [[2, 9, 7, 3], 2, 2, "same"],
      [[1, 10, 9, 2], 3, 2, "same"],
    ];
    for (const [shape, size, stride, pad] of cases) {
      for (const [broken, part] of (["maxPoolForward", "maxPoolBackward"] as const).entries()) {
        const errors = await relativeErrors(brokenBackend(part), () => {
          const x = tf.tensor4d(randomValues(shape.reduce((a, b) => a * b), 9), shape);
          const pool = (a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, size, stride, pad);
          const y = pool(x);
          const weights = tf.range(1, y.size + 1).reshape(y.shape);
          return [y, tf.grad((a: tf.Tensor) => tf.sum(tf.mul(pool(a), weights)))(x)];
        });
        const label = `${shape.join("×")} pool ${size}/${stride} ${pad}, ${part} broken`;
        assert.ok(
          errors[broken] > TOLERANCE,
          `${label}: error ${errors[broken]}, expected a failure`,
        );
        assert.ok(
          errors[1 - broken] < TOLERANCE,
          `${label}: other output's error ${errors[1 - broken]}`,
        );
      }
    }
  },
});

Deno.test({
  name: `the shim is built once per source version; without a compiler the error says what to ` +
    `install${skip}`,
  ignore: !dnnl,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const path = Deno.env.get("PATH") ?? "";
    try {
      const library = buildDnnlShim(dir);
      assert.match(library, /libhss_dnnl_[0-9a-f]{12}\.so$/);
      const built = Deno.statSync(library).mtime;
      assert.equal(buildDnnlShim(dir), library);
      assert.deepEqual(Deno.statSync(library).mtime, built);
      assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), [library.split("/").pop()]);
      Deno.env.set("PATH", "/nonexistent");
      assert.throws(() => buildDnnlShim(`${dir}/other`), /apt-get install gcc libdnnl-dev/);
    } finally {
      Deno.env.set("PATH", path);
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: `the shim, oneDNN and libgomp stay loaded after the module that used them ends ` +
    `(a child deno test; Linux)${skip}`,
  ignore: !dnnl || Deno.build.os !== "linux",
  fn: async () => {
    // Deno closes a module's FFI libraries when its isolate ends; had libgomp been unmapped while
    // its threads spun after a parallel region, the process would die with SIGSEGV (exit 139).
    const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "test",
        "-A",
        "--no-check",
        fixture("convolve_then_end.ts"),
        fixture("shim_still_loaded.ts"),
      ],
      env: { HSS_DNNL_SHIM: buildDnnlShim(), NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const said = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, said);
    assert.match(said, /ok \| 2 passed \| 0 failed/);
  },
});

Deno.test({
  name: `the shim's bias + activation gradient equals the TypeScript sweep (NaN kept)${skip}`,
  ignore: !dnnl,
  fn: () => {
    const channels = 24, rows = 5_001;
    const dy = randomValues(rows * channels, 5), y = randomValues(rows * channels, 6);
    y[30] = NaN;
    for (const activation of ["relu", "linear"] as const) {
      const expected = biasActivationGrad(dy, y, channels, activation);
      const dx = new Float32Array(dy.length), dBias = new Float32Array(channels);
      assert.ok(dnnl!.biasActivationGrad(dy, y, channels, activation === "relu", dx, dBias));
      assert.deepEqual(dx, expected.dyActivation, `${activation}: dx`);
      dBias.forEach((v, c) => {
        const e = expected.dBias[c];
        if (Number.isNaN(e)) assert.ok(Number.isNaN(v), `${activation}: dBias[${c}] NaN`);
        else {assert.ok(
            Math.abs(v - e) <= 1e-6 * Math.max(1, Math.abs(e)),
            `${activation}: dBias[${c}] ${v} vs ${e}`,
          );}
      });
      assert.equal(Number.isNaN(dBias[30 % channels]), activation === "relu");
    }
  },
});

Deno.test({
  name: `libgomp loads with a passive wait policy unless the environment sets one, and the ` +
    `environment is restored (child processes; Linux)${skip}`,
  ignore: !dnnl || Deno.build.os !== "linux",
  fn: async () => {
    const module = new URL("../../../../lib/model/backend/dnnl/dnnl.ts", import.meta.url).href;
    const run = async (env: Record<string, string>) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "eval",
          `import { loadDnnl } from "${module}"; if (!loadDnnl()) throw new Error("no shim"); ` +
          `console.log("after:", Deno.env.get("OMP_WAIT_POLICY") ?? "unset");`,
        ],
        env: { OMP_DISPLAY_ENV: "VERBOSE", NO_COLOR: "1", ...env },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const said = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
      assert.equal(out.code, 0, said);
      return said;
    };
    // libgomp shows PASSIVE for an unset policy too; its spin count tells them apart (300000
    // when unset, 0 when passive).
    const unset = await run({});
    assert.match(unset, /GOMP_SPINCOUNT = '0'/);
    assert.match(unset, /after: unset/);
    const active = await run({ OMP_WAIT_POLICY: "active" });
    assert.match(active, /OMP_WAIT_POLICY = 'ACTIVE'/);
    assert.match(active, /after: active/);
  },
});
