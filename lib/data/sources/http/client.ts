/**
 * The HTTP behaviour every provider shares: a per-request timeout, retries with exponential
 * backoff on 5xx answers and network errors, 429 answers honoured through Retry-After (a wait
 * longer than the configured maximum stops the run with a {@link RateLimitPause} that says when to
 * resume), a fresh token after a 401 (decided on the status, never on the message), zod
 * validation of every JSON body (a malformed body is a {@link ResponseShapeError} naming the
 * field), the raw-response cache on disk ({@link ResponseCache}), polite pacing between requests,
 * and downloads checked for truncation and corruption.
 *
 * Requests are made one at a time; every message and log line is redacted (credentials, tokens,
 * signed URL parameters).
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { HttpClient } from "./client.ts";
 * import { ResponseCache } from "./cache.ts";
 * const client = new HttpClient({ cache: new ResponseCache("data/deezer/cache"), timeoutMs: 20_000 });
 * const artist = await client.getJson("https://api.deezer.com/artist/27", z.object({ name: z.string() }));
 * if (artist.ok) console.log(artist.body.name, client.stats);
 * ```
 * @module
 */
import type { z } from "zod";
import type { ResponseCache } from "./cache.ts";
import {
  DownloadError,
  HttpError,
  HttpStatusError,
  NetworkError,
  RateLimitPause,
  RequestTimeoutError,
  ResponseShapeError,
} from "./errors.ts";
import { describeIssue, rateLimitReason } from "./body.ts";
import { redactUrl, SecretRedactor } from "./redact.ts";
import { backoffDelay, parseRetryAfter } from "./retry.ts";

/** Supplies the Authorization header and forgets a token the server rejected. */
export interface Authorizer {
  /** The Authorization header value for the next request, fetching a token when needed. */
  header(): Promise<string>;
  /** Called after a 401: the next {@link header} call must fetch a new token. */
  invalidate(): void;
}

/**
 * What a provider makes of a JSON body before it is validated: `retry` for a transient error
 * sent with a success status (Deezer's quota error; retried with backoff, never cached),
 * `accept` for a definitive negative answer (Deezer's "no data"; returned with `ok: false` and
 * cached), `fail` for an error to throw (not cached). Null: validate the body as usual. `what`
 * names the request (redacted) for messages.
 */
export type BodyVerdict =
  | { kind: "retry"; reason: string }
  | { kind: "accept" }
  | { kind: "fail"; error: Error };

/** A provider's reading of bodies; see {@link BodyVerdict}. */
export type BodyInterpreter = (status: number, body: unknown, what: string) => BodyVerdict | null;

/** Options of {@link HttpClient}; every one has a default. */
export interface HttpClientOptions {
  /** Longest time for one request, headers and body, in ms; default 30,000. */
  timeoutMs?: number;
  /** Retries after a 5xx, a network error, a timeout or a transient body; default 4. */
  retries?: number;
  /** Delay before the first retry in ms, doubled each time (with jitter); default 500. */
  backoffMs?: number;
  /** Longest backoff delay in ms; default 30,000. */
  maxBackoffMs?: number;
  /** Longest Retry-After honoured, in seconds; a longer one stops with RateLimitPause. Default 120. */
  maxRetryAfterSeconds?: number;
  /** Least time between two requests in ms (politeness; Deezer allows ~50 per 5 s); default 0. */
  minIntervalMs?: number;
  /** The raw-response cache; default none. */
  cache?: ResponseCache | null;
  /** Authorization for JSON requests (not for downloads); default none. */
  auth?: Authorizer | null;
  /** The provider's reading of bodies; default none. */
  interpret?: BodyInterpreter | null;
  /** Progress and retry lines (already redacted); default none. */
  log?: (line: string) => void;
  /** User-Agent header; default `hit-song-science/1 (research)`. */
  userAgent?: string;
  /** fetch implementation; default globalThis.fetch. */
  fetch?: typeof fetch;
  /** Waits, in ms; default a timer. Tests pass a recorder. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * The signal that ends one attempt after `ms` (the `timeoutMs`); default AbortSignal.timeout.
   * Tests pass signals they abort themselves, so that a timeout needs no real time to pass.
   */
  timeoutSignal?: (ms: number) => AbortSignal;
  /** Clock in ms since the epoch; default Date.now. */
  now?: () => number;
  /** Uniform random numbers in [0, 1) for backoff jitter; default Math.random. */
  random?: () => number;
  /** Redactor shared with an Authorizer, which registers its secrets there; default a new one. */
  redactor?: SecretRedactor;
}

