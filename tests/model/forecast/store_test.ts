import assert from "node:assert/strict";
import { prepareStreamTable } from "../../../lib/data/charts/gaps.ts";
import { forecastSeries } from "../../../lib/data/charts/series.ts";
import { Rng } from "../../../lib/data/random.ts";
import {
  forecasterRecordPath,
  forecasterStartsReading,
  type StreamForecasterSpec,
  trainStreamForecaster,
} from "../../../lib/model/forecast/experiment.ts";
import { silentProgress } from "../../../lib/model/training/progress.ts";

/** Daily streams with a weekly rhythm and a level per song. */
function weeklySeries(seed: number, songs = 5, days = 84) {
  const rng = new Rng(seed);
  const dates = Array.from(
    { length: days },
    (_, d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10),
  );
  const values = Float64Array.from({ length: songs * days }, (_, i) => {
    const s = Math.floor(i / days), d = i % days;
    return Math.round(1000 * (s + 1) * (1 + 0.2 * Math.sin(d)) * Math.exp(rng.normal(0, 0.03)));
  });
  const prepared = prepareStreamTable({
    trackIds: Array.from({ length: songs }, (_, s) => `s${s}`),
    dates,
    values,
  });
  return forecastSeries(prepared, { testFraction: 0.25, validationFraction: 0.25 });
}

const spec: StreamForecasterSpec = { cell: "gru", shape: "multivariate", lookback: 7, hidden: 6 };

Deno.test("a finished forecaster is reused by a rerun with the same series, settings and code", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const series = weeklySeries(1);
    const options = { epochs: 3, progress: silentProgress, store: { dir, resume: true } };
    const first = await trainStreamForecaster(series, spec, options);
    assert.deepEqual(first.start, { kind: "started", reason: "no completion record yet" });
    const record = JSON.parse(await Deno.readTextFile(forecasterRecordPath(dir, spec)));
    assert.equal(record.params.length, first.model.params.length);

    const again = await trainStreamForecaster(series, spec, options);
    assert.deepEqual(again.start, { kind: "resumed", epoch: 3, finished: true });
    assert.deepEqual(again.model.params, first.model.params);
    assert.deepEqual(again.test.predicted, first.test.predicted);
    assert.deepEqual(again.validation.predicted, first.validation.predicted);
    assert.deepEqual(again.fit.history, first.fit.history);
    assert.equal(
      forecasterStartsReading([first, again]),
      "- GRU · multivariate · lookback 7: trained: no completion record yet\n" +
        "- GRU · multivariate · lookback 7: reused from an earlier run (3 epochs)",
    );

    const longer = await trainStreamForecaster(series, spec, { ...options, epochs: 4 });
    assert.equal(longer.start?.kind, "started");
    assert.match((longer.start as { reason: string }).reason, /epochs: 3 → 4/);
    const other = await trainStreamForecaster(weeklySeries(2), spec, { ...options, epochs: 4 });
    assert.deepEqual(other.start, { kind: "started", reason: "the training data changed" });
    const fresh = await trainStreamForecaster(weeklySeries(2), spec, {
      ...options,
      epochs: 4,
      store: { dir, resume: false },
    });
    assert.match((fresh.start as { reason: string }).reason, /--fresh/);
    assert.deepEqual(fresh.model.params, other.model.params, "training is deterministic");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
