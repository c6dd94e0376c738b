/**
 * Reading bodies for messages: where a zod validation failed (field path, what was expected,
 * what was found), and the reason a 429 answer gives.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { describeIssue } from "./body.ts";
 * const body = { data: [{ rank: "high" }] };
 * const result = z.object({ data: z.array(z.object({ rank: z.number() })) }).safeParse(body);
 * if (!result.success) console.log(describeIssue(result.error, body)); // ["data.0.rank", "Invalid input: …", "\"high\""]
 * ```
 * @module
 */
import type { z } from "zod";

/** How a zod error reads in a ResponseShapeError: the field path, what was expected, what was found. */
export function describeIssue(error: z.ZodError, body: unknown): [string, string, string] {
  const issue = error.issues[0];
  const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "(body)";
  let found: unknown = body;
  for (const key of issue.path) {
    found = found !== null && typeof found === "object"
      ? (found as Record<PropertyKey, unknown>)[key as PropertyKey]
      : undefined;
  }
  const shown = found === undefined ? "nothing (missing)" : JSON.stringify(found) ?? String(found);
  return [field, issue.message, shown.length > 80 ? `${shown.slice(0, 77)}…` : shown];
}

/** The reason a 429 body gives (Spotify: `{"error": {"reason": "QUOTA_EXCEEDED"}}`), if any. */
export function rateLimitReason(bytes: Uint8Array): string | null {
  try {
    const body = JSON.parse(new TextDecoder().decode(bytes));
    const error = body?.error;
    const reason = typeof error === "object" && error !== null
      ? error.reason ?? error.message
      : error;
    return typeof reason === "string" ? reason.slice(0, 80) : null;
  } catch {
    return null;
  }
}
