import assert from "node:assert/strict";
import {
  cacheEntryPath,
  cacheSize,
  decodeCacheEntry,
  encodeCacheEntry,
  fnv1a,
  prepareCacheDir,
  readCacheEntry,
  sha256Hex,
  stableJson,
  writeCacheEntry,
} from "../../../lib/audio/extract/cache.ts";

Deno.test("entries round-trip; truncated, damaged or foreign bytes are never read back", () => {
  const payload = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
  const entry = encodeCacheEntry(payload);
  assert.deepEqual(decodeCacheEntry(entry), payload);
  assert.equal(decodeCacheEntry(entry.subarray(0, entry.length - 1)), null, "truncated");
  const flipped = entry.slice();
  flipped[500] ^= 1;
  assert.equal(decodeCacheEntry(flipped), null, "bit flip");
  assert.equal(decodeCacheEntry(new TextEncoder().encode("HSSAC001 but not really")), null);
  assert.equal(decodeCacheEntry(new Uint8Array(3)), null);
});

Deno.test("keys: content hash and parameter hash; stable JSON ignores key order", async () => {
  assert.equal(
    await sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(stableJson({ b: 1, a: [1, { d: 2, c: 3 }] }), '{"a":[1,{"c":3,"d":2}],"b":1}');
  assert.equal(stableJson({ a: 1, b: undefined }), stableJson({ a: 1 }));
  assert.equal(fnv1a(new TextEncoder().encode("a")), 0xe40c292c);
  assert.equal(
    cacheEntryPath("/c", "ab", "0123456789abcdefff", "f32"),
    "/c/ab-0123456789abcdef.f32",
  );
});

Deno.test("writes are atomic; stale temporaries are cleared; sizes add up", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/x-1.f32`;
  const bytes = await writeCacheEntry(path, Uint8Array.of(1, 2, 3));
  assert.equal(bytes, 19);
  assert.deepEqual(await readCacheEntry(path), Uint8Array.of(1, 2, 3));
  assert.equal(await readCacheEntry(`${dir}/absent.f32`), null);
  // a writer killed before its rename leaves a hidden temporary
  await Deno.writeFile(`${dir}/.y-2.f32.tmp-999999-0123abcd`, new Uint8Array(10));
  assert.deepEqual(await cacheSize(dir), { entries: 1, bytes: 19 });
  await prepareCacheDir(dir);
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["x-1.f32"]);
  await Deno.remove(dir, { recursive: true });
});
