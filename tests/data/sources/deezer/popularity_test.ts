import assert from "node:assert/strict";
import { deezerRankToPopularity } from "../../../../lib/data/sources/deezer/popularity.ts";

Deno.test("Deezer rank maps linearly to 0–100, rounded to 0.1 and clipped", () => {
  assert.equal(deezerRankToPopularity(760_033), 76);
  assert.equal(deezerRankToPopularity(995_729), 99.6);
  assert.equal(deezerRankToPopularity(0), 0);
  assert.equal(deezerRankToPopularity(1_000_000), 100);
  assert.equal(deezerRankToPopularity(1_500_000), 100);
  assert.equal(deezerRankToPopularity(-3), 0);
  assert.equal(deezerRankToPopularity(undefined), null);
  assert.equal(deezerRankToPopularity(Number.NaN), null);
});

Deno.test("the mapping keeps the order of ranks", () => {
  const ranks = [12, 5_000, 5_049, 400_000, 999_999];
  const mapped = ranks.map((r) => deezerRankToPopularity(r)!);
  for (let i = 1; i < mapped.length; i++) assert.ok(mapped[i] >= mapped[i - 1]);
});
