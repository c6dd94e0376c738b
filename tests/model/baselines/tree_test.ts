import assert from "node:assert/strict";
import { Rng } from "../../../lib/data/random.ts";
import { binTrainingSet, DecisionTree, growTree } from "../../../lib/model/baselines/tree.ts";
import { SKLEARN_FIXTURE } from "./sklearn_fixture.ts";
import { close, Q, X, y } from "./helpers.ts";

Deno.test("a depth-3 tree gives scikit-learn's leaf probabilities", () => {
  const tree = new DecisionTree({ maxDepth: 3 });
  tree.fit(X, y);
  close(tree.predictProba(X), SKLEARN_FIXTURE.decision_tree.proba_train, 1e-12, "train");
  close(tree.predictProba(Q), SKLEARN_FIXTURE.decision_tree.proba, 1e-12, "query");
  assert.equal(tree.nodeCount, SKLEARN_FIXTURE.decision_tree.node_count);
});

Deno.test("an unlimited tree memorises distinct rows; a depth limit is honoured", () => {
  const full = new DecisionTree();
  full.fit(X, y);
  assert.deepEqual(Array.from(full.predict(X)), Array.from(y));
  const stump = new DecisionTree({ maxDepth: 1 });
  stump.fit(X, y);
  assert.equal(stump.nodeCount, 3);
});

Deno.test("bootstrap repeats count as weights, and the sort path equals the histogram path", () => {
  const data = binTrainingSet(X, y);
  // Rows listed twice weigh twice: the same tree as with explicit duplicates in X.
  const twice = Int32Array.from([...Array(80).keys(), ...Array(80).keys()]);
  const a = growTree(data, twice, { maxDepth: 4 }, new Rng(1));
  const b = growTree(data, Int32Array.from(Array(80).keys()), { maxDepth: 4 }, new Rng(1));
  assert.deepEqual(Array.from(a.feature), Array.from(b.feature));
  close(a.threshold.filter(Number.isFinite), b.threshold.filter(Number.isFinite), 0);
  close(a.value, b.value, 1e-15);
});
