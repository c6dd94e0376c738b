/**
 * When to try again: exponential backoff with jitter for 5xx answers and network errors, and the
 * Retry-After header of a 429 (seconds or an HTTP date).
 *
 * @example
 * ```ts
 * import { backoffDelay, parseRetryAfter } from "./retry.ts";
 * console.log(parseRetryAfter("120")); // 120
 * console.log(backoffDelay(3, { baseMs: 500, maxMs: 30_000 }, () => 0.5)); // 4000
 * ```
 * @module
 */

/** Backoff parameters, in milliseconds. */
export interface BackoffOptions {
  /** Delay before the first retry; default 500 ms. It doubles with each attempt. */
  baseMs?: number;
  /** Longest delay; default 30,000 ms. */
  maxMs?: number;
}

/**
 * The delay before retry number `attempt` (0-based): `baseMs · 2^attempt`, capped at `maxMs`,
 * times a jitter factor in [0.5, 1.5) so that clients do not retry in lockstep.
 *
 * @param attempt how many attempts have failed before this one, minus one (0 for the first retry)
 * @param random a source of uniform numbers in [0, 1); default Math.random
 * @returns milliseconds
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const { baseMs = 500, maxMs = 30_000 } = options;
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(raw * (0.5 + random()));
}

/**
 * Seconds to wait from a Retry-After header: a non-negative number of seconds, or an HTTP date
 * (the wait until then, at least 0). Null when the header is absent or unreadable.
 *
 * @param header the header's value
 * @param now the current time in ms since the epoch (for the date form); default now
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
