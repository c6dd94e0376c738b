import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../lib/config.ts";
import { extractNetworkInputs } from "../../lib/audio/extract/extract.ts";
import { readIndexedInputs, readInputIndex } from "../../lib/audio/extract/shard.ts";
import { datasetKey } from "../../lib/data/load.ts";
import { loadDataset } from "../../lib/data/store.ts";
import { makeFmaFixture } from "../data/sources/fma/fixture.ts";

const CLI = fileURLToPath(new URL("../../lib/workspace/extract.ts", import.meta.url));

async function extract(env: Record<string, string>, ...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, "--workers", "1", ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("two shards in separate processes, then the merge, equal the single-process extraction", async () => {
  const fixture = await makeFmaFixture();
  const env = {
    HSS_DATASET_SOURCE: "fma",
    HSS_DATASET_PATH: fixture.metadataDir,
    HSS_DATASET_AUDIO_DIR: fixture.audioDir,
    HSS_PATHS_DATA: `${fixture.root}/data`,
    HSS_AUDIO_CROP_SECONDS: "2",
    HSS_AUDIO_CROP_MODE: "random",
    HSS_AUDIO_N_MELS: "64",
    HSS_AUDIO_FRAMES: "32",
  };
  const config = loadConfig({ env });
  const prepared = await extract(env, "--prepare");
  assert.equal(prepared.code, 0, prepared.stderr);
  const shards = await Promise.all([
    extract(env, "--shard", "1/2"),
    extract(env, "--shard", "2/2"),
  ]);
  for (const s of shards) assert.equal(s.code, 0, s.stderr);
  const merged = await extract(env, "--merge");
  assert.equal(merged.code, 0, merged.stderr);
  assert.match(merged.stderr, /complete: \d+ extracted, 2 failed, 0 padded \(2 shard files\)/);

  const { dataset } = await loadDataset(`${fixture.root}/data/${datasetKey(config)}`);
  const ids = dataset.tracks.getColumn("track_id").toArray() as string[];
  const paths = dataset.tracks.getColumn("audio_path").toArray() as string[];
  const single = await extractNetworkInputs(paths, config.audio, {
    cacheDir: null,
    workers: 0,
    seed: config.seed,
  });
  const indexPath = `${fixture.root}/data/cache/extract/fma-small/index.json`;
  const sharded = await readIndexedInputs(indexPath);
  const expected = new Map(
    ids.flatMap((id, i) => (single.inputs[i] ? [[id, single.inputs[i]!] as const] : [])),
  );
  assert.equal(sharded.size, expected.size);
  for (const [id, x] of expected) assert.deepEqual(sharded.get(id), x, `track ${id}`);
  const index = await readInputIndex(indexPath);
  const failed = index.results.filter((r) => r.failure).map((r) => [r.trackId, r.failure!.kind]);
  const byPath = new Map(paths.map((p, i) => [p, ids[i]]));
  assert.deepEqual(
    failed.sort(),
    single.failures.map((f) => [byPath.get(f.path)!, f.kind]).sort(),
  );
  assert.deepEqual(
    failed.sort(),
    [[String(fixture.missingAudio), "missing"], [String(fixture.brokenAudio), "truncated"]].sort(),
  );
  await Deno.remove(fixture.root, { recursive: true });
});

Deno.test("the merge lists the tracks of a shard that never ran and exits 1", async () => {
  const fixture = await makeFmaFixture();
  const env = {
    HSS_DATASET_SOURCE: "fma",
    HSS_DATASET_PATH: fixture.metadataDir,
    HSS_DATASET_AUDIO_DIR: fixture.audioDir,
    HSS_PATHS_DATA: `${fixture.root}/data`,
    HSS_AUDIO_CROP_SECONDS: "1",
  };
  assert.equal((await extract(env, "--shard", "1/3")).code, 0);
  const merged = await extract(env, "--merge");
  assert.equal(merged.code, 1);
  assert.match(merged.stderr, /incomplete: \d+ of 28 tracks are neither cached nor failed/);
  assert.match(merged.stderr, /belongs to shard [23]\)/);
  await Deno.remove(fixture.root, { recursive: true });
});
