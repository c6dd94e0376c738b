import assert from "node:assert/strict";
import {
  assertNoGroupLeakage,
  groupKFold,
  groupTrainTestSplit,
  SplitError,
  splitFrame,
} from "../../lib/data/split.ts";
import { tracksFrame } from "../../lib/data/dataset.ts";
import { Rng } from "../../lib/data/random.ts";

/** Uneven groups: 60 artists with 1–30 tracks each. */
function unevenGroups(seed: number): string[] {
  const rng = new Rng(seed);
  const groups: string[] = [];
  for (let a = 0; a < 60; a++) {
    const n = 1 + rng.int(0, 30);
    for (let i = 0; i < n; i++) groups.push(`artist-${a}`);
  }
  return new Rng(seed + 1).shuffle(groups);
}

Deno.test("train/test split never puts an artist on both sides, for many seeds", () => {
  for (let seed = 0; seed < 50; seed++) {
    const groups = unevenGroups(seed);
    const parts = groupTrainTestSplit(groups, { testFraction: 0.2, validationFraction: 0.2, seed });
    const sideOf = new Map<string, string>();
    groups.forEach((g, i) => {
      assert.equal(sideOf.get(g) ?? parts[i], parts[i], `artist ${g} leaked (seed ${seed})`);
      sideOf.set(g, parts[i]);
    });
    const share = (p: string) => parts.filter((x) => x === p).length / parts.length;
    assert.ok(Math.abs(share("test") - 0.2) < 0.08, `test share ${share("test")}`);
    assert.ok(share("validation") > 0.05 && share("train") > 0.5);
  }
});

Deno.test("the split is seeded: same seed same assignment, other seed another", () => {
  const groups = unevenGroups(3);
  const a = groupTrainTestSplit(groups, { seed: 1 });
  assert.deepEqual(groupTrainTestSplit(groups, { seed: 1 }), a);
  assert.notDeepEqual(groupTrainTestSplit(groups, { seed: 2 }), a);
});

Deno.test("grouped k-fold tests every row exactly once with no artist leakage", () => {
  const groups = unevenGroups(5);
  const folds = groupKFold(groups, 5, 11);
  assert.equal(folds.length, 5);
  const tested = new Array(groups.length).fill(0);
  for (const { train, test } of folds) {
    assert.equal(train.length + test.length, groups.length);
    const trainArtists = new Set(train.map((i) => groups[i]));
    for (const i of test) {
      tested[i]++;
      assert.ok(!trainArtists.has(groups[i]), `artist ${groups[i]} on both sides`);
    }
    assert.ok(Math.abs(test.length - groups.length / 5) < groups.length * 0.05);
  }
  assert.ok(tested.every((n) => n === 1));
});

Deno.test("impossible splits and leakage are reported clearly", () => {
  assert.throws(() => groupTrainTestSplit(["a", "a"]), SplitError);
  assert.throws(() => groupKFold(["a", "b", "c"], 5), /3 groups/);
  assert.throws(() => groupTrainTestSplit(["a", "b"], { testFraction: 1 }), /testFraction/);
  assert.throws(
    () => assertNoGroupLeakage(["a", "a", "b"], ["train", "test", "train"]),
    /group "a" is in both "train" and "test"/,
  );
});

Deno.test("splitFrame exports track, artist and part", () => {
  const tracks = tracksFrame([
    { track_id: "t1", track_name: "x", artist_id: "a1", artist_name: "A" },
    { track_id: "t2", track_name: "y", artist_id: "a2", artist_name: "B" },
  ]);
  const table = splitFrame(tracks, ["train", "test"]);
  assert.deepEqual(table.columns, ["track_id", "artist_id", "split"]);
  assert.deepEqual(table.getColumn("split").toArray(), ["train", "test"]);
  assert.throws(() => splitFrame(tracks, ["train"]), SplitError);
});
