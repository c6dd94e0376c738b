import assert from "node:assert/strict";
import { regressionReport } from "../../lib/eval/metrics.ts";
import { type EpochRecord, formatEpoch } from "../../lib/model/training/history.ts";
import { formatBatch } from "../../lib/model/training/progress.ts";
import { loadConfig } from "../../lib/config.ts";
import { evaluateVariants, mainVariant } from "../../lib/eval/variants.ts";
import type { NetworkInputs } from "../../lib/model/cnn/architecture.ts";
import type { DatasetSongs } from "../../lib/model/popularity/dataset_songs.ts";
import type { TrainResult } from "../../lib/model/training/train.ts";
import {
  ablationFrame,
  ablationReading,
  errorHistogramFigure,
  evaluationTitle,
  formatSeedSpread,
  historyFigure,
  importanceFigure,
  importanceReading,
  networkTable,
  notebookProgress,
  notebookProgressGroup,
  predictedVsActualFigure,
  predictionReading,
  reportFrame,
  resultFilesMarkdown,
  songLabels,
  songsMarkdown,
  trainingRunsMarkdown,
  trainingSettingsMarkdown,
  variantReports,
  variantSpreads,
} from "../../lib/viz/training.ts";

const record = (epoch: number, valLoss: number): EpochRecord => ({
  epoch,
  epochs: 4,
  loss: 100 - epoch,
  mae: 8 - epoch / 10,
  valLoss,
  valMae: Math.sqrt(valLoss),
  accuracy: null,
  valAccuracy: null,
  seconds: 1,
  samplesPerSecond: 100,
  improved: false,
});

Deno.test("historyFigure: validation loss and MAE per epoch on two axes, best epoch marked", () => {
  const fig = historyFigure([record(0, 120), record(1, 90), record(2, 95), record(3, 99)]);
  assert.equal(fig.data.length, 4);
  assert.deepEqual(fig.data[0].x, [1, 2, 3, 4]);
  assert.deepEqual(fig.data[0].y, [120, 90, 95, 99]);
  assert.equal(fig.data[1].yaxis, "y2");
  const shapes = fig.layout!.shapes as { x0: number }[];
  assert.equal(shapes[0].x0, 2, "epoch 2 had the lowest validation loss");
  assert.equal(historyFigure([record(0, 1)], { training: false }).data.length, 2);
});

Deno.test("predicted vs actual bars and the error histogram with its mean", () => {
  const actual = [10, 20, 30, 40, 50], predicted = [12, 18, 33, 40, 57];
  const bars = predictedVsActualFigure(actual, predicted, { sample: 3, seed: 1 });
  assert.equal(bars.data.length, 2);
  const ys = bars.data[0].y as number[];
  assert.equal(ys.length, 3);
  assert.deepEqual([...ys].sort((a, b) => a - b), ys, "sorted by actual popularity");
  const hist = errorHistogramFigure(actual, predicted);
  assert.deepEqual(hist.data[0].x, [2, -2, 3, 0, 7]);
  const shapes = hist.layout!.shapes as { x0: number }[];
  assert.equal(shapes[0].x0, 2);
  assert.throws(() => errorHistogramFigure([1], [1, 2]), RangeError);
});

