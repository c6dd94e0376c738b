import assert from "node:assert/strict";
import { multivariateWindows, perSongWindows } from "../../../lib/data/charts/windows.ts";
import { RecurrentForecaster } from "../../../lib/model/forecast/network.ts";
import { fitForecaster, ForecastTrainingError } from "../../../lib/model/forecast/train.ts";
import { silentProgress } from "../../../lib/model/training/progress.ts";

// Songs with a weekly rhythm and a level each, scaled to about [0, 1].
const songs = 4, days = 84;
const values = Float32Array.from({ length: songs * days }, (_, i) => {
  const s = Math.floor(i / days), d = i % days;
  return 0.2 + 0.1 * s + 0.3 * [0, 0.1, 0.2, 0.1, 0, 0.9, 0.6][d % 7];
});
const series = { values, songs, days };
const days_ = (from: number, to: number) =>
  Int32Array.from({ length: to - from }, (_, i) => from + i);

Deno.test("fitForecaster learns a weekly rhythm far better than repeating the last value", async () => {
  const train = perSongWindows(series, { lookback: 14, targetDays: days_(14, 60) });
  const validation = perSongWindows(series, { lookback: 14, targetDays: days_(60, 84) });
  const model = new RecurrentForecaster({ cell: "gru", inputs: 1, hidden: 12, outputs: 1 }, {
    seed: 1,
  });
  const before = model.evaluate({ windows: validation }).loss;
  const fit = await fitForecaster(model, { windows: train }, { windows: validation }, {
    epochs: 150,
    batchSize: 16,
    learningRate: 0.01,
    progress: silentProgress,
  });
  const after = model.evaluate({ windows: validation }).loss;
  let lastValue = 0;
  for (let i = 0; i < validation.targetDays.length; i++) {
    const base = validation.series[i] * days, t = validation.targetDays[i];
    lastValue += (values[base + t] - values[base + t - 1]) ** 2;
  }
  lastValue /= validation.targetDays.length;
  assert.ok(after < before / 10, `validation loss ${before} → ${after}`);
  assert.ok(after < lastValue / 5, `model ${after} vs last value ${lastValue}`);
  assert.equal(fit.history.length > 0, true);
});

Deno.test("early stopping ends the run and puts the best epoch's weights back", async () => {
  const train = multivariateWindows(series, { lookback: 7, targetDays: days_(7, 40) });
  const validation = multivariateWindows(series, { lookback: 7, targetDays: days_(40, 84) });
  const model = new RecurrentForecaster({ cell: "lstm", inputs: 4, hidden: 6, outputs: 4 }, {
    seed: 2,
  });
  const fit = await fitForecaster(model, { windows: train }, { windows: validation }, {
    epochs: 400,
    learningRate: 0.2, // large enough to overshoot, so improvement stops
    patience: 3,
    progress: silentProgress,
    monitor: { windows: validation },
  });
  assert.notEqual(fit.stopEpoch, null);
  assert.equal(fit.history.length, fit.stopEpoch! + 1);
  assert.equal(fit.stopEpoch! - fit.bestEpoch, 3);
  assert.ok(fit.restoredBestWeights);
  const best = fit.history[fit.bestEpoch];
  assert.ok(Math.abs(model.evaluate({ windows: validation }).loss - best.valLoss) < 1e-6);
  assert.ok(
    fit.history.every((r) => r.monitorLoss !== null && Math.abs(r.monitorLoss - r.valLoss) < 1e-6),
  );
});

Deno.test("training is deterministic for a seed", async () => {
  const train = perSongWindows(series, { lookback: 7, targetDays: days_(7, 30) });
  const validation = perSongWindows(series, { lookback: 7, targetDays: days_(30, 40) });
  const run = async () => {
    const model = new RecurrentForecaster({ cell: "lstm", inputs: 1, hidden: 5, outputs: 1 }, {
      seed: 3,
    });
    await fitForecaster(model, { windows: train }, { windows: validation }, {
      epochs: 3,
      seed: 9,
      progress: silentProgress,
    });
    return model.params;
  };
  assert.deepEqual(await run(), await run());
});

Deno.test("fitForecaster refuses empty data and bad options", async () => {
  const w = perSongWindows(series, { lookback: 7, targetDays: days_(7, 10) });
  const empty = perSongWindows(series, { lookback: 7, targetDays: new Int32Array(0) });
  const model = new RecurrentForecaster({ cell: "gru", inputs: 1, hidden: 3, outputs: 1 });
  await assert.rejects(
    () => fitForecaster(model, { windows: w }, { windows: empty }, { progress: silentProgress }),
    /need training and validation windows; found 12 and 0/,
  );
  await assert.rejects(
    () => fitForecaster(model, { windows: w }, { windows: w }, { batchSize: 0 }),
    ForecastTrainingError,
  );
});
