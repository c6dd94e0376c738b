import assert from "node:assert/strict";
import {
  fisherInterval,
  normalCdf,
  normalQuantile,
  pearson,
  ranks,
  spearman,
  variance,
} from "../../lib/data/stats.ts";

const close = (a: number, b: number, tol: number) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);

Deno.test("normal distribution helpers match SciPy", () => {
  close(normalCdf(1.3), 0.9031995154143897, 2e-7);
  close(normalCdf(-1.3), 1 - 0.9031995154143897, 2e-7);
  close(normalQuantile(0.975), 1.959963984540054, 1e-8);
  close(normalQuantile(0.01), -2.3263478740408408, 1e-8);
  close(normalQuantile(0.001), -3.090232306167813, 1e-8);
  assert.ok(Math.abs(normalQuantile(0.5)) < 1e-9);
  assert.ok(Math.abs(normalQuantile(0.2) + normalQuantile(0.8)) < 1e-9);
  assert.throws(() => normalQuantile(1), RangeError);
  assert.throws(() => normalQuantile(0), RangeError);
});

// SciPy 1.24: pearsonr, spearmanr and rankdata of these series.
const a = [0.3, -1.2, 2.5, 0.7, 0.0, 1.1, -0.4], b = [1.0, 0.2, 3.1, 0.9, 0.5, 2.0, 0.1];
const tx = [1, 2, 2, 3, 5, 5, 5, 8], ty = [2, 1, 4, 4, 6, 5, 9, 7];

Deno.test("pearson and spearman match SciPy, ties taking average ranks", () => {
  close(pearson(a, b), 0.9470599668008964, 1e-12);
  close(spearman(a, b), 0.9285714285714288, 1e-12);
  assert.deepEqual(Array.from(ranks(tx)), [1, 2.5, 2.5, 4, 6, 6, 6, 8]);
  close(spearman(tx, ty), 0.8706358081229184, 1e-12);
  close(pearson(tx, ty), 0.7825254753272436, 1e-12);
  assert.equal(pearson([1, 2, 3], [2, 4, 6]), 1);
  close(pearson(Float64Array.of(1, 2, 3, 4), Float32Array.of(4, 3, 2, 1)), -1, 1e-12);
});

Deno.test("correlations of constant or too-short series are NaN; unequal lengths throw", () => {
  assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
  assert.ok(Number.isNaN(spearman([1, 2, 3], [5, 5, 5])));
  assert.ok(Number.isNaN(pearson([1], [2])));
  assert.throws(() => pearson([1, 2], [1, 2, 3]), RangeError);
  assert.throws(() => spearman([1, 2], [1, 2, 3]), RangeError);
});

Deno.test("Fisher-z intervals match SciPy and need more than three rows", () => {
  // Pearson's r = 0.9559876387838718 on 12 rows (tests/eval/eda/correlation_test.ts's data)
  const i = fisherInterval(0.9559876387838718, 12);
  close(i.low, 0.8465270202239544, 1e-8);
  close(i.high, 0.9878903028386266, 1e-8);
  close(i.p, 1.2609792765516659e-08, 1e-9);
  const s = fisherInterval(0.941629792788369, 12, 1.06);
  close(s.low, 0.793051910397638, 1e-8);
  close(s.high, 0.9844609801764312, 1e-8);
  const small = fisherInterval(0.5, 3);
  assert.ok(Number.isNaN(small.low) && Number.isNaN(small.high) && Number.isNaN(small.p));
  close(fisherInterval(1, 50).high, 1, 1e-12);
});

Deno.test("variance is the population variance", () => {
  assert.equal(variance([1, 2, 3, 4]), 1.25);
  assert.ok(Number.isNaN(variance([])));
});
