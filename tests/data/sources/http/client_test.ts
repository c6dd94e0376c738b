import assert from "node:assert/strict";
import { z } from "zod";
import { ResponseCache } from "../../../../lib/data/sources/http/cache.ts";
import { type Authorizer, HttpClient } from "../../../../lib/data/sources/http/client.ts";
import {
  DownloadError,
  HttpStatusError,
  NetworkError,
  RateLimitPause,
  RequestTimeoutError,
  ResponseShapeError,
} from "../../../../lib/data/sources/http/errors.ts";
import { type Answer, json, serveLoopback } from "./loopback.ts";

const Item = z.object({ id: z.number(), name: z.string() });

/** A client whose waits are recorded instead of slept. */
function client(extra: ConstructorParameters<typeof HttpClient>[0] = {}) {
  const waits: number[] = [];
  const lines: string[] = [];
  const c = new HttpClient({
    timeoutMs: 2_000,
    retries: 3,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    log: (line) => lines.push(line),
    ...extra,
  });
  return { c, waits, lines };
}

/** A server answering the queued answers in turn, then `last` forever. */
function scripted(queue: (() => Answer)[], last: () => Answer = () => json({ id: 1, name: "ok" })) {
  return serveLoopback(() => (queue.shift() ?? last)());
}

Deno.test("5xx answers are retried with exponential backoff until one succeeds", async () => {
  const server = scripted([() => json({}, 500), () => json({}, 502), () => json({}, 503)]);
  const { c, waits } = client();
  const answer = await c.getJson(`${server.url}/x`, Item);
  assert.ok(answer.ok);
  assert.equal(answer.body.name, "ok");
  assert.deepEqual(waits, [500, 1000, 2000], "base 500 ms doubling (jitter factor 1 here)");
  assert.equal(c.stats.requests, 4);
  assert.equal(c.stats.retries, 3);
  await server.close();
});

Deno.test("a 5xx that persists is thrown after the retries, naming status and attempts", async () => {
  const server = scripted([], () => json({ message: "down" }, 500));
  const { c } = client({ retries: 2 });
  await assert.rejects(
    c.getJson(`${server.url}/x`, Item),
    (e: Error) =>
      e instanceof HttpStatusError && e.status === 500 &&
      /gave up after 3 attempts/.test(e.message),
  );
  assert.equal(server.log.length, 3);
  await server.close();
});

/** Attempt timeouts the test fires itself: `fire()` times out the attempt in flight. */
function manualTimeouts() {
  const attempts: { ms: number; controller: AbortController }[] = [];
  return {
    attempts,
    timeoutSignal: (ms: number) => {
      const controller = new AbortController();
      attempts.push({ ms, controller });
      return controller.signal;
    },
    fire: () => attempts.at(-1)!.controller.abort(),
  };
}

Deno.test("a request that hangs times out and is retried", async () => {
  const timeouts = manualTimeouts();
  // the server times the client out as the request arrives, then holds it open
  const server = scripted([() => (timeouts.fire(), { hang: true })]);
  const { c, waits } = client({ timeoutMs: 200, timeoutSignal: timeouts.timeoutSignal });
  const answer = await c.getJson(`${server.url}/slow`, Item);
  assert.ok(answer.ok);
  assert.equal(server.log.length, 2);
  assert.equal(server.log[0].completed, false);
  assert.deepEqual(timeouts.attempts.map((a) => a.ms), [200, 200], "each attempt gets timeoutMs");
  assert.deepEqual(waits, [500], "one backoff before the second attempt");
  assert.equal(c.stats.retries, 1);
  await server.close();
});

Deno.test("a timeout on every attempt is a RequestTimeoutError", async () => {
  const timeouts = manualTimeouts();
  const server = scripted([], () => (timeouts.fire(), { hang: true }));
  const { c } = client({ timeoutMs: 100, retries: 1, timeoutSignal: timeouts.timeoutSignal });
  await assert.rejects(
    c.getJson(`${server.url}/slow`, Item),
    (e: Error) =>
      e instanceof RequestTimeoutError && /within 100 ms/.test(e.message) &&
      /gave up after 2 attempts/.test(e.message),
  );
  assert.equal(server.log.length, 2);
  await server.close();
});

Deno.test("a real timer ends an attempt that hangs", async () => {
  const server = scripted([], () => ({ hang: true }));
  const { c } = client({ timeoutMs: 50, retries: 0 });
  await assert.rejects(c.getJson(`${server.url}/slow`, Item), RequestTimeoutError);
  await server.close();
});

Deno.test("a refused connection is a NetworkError after the retries", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close(); // nothing listens there any more
  const { c, waits } = client({ retries: 2 });
  await assert.rejects(c.getJson(`http://127.0.0.1:${port}/x`, Item), NetworkError);
  assert.equal(waits.length, 2);
});

