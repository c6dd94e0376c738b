import assert from "node:assert/strict";
import { binFeatures, binOf, fitBins } from "../../../lib/model/baselines/binning.ts";
import { matrix } from "../../../lib/model/baselines/matrix.ts";

Deno.test("exact bins put edges halfway between distinct values", () => {
  const bins = fitBins(matrix([[1], [2], [2], [5]]));
  assert.deepEqual(Array.from(bins[0].edges), [1.5, 3.5]);
  assert.ok(bins[0].exact);
  assert.deepEqual(Array.from(binFeatures(matrix([[1], [2], [5], [3.5], [9]]), bins)), [
    0,
    1,
    2,
    1,
    2,
  ]);
  assert.equal(binOf(Float64Array.of(1.5, 3.5), 0), 0);
});

Deno.test("quantile bins cap the count and keep the order", () => {
  const rows = Array.from({ length: 1000 }, (_, i) => [i * i]);
  const bins = fitBins(matrix(rows), { maxBins: 10 });
  assert.equal(bins[0].edges.length, 9);
  assert.ok(!bins[0].exact);
  const codes = binFeatures(matrix(rows), bins);
  for (let i = 1; i < codes.length; i++) assert.ok(codes[i] >= codes[i - 1]);
  const counts = new Array(10).fill(0);
  codes.forEach((c) => counts[c]++);
  assert.ok(counts.every((c) => c === 100), counts.join());
});
