import assert from "node:assert/strict";
import { forecastSeries } from "../../../lib/data/charts/series.ts";
import { songMetadata } from "../../../lib/data/charts/metadata.ts";
import pl from "nodejs-polars";
import {
  bestSweepModels,
  betterOnValidation,
  forecastHeadlines,
  forecastResults,
  sweepBaselines,
  trainMultiInput,
  trainPerSongModels,
  windowSummary,
} from "../../../lib/eval/forecast/experiment.ts";
import { NAIVE_BASELINES } from "../../../lib/eval/forecast/baselines.ts";
import { scoreForecast } from "../../../lib/eval/forecast/errors.ts";
import { lookbackSweep } from "../../../lib/eval/forecast/sweep.ts";
import { Headline } from "../../../lib/eval/headline.ts";
import { weekly } from "./fixture.ts";

const prepared = weekly(4, 90);
const series = forecastSeries(prepared, { testFraction: 0.2, validationFraction: 0.25 });

Deno.test("windowSummary lists both shapes in every part, training windows before validation", () => {
  const rows = windowSummary(series, 7);
  assert.deepEqual(rows.map((r) => `${r.shape}:${r.part}`), [
    "multivariate:train",
    "multivariate:validation",
    "multivariate:test",
    "per-song:train",
    "per-song:validation",
    "per-song:test",
  ]);
  const train = rows[0];
  assert.equal(train.firstDay, 0);
  assert.ok(train.lastDay < series.split.validationStart);
  assert.deepEqual(train.inputs.slice(1), [7, 4]);
  assert.equal(rows[3].inputs[0], 4 * train.inputs[0]);
  assert.deepEqual(rows[3].targets, [rows[3].inputs[0], 1]);
  assert.equal(rows[2].lastDay, 89);
});

Deno.test("the experiment's steps: sweep baselines, per-song models, multi-input, results and headlines", async () => {
  const training = { epochs: 2 };
  const sweep = await lookbackSweep(series, { lookbacks: [7], hidden: 4, training });
  const baselines = sweepBaselines(prepared, sweep);
  assert.deepEqual(baselines.map((b) => b.name).sort(), NAIVE_BASELINES.map((b) => b.name).sort());
  assert.ok(baselines.every((b) => b.rmse > 0));
  const best = bestSweepModels(sweep);
  assert.deepEqual(best.map((m) => m.spec.cell), ["lstm", "gru"]);

  const titles: string[] = [];
  const options = {
    lookback: 7,
    hidden: 4,
    headUnits: 3,
    training,
    progress: (title: string) => (titles.push(title), { onMessage: () => {} }),
  };
  const perSong = await trainPerSongModels(series, options);
  assert.deepEqual(perSong.map((m) => m.spec.cell), ["lstm", "gru"]);
  assert.ok(perSong.every((m) => m.spec.shape === "per-song"));

  const tracks = pl.DataFrame({
    track_id: prepared.table.trackIds,
    duration_ms: prepared.table.trackIds.map((_, i) => 180_000 + 1000 * i),
  });
  const metadata = songMetadata(tracks, prepared.table.trackIds, { columns: ["duration_ms"] });
  const multi = await trainMultiInput(series, metadata, perSong, options);
  const better = betterOnValidation(prepared, perSong);
  assert.equal(multi.cell, better.spec.cell);
  assert.equal(multi.plain, better);
  assert.ok(multi.model!.spec.metadata);
  assert.deepEqual(titles, [
    "LSTM · per song",
    "GRU · per song",
    `${better.spec.cell.toUpperCase()} + metadata`,
  ]);
  const none = await trainMultiInput(series, null, perSong, options);
  assert.equal(none.model, null);
  assert.equal(none.known, 0);

  const models = [...best, ...perSong, multi.model!];
  const results = forecastResults(prepared, models);
  const validationRmse = models.map((m) => scoreForecast(prepared, m.validation).rmse);
  assert.equal(
    results.picked.name,
    models[validationRmse.indexOf(Math.min(...validationRmse))].name,
  );
  assert.equal(results.pickedTest.name, results.picked.name);
  assert.equal(results.pickedTest.split, "test");
  assert.equal(results.lastValue.name, NAIVE_BASELINES[0].name);
  assert.equal(results.test.length, models.length + 2);

  const headlines = forecastHeadlines(results).map((h) => Headline.parse(h));
  assert.deepEqual(headlines.map((h) => h.baseline), NAIVE_BASELINES.map((b) => b.name));
  assert.equal(headlines[0].value, results.pickedTest.rmse);
  assert.equal(headlines[0].baselineValue, results.lastValue.rmse);
  assert.equal(headlines[1].baselineValue, results.lastWeek.rmse);
  assert.ok(headlines.every((h) => h.lowerIsBetter && h.n === results.pickedTest.targets));
});
