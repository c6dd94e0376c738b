import assert from "node:assert/strict";
import { matrix } from "../../../lib/model/baselines/matrix.ts";
import { Standardized, StandardScaler } from "../../../lib/model/baselines/standardize.ts";
import type { Classifier } from "../../../lib/model/baselines/estimator.ts";
import { SKLEARN_FIXTURE } from "./sklearn_fixture.ts";
import { close, X } from "./helpers.ts";

Deno.test("StandardScaler learns scikit-learn's means and scales", () => {
  const scaler = new StandardScaler().fit(X);
  close(scaler.mean!, SKLEARN_FIXTURE.scaler.mean, 1e-12, "mean");
  close(scaler.scale!, SKLEARN_FIXTURE.scaler.scale, 1e-12, "scale");
  const Z = scaler.transform(X);
  const col0 = Array.from({ length: Z.rows }, (_, i) => Z.data[i * Z.cols]);
  close(col0.reduce((a, b) => a + b, 0) / Z.rows, 0, 1e-12, "mean after");
});

Deno.test("a constant column keeps scale 1 instead of dividing by zero", () => {
  const scaler = new StandardScaler().fit(matrix([[1, 7], [3, 7]]));
  assert.deepEqual(Array.from(scaler.scale!), [1, 1]);
  assert.deepEqual(Array.from(scaler.transform(matrix([[2, 7]])).data), [0, 0]);
});

Deno.test("Standardized fits the scaler on the training rows only", () => {
  const seen: number[][] = [];
  const recorder: Classifier = {
    fit: () => {},
    predict: (Z) => {
      seen.push(Array.from(Z.data));
      return new Uint8Array(Z.rows);
    },
    predictProba: (Z) => new Float64Array(Z.rows),
  };
  const pipeline = new Standardized(recorder);
  pipeline.fit(matrix([[0], [2]]), Uint8Array.of(0, 1)); // mean 1, sd 1
  pipeline.predict(matrix([[100]]));
  assert.deepEqual(seen[0], [99]); // test row scaled with the training statistics
  assert.ok(pipeline.predictProba);
  assert.equal(pipeline.decisionFunction, undefined);
});
