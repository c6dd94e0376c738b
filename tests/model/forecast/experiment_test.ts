import assert from "node:assert/strict";
import { prepareStreamTable } from "../../../lib/data/charts/gaps.ts";
import { forecastSeries } from "../../../lib/data/charts/series.ts";
import { Rng } from "../../../lib/data/random.ts";
import { forecasterName, trainStreamForecaster } from "../../../lib/model/forecast/experiment.ts";
import { silentProgress } from "../../../lib/model/training/progress.ts";

/** Daily streams with a weekly rhythm, a level per song and a little noise. */
function weeklySeries(songs = 6, days = 112, seed = 1) {
  const rng = new Rng(seed);
  const weekday = [0.9, 0.88, 0.91, 0.95, 1.22, 1.12, 1.02];
  const dates = Array.from(
    { length: days },
    (_, d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10),
  );
  const values = Float64Array.from({ length: songs * days }, (_, i) => {
    const s = Math.floor(i / days), d = i % days;
    return Math.round(1000 * (s + 1) * weekday[d % 7] * Math.exp(rng.normal(0, 0.03)));
  });
  return prepareStreamTable({
    trackIds: Array.from({ length: songs }, (_, s) => `s${s}`),
    dates,
    values,
  });
}

Deno.test("trainStreamForecaster predicts every song on every test day, in streams", async () => {
  const series = forecastSeries(weeklySeries(), { testFraction: 0.25, validationFraction: 0.25 });
  const trained = await trainStreamForecaster(
    series,
    { cell: "gru", shape: "multivariate", lookback: 7, hidden: 8 },
    { epochs: 5, progress: silentProgress },
  );
  assert.equal(trained.name, "GRU · multivariate · lookback 7");
  const testDays = series.split.days - series.split.testStart;
  assert.equal(trained.test.predicted.length, 6 * testDays);
  assert.equal(new Set(trained.test.day).size, testDays);
  assert.ok(trained.test.day.every((d) => d >= series.split.testStart));
  // Predictions are in streams: around each song's level (1000 · (song + 1)), not in [0, 1].
  const mean = trained.test.predicted.reduce((a, b) => a + b, 0) / trained.test.predicted.length;
  assert.ok(mean > 1000 && mean < 7000, `mean prediction ${mean}`);
  assert.equal(trained.fit.history.length, 5);
  assert.ok(trained.fit.history.every((r) => r.monitorLoss !== null));
});

Deno.test("the multi-input model needs per-song windows and takes the metadata", async () => {
  const series = forecastSeries(weeklySeries(4, 70), {
    testFraction: 0.2,
    validationFraction: 0.2,
  });
  const metadata = {
    values: Float32Array.from({ length: 4 * 2 }, (_, i) => i / 8),
    columns: ["a", "b"],
    mean: new Float64Array(2),
    sd: new Float64Array(2).fill(1),
    unknownSongs: [],
    imputedValues: 0,
  };
  const trained = await trainStreamForecaster(
    series,
    { cell: "lstm", shape: "per-song", lookback: 7, hidden: 4, metadata },
    { epochs: 2, progress: silentProgress, monitorTest: false },
  );
  assert.equal(trained.name, "LSTM + metadata · per song · lookback 7");
  assert.equal(trained.model.spec.headUnits, 32);
  assert.ok(trained.fit.history.every((r) => r.monitorLoss === null));
  await assert.rejects(
    () =>
      trainStreamForecaster(
        series,
        { cell: "lstm", shape: "multivariate", lookback: 7, metadata },
        {
          epochs: 1,
          progress: silentProgress,
        },
      ),
    /a multi-input model needs per-song windows/,
  );
  assert.equal(
    forecasterName({ cell: "gru", shape: "per-song", lookback: 28 }),
    "GRU · per song · lookback 28",
  );
});
