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
import type { ReportRow } from "../eval/metrics.ts";
import { Rng } from "../data/random.ts";
import type { EpochRecord } from "../model/training/history.ts";
import { formatEpoch } from "../model/training/history.ts";
import {
  formatBatch,
  terminalProgress,
  type TrainingProgress,
} from "../model/training/progress.ts";
import { inJupyter } from "./display.ts";
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

const estimate = (e: { value: number; low: number; high: number }, digits = 3) =>
  Number.isNaN(e.value)
    ? "–"
    : `${e.value.toFixed(digits)} [${e.low.toFixed(digits)}, ${e.high.toFixed(digits)}]`;

/**
 * A report (lib/eval/metrics.ts) as a table: metric, the model's value with its bootstrap 95 %
 * interval, the trivial baseline's, and which baseline it is.
 *
 * @param label column title of the model, e.g. "audio + metadata"
 */
export function reportFrame(rows: readonly ReportRow[], label = "model"): pl.DataFrame {
  return pl.DataFrame({
    metric: rows.map((r) => r.metric),
    [`${label} [95 % CI]`]: rows.map((r) => estimate(r.model)),
    "baseline [95 % CI]": rows.map((r) => estimate(r.baseline)),
    baseline: rows.map((r) => r.baselineName),
  });
}

/**
 * Several models' reports side by side (the ablation): one row per metric, one column per
 * model (value and 95 % interval), then the baseline's. The reports must list the same metrics.
 */
export function ablationFrame(
  reports: Readonly<Record<string, readonly ReportRow[]>>,
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
  }
  columns["baseline"] = first.map((r) => `${estimate(r.baseline)} (${r.baselineName})`);
  return pl.DataFrame(columns);
}

/**
 * Training progress for a notebook: one output area updated in place with the bar (count,
 * rate, ETA) and the epoch lines so far. Outside Jupyter, the terminal progress.
 *
 * @param label shown above the bar, e.g. the model's name
 */
export function notebookProgress(label = "training"): TrainingProgress {
  if (!inJupyter()) return terminalProgress();
  const id = `progress-${crypto.randomUUID()}`;
  const lines: string[] = [];
  let bar = "";
  let last = 0;
  let shown = false;
  const render = async (force: boolean) => {
    const now = performance.now();
    if (!force && now - last < 500) return;
    last = now;
    const text = [label, ...lines, bar].filter(Boolean).join("\n");
    await Deno.jupyter.display(
      { "text/plain": text },
      { raw: true, display_id: id, update: shown },
    );
    shown = true;
  };
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