Deno.test("a body cut short of its Content-Length is fetched again", async () => {
  const body = new TextEncoder().encode(JSON.stringify({ id: 1, name: "whole" }));
  const server = scripted([
    () => ({
      cut: { status: 200, headers: { "content-type": "application/json" }, body, sent: 5 },
    }),
  ], () => new Response(body, { headers: { "content-type": "application/json" } }));
  const { c } = client();
  const answer = await c.getJson(`${server.url}/x`, Item);
  assert.ok(answer.ok && answer.body.name === "whole");
  assert.equal(server.log.length, 2);
  await server.close();
});

Deno.test("429 with a Retry-After within the maximum is waited out, in seconds or as a date", async () => {
  const now = Date.UTC(2026, 10, 23, 10);
  const inTwoSeconds = new Date(now + 2_000).toUTCString();
  const server = scripted([
    () => json({}, 429, { "retry-after": "3" }),
    () => json({}, 429, { "retry-after": inTwoSeconds }),
  ]);
  const { c, waits } = client({ maxRetryAfterSeconds: 10, now: () => now });
  const answer = await c.getJson(`${server.url}/x`, Item);
  assert.ok(answer.ok);
  assert.deepEqual(waits, [3000, 2000], "3 s, then the date 2 s after the client's clock");
  assert.equal(c.stats.rateLimitWaits, 2);
  assert.equal(c.stats.retries, 0, "honoured waits are not counted as failed attempts");
  await server.close();
});

Deno.test("429 with a Retry-After beyond the maximum stops with the time to resume", async () => {
  const server = scripted(
    [],
    () =>
      json({ error: { status: 429, message: "quota", reason: "QUOTA_EXCEEDED" } }, 429, {
        "retry-after": "7200",
      }),
  );
  const { c, waits } = client({ maxRetryAfterSeconds: 120, now: () => Date.UTC(2026, 10, 23, 10) });
  await assert.rejects(c.getJson(`${server.url}/x`, Item), (e: Error) => {
    assert.ok(e instanceof RateLimitPause);
    assert.equal(e.waitSeconds, 7200);
    assert.equal(e.reason, "QUOTA_EXCEEDED");
    assert.equal(e.resumeAt.toISOString(), "2026-11-23T12:00:00.000Z");
    assert.match(e.message, /run again after 2026-11-23T12:00:00.000Z/);
    return true;
  });
  assert.deepEqual(waits, [], "nothing was waited");
  assert.equal(server.log.length, 1);
  await server.close();
});

Deno.test("a malformed body is an error naming the field, what was expected and found", async () => {
  const server = scripted([], () => json({ id: 7, name: 42 }));
  const { c } = client();
  await assert.rejects(c.getJson(`${server.url}/item/7`, Item, { what: "item 7" }), (e: Error) => {
    assert.ok(e instanceof ResponseShapeError);
    assert.equal(e.field, "name");
    assert.match(e.message, /item 7: unexpected response body: field name: .*string.*; found 42/);
    return true;
  });
  assert.equal(server.log.length, 1, "a malformed body is not retried");
  await server.close();
});

Deno.test("a nested malformed field is named by its path; a missing one says so", async () => {
  const List = z.object({ data: z.array(z.object({ rank: z.number() })) });
  const server = scripted([
    () => json({ data: [{ rank: 1 }, { rank: "high" }] }),
    () => json({ data: [{ rank: 1 }, {}] }),
    () => new Response("<html>maintenance</html>", { headers: { "content-type": "text/html" } }),
  ]);
  const { c } = client();
  await assert.rejects(c.getJson(`${server.url}/a`, List), /field data\.1\.rank: .*found "high"/);
  await assert.rejects(
    c.getJson(`${server.url}/b`, List),
    /field data\.1\.rank: .*found nothing \(missing\)/,
  );
  await assert.rejects(
    c.getJson(`${server.url}/c`, List),
    /field \(body\): expected a JSON document; found <html>/,
  );
  await server.close();
});

