/**
 * The raw-response cache on disk: one JSON file per request, keyed by the SHA-256 of the method and
 * the canonical URL (query parameters sorted; headers, hence credentials, never take part). A
 * completed call is written atomically before the caller sees its answer, so a run killed at any
 * point and restarted repeats no completed call, and a second run of a finished collection makes
 * no request at all.
 *
 * Files live in `<dir>/<first two hex digits>/<hash>.json` and hold the request (method and
 * redacted URL), the HTTP status, the time it was fetched and the JSON body as received.
 *
 * @example
 * ```ts
 * import { ResponseCache } from "./cache.ts";
 * const cache = new ResponseCache("/tmp/hss-cache");
 * await cache.put({ method: "GET", url: "https://api.example/a?x=1" }, 200, { id: 1 });
 * console.log((await cache.get({ method: "GET", url: "https://api.example/a?x=1" }))?.body);
 * ```
 * @module
 */
import { z } from "zod";
import { removeStaleTemporaries, writeTextAtomic } from "../../atomic.ts";
import { sha256Hex } from "../../store.ts";
import { redactUrl } from "./redact.ts";

/** A request as the cache sees it. */
export interface CacheRequest {
  /** HTTP method, upper case. */
  method: string;
  /** Absolute URL. */
  url: string;
}

/** One cached answer. */
export const CachedResponse: z.ZodObject<
  { request: z.ZodString; status: z.ZodNumber; fetched: z.ZodString; body: z.ZodUnknown },
  z.core.$strip
> = z.object({
  /** Method and redacted URL, for people reading the cache. */
  request: z.string(),
  /** HTTP status of the answer. */
  status: z.number().int(),
  /** ISO 8601 time of the answer. */
  fetched: z.string(),
  /** The JSON body as received. */
  body: z.unknown(),
});
/** A validated cache entry. */
export type CachedResponse = z.infer<typeof CachedResponse>;

/** The canonical form of a request for keying: method, origin, path, query sorted by name. */
export function canonicalRequest(request: CacheRequest): string {
  const url = new URL(request.url);
  const params = [...url.searchParams.entries()].sort(([a, va], [b, vb]) =>
    a < b ? -1 : a > b ? 1 : va < vb ? -1 : va > vb ? 1 : 0
  );
  const query = new URLSearchParams(params).toString();
  return `${request.method.toUpperCase()} ${url.origin}${url.pathname}${query ? `?${query}` : ""}`;
}

/** A folder of cached responses. */
export class ResponseCache {
  /** The cache folder. */
  readonly dir: string;
  #cleaned = false;
  /** Entries that could not be read (corrupt or of an old shape) and were treated as absent. */
  unreadable = 0;

  /**
   * A cache over one folder.
   * @param dir the cache folder, created on first write
   */
  constructor(dir: string) {
    this.dir = dir.replace(/\/+$/, "");
  }

  /** The file of a request's entry. */
  async path(request: CacheRequest): Promise<string> {
    const hash = await sha256Hex(canonicalRequest(request));
    return `${this.dir}/${hash.slice(0, 2)}/${hash}.json`;
  }

  /** The cached answer to a request, or null. */
  async get(request: CacheRequest): Promise<CachedResponse | null> {
    let text: string;
    try {
      text = await Deno.readTextFile(await this.path(request));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return null;
      throw error;
    }
    try {
      const parsed = CachedResponse.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch { /* not JSON: fall through */ }
    this.unreadable++;
    return null;
  }

  /** Stores an answer (atomically). */
  async put(request: CacheRequest, status: number, body: unknown): Promise<void> {
    if (!this.#cleaned) await this.removeTemporaries();
    const entry: CachedResponse = {
      request: `${request.method.toUpperCase()} ${redactUrl(request.url)}`,
      status,
      fetched: new Date().toISOString(),
      body,
    };
    await writeTextAtomic(await this.path(request), JSON.stringify(entry));
  }

  /** Removes the temporary files of writers killed before their rename; returns how many. */
  async removeTemporaries(): Promise<number> {
    this.#cleaned = true;
    let removed = 0;
    try {
      for await (const entry of Deno.readDir(this.dir)) {
        if (entry.isDirectory) {
          removed += (await removeStaleTemporaries(`${this.dir}/${entry.name}`)).length;
        }
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    return removed;
  }

  /** Number of entries stored. */
  async size(): Promise<number> {
    let n = 0;
    try {
      for await (const sub of Deno.readDir(this.dir)) {
        if (!sub.isDirectory) continue;
        for await (const f of Deno.readDir(`${this.dir}/${sub.name}`)) {
          if (f.isFile && f.name.endsWith(".json")) n++;
        }
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    return n;
  }
}
