/**
 * Figures and tables of a training run, as the seed paper shows them: validation loss and MAE
 * per epoch, predicted vs actual popularity for a sample of test tracks, the histogram of
 * prediction errors with its mean marked; the metrics table with the trivial baseline beside
 * every metric; and a progress display that updates in place in a notebook.
 *
 * @example
 * ```ts
 * import { historyFigure, notebookProgress } from "./training.ts";
 * import { showFigure } from "./plotly.ts";
 * // const { result } = await PopularityModel.train(train, val, { ..., progress: notebookProgress() });
 * // await showFigure("04_history", historyFigure(result.history));
 * ```
 * @module
 */
import pl from "nodejs-polars";
import type { Config } from "../config.ts";
import type { ReportRow } from "../eval/metrics.ts";
import { AUDIO_FEATURE, type PermutationImportance } from "../eval/permutation.ts";
import { type SeedSpread, VARIANT_LABELS, type VariantEvaluation } from "../eval/variants.ts";
import { Rng } from "../data/random.ts";
import type { NetworkInputs } from "../model/cnn/architecture.ts";
import type { NetworkSummary } from "../model/cnn/summary.ts";
import type { DatasetSongs } from "../model/popularity/dataset_songs.ts";
import type { DatasetSong } from "../model/popularity/songs.ts";
import { isTinyDemo, TINY_EPOCHS } from "../model/popularity/variants.ts";
import type { TrainResult } from "../model/training/train.ts";
import type { EpochRecord } from "../model/training/history.ts";
import { formatEpoch } from "../model/training/history.ts";
import {
  formatBatch,
  terminalProgress,
  type TrainingProgress,
} from "../model/training/progress.ts";
import { inJupyter } from "./display.ts";
import { formatInterval, formatNumber, MISSING } from "./format.ts";
import type { Figure } from "./plotly.ts";

/** Options of {@link historyFigure}. */
export interface HistoryFigureOptions {
  /** Title; default "Validation loss and MAE per epoch". */
  title?: string;
  /** Also draw the training curves (dotted); default true. */
  training?: boolean;
}

/**
 * Validation loss (left axis) and validation MAE (right axis) per epoch, training curves dotted,
 * the best epoch (lowest validation loss, whose weights are kept) marked.
 */
