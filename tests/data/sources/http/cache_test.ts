import assert from "node:assert/strict";
import { canonicalRequest, ResponseCache } from "../../../../lib/data/sources/http/cache.ts";

Deno.test("requests are keyed by method and URL with the query sorted", () => {
  assert.equal(
    canonicalRequest({ method: "get", url: "https://api.example/a/b?z=1&a=2&a=1" }),
    "GET https://api.example/a/b?a=1&a=2&z=1",
  );
  assert.equal(
    canonicalRequest({ method: "GET", url: "https://api.example/a" }),
    "GET https://api.example/a",
  );
});

Deno.test("an entry round-trips; its file names no secret parameter; a corrupt one is a miss", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new ResponseCache(dir);
  const request = { method: "GET", url: "https://cdn.example/t?id=1&token=abcdef" };
  assert.equal(await cache.get(request), null);
  await cache.put(request, 200, { id: 1 });
  const entry = await cache.get({ method: "GET", url: "https://cdn.example/t?token=abcdef&id=1" });
  assert.deepEqual(entry?.body, { id: 1 });
  assert.equal(entry?.status, 200);
  const path = await cache.path(request);
  assert.ok(!(await Deno.readTextFile(path)).includes("abcdef"), "the stored URL is redacted");
  await Deno.writeTextFile(path, "{ not json");
  assert.equal(await cache.get(request), null);
  assert.equal(cache.unreadable, 1);
  assert.equal(await cache.size(), 1);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("temporaries of a killed writer are removed before the next write", async () => {
  const dir = await Deno.makeTempDir();
  const cache = new ResponseCache(dir);
  await cache.put({ method: "GET", url: "https://a.example/1" }, 200, 1);
  const sub = [...Deno.readDirSync(dir)][0].name;
  const stray = `${dir}/${sub}/.x.json.tmp-999999-0123abcd`;
  await Deno.writeTextFile(stray, "partial");
  await new ResponseCache(dir).put({ method: "GET", url: "https://a.example/2" }, 200, 2);
  assert.throws(() => Deno.statSync(stray), Deno.errors.NotFound);
  await Deno.remove(dir, { recursive: true });
});
