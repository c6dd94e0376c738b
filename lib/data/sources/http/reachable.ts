/**
 * Whether a provider answers at all, within a short timeout: lets a notebook tell "offline" from
 * "configured" in seconds instead of waiting out a run's retries.
 *
 * @example
 * ```ts
 * import { checkReachable } from "./reachable.ts";
 * const problem = await checkReachable("https://api.deezer.com", { timeoutMs: 5_000 });
 * console.log(problem ?? "reachable");
 * ```
 * @module
 */
import { redactUrl } from "./redact.ts";

/** Options of {@link checkReachable}. */
export interface ReachableOptions {
  /** Longest wait for any answer, in ms; default 5,000. */
  timeoutMs?: number;
  /** fetch implementation; default globalThis.fetch. */
  fetch?: typeof fetch;
}

/**
 * Whether a host answers at all (any HTTP status counts), within a short timeout: lets a
 * notebook tell "offline" from "configured" without hanging on retries.
 *
 * @returns null when reachable, otherwise why not (redacted)
 */
export async function checkReachable(
  url: string,
  options: ReachableOptions = {},
): Promise<string | null> {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 5_000;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await doFetch(url, { method: "GET", signal });
    await response.body?.cancel();
    return null;
  } catch (error) {
    if (signal.aborted) return `no answer from ${redactUrl(url)} within ${timeoutMs} ms`;
    return `${redactUrl(url)} is unreachable: ${error instanceof Error ? error.message : error}`;
  }
}
