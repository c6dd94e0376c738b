import assert from "node:assert/strict";
import { MajorityClass } from "../../../lib/model/baselines/dummy.ts";
import { NotFittedError } from "../../../lib/model/baselines/estimator.ts";
import { matrix } from "../../../lib/model/baselines/matrix.ts";
import { close, Q, X, y } from "./helpers.ts";

Deno.test("the majority class answers the training majority and a constant probability", () => {
  const dummy = new MajorityClass();
  assert.throws(() => dummy.predict(X), NotFittedError);
  dummy.fit(X, y); // 42 of 80 rows are 1
  assert.deepEqual(Array.from(dummy.predict(Q)), [1, 1, 1, 1, 1]);
  close(dummy.predictProba(Q), new Array(5).fill(42 / 80), 1e-15);
  dummy.fit(matrix([[0], [0], [0]]), Uint8Array.of(0, 0, 1));
  assert.deepEqual(Array.from(dummy.predict(matrix([[1]]))), [0]);
});
