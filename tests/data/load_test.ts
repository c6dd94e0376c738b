import assert from "node:assert/strict";
import { loadConfig, resolvePath } from "../../lib/config.ts";
import { datasetKey, prepareDataset } from "../../lib/data/load.ts";

const sharedData = resolvePath("../shared/data");
const haveShared = (() => {
  try {
    return Deno.statSync(`${sharedData}/spotify-2023`).isDirectory;
  } catch {
    return false;
  }
})();

Deno.test("the demo corpus is built once, stored with its split, then read back", async () => {
  const data = await Deno.makeTempDir();
  const config = loadConfig({
    env: {},
    overrides: { paths: { data }, dataset: { demoSize: "tiny" }, seed: 3 },
  });
  const first = await prepareDataset(config, { log: () => {} });
  assert.equal(first.built, true);
  assert.equal(first.dir, `${data}/${datasetKey(config)}`);
  assert.equal(first.split.height, first.dataset.tracks.height);
  const again = await prepareDataset(config, { log: () => {} });
  assert.equal(again.built, false, "a matching corpus must be read back, not rebuilt");
  assert.equal(again.manifest.contentHash, first.manifest.contentHash);
  assert.deepEqual(again.split.toRecords(), first.split.toRecords());
  // every track's audio file exists where audio_path says
  for (const path of again.dataset.tracks.getColumn("audio_path").toArray() as string[]) {
    assert.ok(Deno.statSync(resolvePath(path)).size > 44, path);
  }
  const otherSeed = await prepareDataset(
    loadConfig({
      env: {},
      overrides: { paths: { data }, dataset: { demoSize: "tiny" }, seed: 4 },
    }),
    { log: () => {} },
  );
  assert.notEqual(otherSeed.dir, first.dir);
  assert.notEqual(otherSeed.manifest.contentHash, first.manifest.contentHash);
  await Deno.remove(data, { recursive: true });
});

Deno.test({
  name: "a real preset is imported with its issues and an artist-grouped split",
  ignore: !haveShared,
  fn: async () => {
    const data = await Deno.makeTempDir();
    const config = loadConfig({
      env: {},
      overrides: { paths: { data, sharedData }, dataset: { source: "spotify-2023" } },
    });
    const { dataset, split, manifest } = await prepareDataset(config, { log: () => {} });
    assert.equal(dataset.tracks.height, 952);
    assert.equal(manifest.issues, 1);
    assert.equal(dataset.issues[0].row, 576);
    const parts = split.getColumn("split").toArray() as string[];
    assert.ok(parts.includes("test") && parts.includes("validation") && parts.includes("train"));
    await Deno.remove(data, { recursive: true });
  },
});

Deno.test("the csv source without a path says which variable to set", async () => {
  const config = loadConfig({ env: {}, overrides: { dataset: { source: "csv" } } });
  await assert.rejects(prepareDataset(config, { log: () => {} }), /HSS_DATASET_PATH/);
});