Deno.test("report tables put the baseline beside every metric; ablation side by side", () => {
  const yTrue = [10, 60, 70, 20, 80, 55], yPred = [15, 58, 65, 30, 70, 52];
  const rows = regressionReport(yTrue, yPred, { threshold: 50, resamples: 50 });
  const table = reportFrame(rows, "CNN");
  assert.deepEqual(table.columns, ["metric", "CNN [95 % CI]", "baseline [95 % CI]", "baseline"]);
  assert.equal(table.height, rows.length);
  // three significant digits, the interval beside
  assert.match(String(table.getColumn("CNN [95 % CI]").toArray()[0]), /^\d\.\d\d \[\d/);
  const both = ablationFrame({ audio: rows, both: rows });
  assert.deepEqual(both.columns, ["metric", "audio", "both", "baseline"]);
  assert.throws(() => ablationFrame({ a: rows, b: rows.slice(1) }), /other metrics/);
});

/** A display that records what it shows, and a clock the test sets. */
function recordingDisplay() {
  const shown: { text: string; id: string; update: boolean }[] = [];
  const state = { clock: 0 };
  const options = {
    display: (bundle: { "text/plain": string }, o: { display_id: string; update: boolean }) => {
      shown.push({ text: bundle["text/plain"], id: o.display_id, update: o.update });
    },
    now: () => state.clock,
  };
  return { shown, state, options };
}

/** A batch event of a 64-sample epoch. */
const batchAt = (epoch: number, done: number) => ({
  epoch,
  epochs: 4,
  done,
  total: 64,
  loss: 140,
  samplesPerSecond: 90,
  etaSeconds: 10,
});

Deno.test("notebookProgress redraws one output area: messages and epochs at once, the bar throttled", async () => {
  const { shown, state, options } = recordingDisplay();
  const p = notebookProgress("CNN", options);
  const batch = (done: number) => batchAt(0, done);
  await p.onMessage!("backend: cpu");
  assert.deepEqual(shown.map((s) => [s.text, s.update]), [["CNN\nbackend: cpu", false]]);
  state.clock = 100;
  await p.onBatch!(batch(32));
  assert.equal(shown.length, 1, "a bar 100 ms after the last redraw waits");
  state.clock = 700;
  await p.onBatch!(batch(48));
  assert.equal(shown.length, 2);
  assert.equal(shown[1].text, `CNN\nbackend: cpu\n${formatBatch(batch(48))}`);
  state.clock = 710;
  await p.onBatch!(batch(64));
  assert.equal(shown.length, 3, "the epoch's last batch is always shown");
  await p.onEpoch!(record(0, 120));
  assert.equal(shown[3].text, `CNN\nbackend: cpu\n${formatEpoch(record(0, 120))}`, "bar cleared");
  assert.ok(shown.every((s) => s.id === shown[0].id && /^progress-/.test(s.id)));
  assert.deepEqual(shown.map((s) => s.update), [false, true, true, true]);
});

Deno.test("notebookProgressGroup: one output area, one line per network, the running one's bar", async () => {
  const { shown, state, options } = recordingDisplay();
  const group = notebookProgressGroup(
    "CNN per fold",
    (inputs: string, fold: number) => `${inputs}, fold ${fold + 1}`,
    options,
  );
  const batch = batchAt;
  const first = group("both", 0);
  await first.onBatch!(batch(0, 64));
  assert.equal(
    shown.at(-1)!.text,
    `CNN per fold\nboth, fold 1: starting\n${formatBatch(batch(0, 64))}`,
  );
  for (let e = 0; e < 4; e++) await first.onEpoch!(record(e, 120 - e));
  await first.onMessage!("early stop after epoch 4");
  const second = group("audio", 0);
  assert.equal(shown.at(-1)!.text.split("\n").length, 2, "a network shows once it reports");
  state.clock = 100;
  await second.onBatch!(batch(0, 32));
  assert.equal(
    shown.at(-1)!.text.split("\n").length,
    2,
    "a bar 100 ms after the last redraw waits",
  );
  await second.onEpoch!(record(0, 130));
  assert.deepEqual(shown.at(-1)!.text.split("\n"), [
    "CNN per fold",
    `both, fold 1: ${formatEpoch(record(3, 117))} · early stop after epoch 4`,
    `audio, fold 1: ${formatEpoch(record(0, 130))}`,
  ]);
  assert.ok(shown.every((s) => s.id === shown[0].id && /^progress-/.test(s.id)));
  assert.deepEqual(shown.map((s) => s.update), shown.map((_, i) => i > 0));

  // Without a label function the first argument is the label; each group has its own area.
  const other = recordingDisplay();
  await notebookProgressGroup("classifiers", undefined, other.options)("4-conv RGB")
    .onEpoch!(record(0, 1));
  assert.deepEqual(other.shown.map((s) => s.text), [
    `classifiers\n4-conv RGB: ${formatEpoch(record(0, 1))}`,
  ]);
  assert.notEqual(other.shown[0].id, shown[0].id);
});

const runResult = (epochs: number, seconds: number, stopEpoch: number | null): TrainResult => ({
  history: Array.from(
    { length: epochs },
    (_, e) => ({ ...record(e, 10 - e), samplesPerSecond: 100 }),
  ),
  bestEpoch: epochs - 1,
  stopEpoch,
  restoredBestWeights: true,
  seconds,
  resumedAt: 0,
});

Deno.test("the training notebook's readings: settings, songs, network, runs, prediction", () => {
  const config = loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "tiny", HSS_MODEL_EPOCHS: "25" } });
  const settings = trainingSettingsMarkdown(config, {
    epochs: 3,
    backend: "backend: fast-cpu (x)",
  });
  assert.match(settings, /\*\*epochs\*\* up to 3 \(capped at 3 on the tiny corpus\)/);
  assert.match(settings, /\*\*Backend\*\* fast-cpu \(x\)$/);
  const song = (trackId: string) => ({ trackId, popularity: 50 });
  const data: DatasetSongs = {
    rows: [],
    songs: {
      train: [song("a"), song("b")],
      validation: [song("c")],
      test: [],
      excluded: [{ trackId: "d", reason: "no spectrogram" }, {
        trackId: "e",
        reason: "no spectrogram",
      }],
    },
    hasAudio: true,
    regression: true,
    target: "track_popularity",
    spectrograms: { computed: 3, fromCache: 1, failures: 2, seconds: 1.234 },
  };
  const songs = songsMarkdown(data);
  assert.match(songs, /^3 spectrograms \(1 from the cache\), 2 failures, 1\.23 s\./);
  assert.match(
    songs,
    /\| train \| 2 \|\n\| validation \| 1 \|\n\| test \| 0 \|\n\| left out \| 2 \|/,
  );
  assert.match(songs, /- 2 left out: no spectrogram$/);
  assert.match(
    songsMarkdown({ ...data, spectrograms: null, regression: false }),
    /^No audio in this dataset\.\n.*not a popularity score/s,
  );
  assert.match(
    songsMarkdown({ ...data, spectrograms: null }),
    /^No audio in this dataset: the metadata network only\./,
  );
  const net = networkTable({
    layers: [{ layer: "conv1", kind: "Conv2D", output: "[batch,8,8,16]", parameters: 1600 }],
    parameters: 1600,
  }, 32);
  assert.equal(net.title, "1,600 parameters in all (with 32 metadata features)");
  assert.deepEqual(net.table.getColumn("parameters").toArray(), ["1,600"]);
  const runs = new Map<NetworkInputs, { result: TrainResult }>([
    ["both", { result: runResult(3, 12.345, 2) }],
  ]);
  assert.equal(
    trainingRunsMarkdown(runs),
    "- **CNN (audio + metadata)**: 3 epochs in 12.3 s (100 samples/s), best epoch 3, stopped early after epoch 3",
  );
  assert.match(trainingRunsMarkdown(new Map()), /^No model trained/);
  assert.equal(
    predictionReading({ track_name: "Song", artist_name: "Band" }, {
      value: 61.234,
      seconds: 0.0904,
    }, 70),
    "`Song` by Band: predicted **61.2**, actual 70 (90 ms from file to prediction).",
  );
  assert.deepEqual(songLabels([{ track_id: "a", track_name: "Alpha" }], [song("a"), song("z")]), [
    "Alpha",
    "z",
  ]);
  assert.match(
    resultFilesMarkdown(["/x/a.json"], (p) => p.slice(3)),
    /^Results for notebook 05: `a\.json`$/,
  );
  assert.match(resultFilesMarkdown([]), /^No threshold results/);
});

