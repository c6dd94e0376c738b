/**
 * Stream-forecasting benchmark (seed 003, notebook 06): the full lookback sweep — the configured
 * lookbacks (8 by default) × LSTM and GRU, multivariate windows, up to `forecast.epochs` epochs
 * with early stopping — on the default demo corpus, timed end to end (target: under 10 minutes),
 * beside the same sweep in PyTorch (tests/bench/forecast_reference.py: same scaled data, split,
 * sizes, batch, learning rate and stopping rule) run in the same command; then the training
 * throughput of the per-song LSTM (the multi-input model's cost) against PyTorch's.
 *
 * Also prints the best model's test RMSE beside the last-value and same-day-last-week baselines.
 */
import { loadConfig } from "../../lib/config.ts";
import {
  forecastSeries,
  forecastWindows,
  loadStreamSource,
  prepareStreamTable,
} from "../../lib/data/charts/mod.ts";
import { forecastComparison, lookbackSweep } from "../../lib/eval/forecast/mod.ts";
import { RecurrentForecaster } from "../../lib/model/forecast/network.ts";
import { fitForecaster } from "../../lib/model/forecast/train.ts";
import { silentProgress } from "../../lib/model/training/progress.ts";
import { fmt, report } from "./timing.ts";

const config = loadConfig({ overrides: { dataset: { source: "demo", demoSize: "default" } } });
const f = config.forecast;
const threads = navigator.hardwareConcurrency ?? 1;
const source = await loadStreamSource(config, { log: () => {} });
const prepared = prepareStreamTable(source.table, { maxMissingDays: f.maxMissingDays });
const series = forecastSeries(prepared, {
  testFraction: f.testFraction,
  validationFraction: f.validationFraction,
  scaling: "minmax",
});
console.log(
  `default demo corpus: ${prepared.report.kept} of ${prepared.report.songs} songs kept × ${series.split.days} days; ` +
    `lookbacks ${f.lookbacks.join(", ")}; ≤ ${f.epochs} epochs, patience ${config.model.patience}`,
);

const sweep = await lookbackSweep(series, {
  lookbacks: f.lookbacks,
  hidden: f.hiddenUnits,
  seed: config.seed,
  training: {
    epochs: f.epochs,
    batchSize: f.batchSize,
    learningRate: config.model.learningRate,
    patience: config.model.patience,
    minDelta: config.model.minDelta,
    monitorTest: false,
  },
});
const best = sweep.rows.reduce((a, b) => (b.testRmse < a.testRmse ? b : a));
const byValidation = sweep.rows.reduce((a, b) => (b.validationRmse < a.validationRmse ? b : a));
const baselines = forecastComparison(prepared, [{ name: "m", predictions: sweep.models[0].test }])
  .filter((r) => r.kind === "baseline");

// Per-song LSTM: one timed epoch after a warm-up epoch.
const perSongLookback = 14;
const train = forecastWindows(series, {
  shape: "per-song",
  part: "train",
  lookback: perSongLookback,
});
const model = new RecurrentForecaster({
  cell: "lstm",
  inputs: 1,
  hidden: f.hiddenUnits,
  outputs: 1,
});
const perSongRates: number[] = [];
for (let rep = 0; rep < 2; rep++) {
  const fit = await fitForecaster(model, { windows: train }, { windows: train }, {
    epochs: 1,
    batchSize: f.perSongBatchSize,
    progress: silentProgress,
    restoreBestWeights: false,
  });
  perSongRates.push(fit.history[0].samplesPerSecond);
}

