import assert from "node:assert/strict";
import { SplitError } from "../../lib/data/split.ts";
import { stratifiedSplit } from "../../lib/data/stratified_split.ts";

Deno.test("each class is cut 80/10/10, the same seed gives the same split", () => {
  const strata = [...Array(50).fill(0), ...Array(150).fill(1), ...Array(100).fill(2)];
  const parts = stratifiedSplit(strata, { seed: 7 });
  for (const [k, n] of [[0, 50], [1, 150], [2, 100]]) {
    const mine = parts.filter((_, i) => strata[i] === k);
    assert.equal(mine.filter((p) => p === "test").length, Math.round(n * 0.1));
    assert.equal(mine.filter((p) => p === "validation").length, Math.round(n * 0.1));
  }
  assert.deepEqual(stratifiedSplit(strata, { seed: 7 }), parts);
  assert.notDeepEqual(stratifiedSplit(strata, { seed: 8 }), parts);
});

Deno.test("fractions out of range are a SplitError", () => {
  assert.throws(() => stratifiedSplit([0, 1], { testFraction: 0 }), SplitError);
  assert.throws(
    () => stratifiedSplit([0, 1], { testFraction: 0.6, validationFraction: 0.5 }),
    SplitError,
  );
});
