import assert from "node:assert/strict";
import { LinearSVM } from "../../../lib/model/baselines/linear_svm.ts";
import { SKLEARN_FIXTURE } from "./sklearn_fixture.ts";
import { close, Q, X, y } from "./helpers.ts";
import { SingleClassError } from "../../../lib/model/baselines/estimator.ts";
import { LogisticRegression } from "../../../lib/model/baselines/logistic.ts";
import { matrix } from "../../../lib/model/baselines/matrix.ts";

Deno.test("linear SVM reaches LinearSVC's squared-hinge optimum", () => {
  const svm = new LinearSVM({ C: 1 });
  svm.fit(X, y);
  // liblinear's dual solver stops short of the optimum even at tol 1e-12; 1e-4 is its precision.
  close(svm.coef!, SKLEARN_FIXTURE.linear_svm.coef, 1e-4, "coef");
  close(svm.intercept, SKLEARN_FIXTURE.linear_svm.intercept, 1e-4, "intercept");
  const z = svm.decisionFunction(Q);
  assert.deepEqual(Array.from(svm.predict(Q)), Array.from(z, (v) => (v > 0 ? 1 : 0)));
});

Deno.test("models that need two classes say so", () => {
  const oneClass = Uint8Array.of(1, 1, 1);
  const X3 = matrix([[0], [1], [2]]);
  assert.throws(() => new LogisticRegression().fit(X3, oneClass), SingleClassError);
  assert.throws(() => new LinearSVM().fit(X3, oneClass), /only class 1 in 3 rows/);
});
