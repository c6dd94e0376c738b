/**
 * The errors of the provider HTTP layer, each saying what was expected and what was found, with
 * URLs already redacted (no credential or signed token ever appears in a message):
 *
 * - {@link HttpStatusError} — an answer whose status the caller does not accept (401 after a
 *   fresh token, 403, 404 where not expected, 5xx after the retries).
 * - {@link NetworkError}, {@link RequestTimeoutError} — no answer at all; retried, then thrown.
 * - {@link RateLimitPause} — a 429 whose Retry-After exceeds the configured maximum: the run stops
 *   cleanly and says when to resume.
 * - {@link ResponseShapeError} — a body that does not match its zod schema, naming the field.
 * - {@link DownloadError} — a file download that failed or stayed corrupt after the retries.
 *
 * @example
 * ```ts
 * import { RateLimitPause } from "./errors.ts";
 * const pause = new RateLimitPause({ waitSeconds: 7200, maxSeconds: 120, reason: "QUOTA_EXCEEDED" });
 * console.log(pause.resumeAt.toISOString(), pause.message);
 * ```
 * @module
 */

/** Base class of every error of the HTTP layer; `name` is the class's. */
export class HttpError extends Error {
  /** Creates the error; `options.cause` keeps the underlying error. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An HTTP status the caller did not accept; `url` is redacted, `detail` a short body excerpt. */
export class HttpStatusError extends HttpError {
  /** The HTTP status received. */
  readonly status: number;
  /** Method and redacted URL of the request. */
  readonly request: string;
  /** The start of the response body (redacted), for the message. */
  readonly detail: string;
  /**
   * Names the `request`, the `status` received, a `detail` excerpt of the body and an optional
   * `hint` about what to do.
   */
  constructor(status: number, request: string, detail: string, hint = "") {
    super(
      `${request} answered HTTP ${status}${detail ? `: ${detail}` : ""}${hint ? ` — ${hint}` : ""}`,
    );
    this.status = status;
    this.request = request;
    this.detail = detail;
  }
}

/** The connection failed (refused, reset, DNS, a body cut short) after every retry. */
export class NetworkError extends HttpError {}

/** No complete answer within the per-request timeout, after every retry. */
export class RequestTimeoutError extends NetworkError {
  /** The per-request timeout, in milliseconds. */
  readonly timeoutMs: number;
  /** Names the `request` and the per-request timeout that ran out, in ms. */
  constructor(request: string, timeoutMs: number) {
    super(`${request}: no complete answer within ${timeoutMs} ms (per-request timeout)`);
    this.timeoutMs = timeoutMs;
  }
}

/** What {@link RateLimitPause} is built from. */
export interface RateLimitPauseInit {
  /** The wait the provider asked for, in seconds (Retry-After). */
  waitSeconds: number;
  /** The configured longest wait, in seconds. */
  maxSeconds: number;
  /** The provider's reason when it gave one (Spotify: `QUOTA_EXCEEDED`). */
  reason?: string | null;
  /** The time of the answer, ms since the epoch; default now. */
  now?: number;
}

/**
 * A 429 answer asking for a longer wait than the configured maximum. Nothing is lost: every
 * completed call is in the response cache, so running again after {@link resumeAt} resumes.
 */
export class RateLimitPause extends HttpError {
  /** The wait asked for, in seconds. */
  readonly waitSeconds: number;
  /** When the run may resume. */
  readonly resumeAt: Date;
  /** The provider's reason, when given. */
  readonly reason: string | null;
  /** Computes `resumeAt` from the wait asked for and says in the message when to run again. */
  constructor(init: RateLimitPauseInit) {
    const resumeAt = new Date((init.now ?? Date.now()) + init.waitSeconds * 1000);
    super(
      `the provider asks to wait ${init.waitSeconds} s (HTTP 429, Retry-After${
        init.reason ? `, ${init.reason}` : ""
      }), more than the configured maximum of ${init.maxSeconds} s (collect.maxRetryAfterSeconds); ` +
        `stopped cleanly: every completed call is cached, run again after ` +
        `${resumeAt.toISOString()} to resume`,
    );
    this.waitSeconds = init.waitSeconds;
    this.resumeAt = resumeAt;
    this.reason = init.reason ?? null;
  }
}

/** A body that does not match its schema; the message names the field, expected and found. */
export class ResponseShapeError extends HttpError {
  /** Dotted path of the first offending field (`data.3.rank`), or `(body)` for the whole body. */
  readonly field: string;
  /** Names the `request`, the offending `field`, what was `expected` and what was `found`. */
  constructor(request: string, field: string, expected: string, found: string) {
    super(`${request}: unexpected response body: field ${field}: ${expected}; found ${found}`);
    this.field = field;
  }
}

/** A download that failed (status) or stayed truncated or corrupt after every retry. */
export class DownloadError extends HttpError {
  /** HTTP status when the server refused the file (403/404/410: often an expired signed URL). */
  readonly status: number | null;
  /**
   * Creates the error; `status` is the HTTP status when the server refused the file.
   */
  constructor(message: string, status: number | null = null, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}
