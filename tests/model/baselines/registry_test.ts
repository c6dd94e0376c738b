import assert from "node:assert/strict";
import {
  BASELINE_NAMES,
  createBaseline,
  parseBaselineNames,
  UnknownBaselineError,
} from "../../../lib/model/baselines/registry.ts";
import { rankingScore } from "../../../lib/model/baselines/estimator.ts";
import { Q, X, y } from "./helpers.ts";

Deno.test("names parse from a list or 'all', and an unknown name is refused", () => {
  assert.deepEqual(parseBaselineNames("all"), [...BASELINE_NAMES]);
  assert.deepEqual(parseBaselineNames(" logreg, knn "), ["logreg", "knn"]);
  assert.throws(() => parseBaselineNames("logreg,xgboost"), UnknownBaselineError);
  assert.throws(() => parseBaselineNames("svm"), /among dummy, logreg/);
});

Deno.test("every baseline fits, predicts 0/1 and gives a ranking score for every row", () => {
  for (const name of BASELINE_NAMES) {
    const model = createBaseline(name, { seed: 1 });
    model.fit(X, y);
    const labels = model.predict(Q);
    const scores = rankingScore(model, Q);
    assert.equal(labels.length, Q.rows, name);
    assert.ok(labels.every((v) => v === 0 || v === 1), name);
    assert.equal(scores.length, Q.rows, name);
    assert.ok(scores.every(Number.isFinite), name);
  }
});
