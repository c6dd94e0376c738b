import assert from "node:assert/strict";
import { RandomForest } from "../../../lib/model/baselines/forest.ts";
import { matrix } from "../../../lib/model/baselines/matrix.ts";
import { separable } from "./helpers.ts";

Deno.test("a random forest is deterministic for a seed and right on separable data", () => {
  const { X: S, y: t } = separable();
  const a = new RandomForest({ trees: 25, seed: 7 }), b = new RandomForest({ trees: 25, seed: 7 });
  a.fit(S, t);
  b.fit(S, t);
  assert.deepEqual(Array.from(a.predictProba(S)), Array.from(b.predictProba(S)));
  assert.deepEqual(Array.from(a.predict(S)), Array.from(t));
  const p = a.predictProba(matrix([[3, 0], [-3, 0]]));
  assert.ok(p[0] > 0.9 && p[1] < 0.1, `${p}`);
});
