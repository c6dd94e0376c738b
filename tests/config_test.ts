import assert from "node:assert/strict";
import {
  CONFIG_FIELDS,
  ConfigError,
  configOverrides,
  configToEnv,
  envName,
  loadConfig,
  projectRoot,
  resolvePath,
} from "../lib/config.ts";

Deno.test("defaults follow the seed paper and librosa", () => {
  const c = loadConfig({ env: {} });
  assert.equal(c.dataset.source, "demo");
  assert.equal(c.model.batchSize, 32);
  assert.equal(c.model.learningRate, 1e-3);
  assert.equal(c.model.epochs, 25);
  assert.equal(c.model.patience, 7);
  assert.equal(c.model.minDelta, 0);
  assert.equal(c.audio.sampleRate, 44_100);
  assert.equal(c.audio.nFft, 2048);
  assert.equal(c.audio.hopLength, 512);
  assert.equal(c.audio.nMels, 128);
  assert.equal(c.split.testFraction, 0.2);
});

Deno.test("environment variables override fields, coerced by type", () => {
  const c = loadConfig({
    env: { HSS_SEED: "7", HSS_MODEL_BATCH_SIZE: "16", HSS_DATASET_DEMO_SIZE: "tiny" },
  });
  assert.equal(c.seed, 7);
  assert.equal(c.model.batchSize, 16);
  assert.equal(c.dataset.demoSize, "tiny");
});

Deno.test("dataset.mapping names a column-mapping file, from HSS_DATASET_MAPPING", () => {
  assert.equal(loadConfig({ env: {} }).dataset.mapping, "");
  const c = loadConfig({
    env: {
      HSS_DATASET_SOURCE: "csv",
      HSS_DATASET_PATH: "tables/top10s.csv",
      HSS_DATASET_MAPPING: "tables/top10s.json",
    },
  });
  assert.equal(c.dataset.mapping, "tables/top10s.json");
  assert.ok(CONFIG_FIELDS.some(([p, v]) => p === "dataset.mapping" && v === "HSS_DATASET_MAPPING"));
  assert.equal(configToEnv(c).HSS_DATASET_MAPPING, "tables/top10s.json");
});

Deno.test("code overrides win over the environment", () => {
  const c = loadConfig({ env: { HSS_SEED: "7" }, overrides: { seed: 9, model: { epochs: 3 } } });
  assert.equal(c.seed, 9);
  assert.equal(c.model.epochs, 3);
  assert.equal(c.model.batchSize, 32);
});

Deno.test("an invalid value names the field, its variable and what was found", () => {
  assert.throws(
    () => loadConfig({ env: { HSS_MODEL_BATCH_SIZE: "abc" } }),
    (e: Error) =>
      e instanceof ConfigError && e.message.includes("model.batchSize") &&
      e.message.includes("HSS_MODEL_BATCH_SIZE") && e.message.includes('"abc"'),
  );
  assert.throws(
    () => loadConfig({ env: { HSS_DATASET_SOURCE: "myspace" } }),
    (e: Error) => e instanceof ConfigError && e.message.includes("dataset.source"),
  );
  assert.throws(
    () => loadConfig({ env: { HSS_SPLIT_TEST_FRACTION: "1.5" } }),
    (e: Error) => e instanceof ConfigError && e.message.includes("split.testFraction"),
  );
  assert.throws(
    () => loadConfig({ overrides: { model: { patience: 0 } }, env: {} }),
    (e: Error) => e instanceof ConfigError && e.message.includes("model.patience"),
  );
});

Deno.test("a misspelt HSS_ variable is an error, not silently ignored", () => {
  assert.throws(
    () => loadConfig({ env: { HSS_MODEL_BATCHSIZE: "16" } }),
    (e: Error) => e instanceof ConfigError && e.message.includes("HSS_MODEL_BATCHSIZE"),
  );
});

Deno.test("configToEnv round-trips through loadConfig", () => {
  const c = loadConfig({ env: { HSS_SEED: "3", HSS_AUDIO_CROP_MODE: "random" } });
  assert.deepEqual(loadConfig({ env: configToEnv(c) }), c);
  assert.equal(CONFIG_FIELDS.length, Object.keys(configToEnv(c)).length);
  assert.equal(envName(["model", "batchSize"]), "HSS_MODEL_BATCH_SIZE");
});

Deno.test("paths resolve against the project root from any folder inside it", () => {
  const root = projectRoot();
  assert.equal(projectRoot(`${root}/lib/data`), root);
  assert.equal(resolvePath("data", root), `${root}/data`);
  assert.equal(resolvePath("/abs/x", root), "/abs/x");
  assert.throws(() => projectRoot("/"), ConfigError);
});

Deno.test("configOverrides: --dataset, --size and --set PATH=VALUE become nested overrides", () => {
  const overrides = configOverrides({
    dataset: "hit-predictor",
    size: "tiny",
    set: ["model.epochs=5", "split.testFraction=0.25"],
  });
  assert.deepEqual(overrides, {
    dataset: { source: "hit-predictor", demoSize: "tiny" },
    model: { epochs: "5" },
    split: { testFraction: "0.25" },
  });
  const config = loadConfig({ env: {}, overrides });
  assert.equal(config.model.epochs, 5);
  assert.throws(() => configOverrides({ set: ["model.epochs"] }), /--set expects PATH=VALUE/);
});