Deno.test("answers are cached on disk: a second call makes no request, a refresh makes one", async () => {
  const dir = await Deno.makeTempDir();
  const server = scripted([], () => json({ id: 1, name: "cached" }));
  const first = client({ cache: new ResponseCache(dir) }).c;
  assert.equal((await first.getJson(`${server.url}/x?b=2&a=1`, Item)).cached, false);
  const second = client({ cache: new ResponseCache(dir) }).c;
  const again = await second.getJson(`${server.url}/x?a=1&b=2`, Item);
  assert.ok(again.ok && again.cached, "same request, parameters in another order");
  assert.equal(second.stats.requests, 0);
  assert.equal(server.log.length, 1);
  await second.getJson(`${server.url}/x?a=1&b=2`, Item, { refresh: true });
  assert.equal(server.log.length, 2);
  await server.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("accepted statuses are returned and cached; others are thrown and not cached", async () => {
  const dir = await Deno.makeTempDir();
  const server = serveLoopback((_req, url) =>
    url.pathname === "/missing" ? json({ error: "Not Found" }, 404) : json({ error: "nope" }, 403)
  );
  const { c } = client({ cache: new ResponseCache(dir) });
  const missing = await c.getJson(`${server.url}/missing`, Item, { accept: [404] });
  assert.equal(missing.ok, false);
  assert.equal(missing.status, 404);
  assert.equal((await c.getJson(`${server.url}/missing`, Item, { accept: [404] })).cached, true);
  await assert.rejects(
    c.getJson(`${server.url}/closed`, Item),
    (e: Error) => e instanceof HttpStatusError && e.status === 403,
  );
  await assert.rejects(c.getJson(`${server.url}/closed`, Item), HttpStatusError);
  assert.equal(server.log.length, 3, "the 404 once, the 403 twice");
  await server.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a 401 fetches a new token once (decided on the status); a second 401 is an error", async () => {
  let issued = 0;
  const auth: Authorizer & { invalidated: number } = {
    invalidated: 0,
    header: () => Promise.resolve(`Bearer token-${issued === 0 ? ++issued : issued}`),
    invalidate() {
      this.invalidated++;
      issued++;
    },
  };
  const server = serveLoopback((req) =>
    req.headers.get("authorization") === "Bearer token-1"
      ? json({ error: { status: 401, message: "anything at all" } }, 401)
      : json({ id: 2, name: "fresh" })
  );
  const { c } = client({ auth });
  const answer = await c.getJson(`${server.url}/x`, Item);
  assert.ok(answer.ok && answer.body.name === "fresh");
  assert.equal(auth.invalidated, 1);
  await server.close();

  const always = serveLoopback(() => json({ error: { status: 401, message: "expired" } }, 401));
  await assert.rejects(
    c.getJson(`${always.url}/x`, Item),
    (e: Error) => e instanceof HttpStatusError && e.status === 401,
  );
  assert.equal(always.log.length, 2);
  await always.close();
});

Deno.test("transient bodies are retried and never cached", async () => {
  const dir = await Deno.makeTempDir();
  const server = scripted([() => json({ error: { code: 4 } })]);
  const { c } = client({
    cache: new ResponseCache(dir),
    interpret: (_s, body) =>
      (body as { error?: unknown }).error ? { kind: "retry", reason: "quota body" } : null,
  });
  const answer = await c.getJson(`${server.url}/x`, Item);
  assert.ok(answer.ok);
  assert.equal(server.log.length, 2);
  assert.equal(await new ResponseCache(dir).size(), 1);
  await server.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("downloads: a rejected file is fetched again, a refused one names its status", async () => {
  const good = new Uint8Array([1, 2, 3, 4]);
  const server = serveLoopback((_req, url, n) => {
    if (url.pathname === "/gone") return new Response("expired", { status: 403 });
    return n === 1 ? new Response(new Uint8Array([9, 9])) : new Response(good);
  });
  const { c } = client();
  const bytes = await c.download(`${server.url}/file`, {
    validate: (b) => (b.length === 4 ? null : `expected 4 bytes, found ${b.length}`),
  });
  assert.deepEqual([...bytes], [1, 2, 3, 4]);
  assert.equal(server.log.length, 2);
  await assert.rejects(
    c.download(`${server.url}/gone`),
    (e: Error) => e instanceof DownloadError && e.status === 403,
  );
  await server.close();
});

Deno.test("requests are paced by the minimum interval", async () => {
  const server = scripted([]);
  let clock = 1_000;
  const { c, waits } = client({ minIntervalMs: 100, now: () => clock });
  await c.getJson(`${server.url}/a`, Item);
  clock += 30;
  await c.getJson(`${server.url}/b`, Item);
  assert.deepEqual(waits, [70]);
  await server.close();
});

Deno.test("registered secrets never reach messages or log lines", async () => {
  const secret = "s3cr3t-value-0123456789";
  const server = scripted([() => json({ echo: secret }, 500)], () => json({ echo: secret }, 400));
  const { c, lines } = client({ retries: 1 });
  c.redactor.add(secret);
  const error = await c.getJson(`${server.url}/x?api_key=${secret}`, Item).catch((e) => e);
  assert.ok(error instanceof HttpStatusError);
  assert.ok(!error.message.includes(secret), error.message);
  assert.match(error.message, /api_key=\*\*\*/);
  assert.ok(lines.length > 0 && lines.every((l) => !l.includes(secret)), lines.join("\n"));
  await server.close();
});
