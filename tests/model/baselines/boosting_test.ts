import assert from "node:assert/strict";
import { GradientBoosting, shouldStop } from "../../../lib/model/baselines/boosting.ts";
import { matrix } from "../../../lib/model/baselines/matrix.ts";
import { SKLEARN_FIXTURE } from "./sklearn_fixture.ts";
import { close, Q, X, y } from "./helpers.ts";

Deno.test("gradient boosting's raw scores match scikit-learn's HistGradientBoosting", () => {
  const gbt = new GradientBoosting({ iterations: 20, minSamplesLeaf: 5 });
  gbt.fit(X, y);
  // scikit-learn keeps gradients in float32: agreement to ~1e-4, not to the last digit.
  close(gbt.decisionFunction(X), SKLEARN_FIXTURE.gbt.decision_train, 1e-3, "train");
  close(gbt.decisionFunction(Q), SKLEARN_FIXTURE.gbt.decision, 1e-3, "query");
  assert.equal(gbt.trees.length, 20);
});

Deno.test("early stopping follows scikit-learn's rule", () => {
  assert.equal(shouldStop([1, 2, 3], 3, 0), false); // too few scores
  assert.equal(shouldStop([-1, -0.5, -0.5, -0.5, -0.5], 3, 1e-7), true);
  assert.equal(shouldStop([-1, -0.5, -0.5, -0.5, -0.4], 3, 1e-7), false);
  const rows = Array.from({ length: 12_000 }, (_, i) => [Math.sin(i), (i % 7) / 7]);
  const labels = Uint8Array.from(rows, (r) => (r[0] + 0.3 * r[1] > 0.1 ? 1 : 0));
  const gbt = new GradientBoosting({ iterations: 300 });
  gbt.fit(matrix(rows), labels);
  assert.match(gbt.notes.join(), /early stop after \d+ iterations/);
  assert.ok(gbt.trees.length < 300);
});
