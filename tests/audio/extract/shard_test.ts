import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import {
  mergeShards,
  parseShardSpec,
  runShard,
  ShardError,
  shardFilePath,
  shardOf,
  shardTracks,
} from "../../../lib/audio/extract/shard.ts";
import { encodeTestWav } from "../signals.ts";

Deno.test("parseShardSpec reads 1-based i/n (or 0-based) and refuses anything else", () => {
  assert.deepEqual(parseShardSpec("1/4"), { index: 0, count: 4 });
  assert.deepEqual(parseShardSpec("4/4"), { index: 3, count: 4 });
  assert.deepEqual(parseShardSpec("0/4", { zeroBased: true }), { index: 0, count: 4 });
  for (const bad of ["0/4", "5/4", "1/0", "a/b", "1-4", ""]) {
    assert.throws(() => parseShardSpec(bad), ShardError, bad);
  }
  assert.throws(() => parseShardSpec("4/4", { zeroBased: true }), ShardError);
});

Deno.test("shards partition the tracks: each id in exactly one, stable, roughly even", () => {
  const tracks = Array.from({ length: 1000 }, (_, i) => ({ trackId: String(i), path: `${i}` }));
  const parts = [0, 1, 2].map((index) => shardTracks(tracks, { index, count: 3 }));
  assert.equal(parts.flat().length, 1000);
  assert.equal(new Set(parts.flat().map((t) => t.trackId)).size, 1000);
  for (const part of parts) assert.ok(part.length > 250 && part.length < 420, `${part.length}`);
  assert.equal(shardOf("155066", 7), shardOf("155066", 7));
  assert.deepEqual(shardTracks(tracks, { index: 0, count: 1 }), tracks);
});

Deno.test("mergeShards reports what no shard accounted for and writes no index until complete", async () => {
  const dir = await Deno.makeTempDir();
  const audio = { ...loadConfig({ env: {} }).audio, cropSeconds: 1, frames: 8, nMels: 16 };
  const sr = 8000;
  const tracks = [0, 1, 2, 3, 4, 5].map((k) => ({ trackId: `t${k}`, path: `${dir}/t${k}.wav` }));
  for (const [k, t] of tracks.entries()) {
    const x = Float32Array.from({ length: sr * 2 }, (_, i) => 0.2 * Math.sin(i / (3 + k)));
    await Deno.writeFile(t.path, encodeTestWav([x], sr, "s16"));
  }
  const options = { dir: `${dir}/extract`, cacheDir: `${dir}/cache`, seed: 1, workers: 0 };
  await runShard(tracks, audio, { ...options, index: 0, count: 2 });
  const partial = await mergeShards(tracks, audio, options);
  const second = shardTracks(tracks, { index: 1, count: 2 }).map((t) => t.trackId);
  assert.equal(partial.complete, false);
  assert.deepEqual(partial.missing.map((m) => m.trackId), second);
  assert.match(partial.missing[0].why, /in no shard file \(it belongs to shard 2\)/);
  await assert.rejects(() => Deno.stat(partial.indexPath), Deno.errors.NotFound);
  await runShard(tracks, audio, { ...options, index: 1, count: 2 });
  const full = await mergeShards(tracks, audio, options);
  assert.equal(full.complete, true);
  assert.equal(full.extracted, 6);
  // a deleted cache entry makes its track missing again
  const file = JSON.parse(
    await Deno.readTextFile(shardFilePath(options.dir, { index: 1, count: 2 })),
  );
  await Deno.remove(`${options.cacheDir}/${file.results[0].entry}`);
  const broken = await mergeShards(tracks, audio, options);
  assert.deepEqual(broken.missing.map((m) => m.trackId), [file.results[0].trackId]);
  assert.match(broken.missing[0].why, /cache entry .* missing or damaged/);
  // shard files of other settings are refused, not mixed in
  await assert.rejects(
    () => mergeShards(tracks, { ...audio, nMels: 32 }, options),
    (e: Error) => e instanceof ShardError && /other audio settings or seed/.test(e.message),
  );
  await Deno.remove(dir, { recursive: true });
});
