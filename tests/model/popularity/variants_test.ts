import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import { selectBackend } from "../../../lib/model/backend/select.ts";
import { PopularityModel } from "../../../lib/model/popularity/model.ts";
import { modelDir } from "../../../lib/model/popularity/paths.ts";
import { songsByPart } from "../../../lib/model/popularity/songs.ts";
import {
  isTinyDemo,
  networkVariants,
  TINY_EPOCHS,
  trainingEpochs,
  trainingSeeds,
  trainingStartsReading,
  trainVariants,
  variantModelName,
} from "../../../lib/model/popularity/variants.ts";
import { silentProgress } from "../../../lib/model/training/progress.ts";
import { consolidated } from "../../../lib/data/dataset.ts";
import { demoTable } from "../../eval/compare/fixture.ts";

await selectBackend("auto", { log: () => {} });

Deno.test("epochs are capped on the tiny demo corpus only; the variants follow the audio", () => {
  const tiny = loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "tiny", HSS_MODEL_EPOCHS: "25" } });
  assert.equal(isTinyDemo(tiny), true);
  assert.equal(trainingEpochs(tiny), TINY_EPOCHS);
  const short = loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "tiny", HSS_MODEL_EPOCHS: "2" } });
  assert.equal(trainingEpochs(short), 2);
  const full = loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "default", HSS_MODEL_EPOCHS: "25" } });
  assert.equal(isTinyDemo(full), false);
  assert.equal(trainingEpochs(full), 25);
  assert.deepEqual(networkVariants(true), ["both", "audio", "metadata"]);
  assert.deepEqual(networkVariants(false), ["metadata"]);
});

Deno.test("trainVariants trains and saves each variant with the configured settings", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const config = loadConfig({
      env: {
        HSS_PATHS_OUTPUTS: dir,
        HSS_MODEL_BATCH_SIZE: "16",
        HSS_SEED: "3",
        HSS_MODEL_SEEDS: "1",
      },
    });
    const { dataset, split } = demoTable();
    const parts = new Map(
      (split.toRecords() as { track_id: string; split: string }[]).map((
        r,
      ) => [r.track_id, r.split]),
    );
    const rows = consolidated(dataset).toRecords() as Record<string, unknown>[];
    const songs = songsByPart(rows, { target: "track_popularity", parts });
    const labels: string[] = [];
    const trained = await trainVariants(songs, config, {
      variants: ["metadata"],
      epochs: 2,
      progress: (inputs) => (labels.push(inputs), silentProgress),
    });
    assert.deepEqual([...trained.keys()], ["metadata"]);
    assert.deepEqual(labels, ["metadata"]);
    const run = trained.get("metadata")!;
    assert.equal(run.result.history.length, 2);
    assert.equal(run.model.meta.seed, 3);
    const loaded = await PopularityModel.load(modelDir(config, "cnn-metadata"));
    assert.deepEqual(
      Array.from(loaded.predict(songs.test)),
      Array.from(run.model.predict(songs.test)),
    );
    const none = await trainVariants({ train: songs.train, validation: [] }, config);
    assert.equal(none.size, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("seeds: config default 3, one on the tiny corpus; each seed trains into its own folder", async () => {
  assert.equal(trainingSeeds(loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "default" } })), 3);
  assert.equal(
    trainingSeeds(loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "tiny", HSS_MODEL_SEEDS: "4" } })),
    1,
  );
  const dir = await Deno.makeTempDir();
  try {
    const config = loadConfig({
      env: { HSS_PATHS_OUTPUTS: dir, HSS_MODEL_BATCH_SIZE: "16", HSS_SEED: "3" },
    });
    assert.equal(variantModelName("audio", 3, config), "cnn-audio");
    assert.equal(variantModelName("audio", 4, config), "cnn-audio-seed4");
    const { dataset, split } = demoTable();
    const parts = new Map(
      (split.toRecords() as { track_id: string; split: string }[]).map((
        r,
      ) => [r.track_id, r.split]),
    );
    const rows = consolidated(dataset).toRecords() as Record<string, unknown>[];
    const songs = songsByPart(rows, { target: "track_popularity", parts });
    const seen: string[] = [];
    const trained = await trainVariants(songs, config, {
      variants: ["metadata"],
      epochs: 1,
      seeds: 2,
      progress: (inputs, seed) => (seen.push(`${inputs}/${seed}`), silentProgress),
    });
    assert.deepEqual(seen, ["metadata/3", "metadata/4"]);
    const run = trained.get("metadata")!;
    assert.deepEqual(run.seeds.map((s) => s.seed), [3, 4]);
    assert.equal(run.model, run.seeds[0].model);
    assert.equal(run.seeds[1].model.meta.seed, 4);
    const second = await PopularityModel.load(modelDir(config, "cnn-metadata-seed4"));
    assert.deepEqual(
      Array.from(second.predict(songs.test)),
      Array.from(run.seeds[1].model.predict(songs.test)),
    );
    assert.notDeepEqual(
      Array.from(run.seeds[0].model.predict(songs.test)),
      Array.from(run.seeds[1].model.predict(songs.test)),
    );
    const reading = trainingStartsReading(trained);
    assert.equal(reading.split("\n").length, 2);
    assert.match(reading, /model metadata \(seed 3\)/);
    assert.match(reading, /model metadata \(seed 4\)/);
    await assert.rejects(() => trainVariants(songs, config, { seeds: 0 }), /seeds must be/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
