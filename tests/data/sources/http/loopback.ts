/**
 * A programmable HTTP server on 127.0.0.1 for the provider tests: it logs every request (and
 * whether its answer went out whole), can hold one request open (the n-th) and signal it — the
 * moment a test kills a collecting process — and releases every held request on close.
 * @module
 */

/** One request as the server saw it. */
export interface Served {
  /** 1-based order of arrival. */
  n: number;
  method: string;
  /** Path and query, e.g. `/artist/1001/albums?index=0&limit=100`. */
  target: string;
  /** Status sent, or 0 when nothing was sent (held). */
  status: number;
  /** True when the whole answer was handed over (not held, not cut short). */
  completed: boolean;
}

/** What a route handler may answer beside a plain Response. */
export type Answer =
  | Response
  | { hang: true }
  | { cut: { status: number; headers: Record<string, string>; body: Uint8Array; sent: number } };

/** A running loopback server. */
export interface Loopback {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request so far. */
  log: Served[];
  /** Hold the request that arrives as number `n` (1-based, counted from now on); resolves with it. */
  holdAt(n: number): Promise<Served>;
  /** Hold the first request from now on for which `when` is true; resolves with it. */
  holdWhen(when: (target: string) => boolean): Promise<Served>;
  /** Stops the server, releasing held requests. */
  close(): Promise<void>;
}

/** Starts a loopback server answering with `route` (which sees the request and its number). */
export function serveLoopback(
  route: (req: Request, url: URL, n: number) => Answer | Promise<Answer>,
): Loopback {
  const log: Served[] = [];
  const releases = new Set<() => void>();
  let hold: { when: (entry: Served) => boolean; resolve: (s: Served) => void } | null = null;
  const controller = new AbortController();
  /**
   * A body that sends `head` and then nothing until the client goes away (cancel) or the server
   * closes; with a Content-Length of `declared`, the client never gets a whole answer.
   */
  const stalled = (head: Uint8Array, declared: number, status: number, type: string) => {
    let release = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        if (head.length > 0) c.enqueue(head);
        release = () => {
          releases.delete(release);
          try {
            c.close();
          } catch { /* already cancelled */ }
        };
        releases.add(release);
      },
      cancel() {
        releases.delete(release);
      },
    });
    return new Response(stream, {
      status,
      headers: {
        "content-type": type,
        "content-length": String(Math.max(declared, head.length + 1)),
      },
    });
  };
  const server = Deno.serve(
    {
      hostname: "127.0.0.1",
      port: 0,
      signal: controller.signal,
      onListen() {},
      onError: () => new Response(null, { status: 500 }),
    },
    async (req) => {
      const url = new URL(req.url);
      const entry: Served = {
        n: log.length + 1,
        method: req.method,
        target: url.pathname + url.search,
        status: 0,
        completed: false,
      };
      log.push(entry);
      const answer = await route(req, url, entry.n);
      if (hold && hold.when(entry)) {
        hold.resolve(entry);
        hold = null;
        // A file is cut midway (headers and half the body sent); JSON gets its headers only.
        const type = answer instanceof Response ? answer.headers.get("content-type") ?? "" : "";
        if (answer instanceof Response && type.startsWith("audio/")) {
          const body = new Uint8Array(await answer.arrayBuffer());
          entry.status = answer.status;
          return stalled(body.subarray(0, body.length >> 1), body.length, answer.status, type);
        }
        return stalled(new Uint8Array(0), 64, 200, "application/json");
      }
      if ("hang" in answer) return stalled(new Uint8Array(0), 64, 200, "application/json");
      if ("cut" in answer) {
        const cut = answer.cut;
        entry.status = cut.status;
        const stream = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(cut.body.subarray(0, cut.sent));
            c.close();
          },
        });
        return new Response(stream, {
          status: cut.status,
          headers: { ...cut.headers, "content-length": String(cut.body.length) },
        });
      }
      entry.status = answer.status;
      entry.completed = true;
      return answer;
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    log,
    holdAt(n) {
      const at = log.length + n;
      return new Promise((resolve) => {
        hold = { when: (entry) => entry.n === at, resolve };
      });
    },
    holdWhen(when) {
      return new Promise((resolve) => {
        hold = { when: (entry) => when(entry.target), resolve };
      });
    },
    async close() {
      for (const release of [...releases]) release();
      controller.abort();
      await server.finished;
    },
  };
}

/** A JSON answer. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}
