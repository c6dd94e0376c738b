import assert from "node:assert/strict";
import { cropSamples, cropStart } from "../../../lib/audio/input/crop.ts";

Deno.test("centre crops take the middle; random crops are seeded and stay inside", () => {
  assert.equal(cropStart(100, 40), 30);
  assert.equal(cropStart(101, 40), 30);
  const starts = new Set<number>();
  for (let seed = 0; seed < 50; seed++) {
    const s = cropStart(100, 40, { mode: "random", seed });
    assert.ok(s >= 0 && s <= 60);
    assert.equal(s, cropStart(100, 40, { mode: "random", seed }), "same seed, same crop");
    starts.add(s);
  }
  assert.ok(starts.size > 20, "random crops vary with the seed");
  assert.equal(cropStart(40, 40, { mode: "random", seed: 3 }), 0);
});

Deno.test("a crop is a view when the clip is long enough, else the clip centred in zeros", () => {
  const x = Float32Array.from({ length: 10 }, (_, i) => i + 1);
  const c = cropSamples(x, 4);
  assert.deepEqual(Array.from(c), [4, 5, 6, 7]);
  assert.equal(c.buffer, x.buffer);
  assert.deepEqual(Array.from(cropSamples(Float32Array.of(1, 2), 6)), [0, 0, 1, 2, 0, 0]);
  assert.deepEqual(Array.from(cropSamples(Float32Array.of(1, 2), 5, { mode: "random" })), [
    0,
    1,
    2,
    0,
    0,
  ]);
  assert.throws(() => cropSamples(x, 0), RangeError);
});
