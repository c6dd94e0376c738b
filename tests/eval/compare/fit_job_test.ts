import assert from "node:assert/strict";
import { runFitJob } from "../../../lib/eval/compare/fit_job.ts";
import { FitPool } from "../../../lib/eval/compare/pool.ts";
import { matrix } from "../../../lib/model/baselines/matrix.ts";

const X = matrix([[0], [1], [2], [3], [4], [5]]);
const y = Uint8Array.of(0, 0, 0, 1, 1, 1);
const job = {
  id: 7,
  model: "lda" as const,
  settings: {},
  train: Int32Array.of(0, 1, 4, 5),
  test: Int32Array.of(2, 3),
};

Deno.test("a fit job fits on its training rows and predicts its test rows", () => {
  const outcome = runFitJob(X, y, job);
  assert.equal(outcome.id, 7);
  assert.equal(outcome.error, null);
  assert.deepEqual(Array.from(outcome.predictions), [0, 1]);
  assert.equal(outcome.scores.length, 2);
  assert.ok(outcome.scores[1] > outcome.scores[0]);
});

Deno.test("a failing fit is an outcome with the error, not an exception", () => {
  const outcome = runFitJob(X, y, { ...job, train: Int32Array.of(0, 1) });
  assert.match(outcome.error!, /SingleClassError/);
  assert.equal(outcome.predictions.length, 0);
});

Deno.test("the pool runs jobs on workers with the same outcome", async () => {
  const pool = new FitPool(X, y, { workers: 2 });
  try {
    assert.equal(pool.threads, 2);
    const [a, b] = await Promise.all([pool.run(job), pool.run({ ...job, id: 8, model: "knn" })]);
    assert.deepEqual(Array.from(a.predictions), Array.from(runFitJob(X, y, job).predictions));
    assert.equal(b.id, 8);
    assert.equal(b.error, null);
  } finally {
    pool.close();
  }
  const inline = new FitPool(X, y, { workers: 1 });
  assert.equal(inline.threads, 1);
  assert.equal((await inline.run(job)).error, null);
  inline.close();
});