/** Counters of what a client did. */
export interface HttpStats {
  /** Requests sent over the network (every attempt counts). */
  requests: number;
  /** Answers served from the cache instead. */
  cacheHits: number;
  /** Retries after a failure (5xx, network, timeout, transient body). */
  retries: number;
  /** 429 answers waited out. */
  rateLimitWaits: number;
  /** Time spent waiting (backoff, Retry-After, pacing), in ms. */
  waitedMs: number;
  /** Body bytes received. */
  bytes: number;
}

/** Per-request options of {@link HttpClient.getJson}. */
export interface GetJsonOptions {
  /** Statuses other than 2xx to return (as `ok: false`) and cache instead of throwing. */
  accept?: readonly number[];
  /** Read and write the cache; default true. */
  cache?: boolean;
  /** Ignore a cached answer and replace it (e.g. to renew an expired signed URL); default false. */
  refresh?: boolean;
  /** Override the client's Authorizer (null: none). */
  auth?: Authorizer | null;
  /** Override the client's body interpreter. */
  interpret?: BodyInterpreter | null;
  /** The request in words, for messages; default `GET <redacted url>`. */
  what?: string;
}

/** A JSON answer: validated body when `ok`, raw body of an accepted non-success otherwise. */
export type JsonResult<T> =
  | { ok: true; status: number; body: T; cached: boolean }
  | { ok: false; status: number; body: unknown; cached: boolean };

/** Options of {@link HttpClient.download}. */
export interface DownloadOptions {
  /** Checks the bytes; returns a problem (retried as a transient failure) or null when fine. */
  validate?: (bytes: Uint8Array) => string | null;
  /** The download in words, for messages. */
  what?: string;
}

interface RawResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

/** Longest run of honoured 429 waits for one request before giving up. */
const MAX_RATE_LIMIT_WAITS = 20;

/** The HTTP client of the providers; see the module documentation. */
export class HttpClient {
  /** What this client has done so far. */
  readonly stats: HttpStats = {
    requests: 0,
    cacheHits: 0,
    retries: 0,
    rateLimitWaits: 0,
    waitedMs: 0,
    bytes: 0,
  };
  /** Masks secrets in messages and logs; Authorizers register their secrets here. */
  readonly redactor: SecretRedactor;
  /** The raw-response cache, when there is one. */
  readonly cache: ResponseCache | null;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoff: { baseMs: number; maxMs: number };
  readonly #maxRetryAfter: number;
  readonly #minInterval: number;
  readonly #auth: Authorizer | null;
  readonly #interpret: BodyInterpreter | null;
  readonly #log: (line: string) => void;
  readonly #userAgent: string;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #timeoutSignal: (ms: number) => AbortSignal;
  readonly #now: () => number;
  readonly #random: () => number;
  #nextAt = 0;

  /**
   * A client with the given timeouts, retries, cache and rate-limit settings; every option has a
   * default.
   */
  constructor(options: HttpClientOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#retries = options.retries ?? 4;
    this.#backoff = { baseMs: options.backoffMs ?? 500, maxMs: options.maxBackoffMs ?? 30_000 };
    this.#maxRetryAfter = options.maxRetryAfterSeconds ?? 120;
    this.#minInterval = options.minIntervalMs ?? 0;
    this.cache = options.cache ?? null;
    this.#auth = options.auth ?? null;
    this.#interpret = options.interpret ?? null;
    this.redactor = options.redactor ?? new SecretRedactor();
    const log = options.log ?? (() => {});
    this.#log = (line) => log(this.redactor.redact(line));
    this.#userAgent = options.userAgent ?? "hit-song-science/1 (research)";
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#timeoutSignal = options.timeoutSignal ?? ((ms) => AbortSignal.timeout(ms));
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
  }

