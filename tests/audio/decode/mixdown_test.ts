import assert from "node:assert/strict";
import { toMono } from "../../../lib/audio/decode/mixdown.ts";

Deno.test("mixdown is the mean of the channels; one channel passes through", () => {
  const a = Float32Array.of(1, 0, -1),
    b = Float32Array.of(0, 1, -1),
    c = Float32Array.of(0.5, 0.5, 1);
  assert.deepEqual(Array.from(toMono([a, b])), [0.5, 0.5, -1]);
  assert.deepEqual(Array.from(toMono([a, b, c])), [0.5, 0.5, -1 / 3].map(Math.fround));
  assert.equal(toMono([a]), a);
  assert.throws(() => toMono([]), RangeError);
  assert.throws(() => toMono([a, Float32Array.of(1)]), RangeError);
});
