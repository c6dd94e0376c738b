/**
 * The HTTP layer the data providers share.
 *
 * - client.ts — {@link HttpClient}: timeout, retries with backoff, Retry-After, 401 → new token,
 *   zod validation, cache, pacing, checked downloads
 * - reachable.ts — {@link checkReachable}: does the provider answer at all
 * - body.ts — {@link describeIssue}, {@link rateLimitReason}: bodies read for messages
 * - cache.ts — {@link ResponseCache}: raw answers on disk, keyed by request
 * - paginate.ts — {@link collectPages}
 * - retry.ts — {@link backoffDelay}, {@link parseRetryAfter}
 * - redact.ts — {@link redactUrl}, {@link SecretRedactor}
 * - errors.ts — {@link HttpStatusError}, {@link NetworkError}, {@link RequestTimeoutError},
 *   {@link RateLimitPause}, {@link ResponseShapeError}, {@link DownloadError}
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { HttpClient, ResponseCache } from "./mod.ts";
 * const client = new HttpClient({ cache: new ResponseCache("/tmp/hss-cache"), retries: 2 });
 * const answer = await client.getJson("https://api.deezer.com/artist/27", z.object({ nb_fan: z.number() }));
 * ```
 * @module
 */
export * from "./cache.ts";
export * from "./body.ts";
export * from "./client.ts";
export * from "./errors.ts";
export * from "./paginate.ts";
export * from "./reachable.ts";
export * from "./redact.ts";
export * from "./retry.ts";