export function historyFigure(
  history: readonly EpochRecord[],
  options: HistoryFigureOptions = {},
): Figure {
  const epochs = history.map((r) => r.epoch + 1);
  const regression = history.every((r) => r.valMae !== null);
  const errorName = regression ? "MAE" : "accuracy";
  const err = (r: EpochRecord, train: boolean) =>
    regression ? (train ? r.mae : r.valMae) : (train ? r.accuracy : r.valAccuracy);
  const data: Figure["data"] = [
    {
      type: "scatter",
      mode: "lines+markers",
      name: "validation loss",
      x: epochs,
      y: history.map((r) => r.valLoss),
    },
    {
      type: "scatter",
      mode: "lines+markers",
      name: `validation ${errorName}`,
      x: epochs,
      y: history.map((r) => err(r, false)),
      yaxis: "y2",
    },
  ];
  if (options.training ?? true) {
    data.push(
      {
        type: "scatter",
        mode: "lines",
        line: { dash: "dot" },
        name: "training loss",
        x: epochs,
        y: history.map((r) => r.loss),
      },
      {
        type: "scatter",
        mode: "lines",
        line: { dash: "dot" },
        name: `training ${errorName}`,
        x: epochs,
        y: history.map((r) => err(r, true)),
        yaxis: "y2",
      },
    );
  }
  const losses = history.map((r) => r.valLoss);
  const best = losses.indexOf(Math.min(...losses));
  return {
    data,
    layout: {
      title: { text: options.title ?? `Validation loss and ${errorName} per epoch` },
      xaxis: { title: { text: "epoch" }, dtick: 1 },
      yaxis: { title: { text: regression ? "loss (MSE, points²)" : "loss (cross-entropy)" } },
      yaxis2: {
        title: { text: regression ? "MAE (popularity points)" : "accuracy" },
        overlaying: "y",
        side: "right",
      },
      shapes: best >= 0
        ? [{
          type: "line",
          x0: best + 1,
          x1: best + 1,
          yref: "paper",
          y0: 0,
          y1: 1,
          line: { dash: "dash", color: "grey" },
        }]
        : [],
      annotations: best >= 0
        ? [{
          x: best + 1,
          yref: "paper",
          y: 1,
          text: `best epoch ${best + 1}`,
          showarrow: false,
          yanchor: "bottom",
        }]
        : [],
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/** Options of {@link predictedVsActualFigure}. */
export interface PredictedVsActualOptions {
  /** Tracks shown, drawn at random with `seed`; default 25. */
  sample?: number;
  /** Seed of the draw; default 0. */
  seed?: number;
  /** A label per track (its name), default its index. */
  labels?: readonly string[];
  /** The figure's title; default "Predicted vs actual popularity (N test tracks)". */
  title?: string;
}

/** Bars of actual and predicted popularity for a random sample of test tracks. */
export function predictedVsActualFigure(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: PredictedVsActualOptions = {},
): Figure {
  if (actual.length !== predicted.length) {
    throw new RangeError(`${actual.length} actual values but ${predicted.length} predictions`);
  }
  const all = Array.from({ length: actual.length }, (_, i) => i);
  const picked = new Rng(options.seed ?? 0).shuffle(all).slice(0, options.sample ?? 25)
    .sort((a, b) => actual[a] - actual[b]);
  const x = picked.map((i) => options.labels?.[i] ?? `#${i}`);
  return {
    data: [
      { type: "bar", name: "actual", x, y: picked.map((i) => actual[i]) },
      { type: "bar", name: "predicted", x, y: picked.map((i) => predicted[i]) },
    ],
    layout: {
      title: {
        text: options.title ?? `Predicted vs actual popularity (${picked.length} test tracks)`,
      },
      barmode: "group",
      yaxis: { title: { text: "popularity (0–100)" }, range: [0, 100] },
      xaxis: { tickangle: -45 },
    },
  };
}

/** Histogram of prediction errors (predicted − actual) with the mean error marked. */
export function errorHistogramFigure(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: { title?: string; bins?: number } = {},
): Figure {
  if (actual.length !== predicted.length || actual.length === 0) {
    throw new RangeError(
      `expected equal, non-zero lengths; found ${actual.length}, ${predicted.length}`,
    );
  }
  const errors = Array.from(predicted, (p, i) => p - actual[i]);
  const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
  return {
    data: [{ type: "histogram", x: errors, nbinsx: options.bins ?? 30, name: "errors" }],
    layout: {
      title: { text: options.title ?? "Prediction errors (predicted − actual)" },
      xaxis: { title: { text: "error (popularity points)" } },
      yaxis: { title: { text: "tracks" } },
      shapes: [{
        type: "line",
        x0: mean,
        x1: mean,
        yref: "paper",
        y0: 0,
        y1: 1,
        line: { color: "red", dash: "dash" },
      }],
      annotations: [{
        x: mean,
        yref: "paper",
        y: 1,
        text: `mean ${mean.toFixed(2)}`,
        showarrow: false,
        yanchor: "bottom",
      }],
    },
  };
}

const estimate = (e: { value: number; low: number; high: number }) =>
  Number.isFinite(e.value) ? `${formatNumber(e.value)} ${formatInterval(e.low, e.high)}` : MISSING;

/**
 * A metric's spread over seeds for reading: `mean ± sd (min to max)`; the dash where undefined.
 */
export function formatSeedSpread(spread: SeedSpread | undefined): string {
  if (!spread || !Number.isFinite(spread.mean)) return MISSING;
  return `${formatNumber(spread.mean)} ± ${formatNumber(spread.sd)} ` +
    `(${formatNumber(spread.min)} to ${formatNumber(spread.max)})`;
}

const seedsColumn = (label: string, spread: readonly SeedSpread[]) =>
  `${label} over ${Math.max(...spread.map((s) => s.values.length))} seeds: mean ± sd (range)`;

/**
 * A report (lib/eval/metrics.ts) as a table: metric, the model's value with its bootstrap 95 %
 * interval, with several seeds the metric's mean ± standard deviation (range) over them, the
 * trivial baseline's value and which baseline it is.
 *
 * @param label column title of the model, e.g. "audio + metadata"
 * @param spread the metrics' spread over seeds (seedSpread, lib/eval/variants.ts), in the
 *   report's order; left out when null or one seed
 */
export function reportFrame(
  rows: readonly ReportRow[],
  label = "model",
  spread: readonly SeedSpread[] | null = null,
): pl.DataFrame {
  const seeds = spread && spread.some((s) => s.values.length > 1) ? spread : null;
  return pl.DataFrame({
    metric: rows.map((r) => r.metric),
    [`${label} [95 % CI]`]: rows.map((r) => estimate(r.model)),
    ...(seeds
      ? { [seedsColumn("", seeds).trim()]: rows.map((r) => formatSeedSpread(spreadOf(seeds, r))) }
      : {}),
    "baseline [95 % CI]": rows.map((r) => estimate(r.baseline)),
    baseline: rows.map((r) => r.baselineName),
  });
}

const spreadOf = (spread: readonly SeedSpread[] | undefined, row: ReportRow) =>
  spread?.find((s) => s.metric === row.metric);

/**
 * Several models' reports side by side (the ablation): one row per metric, one column per
 * model (value and 95 % interval) followed, where the model was trained with several seeds, by
 * its mean ± standard deviation (range) over seeds; then the baseline's. The reports must list
 * the same metrics.
 *
 * @param spreads each model's spread over seeds, keyed like `reports` (see {@link variantSpreads})
 */
export function ablationFrame(
  reports: Readonly<Record<string, readonly ReportRow[]>>,
  spreads: Readonly<Record<string, readonly SeedSpread[]>> = {},
): pl.DataFrame {
  const entries = Object.entries(reports);
  if (entries.length === 0) throw new RangeError("no report to compare");
  const [, first] = entries[0];
  const columns: Record<string, string[]> = { metric: first.map((r) => r.metric) };
  for (const [name, rows] of entries) {
    if (rows.map((r) => r.metric).join() !== first.map((r) => r.metric).join()) {
      throw new RangeError(`report "${name}" lists other metrics than "${entries[0][0]}"`);
    }
    columns[name] = rows.map((r) => estimate(r.model));
    const spread = spreads[name];
    if (spread && spread.some((s) => s.values.length > 1)) {
      columns[seedsColumn(name, spread)] = rows.map((r) => formatSeedSpread(spreadOf(spread, r)));
    }
  }
  columns["baseline"] = first.map((r) => `${estimate(r.baseline)} (${r.baselineName})`);
  return pl.DataFrame(columns);
}

/** Options of {@link notebookProgress}. */
export interface NotebookProgressOptions {
  /**
   * Shows or replaces the output area `display_id` with a `text/plain` bundle (`update` false the
   * first time); default Deno.jupyter.display inside Jupyter, the terminal progress outside.
   */
  display?: (
    bundle: { "text/plain": string },
    options: { display_id: string; update: boolean },
  ) => void | Promise<void>;
  /** Clock in ms for the redraw throttle; default performance.now. */
  now?: () => number;
}

/** Least time between two redraws of the bar in the middle of an epoch, in ms. */
const NOTEBOOK_PROGRESS_INTERVAL_MS = 500;

/**
 * Training progress for a notebook: one output area updated in place with the bar (count,
 * rate, ETA) and the epoch lines so far. The bar is redrawn at most every
 * {@link NOTEBOOK_PROGRESS_INTERVAL_MS} and always at the end of an epoch; messages and epoch
 * lines are shown at once. Outside Jupyter (and with no `display` given), the terminal progress.
 *
 * @param label shown above the bar, e.g. the model's name
 */
export function notebookProgress(
  label = "training",
  options: NotebookProgressOptions = {},
): TrainingProgress {
  if (!options.display && !inJupyter()) return terminalProgress();
  const draw = outputArea(options);
  const lines: string[] = [];
  let bar = "";
  const render = (force: boolean) => draw([label, ...lines, bar], force);
  return {
    async onMessage(line) {
      lines.push(line);
      await render(true);
    },
    async onBatch(p) {
      bar = formatBatch(p);
      await render(p.done === p.total);
    },
    async onEpoch(record) {
      lines.push(formatEpoch(record));
      bar = "";
      await render(true);
    },
  };
}

/**
 * Training progress for several networks trained one after another (the k-fold CNNs, a study's
 * classifiers): one output area under `title` with one line per network — its label, its latest
 * epoch, then its messages (early stop, resume) — and the running network's bar below, so a
 * report shows a line per network instead of every epoch of each. Returns the progress factory a
 * trainer takes: `label` turns the factory's arguments into the network's label (default: the
 * first argument). Throttled as {@link notebookProgress}; outside Jupyter (and with no `display`
 * given), each network's terminal progress.
 *
 * @example
 * ```ts
 * import { notebookProgressGroup } from "./training.ts";
 * const progress = notebookProgressGroup(
 *   "CNN per fold",
 *   (inputs: string, fold: number) => `${inputs}, fold ${fold + 1}`,
 * );
 * // await cnnFolds(..., { progress });
 * ```
 */
export function notebookProgressGroup<A extends unknown[] = [string]>(
  title: string,
  label: (...args: A) => string = (...args) => String(args[0]),
  options: NotebookProgressOptions = {},
): (...args: A) => TrainingProgress {
  if (!options.display && !inJupyter()) return () => terminalProgress();
  const draw = outputArea(options);
  const networks: { label: string; epoch: string; messages: string[] }[] = [];
  let bar = "";
  const render = (force: boolean) =>
    draw([
      title,
      ...networks.map((n) => [`${n.label}: ${n.epoch || "starting"}`, ...n.messages].join(" · ")),
      bar,
    ], force);
  return (...args) => {
    const network = { label: label(...args), epoch: "", messages: [] as string[] };
    const start = () => {
      if (networks.includes(network)) return;
      networks.push(network);
      bar = "";
    };
    return {
      async onMessage(line) {
        start();
        network.messages.push(line);
        await render(true);
      },
      async onBatch(p) {
        start();
        bar = formatBatch(p);
        await render(p.done === p.total);
      },
      async onEpoch(record) {
        start();
        network.epoch = formatEpoch(record);
        bar = "";
        await render(true);
      },
    };
  };
}

/**
 * One output area redrawn in place with the given lines (empty ones left out): always when
 * `force`, otherwise at most every {@link NOTEBOOK_PROGRESS_INTERVAL_MS}.
 */
function outputArea(
  options: NotebookProgressOptions,
): (lines: string[], force: boolean) => Promise<void> {
  const show = options.display ??
    ((bundle, o) => Deno.jupyter.display(bundle, { raw: true, ...o }));
  const now = options.now ?? (() => performance.now());
  const id = `progress-${crypto.randomUUID()}`;
  let last = -Infinity;
  let shown = false;
  return async (lines, force) => {
    const t = now();
    if (!force && t - last < NOTEBOOK_PROGRESS_INTERVAL_MS) return;
    last = t;
    await show({ "text/plain": lines.filter(Boolean).join("\n") }, {
      display_id: id,
      update: shown,
    });
    shown = true;
  };
}

/** The run's settings in one Markdown paragraph: dataset, seed, epochs, optimiser, backend. */
export function trainingSettingsMarkdown(
  config: Config,
  run: { epochs: number; backend: string },
): string {
  const d = config.dataset, m = config.model;
  return `**Dataset** \`${d.source}\`` + (d.source === "demo" ? ` (\`${d.demoSize}\`)` : "") +
    ` · **seed** ${config.seed} · **epochs** up to ${run.epochs}` +
    (isTinyDemo(config) ? ` (capped at ${TINY_EPOCHS} on the tiny corpus)` : "") +
    ` · batch ${m.batchSize} · learning rate ${m.learningRate} · patience ${m.patience}, ` +
    `δ ${m.minDelta}\n\n**Backend** ${run.backend.replace(/^backend: /, "")}`;
}

/**
 * The songs per part as a Markdown table, with how the spectrograms were obtained and why
 * tracks were left out.
 */
export function songsMarkdown(data: DatasetSongs): string {
  const { songs, spectrograms: s } = data;
  const lines: string[] = [];
  if (s) {
    lines.push(
      `${formatNumber(s.computed)} spectrograms (${formatNumber(s.fromCache)} from the cache), ` +
        `${formatNumber(s.failures)} failures, ${formatNumber(s.seconds)} s.`,
      "",
    );
  } else {
    lines.push(
      data.regression
        ? "No audio in this dataset: the metadata network only."
        : "No audio in this dataset.",
      "",
    );
  }
  lines.push("| part | songs |", "|---|---:|");
  for (const part of ["train", "validation", "test"] as const) {
    lines.push(`| ${part} | ${formatNumber(songs[part].length)} |`);
  }
  lines.push(`| left out | ${formatNumber(songs.excluded.length)} |`, "");
  lines.push(
    `Target: \`${data.target}\`` +
      (data.regression
        ? "."
        : " — not a popularity score; this notebook trains regression models only."),
  );
  const reasons = new Map<string, number>();
  for (const e of songs.excluded) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
  if (reasons.size > 0) {
    lines.push("", ...[...reasons].map(([r, n]) => `- ${formatNumber(n)} left out: ${r}`));
  }
  return lines.join("\n");
}

/** The network's layers as a table, and a title with its parameter count. */
export function networkTable(
  summary: NetworkSummary,
  metadataFeatures: number,
): { table: pl.DataFrame; title: string } {
  return {
    table: pl.DataFrame({
      layer: summary.layers.map((l) => l.layer),
      kind: summary.layers.map((l) => l.kind),
      "output shape": summary.layers.map((l) => l.output),
      parameters: summary.layers.map((l) => formatNumber(l.parameters)),
    }),
    title: `${formatNumber(summary.parameters)} parameters in all (with ${metadataFeatures} ` +
      `metadata features)`,
  };
}

/** One line per trained variant: epochs, time, throughput, best epoch and early stop. */
export function trainingRunsMarkdown(
  trained: ReadonlyMap<NetworkInputs, { result: TrainResult }>,
): string {
  if (trained.size === 0) return "No model trained (no regression target or no songs).";
  return [...trained].map(([name, { result }]) => {
    const rate = result.history.reduce((s, r) => s + r.samplesPerSecond, 0) /
      Math.max(result.history.length, 1);
    return `- **${VARIANT_LABELS[name]}**: ${result.history.length} epochs in ` +
      `${formatNumber(result.seconds)} s (${formatNumber(Math.round(rate))} samples/s), best ` +
      `epoch ${result.bestEpoch + 1}` +
      (result.stopEpoch !== null ? `, stopped early after epoch ${result.stopEpoch + 1}` : "");
  }).join("\n");
}

/** Each test song's label for a figure: its track name where known, else its id. */
export function songLabels(
  rows: readonly Readonly<Record<string, unknown>>[],
  songs: readonly DatasetSong[],
): string[] {
  const names = new Map(rows.map((r) => [String(r.track_id), String(r.track_name ?? r.track_id)]));
  return songs.map((s) => names.get(s.trackId) ?? s.trackId);
}

/** Title of the main model's report: test songs and the threshold. */
export function evaluationTitle(evaluation: VariantEvaluation): string {
  return `${VARIANT_LABELS[evaluation.main ?? "both"]} on ${evaluation.actual.length} test songs` +
    (evaluation.threshold !== null
      ? `, popular at ${evaluation.target} ≥ ${formatNumber(evaluation.threshold)}`
      : "");
}

/** The reports of every variant keyed by its label, for {@link ablationFrame}. */
export function variantReports(evaluation: VariantEvaluation): Record<string, ReportRow[]> {
  return Object.fromEntries(
    [...evaluation.reports].map(([name, report]) => [VARIANT_LABELS[name], report]),
  );
}

/** Every variant's spread over seeds keyed by its label, for {@link ablationFrame}. */
export function variantSpreads(evaluation: VariantEvaluation): Record<string, SeedSpread[]> {
  return Object.fromEntries(
    [...evaluation.spreads].map(([name, spread]) => [VARIANT_LABELS[name], spread]),
  );
}

/**
 * The ablation in a few sentences: each variant's test MAE beside the mean predictor's, and
 * whether listening helped (audio + metadata vs the metadata network); a warning on a quick run.
 * With several seeds each MAE is read as its mean ± sd (range) over seeds, and a difference is
 * stated only when the two ranges over seeds do not overlap; with one seed the point values are
 * compared and the reading says that the spread over seeds was not measured.
 */
export function ablationReading(
  evaluation: VariantEvaluation,
  options: { quick?: boolean } = {},
): string {
  const maeOf = (name: NetworkInputs) =>
    evaluation.reports.get(name)?.find((r) => r.metric === "MAE");
  const spreadOf = (name: NetworkInputs) =>
    evaluation.spreads.get(name)?.find((r) => r.metric === "MAE" && r.values.length > 1);
  const parts = (["both", "metadata", "audio"] as const)
    .filter((n) => maeOf(n))
    .map((n) =>
      `${VARIANT_LABELS[n]} **${formatNumber(maeOf(n)!.model.value)}**` +
      (spreadOf(n) ? ` (over seeds ${formatSeedSpread(spreadOf(n))})` : "")
    );
  if (parts.length === 0) return "No test report (no model trained or fewer than two test songs).";
  const base = [...evaluation.reports.values()][0].find((r) => r.metric === "MAE")!.baseline;
  const unit = evaluation.target === "track_popularity"
    ? "popularity points"
    : `\`${evaluation.target}\``;
  const points = unit === "popularity points" ? "points" : unit;
  let text = `Test MAE in ${unit}: ${parts.join(", ")}; the mean predictor ` +
    `${formatNumber(base.value)}.`;
  const both = maeOf("both"), meta = maeOf("metadata");
  const bothSeeds = spreadOf("both"), metaSeeds = spreadOf("metadata");
  if (both && meta && bothSeeds && metaSeeds) {
    const n = Math.min(bothSeeds.values.length, metaSeeds.values.length);
    if (bothSeeds.max < metaSeeds.min) {
      text +=
        ` Listening helps here: over ${n} seeds audio + metadata errs ${
          formatNumber(metaSeeds.mean - bothSeeds.mean)
        } ${points} less on average than the metadata alone, and the ranges over seeds do not ` +
        "overlap.";
    } else if (metaSeeds.max < bothSeeds.min) {
      text +=
        ` Listening does not help here: over ${n} seeds the metadata network errs ${
          formatNumber(bothSeeds.mean - metaSeeds.mean)
        } ${points} less on average than audio + metadata, and the ranges over seeds do not ` +
        "overlap.";
    } else {
      text += ` The ranges over ${n} seeds of audio + metadata and of the metadata network ` +
        "overlap: this run shows no difference between them beyond the training's own variation.";
    }
  } else if (both && meta) {
    text += both.model.value < meta.model.value
      ? ` Listening helps here: audio + metadata errs ${
        formatNumber(meta.model.value - both.model.value)
      } ${points} less than the metadata alone.`
      : " Listening does not help here: the metadata network errs no more than audio + metadata.";
    text += " (One seed: the variation between training runs was not measured; " +
      "`model.seeds` sets how many.)";
  }
  if (options.quick) {
    text += ` (Tiny corpus, ${TINY_EPOCHS} epochs: these numbers mean nothing yet.)`;
  }
  return text;
}

/** Where the result files for the model comparison went, or why there are none. */
export function resultFilesMarkdown(
  paths: readonly string[],
  display: (p: string) => string = (p) => p,
): string {
  return paths.length
    ? `Results for notebook 05: ${paths.map((p) => `\`${display(p)}\``).join(", ")}`
    : "No threshold results to write (no model trained or no threshold).";
}

/**
 * A prediction of one song in a sentence: its name and artist (from its consolidated row), the
 * predicted and the actual popularity, and the time from file to prediction.
 */
export function predictionReading(
  row: Readonly<Record<string, unknown>>,
  prediction: { value: number; seconds: number },
  actual: number | null | undefined,
): string {
  const track = String(row.track_name ?? row.track_id), artist = String(row.artist_name ?? MISSING);
  return `\`${track}\` by ${artist}: predicted **${formatNumber(prediction.value)}**, actual ` +
    `${formatNumber(actual)} (${formatNumber(Math.round(prediction.seconds * 1000))} ms from ` +
    `file to prediction).`;
}

/**
 * Permutation importance as horizontal bars (the most important on top) with their bootstrap
 * 95 % intervals as error bars: how much the score worsens when one input is shuffled across the
 * test rows.
 *
 * @param options.top most inputs shown; default 20
 */
export function importanceFigure(
  importance: PermutationImportance,
  options: { title?: string; top?: number } = {},
): Figure {
  const rows = importance.rows.slice(0, options.top ?? 20).reverse();
  const unit = importance.higherIsBetter ? "drop" : "rise";
  return {
    data: [{
      type: "bar",
      orientation: "h",
      y: rows.map((r) => r.feature),
      x: rows.map((r) => r.importance),
      error_x: {
        type: "data",
        symmetric: false,
        array: rows.map((r) => Math.max(0, r.high - r.importance)),
        arrayminus: rows.map((r) => Math.max(0, r.importance - r.low)),
      },
      name: "importance",
    }],
    layout: {
      title: {
        text: options.title ??
          `Permutation importance (${importance.metricName}, ${importance.n} test rows)`,
      },
      xaxis: { title: { text: `${unit} of ${importance.metricName} when shuffled [95 % CI]` } },
      margin: { l: 160 },
      height: Math.max(300, 28 * rows.length + 120),
    },
  };
}

/**
 * Permutation importance in a few sentences: the score on the intact test rows, the inputs
 * whose interval lies above zero (the model relies on them), the largest first, and how many
 * make no measurable difference.
 *
 * @param label the model, e.g. "CNN (audio + metadata)"
 */
export function importanceReading(importance: PermutationImportance, label: string): string {
  const { metricName, rows } = importance;
  const unit = importance.higherIsBetter ? "lowers" : "raises";
  if (rows.length === 0) return `${label}: no input to shuffle.`;
  const relied = rows.filter((r) => r.low > 0);
  const shown = relied.slice(0, 5).map((r) =>
    `\`${r.feature}\` ${formatNumber(r.importance)} ${formatInterval(r.low, r.high)}`
  );
  let text = `${label}: ${metricName} ${formatNumber(importance.score)} on ${importance.n} ` +
    `test rows (${importance.repeats} shuffles per input). `;
  text += relied.length
    ? `Shuffling ${relied.length === 1 ? "one input" : `${relied.length} inputs`} ${unit} it, ` +
      `with the 95 % interval above zero: ${shown.join(", ")}${relied.length > 5 ? ", …" : ""}.`
    : "Shuffling no input changes it measurably (every interval reaches zero).";
  const none = rows.length - relied.length;
  if (relied.length && none) {
    text += ` The other ${none === 1 ? "input makes" : `${none} inputs make`} no measurable ` +
      "difference (their intervals reach zero).";
  }
  const audio = rows.find((r) => r.feature === AUDIO_FEATURE);
  if (audio) {
    text += audio.low > 0
      ? " The spectrograms matter: shuffling them across test songs worsens the predictions."
      : " Shuffling the spectrograms across test songs makes no measurable difference.";
  }
  return text;
}
