import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../../lib/data/random.ts";
import {
  multivariateWindows,
  perSongWindows,
  type SeriesWindows,
  windowInputs,
  windowTargets,
} from "../../../lib/data/charts/windows.ts";
import { jsBlas } from "../../../lib/model/backend/js_blas.ts";
import { RecurrentForecaster } from "../../../lib/model/forecast/network.ts";
import { type ForecasterSpec, slotValues } from "../../../lib/model/forecast/parameters.ts";

await tf.setBackend("cpu");
// tfjs advertises tfjs-node on the cpu backend's first use; not needed for a reference.
(tf.backend() as unknown as { firstUse: boolean }).firstUse = false;

function series(songs: number, days: number, seed: number) {
  const rng = new Rng(seed);
  const values = Float32Array.from({ length: songs * days }, () => rng.uniform(0, 1));
  return { values, songs, days };
}

function randomMetadata(songs: number, m: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: songs * m }, () => rng.normal());
}

/** The same network in tfjs, with our weights, as an independent reference. */
function tfjsReference(model: RecurrentForecaster, lookback: number): tf.LayersModel {
  const s = model.spec, l = model.layout, p = model.params;
  const seq = tf.input({ shape: [lookback, s.inputs] });
  const rnnArgs = { units: s.hidden, recurrentActivation: "sigmoid" as const };
  const recurrent = s.cell === "lstm" ? tf.layers.lstm(rnnArgs) : tf.layers.gru(rnnArgs);
  let h = recurrent.apply(seq) as tf.SymbolicTensor;
  const inputs = [seq];
  if (s.metadata > 0) {
    const meta = tf.input({ shape: [s.metadata] });
    inputs.push(meta);
    h = tf.layers.concatenate().apply([h, meta]) as tf.SymbolicTensor;
  }
  const head = s.headUnits > 0 ? tf.layers.dense({ units: s.headUnits, activation: "relu" }) : null;
  if (head) h = head.apply(h) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: s.outputs });
  const net = tf.model({ inputs, outputs: out.apply(h) as tf.SymbolicTensor });
  const t = (slot: { offset: number; rows: number; cols: number }, shape?: number[]) =>
    tf.tensor(slotValues(p, slot), shape ?? [slot.rows, slot.cols]);
  recurrent.setWeights([t(l.kernel), t(l.recurrent), t(l.bias, [l.bias.cols])]);
  if (head) head.setWeights([t(l.headKernel!), t(l.headBias!, [l.headBias!.cols])]);
  out.setWeights([t(l.outKernel), t(l.outBias, [l.outBias.cols])]);
  return net;
}

function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let scale = 0, diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
  }
  return diff / Math.max(scale, 1e-12);
}

function compareWithTfjs(spec: ForecasterSpec, windows: SeriesWindows, metadata?: Float32Array) {
  const model = new RecurrentForecaster(spec, { seed: 3 });
  // Move the weights away from their initial values so every path carries signal.
  const rng = new Rng(9);
  for (let i = 0; i < model.params.length; i++) model.params[i] += rng.normal(0, 0.1);
  const n = windows.targetDays.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const grads = new Float32Array(model.params.length);
  const ours = model.lossAndGradient({ windows, metadata }, order, 0, n, grads);
  const predicted = model.predict({ windows, metadata });

  const net = tfjsReference(model, windows.lookback);
  const xin = windowInputs(windows);
  const xs: tf.Tensor[] = [tf.tensor(xin.data, xin.shape)];
  if (metadata) {
    const rows = Array.from(
      windows.series,
      (s) => Array.from(metadata.subarray(s * spec.metadata!, (s + 1) * spec.metadata!)),
    );
    xs.push(tf.tensor2d(rows));
  }
  const y = windowTargets(windows);
  const yt = tf.tensor(y.data, y.shape);
  const reference = (net.predict(xs) as tf.Tensor).dataSync();
  assert.ok(maxRelativeError(predicted, reference) < 1e-5, "predictions match tfjs");
  const vars = net.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads: tfGrads } = tf.variableGrads(
    () => tf.losses.meanSquaredError(yt, net.apply(xs) as tf.Tensor) as tf.Scalar,
    vars,
  );
  assert.ok(Math.abs(value.dataSync()[0] - ours.loss) < 1e-5 * Math.max(1, ours.loss));
  const l = model.layout;
  const slots = [
    l.kernel,
    l.recurrent,
    l.bias,
    ...(l.headKernel ? [l.headKernel, l.headBias!] : []),
    l.outKernel,
    l.outBias,
  ];
  slots.forEach((slot, i) => {
    const g = tfGrads[vars[i].name].dataSync();
    const err = maxRelativeError(slotValues(grads, slot), g);
    assert.ok(
      err < 1e-4,
      `gradient ${i} (${slot.rows}×${slot.cols}) matches tfjs: relative error ${err}`,
    );
  });
  tf.dispose([...xs, yt, value, ...Object.values(tfGrads)]);
  net.dispose();
}

