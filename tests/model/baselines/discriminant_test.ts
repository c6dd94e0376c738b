import assert from "node:assert/strict";
import {
  LinearDiscriminantAnalysis,
  QuadraticDiscriminantAnalysis,
} from "../../../lib/model/baselines/discriminant.ts";
import { matrix } from "../../../lib/model/baselines/matrix.ts";
import { SKLEARN_FIXTURE } from "./sklearn_fixture.ts";
import { close, Q, X, y } from "./helpers.ts";

Deno.test("LDA's decision function and probabilities equal scikit-learn's", () => {
  const lda = new LinearDiscriminantAnalysis();
  lda.fit(X, y);
  close(lda.decisionFunction(Q), SKLEARN_FIXTURE.lda.decision, 1e-9, "decision");
  close(lda.predictProba(Q), SKLEARN_FIXTURE.lda.proba, 1e-9, "proba");
});

Deno.test("QDA's decision function and probabilities equal scikit-learn's", () => {
  const qda = new QuadraticDiscriminantAnalysis();
  qda.fit(X, y);
  close(qda.decisionFunction(Q), SKLEARN_FIXTURE.qda.decision, 1e-9, "decision");
  close(qda.predictProba(Q), SKLEARN_FIXTURE.qda.proba, 1e-9, "proba");
});

Deno.test("QDA adds a ridge, and says so, when a class has a constant feature", () => {
  const qda = new QuadraticDiscriminantAnalysis();
  qda.fit(
    matrix([[0, 1], [1, 1], [2, 1], [5, 3], [6, 2], [7, 4]]),
    Uint8Array.of(0, 0, 0, 1, 1, 1),
  );
  assert.match(qda.notes.join(), /class 0 singular; ridge/);
  assert.deepEqual(Array.from(qda.predict(matrix([[1, 1], [6, 3]]))), [0, 1]);
});
