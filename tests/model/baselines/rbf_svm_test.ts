import assert from "node:assert/strict";
import { matrix } from "../../../lib/model/baselines/matrix.ts";
import { RbfSVM, scaleGamma } from "../../../lib/model/baselines/rbf_svm.ts";
import { SKLEARN_FIXTURE } from "./sklearn_fixture.ts";
import { close, Q, X, y } from "./helpers.ts";

Deno.test("γ = scale is 1 / (d · Var X) over all entries, as scikit-learn", () => {
  close(scaleGamma(X), SKLEARN_FIXTURE.rbf_svm.gamma, 1e-12);
  assert.equal(scaleGamma(matrix([[2], [2]])), 1);
});

Deno.test("the RBF SVM's decision function matches libsvm's (SVC) at a tight tolerance", () => {
  const svm = new RbfSVM({ C: 1, tolerance: 1e-8 });
  svm.fit(X, y);
  close(svm.decisionFunction(Q), SKLEARN_FIXTURE.rbf_svm.decision, 1e-5, "decision");
  assert.equal(svm.supportVectors!.rows, SKLEARN_FIXTURE.rbf_svm.n_support);
});

Deno.test("at libsvm's default tolerance the decision function stays within 1e-2", () => {
  const svm = new RbfSVM();
  svm.fit(X, y);
  close(svm.decisionFunction(Q), SKLEARN_FIXTURE.rbf_svm.decision, 1e-2, "decision");
  // dual feasibility: Σ αᵢyᵢ = 0 and 0 ≤ αᵢ ≤ C
  const coef = Array.from(svm.dualCoef!);
  close(coef.reduce((a, b) => a + b, 0), 0, 1e-9, "Σ αy");
  assert.ok(coef.every((c) => Math.abs(c) <= 1 + 1e-12 && c !== 0));
});

Deno.test("the RBF SVM separates XOR, which no linear model can", () => {
  const svm = new RbfSVM({ C: 10, gamma: 2 });
  const xor = matrix([[0, 0], [1, 1], [0, 1], [1, 0]]);
  svm.fit(xor, Uint8Array.of(0, 0, 1, 1));
  assert.deepEqual(Array.from(svm.predict(xor)), [0, 0, 1, 1]);
});

Deno.test("above maxTrainingRows the SVM learns from a stratified subset and says so", () => {
  const svm = new RbfSVM({ maxTrainingRows: 40, seed: 3 });
  svm.fit(X, y);
  assert.match(svm.notes.join(), /stratified random 40 of 80 training rows/);
  assert.ok(svm.supportVectors!.rows <= 40);
});
