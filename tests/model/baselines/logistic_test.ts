import assert from "node:assert/strict";
import { LogisticRegression } from "../../../lib/model/baselines/logistic.ts";
import { SKLEARN_FIXTURE } from "./sklearn_fixture.ts";
import { close, Q, X, y } from "./helpers.ts";

Deno.test("logistic regression reaches scikit-learn's coefficients (lbfgs, C = 1)", () => {
  const model = new LogisticRegression({ C: 1 });
  model.fit(X, y);
  // lbfgs stops within ~1e-6 of the optimum; Newton reaches it.
  close(model.coef!, SKLEARN_FIXTURE.logreg.coef, 1e-5, "coef");
  close(model.intercept, SKLEARN_FIXTURE.logreg.intercept, 1e-5, "intercept");
  // Optimality: the gradient of ½‖w‖² + Σ log-loss vanishes at our solution.
  const gradient = new Float64Array(3);
  let interceptGradient = 0;
  for (let i = 0; i < X.rows; i++) {
    let z = model.intercept;
    for (let j = 0; j < 3; j++) z += model.coef![j] * X.data[i * 3 + j];
    const r = 1 / (1 + Math.exp(-z)) - y[i];
    for (let j = 0; j < 3; j++) gradient[j] += r * X.data[i * 3 + j];
    interceptGradient += r;
  }
  for (let j = 0; j < 3; j++) close(gradient[j] + model.coef![j], 0, 1e-6, "gradient");
  close(interceptGradient, 0, 1e-6, "intercept gradient");
  assert.deepEqual(model.notes, []);
  const p = model.predictProba(Q), z = model.decisionFunction(Q);
  p.forEach((v, i) => close(v, 1 / (1 + Math.exp(-z[i])), 1e-15));
});

Deno.test("stronger regularisation shrinks the weights", () => {
  const loose = new LogisticRegression({ C: 100 }), tight = new LogisticRegression({ C: 0.01 });
  loose.fit(X, y);
  tight.fit(X, y);
  const norm = (w: Float64Array) => Math.hypot(...w);
  assert.ok(norm(tight.coef!) < norm(loose.coef!));
});