for (const cell of ["lstm", "gru"] as const) {
  Deno.test(`${cell}: per-song predictions, loss and gradients equal tfjs's ${cell} layer`, () => {
    const w = perSongWindows(series(3, 20, 1), {
      lookback: 5,
      targetDays: Int32Array.of(5, 9, 14, 19),
    });
    compareWithTfjs({ cell, inputs: 1, hidden: 6, outputs: 1 }, w);
  });

  Deno.test(`${cell}: multivariate [batch, lookback, songs] model equals tfjs`, () => {
    const w = multivariateWindows(series(4, 30, 2), {
      lookback: 7,
      targetDays: Int32Array.of(7, 12, 20, 29, 15),
    });
    compareWithTfjs({ cell, inputs: 4, hidden: 5, outputs: 4 }, w);
  });

  Deno.test(`${cell}: multi-input model (recurrent ⊕ metadata → ReLU → output) equals tfjs`, () => {
    const w = perSongWindows(series(5, 16, 3), {
      lookback: 4,
      targetDays: Int32Array.of(4, 8, 15),
    });
    compareWithTfjs(
      { cell, inputs: 1, hidden: 4, outputs: 1, metadata: 3, headUnits: 6 },
      w,
      randomMetadata(5, 3, 4),
    );
  });
}

Deno.test("OpenBLAS and the TypeScript product give the same gradients", () => {
  const w = perSongWindows(series(6, 40, 5), {
    lookback: 10,
    targetDays: Int32Array.of(10, 20, 39),
  });
  const spec: ForecasterSpec = { cell: "gru", inputs: 1, hidden: 8, outputs: 1 };
  const a = new RecurrentForecaster(spec, { seed: 1 });
  const b = new RecurrentForecaster(spec, { seed: 1, blas: jsBlas });
  const order = Int32Array.from({ length: 18 }, (_, i) => i);
  const ga = new Float32Array(a.params.length), gb = new Float32Array(b.params.length);
  const la = a.lossAndGradient({ windows: w }, order, 0, 18, ga);
  const lb = b.lossAndGradient({ windows: w }, order, 0, 18, gb);
  assert.ok(Math.abs(la.loss - lb.loss) < 1e-6);
  assert.ok(maxRelativeError(ga, gb) < 1e-4);
});

Deno.test("a multi-input model refuses multivariate windows and missing metadata", () => {
  const s = series(3, 20, 6);
  const spec = {
    cell: "lstm" as const,
    inputs: 1,
    hidden: 4,
    outputs: 1,
    metadata: 2,
    headUnits: 3,
  };
  const model = new RecurrentForecaster(spec);
  const w = perSongWindows(s, { lookback: 3, targetDays: Int32Array.of(5) });
  assert.throws(
    () => model.predict({ windows: w }),
    /expected metadata of 3 songs × 2 features; found none/,
  );
  const mv = multivariateWindows(s, { lookback: 3, targetDays: Int32Array.of(5) });
  assert.throws(
    () => model.predict({ windows: mv }),
    /expects 1 inputs and 1 outputs.*have 3 and 3/,
  );
});