  /**
   * GETs a JSON document, from the cache when it holds the request, and validates it.
   *
   * @throws {HttpStatusError} for a status neither 2xx nor in `accept` (after retries for 5xx)
   * @throws {NetworkError} / {@link RequestTimeoutError} after every retry
   * @throws {RateLimitPause} for a Retry-After beyond the configured maximum
   * @throws {ResponseShapeError} for a body that is not JSON or does not match `schema`
   */
  async getJson<S extends z.ZodType>(
    url: string,
    schema: S,
    options: GetJsonOptions = {},
  ): Promise<JsonResult<z.output<S>>> {
    const request = { method: "GET", url };
    const what = options.what ?? `GET ${redactUrl(url)}`;
    const accept = options.accept ?? [];
    const interpret = options.interpret === undefined ? this.#interpret : options.interpret;
    const useCache = this.cache !== null && options.cache !== false;
    if (useCache && !options.refresh) {
      const hit = await this.cache!.get(request);
      if (hit) {
        const verdict = interpret?.(hit.status, hit.body, what) ?? null;
        if (verdict?.kind === "accept" || (hit.status >= 300 && accept.includes(hit.status))) {
          this.stats.cacheHits++;
          return { ok: false, status: hit.status, body: hit.body, cached: true };
        }
        const parsed = schema.safeParse(hit.body);
        if (parsed.success && hit.status < 300) {
          this.stats.cacheHits++;
          return { ok: true, status: hit.status, body: parsed.data, cached: true };
        }
        this.#log(`cached answer to ${what} no longer matches its schema: fetching again`);
      }
    }
    let body: unknown = undefined;
    let parsedJson = false;
    const res = await this.#send("GET", url, what, {
      auth: options.auth === undefined ? this.#auth : options.auth,
      transient: (r) => {
        if (!(r.status < 300 || accept.includes(r.status))) return null;
        try {
          body = JSON.parse(new TextDecoder().decode(r.bytes));
          parsedJson = true;
        } catch {
          parsedJson = false;
          return null;
        }
        const verdict = interpret?.(r.status, body, what) ?? null;
        return verdict?.kind === "retry" ? verdict.reason : null;
      },
    });
    if (!(res.status < 300 || accept.includes(res.status))) {
      throw new HttpStatusError(res.status, what, this.#excerpt(res.bytes));
    }
    if (!parsedJson) {
      throw new ResponseShapeError(
        what,
        "(body)",
        "expected a JSON document",
        this.#excerpt(res.bytes),
      );
    }
    const verdict = interpret?.(res.status, body, what) ?? null;
    if (verdict?.kind === "fail") throw verdict.error;
    if (verdict?.kind === "accept" || res.status >= 300) {
      if (useCache) await this.cache!.put(request, res.status, body);
      return { ok: false, status: res.status, body, cached: false };
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const [field, expected, found] = describeIssue(parsed.error, body);
      throw new ResponseShapeError(what, field, expected, this.redactor.redact(found));
    }
    if (useCache) await this.cache!.put(request, res.status, body);
    return { ok: true, status: res.status, body: parsed.data, cached: false };
  }

  /**
   * POSTs a form (`application/x-www-form-urlencoded`) and validates the JSON answer; never
   * cached, never authorised by the client's Authorizer (token requests use it).
   */
  async postForm<S extends z.ZodType>(
    url: string,
    form: Record<string, string>,
    schema: S,
    options: { headers?: Record<string, string>; what?: string } = {},
  ): Promise<z.output<S>> {
    const what = options.what ?? `POST ${redactUrl(url)}`;
    const res = await this.#send("POST", url, what, {
      auth: null,
      headers: { ...options.headers, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
    if (res.status >= 300) throw new HttpStatusError(res.status, what, this.#excerpt(res.bytes));
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(res.bytes));
    } catch {
      throw new ResponseShapeError(
        what,
        "(body)",
        "expected a JSON document",
        this.#excerpt(res.bytes),
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const [field, expected] = describeIssue(parsed.error, body);
      // The found value of a token answer may be a credential: never shown.
      throw new ResponseShapeError(what, field, expected, "(value not shown)");
    }
    return parsed.data;
  }

  /**
   * Downloads a file (not cached here: the caller stores it). A body shorter than its
   * Content-Length, or one that `validate` rejects, is fetched again like a network error.
   *
   * @throws {DownloadError} with the status when the server refuses the file, or after every retry
   * @throws {RateLimitPause} for a Retry-After beyond the configured maximum
   */
  async download(url: string, options: DownloadOptions = {}): Promise<Uint8Array> {
    const what = options.what ?? `GET ${redactUrl(url)}`;
    let res: RawResponse;
    try {
      res = await this.#send("GET", url, what, {
        auth: null,
        transient: (r) => (r.status === 200 && options.validate ? options.validate(r.bytes) : null),
      });
    } catch (error) {
      if (error instanceof NetworkError) throw new DownloadError(error.message, null);
      if (error instanceof HttpStatusError) throw new DownloadError(error.message, error.status);
      throw error;
    }
    if (res.status !== 200) {
      throw new DownloadError(`${what} answered HTTP ${res.status}`, res.status);
    }
    return res.bytes;
  }

  #excerpt(bytes: Uint8Array): string {
    const text = new TextDecoder().decode(bytes.subarray(0, 400)).replace(/\s+/g, " ").trim();
    return this.redactor.redact(text.length > 200 ? `${text.slice(0, 197)}…` : text);
  }

  async #wait(ms: number): Promise<void> {
    if (ms <= 0) return;
    this.stats.waitedMs += ms;
    await this.#sleep(ms);
  }

  async #pace(): Promise<void> {
    if (this.#minInterval <= 0) return;
    await this.#wait(this.#nextAt - this.#now());
    this.#nextAt = this.#now() + this.#minInterval;
  }

  async #fetchOnce(
    method: string,
    url: string,
    what: string,
    headers: Headers,
    body: string | undefined,
  ): Promise<RawResponse> {
    const signal = this.#timeoutSignal(this.#timeoutMs);
    try {
      const response = await this.#fetch(url, { method, headers, body, signal });
      const bytes = new Uint8Array(await response.arrayBuffer());
      this.stats.bytes += bytes.length;
      const length = response.headers.get("content-length");
      const encoding = response.headers.get("content-encoding");
      if (
        length !== null && (encoding === null || encoding === "identity") &&
        Number(length) !== bytes.length
      ) {
        throw new NetworkError(`${what}: body cut short, ${bytes.length} of ${length} bytes`);
      }
      return { status: response.status, headers: response.headers, bytes };
    } catch (error) {
      if (error instanceof HttpError) throw error;
      if (signal.aborted) throw new RequestTimeoutError(what, this.#timeoutMs);
      const message = error instanceof Error ? error.message : String(error);
      throw new NetworkError(`${what}: ${this.redactor.redact(message)}`);
    }
  }

  async #send(
    method: string,
    url: string,
    what: string,
    init: {
      auth: Authorizer | null;
      headers?: Record<string, string>;
      body?: string;
      transient?: (res: RawResponse) => string | null;
    },
  ): Promise<RawResponse> {
    let failures = 0;
    let rateWaits = 0;
    let reauthorised = false;
    for (;;) {
      await this.#pace();
      const headers = new Headers(init.headers);
      headers.set("user-agent", this.#userAgent);
      if (init.auth) headers.set("authorization", await init.auth.header());
      this.stats.requests++;
      let problem: HttpError;
      try {
        const res = await this.#fetchOnce(method, url, what, headers, init.body);
        if (res.status === 401 && init.auth && !reauthorised) {
          // Decided on the status alone: an expired or revoked token gets one fresh try.
          reauthorised = true;
          init.auth.invalidate();
          this.#log(`${what}: HTTP 401, fetching a new token`);
          continue;
        }
        if (res.status === 429) {
          const wait = parseRetryAfter(res.headers.get("retry-after"), this.#now());
          if (wait !== null) {
            if (wait > this.#maxRetryAfter) {
              throw new RateLimitPause({
                waitSeconds: wait,
                maxSeconds: this.#maxRetryAfter,
                reason: rateLimitReason(res.bytes),
                now: this.#now(),
              });
            }
            if (++rateWaits > MAX_RATE_LIMIT_WAITS) {
              throw new HttpStatusError(
                429,
                what,
                this.#excerpt(res.bytes),
                `still limited after ${MAX_RATE_LIMIT_WAITS} waits`,
              );
            }
            this.stats.rateLimitWaits++;
            this.#log(`${what}: HTTP 429, waiting ${wait} s as Retry-After asks`);
            await this.#wait(wait * 1000);
            continue;
          }
          problem = new HttpStatusError(429, what, this.#excerpt(res.bytes));
        } else if (res.status >= 500) {
          problem = new HttpStatusError(res.status, what, this.#excerpt(res.bytes));
        } else {
          const reason = init.transient?.(res) ?? null;
          if (reason === null) return res;
          problem = new NetworkError(`${what}: ${this.redactor.redact(reason)}`);
        }
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        problem = error;
      }
      if (failures >= this.#retries) {
        problem.message += ` (gave up after ${failures + 1} attempts)`;
        throw problem;
      }
      const delay = backoffDelay(failures, this.#backoff, this.#random);
      failures++;
      this.stats.retries++;
      this.#log(`retry ${failures}/${this.#retries} in ${delay} ms: ${problem.message}`);
      await this.#wait(delay);
    }
  }
}