Deno.test("ablationReading says whether listening helped, beside the mean predictor", () => {
  const train = [30, 40, 50, 60, 70].map((popularity, i) => ({ trackId: `r${i}`, popularity }));
  const test = [20, 45, 55, 80, 65, 35].map((popularity, i) => ({ trackId: `s${i}`, popularity }));
  const offset = (d: number) => ({
    model: {
      predict: (songs: readonly { popularity?: number | null }[]) =>
        Float32Array.from(songs, (s) => s.popularity! + d),
    },
    result: { history: [], seconds: 1 },
  });
  const evaluation = evaluateVariants(
    new Map<NetworkInputs, ReturnType<typeof offset>>([["both", offset(2)], [
      "metadata",
      offset(5),
    ]]),
    { train, test },
    { threshold: 50, resamples: 20 },
  );
  const reading = ablationReading(evaluation, { quick: true });
  assert.match(
    reading,
    /^Test MAE in popularity points: CNN \(audio \+ metadata\) \*\*2\*\*, metadata network \*\*5\*\*; the mean predictor /,
  );
  assert.match(reading, /Listening helps here: audio \+ metadata errs 3 points less/);
  assert.match(reading, /Tiny corpus, 3 epochs/);
  assert.deepEqual(Object.keys(variantReports(evaluation)), [
    "CNN (audio + metadata)",
    "metadata network",
  ]);
  assert.equal(
    evaluationTitle(evaluation),
    "CNN (audio + metadata) on 6 test songs, popular at track_popularity ≥ 50",
  );
  const worse = evaluateVariants(
    new Map<NetworkInputs, ReturnType<typeof offset>>([["both", offset(6)], [
      "metadata",
      offset(5),
    ]]),
    { train, test },
    { resamples: 20 },
  );
  assert.match(ablationReading(worse), /Listening does not help here/);
  const streams = evaluateVariants(
    new Map<NetworkInputs, ReturnType<typeof offset>>([["both", offset(2)], [
      "metadata",
      offset(5),
    ]]),
    { train, test },
    { target: "streams", resamples: 20 },
  );
  assert.match(ablationReading(streams), /^Test MAE in `streams`: .* errs 3 `streams` less/);
  assert.match(ablationReading(evaluateVariants(new Map(), { train, test })), /^No test report/);
});

