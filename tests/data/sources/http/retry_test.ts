import assert from "node:assert/strict";
import { backoffDelay, parseRetryAfter } from "../../../../lib/data/sources/http/retry.ts";

Deno.test("Retry-After reads seconds and HTTP dates; anything else is null", () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 0);
  assert.equal(parseRetryAfter("120", now), 120);
  assert.equal(parseRetryAfter(" 0 ", now), 0);
  assert.equal(parseRetryAfter("Mon, 23 Nov 2026 13:00:00 GMT", now), 3600);
  assert.equal(parseRetryAfter("Mon, 23 Nov 2026 11:00:00 GMT", now), 0, "a past date: no wait");
  assert.equal(parseRetryAfter(null, now), null);
  assert.equal(parseRetryAfter("soon", now), null);
});

Deno.test("backoff doubles from the base, is capped, and jitters within [0.5, 1.5)", () => {
  const mid = () => 0.5;
  assert.deepEqual([0, 1, 2, 3].map((a) => backoffDelay(a, { baseMs: 100, maxMs: 500 }, mid)), [
    100,
    200,
    400,
    500,
  ]);
  assert.equal(backoffDelay(0, { baseMs: 100 }, () => 0), 50);
  assert.equal(backoffDelay(0, { baseMs: 100 }, () => 0.999), 150);
});
