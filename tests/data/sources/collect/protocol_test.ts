import assert from "node:assert/strict";
import {
  candidatePool,
  compareIds,
  drawOrder,
} from "../../../../lib/data/sources/collect/protocol.ts";
import type { TrackCandidate } from "../../../../lib/data/sources/collect/provider.ts";

const c = (id: string, title: string): TrackCandidate => ({
  id,
  title,
  albumId: null,
  releaseType: "album",
  hasPreview: true,
});

Deno.test("the pool leaves out top tracks, their other releases and repeats of a song", () => {
  const top = [c("10", "Hit Song")];
  const catalogue = [
    c("10", "Hit Song"),
    c("11", "Hit Song (Radio Edit)"),
    c("12", "Deep Cut"),
    c("13", "Deep Cut - Remastered 2011"),
    c("9", "Other"),
  ];
  assert.deepEqual(candidatePool(top, catalogue).map((x) => x.id), ["9", "12"]);
});

Deno.test("the draw is seeded per provider and artist, and independent of listing order", () => {
  const pool = Array.from({ length: 30 }, (_, i) => c(String(100 + i), `Song ${i}`));
  const a = drawOrder(candidatePool([], pool), 42, "deezer", "27").map((x) => x.id);
  const b = drawOrder(candidatePool([], pool.slice().reverse()), 42, "deezer", "27").map((x) =>
    x.id
  );
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, drawOrder(candidatePool([], pool), 43, "deezer", "27").map((x) => x.id));
  assert.notDeepEqual(a, drawOrder(candidatePool([], pool), 42, "deezer", "28").map((x) => x.id));
  assert.deepEqual(a.slice().sort(), pool.map((x) => x.id).sort(), "a permutation of the pool");
});

Deno.test("ids compare numerically when they are digits, by code units otherwise", () => {
  assert.deepEqual(["100", "9", "25"].sort(compareIds), ["9", "25", "100"]);
  assert.deepEqual(["trk2", "trk10", "alb1"].sort(compareIds), ["alb1", "trk10", "trk2"]);
});
