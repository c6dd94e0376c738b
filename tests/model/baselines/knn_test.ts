import assert from "node:assert/strict";
import { Rng } from "../../../lib/data/random.ts";
import { matrix } from "../../../lib/model/baselines/matrix.ts";
import { KNearestNeighbors } from "../../../lib/model/baselines/knn.ts";
import { SKLEARN_FIXTURE } from "./sklearn_fixture.ts";
import { close, Q, X, y } from "./helpers.ts";

Deno.test("k-nearest neighbours vote as scikit-learn's KNeighborsClassifier", () => {
  const knn = new KNearestNeighbors({ k: 5 });
  knn.fit(X, y);
  close(knn.predictProba(Q), SKLEARN_FIXTURE.knn.proba, 1e-15);
  // k larger than the training set: every row votes
  const all = new KNearestNeighbors({ k: 100 });
  all.fit(X, y);
  close(all.predictProba(Q), new Array(5).fill(42 / 80), 1e-15);
});

Deno.test("the k-d tree search finds exactly the neighbours a full scan finds", () => {
  const rng = new Rng(9);
  const n = 3000, d = 6;
  const rows = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal(0, 1)));
  const labels = Uint8Array.from(
    rows,
    (r) => (r[0] + r[1] * r[2] + rng.normal(0, 0.5) > 0 ? 1 : 0),
  );
  const queries = Array.from(
    { length: 200 },
    () => Array.from({ length: d }, () => rng.normal(0, 1.3)),
  );
  const knn = new KNearestNeighbors({ k: 15 });
  knn.fit(matrix(rows), labels);
  const fast = knn.predictProba(matrix(queries));
  queries.forEach((q, i) => {
    const nearest = rows
      .map((r, j) => [r.reduce((s, v, t) => s + (v - q[t]) ** 2, 0), labels[j]] as const)
      .sort((a, b) => a[0] - b[0])
      .slice(0, 15);
    assert.equal(fast[i], nearest.reduce((s, [, l]) => s + l, 0) / 15, `query ${i}`);
  });
});
