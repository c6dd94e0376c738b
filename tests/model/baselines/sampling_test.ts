import assert from "node:assert/strict";
import { stratifiedHoldout, stratifiedSubset } from "../../../lib/model/baselines/sampling.ts";

Deno.test("stratified sampling keeps each class's share", () => {
  const labels = Uint8Array.from({ length: 100 }, (_, i) => (i < 30 ? 1 : 0));
  const { train, test } = stratifiedHoldout(labels, 0.1, 4);
  assert.equal(test.length, 10);
  assert.equal(Array.from(test).filter((i) => labels[i] === 1).length, 3);
  assert.equal(train.length + test.length, 100);
  const subset = stratifiedSubset(labels, 50, 2);
  assert.equal(subset.length, 50);
  assert.equal(Array.from(subset).filter((i) => labels[i] === 1).length, 15);
  assert.ok(Array.from(subset).every((v, i, a) => i === 0 || a[i - 1] < v));
});