Deno.test("with several seeds the ablation shows each metric's spread and states a difference only when the ranges separate", () => {
  const train = [30, 40, 50, 60, 70].map((popularity, i) => ({ trackId: `r${i}`, popularity }));
  const test = [20, 45, 55, 80, 65, 35].map((popularity, i) => ({ trackId: `s${i}`, popularity }));
  const model = (d: number) => ({
    predict: (songs: readonly { popularity?: number | null }[]) =>
      Float32Array.from(songs, (s) => s.popularity! + d),
  });
  const seeded = (...offsets: number[]) => ({
    model: model(offsets[0]),
    result: { history: [], seconds: 1 },
    seeds: offsets.map((d, i) => ({ seed: 42 + i, model: model(d) })),
  });
  const evaluate = (both: number[], metadata: number[]) =>
    evaluateVariants(
      new Map<NetworkInputs, ReturnType<typeof seeded>>([
        ["both", seeded(...both)],
        ["metadata", seeded(...metadata)],
      ]),
      { train, test },
      { threshold: 50, resamples: 20 },
    );
  const apart = evaluate([2, 3, 4], [6, 7, 8]);
  assert.equal(apart.seeds, 3);
  const reading = ablationReading(apart);
  assert.match(reading, /CNN \(audio \+ metadata\) \*\*2\*\* \(over seeds 3 ± 1 \(2 to 4\)\)/);
  assert.match(reading, /Listening helps here: over 3 seeds audio \+ metadata errs 4 points less/);
  const overlap = ablationReading(evaluate([2, 3, 7], [6, 7, 8]));
  assert.match(overlap, /ranges over 3 seeds .* overlap: this run shows no difference/);
  assert.doesNotMatch(overlap, /Listening (does not )?helps?/);
  assert.match(ablationReading(evaluate([7, 8, 9], [2, 3, 4])), /Listening does not help here/);
  const frame = ablationFrame(variantReports(apart), variantSpreads(apart));
  assert.deepEqual(frame.columns, [
    "metric",
    "CNN (audio + metadata)",
    "CNN (audio + metadata) over 3 seeds: mean ± sd (range)",
    "metadata network",
    "metadata network over 3 seeds: mean ± sd (range)",
    "baseline",
  ]);
  assert.equal(
    frame.getColumn("CNN (audio + metadata) over 3 seeds: mean ± sd (range)").get(0),
    "3 ± 1 (2 to 4)",
  );
  const main = mainVariant(apart)!;
  const table = reportFrame(main.report!, "CNN", main.spread);
  assert.equal(table.columns[2], "over 3 seeds: mean ± sd (range)");
  assert.equal(table.getColumn(table.columns[2]).get(0), "3 ± 1 (2 to 4)");
  assert.equal(reportFrame(main.report!, "CNN").columns.length, 4);
  assert.equal(formatSeedSpread(undefined), "—");
});

Deno.test("importanceFigure and importanceReading: bars with intervals, the inputs relied on", () => {
  const importance = {
    metricName: "MAE",
    higherIsBetter: false,
    score: 9.3,
    n: 80,
    repeats: 10,
    rows: [
      { feature: "artist_popularity", importance: 6, low: 5, high: 7.5 },
      { feature: "audio", importance: 1.2, low: 0.4, high: 2 },
      { feature: "tempo", importance: 0.01, low: -0.1, high: 0.12 },
    ],
  };
  const figure = importanceFigure(importance);
  type Bars = { y: string[]; x: number[]; error_x: { array: number[] } };
  const bars = figure.data[0] as unknown as Bars;
  assert.deepEqual(bars.y, ["tempo", "audio", "artist_popularity"]);
  assert.deepEqual(bars.x, [0.01, 1.2, 6]);
  assert.deepEqual(bars.error_x.array.map((v) => Math.round(v * 100) / 100), [0.11, 0.8, 1.5]);
  assert.equal((importanceFigure(importance, { top: 1 }).data[0] as unknown as Bars).y.length, 1);
  const reading = importanceReading(importance, "CNN (audio + metadata)");
  assert.match(reading, /^CNN \(audio \+ metadata\): MAE 9\.30 on 80 test rows \(10 shuffles/);
  assert.match(
    reading,
    /Shuffling 2 inputs raises it, with the 95 % interval above zero: `artist_popularity` 6 \[5, 7\.50\], `audio` 1\.20 \[0\.400, 2\]\./,
  );
  assert.match(reading, /The other input makes no measurable difference/);
  assert.match(reading, /The spectrograms matter/);
  const none = { ...importance, rows: [{ feature: "audio", importance: 0, low: -1, high: 1 }] };
  assert.match(
    importanceReading(none, "m"),
    /Shuffling no input changes it measurably.* Shuffling the spectrograms .* makes no measurable difference/,
  );
});