// The PyTorch reference on the same data.
const dir = await Deno.makeTempDir();
let reference: {
  rows: { cell: string; lookback: number; epochs: number; testRmse: number }[];
  sweepSeconds: number;
  perSongWindowsPerSecond: number;
  torch: string;
  threads: number;
} | null = null;
try {
  await Deno.writeFile(`${dir}/scaled.f32`, new Uint8Array(series.scaled.values.buffer));
  await Deno.writeFile(`${dir}/values.f64`, new Uint8Array(prepared.table.values.buffer));
  await Deno.writeFile(`${dir}/status.u8`, prepared.status);
  await Deno.writeTextFile(
    `${dir}/meta.json`,
    JSON.stringify({
      songs: series.scaled.songs,
      days: series.scaled.days,
      offset: Array.from(series.scaler.offset),
      scale: Array.from(series.scaler.scale),
      validationStart: series.split.validationStart,
      testStart: series.split.testStart,
      lookbacks: f.lookbacks,
      hidden: f.hiddenUnits,
      batchSize: f.batchSize,
      learningRate: config.model.learningRate,
      epochs: f.epochs,
      patience: config.model.patience,
      minDelta: config.model.minDelta,
      seed: config.seed,
      threads,
      perSongLookback,
      perSongBatchSize: f.perSongBatchSize,
    }),
  );
  const out = await new Deno.Command("/usr/bin/python3", {
    args: [new URL("./forecast_reference.py", import.meta.url).pathname, dir],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  const err = new TextDecoder().decode(out.stderr);
  if (out.code === 0) reference = JSON.parse(text);
  else if (/No module named '(torch|numpy)'/.test(err)) {
    console.log("PyTorch reference: skipped (install Debian's python3-torch and python3-numpy)");
  } else console.log(`PyTorch reference: failed (${err.trim().split("\n").pop()})`);
} catch (error) {
  console.log(`PyTorch reference: skipped (${error instanceof Error ? error.message : error})`);
} finally {
  await Deno.remove(dir, { recursive: true });
}

console.log(
  "\ncell  lookback  epochs  val RMSE  test RMSE  seconds" +
    (reference ? "  | torch epochs  torch test RMSE" : ""),
);
for (const r of sweep.rows) {
  const t = reference?.rows.find((x) => x.cell === r.cell && x.lookback === r.lookback);
  console.log(
    `${r.cell.padEnd(5)} ${String(r.lookback).padStart(8)} ${String(r.epochs).padStart(7)} ${
      fmt(r.validationRmse).padStart(9)
    } ${fmt(r.testRmse).padStart(10)} ${r.seconds.toFixed(1).padStart(8)}` +
      (t ? `  | ${String(t.epochs).padStart(12)} ${fmt(t.testRmse).padStart(16)}` : ""),
  );
}
console.log("");
report(
  `lookback sweep, ${sweep.rows.length} runs (${f.lookbacks.length} lookbacks × LSTM, GRU), default demo corpus`,
  sweep.seconds,
  "s",
  reference
    ? {
      label: `PyTorch ${reference.torch}, ${reference.threads} threads, same sweep`,
      value: reference.sweepSeconds,
    }
    : undefined,
);
console.log(
  `sweep under 10 minutes: ${sweep.seconds < 600 ? "yes" : "NO"} (${fmt(sweep.seconds / 60)} min)`,
);
report(
  `per-song LSTM training, lookback ${perSongLookback}, batch ${f.perSongBatchSize}`,
  perSongRates[1],
  "windows/s",
  reference ? { label: "PyTorch", value: reference.perSongWindowsPerSecond } : undefined,
);
console.log("(windows/s: higher is better, so a ratio above 1 means faster than PyTorch)");
for (const b of baselines) console.log(`${b.name}: test RMSE ${fmt(b.rmse)} streams`);
console.log(
  `best by validation: ${byValidation.cell.toUpperCase()} lookback ${byValidation.lookback}, test RMSE ${
    fmt(byValidation.testRmse)
  } (÷ last value ${
    (byValidation.testRmse / baselines.find((b) => b.name.startsWith("last"))!.rmse).toFixed(3)
  }); ` +
    `lowest test RMSE: ${best.cell.toUpperCase()} lookback ${best.lookback}, ${fmt(best.testRmse)}`,
);
