import assert from "node:assert/strict";
import { z } from "zod";
import { describeIssue, rateLimitReason } from "../../../../lib/data/sources/http/body.ts";

Deno.test("a validation error reads as field path, expectation and value found", () => {
  const body = { data: [{ rank: 1 }, { rank: "high" }], total: 2 };
  const schema = z.object({ data: z.array(z.object({ rank: z.number() })), next: z.string() });
  const result = schema.safeParse(body);
  assert.ok(!result.success);
  const [field, expected, found] = describeIssue(result.error, body);
  assert.equal(field, "data.1.rank");
  assert.match(expected, /number/);
  assert.equal(found, '"high"');
  const long = { data: [], next: "x".repeat(200) };
  const other = z.object({ next: z.number() }).safeParse(long);
  assert.ok(!other.success);
  const shown = describeIssue(other.error, long)[2];
  assert.ok(shown.length <= 80 && shown.endsWith("…"), `long values are shortened: ${shown}`);
});

Deno.test("the reason of a 429 body: Spotify's reason, else the message, else none", () => {
  const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  assert.equal(
    rateLimitReason(bytes({ error: { status: 429, message: "x", reason: "QUOTA_EXCEEDED" } })),
    "QUOTA_EXCEEDED",
  );
  assert.equal(
    rateLimitReason(bytes({ error: { status: 429, message: "API rate limit exceeded" } })),
    "API rate limit exceeded",
  );
  assert.equal(rateLimitReason(bytes({ error: "slow down" })), "slow down");
  assert.equal(rateLimitReason(new TextEncoder().encode("<html>")), null);
});
