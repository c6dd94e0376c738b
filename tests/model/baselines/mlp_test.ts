import assert from "node:assert/strict";
import {
  BatchWorkspace,
  type Layer,
  MultilayerPerceptron,
} from "../../../lib/model/baselines/mlp.ts";
import { matrix, takeLabels, takeRows } from "../../../lib/model/baselines/matrix.ts";
import { Rng } from "../../../lib/data/random.ts";
import { StandardScaler } from "../../../lib/model/baselines/standardize.ts";
import { stratifiedHoldout } from "../../../lib/model/baselines/sampling.ts";
import { close, separable } from "./helpers.ts";

function loss(layers: Layer[], X: number[][], y: number[], alpha: number): number {
  let total = 0;
  for (let r = 0; r < X.length; r++) {
    let a = X[r];
    layers.forEach((layer, l) => {
      const z = Array.from({ length: layer.outputs }, (_, m) => {
        let s = layer.bias[m];
        for (let k = 0; k < layer.inputs; k++) s += a[k] * layer.weights[k * layer.outputs + m];
        return s;
      });
      a = l < layers.length - 1 ? z.map((v) => Math.max(0, v)) : z;
    });
    const p = 1 / (1 + Math.exp(-a[0]));
    total -= y[r] * Math.log(p) + (1 - y[r]) * Math.log(1 - p);
  }
  const penalty = layers.reduce((s, l) => s + l.weights.reduce((t, w) => t + w * w, 0), 0);
  return total / X.length + (alpha / (2 * X.length)) * penalty;
}

Deno.test("the MLP's backward pass equals finite differences of its loss", () => {
  const rng = new Rng(5);
  const sizes = [3, 4, 3, 1];
  const layers: Layer[] = sizes.slice(1).map((outputs, l) => ({
    inputs: sizes[l],
    outputs,
    weights: Float64Array.from({ length: sizes[l] * outputs }, () => rng.normal(0, 0.8)),
    bias: Float64Array.from({ length: outputs }, () => rng.normal(0, 0.3)),
  }));
  const rows = [[0.5, -1, 2], [1.5, 0.3, -0.7], [-0.2, 0.8, 0.1], [2, 1, 1]];
  const labels = [1, 0, 0, 1];
  const alpha = 0.1;
  const work = new BatchWorkspace(layers, 4);
  work.load(matrix(rows), Uint8Array.from(labels), Int32Array.of(0, 1, 2, 3), 0, 4);
  work.forward(4);
  work.backward(4, alpha);
  const h = 1e-6;
  layers.forEach((layer, l) => {
    for (const [params, grads] of [[layer.weights, work.gradW[l]], [layer.bias, work.gradB[l]]]) {
      for (let k = 0; k < params.length; k++) {
        const keep = params[k];
        params[k] = keep + h;
        const up = loss(layers, rows, labels, alpha);
        params[k] = keep - h;
        const down = loss(layers, rows, labels, alpha);
        params[k] = keep;
        close(grads[k], (up - down) / (2 * h), 1e-6, `layer ${l} parameter ${k}`);
      }
    }
  });
});

Deno.test("the MLP learns a separable problem and keeps the best epoch's weights", () => {
  const raw = separable(1000);
  const S = new StandardScaler().fit(raw.X).transform(raw.X), t = raw.y;
  const mlp = new MultilayerPerceptron({ hidden: [16], learningRate: 0.01, seed: 1 });
  mlp.fit(S, t);
  const predicted = mlp.predict(S);
  const correct = predicted.reduce((n, p, i) => n + (p === t[i] ? 1 : 0), 0);
  assert.ok(correct / t.length > 0.95, `accuracy ${correct / t.length}`);
  assert.match(mlp.notes.join(), /early stopping on a 10 % hold-out/);
  // The kept weights are the best epoch's: their hold-out accuracy is the best one reported.
  const best = Number(/best accuracy ([\d.]+)/.exec(mlp.notes.join())![1]);
  const held = stratifiedHoldout(t, 0.1, 1).test;
  const heldPredicted = mlp.predict(takeRows(S, held));
  const heldLabels = takeLabels(t, held);
  const heldAccuracy = heldPredicted.reduce((n, p, i) => n + (p === heldLabels[i] ? 1 : 0), 0) /
    held.length;
  close(heldAccuracy, best, 1e-4);
  assert.ok(mlp.epochs > 10 && mlp.epochs < 500, `${mlp.epochs} epochs`);
  const again = new MultilayerPerceptron({ hidden: [16], learningRate: 0.01, seed: 1 });
  again.fit(S, t);
  assert.deepEqual(Array.from(again.predictProba(S)), Array.from(mlp.predictProba(S)));
});
