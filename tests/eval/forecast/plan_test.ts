import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import { forecastPlan, forecastTraining } from "../../../lib/eval/forecast/plan.ts";
import { modelDir } from "../../../lib/model/popularity/paths.ts";

Deno.test("the tiny demo corpus runs the short sweep; everything else the full one", () => {
  const tiny = forecastPlan(loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "tiny" } }));
  assert.deepEqual([tiny.quick, tiny.lookbacks, tiny.epochs], [true, [7, 14], 8]);
  assert.match(tiny.note, /The full sweep — lookbacks 7, 14, 21, 28, 35, 42, 49, 56 days/);
  const full = forecastPlan(loadConfig({ env: { HSS_FORECAST_LOOKBACKS: "7,28" } }));
  assert.deepEqual([full.quick, full.lookbacks, full.epochs], [false, [7, 28], 100]);
  const charts = forecastPlan(
    loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "tiny", HSS_FORECAST_CHARTS_PATH: "charts/" } }),
  );
  assert.equal(charts.quick, false);
});

Deno.test("forecastTraining: the plan's epochs, the batch size of each window shape, model.* settings", () => {
  const config = loadConfig({
    env: {
      HSS_FORECAST_BATCH_SIZE: "16",
      HSS_FORECAST_PER_SONG_BATCH_SIZE: "128",
      HSS_MODEL_PATIENCE: "3",
    },
  });
  const training = forecastTraining(config, { epochs: 9 });
  assert.deepEqual(training.multivariate, {
    epochs: 9,
    batchSize: 16,
    learningRate: config.model.learningRate,
    patience: 3,
    minDelta: config.model.minDelta,
    store: { dir: modelDir(config, "forecast"), resume: true },
  });
  assert.deepEqual(training.perSong, { ...training.multivariate, batchSize: 128 });
});
