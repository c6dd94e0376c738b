/**
 * Figures and tables of the stream-forecasting study (seed 003, notebook 06): a few series with
 * their observed, interpolated and filled days; RMSE against lookback for LSTM and GRU with the
 * naive baselines as reference lines; training, validation and test loss per epoch; predicted
 * against actual streams for a few songs over the test days; and the comparison table with the
 * baselines in it.
 *
 * @example
 * ```ts
 * import { sweepFigure } from "./forecast.ts";
 * import { showFigure } from "./plotly.ts";
 * // await showFigure("06_lookback_sweep", sweepFigure(sweep.rows, { baselines }));
 * ```
 * @module
 */
import pl from "nodejs-polars";
import type { Config } from "../config.ts";
import type { ChronologicalSplit } from "../data/charts/chronological.ts";
import { DAY_STATUS, type GapReport, type PreparedStreams } from "../data/charts/gaps.ts";
import type { SongMetadata } from "../data/charts/metadata.ts";
import type { StreamSource } from "../data/charts/load.ts";
import type {
  ForecastResults,
  MultiInputOutcome,
  WindowSummaryRow,
} from "../eval/forecast/experiment.ts";
import type { ForecastPlan } from "../eval/forecast/plan.ts";
import type { ForecastRow } from "../eval/forecast/table.ts";
import type { SweepRow } from "../eval/forecast/sweep.ts";
import type { StreamPredictions, TrainedForecaster } from "../model/forecast/experiment.ts";
import type { ForecastFit } from "../model/forecast/train.ts";
import { formatNumber } from "./format.ts";
import type { Figure, Trace } from "./plotly.ts";

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"];

/** Axis names of subplot k (0-based): x/y, x2/y2, … */
function axes(k: number): { xaxis: string; yaxis: string; layoutX: string; layoutY: string } {
  const n = k === 0 ? "" : String(k + 1);
  return { xaxis: `x${n}`, yaxis: `y${n}`, layoutX: `xaxis${n}`, layoutY: `yaxis${n}` };
}

/** A stack of subplots with one title each (plotly grid + annotations). */
function stacked(titles: readonly string[], height = 260): Record<string, unknown> {
  const annotations = titles.map((text, k) => ({
    text,
    showarrow: false,
    xref: `${axes(k).xaxis} domain`,
    yref: `${axes(k).yaxis} domain`,
    x: 0,
    y: 1.12,
    xanchor: "left",
    font: { size: 12 },
  }));
  return {
    grid: { rows: titles.length, columns: 1, pattern: "independent", roworder: "top to bottom" },
    height: Math.max(320, height * titles.length),
    annotations,
    legend: { orientation: "h", y: -0.08 },
  };
}

/** Options of {@link streamSeriesFigure}. */
export interface StreamSeriesOptions {
  /** Caption per song row, e.g. its name; default the track id. */
  labels?: ReadonlyMap<string, string>;
  /** The figure's title; default one naming what is drawn. */
  title?: string;
}

/**
 * The prepared series of a few songs (rows of the prepared table): the counts as a line, the
 * days that were interpolated (one-day gaps) and filled (longer gaps) marked, and the
 * validation and test periods shaded.
 */
export function streamSeriesFigure(
  prepared: PreparedStreams,
  split: ChronologicalSplit,
  songs: readonly number[],
  options: StreamSeriesOptions = {},
): Figure {
  const { table, status } = prepared;
  const days = table.dates.length;
  const data: Trace[] = [];
  const inLegend = new Set<string>();
  const layout: Record<string, unknown> = stacked(
    songs.map((s) => options.labels?.get(table.trackIds[s]) ?? table.trackIds[s]),
  );
  songs.forEach((s, k) => {
    const a = axes(k);
    const row = Array.from(table.values.subarray(s * days, (s + 1) * days));
    const marked = (kind: number) => {
      const idx = row.map((_, d) => d).filter((d) => status[s * days + d] === kind);
      return { x: idx.map((d) => table.dates[d]), y: idx.map((d) => row[d]) };
    };
    data.push({
      type: "scatter",
      mode: "lines",
      name: "streams (prepared)",
      x: table.dates,
      y: row,
      line: { color: "#555", width: 1 },
      xaxis: a.xaxis,
      yaxis: a.yaxis,
      showlegend: k === 0,
      legendgroup: "series",
    });
    for (
      const [kind, name, color, symbol] of [
        [DAY_STATUS.interpolated, "one-day gap, interpolated", "#ff7f0e", "circle"],
        [DAY_STATUS.filled, "longer gap, filled", "#d62728", "x"],
      ] as const
    ) {
      const points = marked(kind);
      data.push({
        type: "scatter",
        mode: "markers",
        name,
        ...points,
        marker: { color, symbol, size: 7 },
        xaxis: a.xaxis,
        yaxis: a.yaxis,
        // In the legend once, from the first subplot that has such days.
        showlegend: points.x.length > 0 && !inLegend.has(name),
        legendgroup: name,
      });
      if (points.x.length > 0) inLegend.add(name);
    }
    layout[a.layoutY] = { title: { text: "streams" } };
  });
  layout.shapes = songs.flatMap((_, k) => {
    const a = axes(k);
    return [
      [split.validationStart, split.testStart, "rgba(255,165,0,0.10)"],
      [split.testStart, days, "rgba(214,39,40,0.10)"],
    ].map(([from, to, fill]) => ({
      type: "rect",
      xref: a.xaxis,
      yref: `${a.yaxis} domain`,
      x0: table.dates[from as number],
      x1: table.dates[Math.min(to as number, days - 1)],
      y0: 0,
      y1: 1,
      fillcolor: fill,
      line: { width: 0 },
    }));
  });
  layout.title = {
    text: options.title ??
      "Daily streams, prepared (shaded: validation, then test days)",
  };
  return { data, layout };
}

/** Options of {@link sweepFigure}. */
export interface SweepFigureOptions {
  /** Test RMSE of the naive baselines, drawn as horizontal lines. */
  baselines?: readonly { name: string; rmse: number }[];
  /** The figure's title; default "RMSE against lookback (streams; validation chooses)". */
  title?: string;
}

/**
 * RMSE in streams against lookback, one colour per cell: validation days solid (they choose
 * the lookback), test days dashed; the baselines' test RMSE as dotted lines.
 */
export function sweepFigure(rows: readonly SweepRow[], options: SweepFigureOptions = {}): Figure {
  const cells = [...new Set(rows.map((r) => r.cell))];
  const data: Trace[] = [];
  cells.forEach((cell, k) => {
    const mine = rows.filter((r) => r.cell === cell).sort((a, b) => a.lookback - b.lookback);
    const color = COLORS[k % COLORS.length];
    for (const [part, dash] of [["validation", "solid"], ["test", "dash"]] as const) {
      data.push({
        type: "scatter",
        mode: "lines+markers",
        name: `${cell.toUpperCase()} · ${part}`,
        x: mine.map((r) => r.lookback),
        y: mine.map((r) => (part === "validation" ? r.validationRmse : r.testRmse)),
        line: { color, dash },
      });
    }
  });
  const lookbacks = rows.map((r) => r.lookback);
  const [lo, hi] = [Math.min(...lookbacks), Math.max(...lookbacks)];
  (options.baselines ?? []).forEach((b, k) => {
    data.push({
      type: "scatter",
      mode: "lines",
      name: `${b.name} · test`,
      x: [lo, hi],
      y: [b.rmse, b.rmse],
      line: { color: ["#7f7f7f", "#bcbd22"][k % 2], dash: "dot" },
    });
  });
  return {
    data,
    layout: {
      title: { text: options.title ?? "RMSE against lookback (streams; validation chooses)" },
      xaxis: {
        title: { text: "lookback (days)" },
        tickvals: [...new Set(lookbacks)].sort((a, b) => a - b),
      },
      yaxis: { title: { text: "RMSE (streams per day)" } },
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/**
 * Loss per epoch of each model (one subplot each, log scale): training (mean over the epoch's
 * batches), validation (early stopping's monitor) and test (recorded for the curve only), in
 * the scaled units the models train on; the best epoch, whose weights are kept, marked.
 */
export function lossCurvesFigure(
  models: readonly { name: string; fit: ForecastFit }[],
  title = "Loss per epoch (MSE of scaled counts)",
): Figure {
  const data: Trace[] = [];
  const layout = stacked(models.map((m) => m.name), 240);
  const shapes: Record<string, unknown>[] = [];
  models.forEach((m, k) => {
    const a = axes(k);
    const epochs = m.fit.history.map((r) => r.epoch + 1);
    const curves: [string, (number | null)[], string][] = [
      ["training", m.fit.history.map((r) => r.loss), COLORS[0]],
      ["validation", m.fit.history.map((r) => r.valLoss), COLORS[2]],
      ["test", m.fit.history.map((r) => r.monitorLoss), COLORS[1]],
    ];
    for (const [name, y, color] of curves) {
      if (y.every((v) => v === null)) continue;
      data.push({
        type: "scatter",
        mode: "lines",
        name,
        x: epochs,
        y,
        line: { color, dash: name === "test" ? "dash" : "solid" },
        xaxis: a.xaxis,
        yaxis: a.yaxis,
        showlegend: k === 0,
        legendgroup: name,
      });
    }
    shapes.push({
      type: "line",
      xref: a.xaxis,
      yref: `${a.yaxis} domain`,
      x0: m.fit.bestEpoch + 1,
      x1: m.fit.bestEpoch + 1,
      y0: 0,
      y1: 1,
      line: { color: "#999", dash: "dot" },
    });
    layout[a.layoutY] = { type: "log", title: { text: "MSE" } };
    layout[a.layoutX] = { title: { text: k === models.length - 1 ? "epoch" : "" } };
  });
  return { data, layout: { ...layout, shapes, title: { text: title } } };
}

/** Options of {@link forecastVsActualFigure}. */
export interface ForecastPlotOptions {
  /** Days of history shown before the first test day; default 28. */
  contextDays?: number;
  /** Caption per track id; default the id. */
  labels?: ReadonlyMap<string, string>;
  /** The figure's title; default one naming what is drawn. */
  title?: string;
}

/**
 * Actual streams (observed days as dots) and each forecast's predictions over the test days,
 * one subplot per song (rows of the prepared table).
 */
export function forecastVsActualFigure(
  prepared: PreparedStreams,
  split: ChronologicalSplit,
  forecasts: readonly { name: string; predictions: StreamPredictions }[],
  songs: readonly number[],
  options: ForecastPlotOptions = {},
): Figure {
  const { table, status } = prepared;
  const days = table.dates.length;
  const from = Math.max(0, split.testStart - (options.contextDays ?? 28));
  const data: Trace[] = [];
  const layout = stacked(
    songs.map((s) => options.labels?.get(table.trackIds[s]) ?? table.trackIds[s]),
  );
  songs.forEach((s, k) => {
    const a = axes(k);
    const range = Array.from({ length: days - from }, (_, i) => from + i);
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name: "actual",
      x: range.map((d) => table.dates[d]),
      y: range.map((d) =>
        status[s * days + d] === DAY_STATUS.observed ? table.values[s * days + d] : null
      ),
      line: { color: "#222", width: 1 },
      marker: { size: 4 },
      xaxis: a.xaxis,
      yaxis: a.yaxis,
      showlegend: k === 0,
      legendgroup: "actual",
    });
    forecasts.forEach((f, j) => {
      const idx = Array.from({ length: f.predictions.song.length }, (_, i) => i)
        .filter((i) => f.predictions.song[i] === s)
        .sort((x, y) => f.predictions.day[x] - f.predictions.day[y]);
      data.push({
        type: "scatter",
        mode: "lines",
        name: f.name,
        x: idx.map((i) => table.dates[f.predictions.day[i]]),
        y: idx.map((i) => f.predictions.predicted[i]),
        line: { color: COLORS[j % COLORS.length], dash: j === 0 ? "solid" : "dash" },
        xaxis: a.xaxis,
        yaxis: a.yaxis,
        showlegend: k === 0,
        legendgroup: f.name,
      });
    });
    layout[a.layoutY] = { title: { text: "streams" } };
  });
  return {
    data,
    layout: {
      ...layout,
      title: { text: options.title ?? "Predicted vs actual streams over the test days" },
    },
  };
}

const round = (x: number, digits = 0) => Number(x.toFixed(digits));

/** The comparison rows as a table for display: errors in streams (MSE in streams²). */
export function forecastTableFrame(rows: readonly ForecastRow[]): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("model", rows.map((r) => r.name), pl.Utf8),
    pl.Series("kind", rows.map((r) => r.kind), pl.Utf8),
    pl.Series("split", rows.map((r) => r.split), pl.Utf8),
    pl.Series("MSE (streams²)", rows.map((r) => round(r.mse)), pl.Float64),
    pl.Series("RMSE (streams)", rows.map((r) => round(r.rmse, 1)), pl.Float64),
    pl.Series("MAE (streams)", rows.map((r) => round(r.mae, 1)), pl.Float64),
    pl.Series("RMSE ÷ last value", rows.map((r) => round(r.rmseVsLastValue, 3)), pl.Float64),
    pl.Series("targets", rows.map((r) => r.targets), pl.Int64),
  ]);
}

/** The sweep's rows as a table for display. */
export function sweepFrame(rows: readonly SweepRow[]): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("cell", rows.map((r) => r.cell.toUpperCase()), pl.Utf8),
    pl.Series("lookback (days)", rows.map((r) => r.lookback), pl.Int64),
    pl.Series("validation RMSE", rows.map((r) => round(r.validationRmse, 1)), pl.Float64),
    pl.Series("test RMSE", rows.map((r) => round(r.testRmse, 1)), pl.Float64),
    pl.Series("epochs", rows.map((r) => r.epochs), pl.Int64),
    pl.Series("best epoch", rows.map((r) => r.bestEpoch), pl.Int64),
    pl.Series("seconds", rows.map((r) => round(r.seconds, 1)), pl.Float64),
  ]);
}

/** The run's settings in one Markdown paragraph, then the plan's note (quick or full sweep). */
export function forecastSettingsMarkdown(config: Config, plan: ForecastPlan): string {
  const f = config.forecast, m = config.model;
  return `**Seed** ${config.seed} · **scaling** \`${f.scaling}\` (per song, training days only) · ` +
    `**hidden units** ${f.hiddenUnits} · **batch** ${f.batchSize} (multivariate), ` +
    `${f.perSongBatchSize} (per song) · **learning rate** ${m.learningRate} · ` +
    `**early stopping** patience ${m.patience}, δ ${m.minDelta}\n\n${plan.note}`;
}

/** Where the daily counts come from, and for chart files what was kept and left out. */
export function streamSourceMarkdown(source: StreamSource): string {
  const t = source.table;
  let text = `**Source:** ${source.description} — ${formatNumber(t.trackIds.length)} songs × ` +
    `${formatNumber(t.dates.length)} days (${t.dates[0]} … ${t.dates.at(-1)}).`;
  const c = source.charts;
  if (c) {
    text += `\n\nChart rows kept: ${formatNumber(c.entries.length)}; rows of other regions: ` +
      `${formatNumber(c.otherRegionRows)}; rows of other charts: ${
        formatNumber(c.otherChartRows)
      }; ` +
      `rows left out with a reason: **${formatNumber(c.issues.length)}**.`;
  }
  return text;
}

/** What gap handling did, as a Markdown table of counts. */
export function gapReportMarkdown(r: GapReport): string {
  return [
    `| | count |`,
    `|---|---:|`,
    `| songs in the table | ${formatNumber(r.songs)} |`,
    `| songs dropped (more than ${r.maxMissingDays} missing days after interpolation) | ` +
    `**${formatNumber(r.dropped.length)}** |`,
    `| songs kept | ${formatNumber(r.kept)} |`,
    `| one-day gaps interpolated | ${formatNumber(r.interpolatedDays)} |`,
    `| days of longer gaps filled | ${formatNumber(r.filledDays)} |`,
    `| observed song-days | ${formatNumber(r.observedDays)} |`,
  ].join("\n");
}

/** The chronological split as a Markdown table (first and last day, days), and the scaler. */
export function splitMarkdown(
  dates: readonly string[],
  split: ChronologicalSplit,
  scaling: string,
): string {
  const part = (name: string, from: number, to: number) =>
    `| ${name} | ${dates[from]} | ${dates[to - 1]} | ${to - from} |`;
  return [
    `| part | first day | last day | days |`,
    `|---|---|---|---:|`,
    part("train", 0, split.validationStart),
    part("validation", split.validationStart, split.testStart),
    part("test", split.testStart, split.days),
    ``,
    `The scaler (\`${scaling}\`, one per song) is fitted on the ${split.validationStart} ` +
    `training days only.`,
  ].join("\n");
}

/**
 * Songs to plot: those at the 10th, 50th and 90th percentile of average streams, and one with a
 * longer gap filled, when there is one among the songs and none of those three has one.
 */
export function representativeSongs(prepared: PreparedStreams): number[] {
  const days = prepared.table.dates.length;
  const songs = prepared.table.trackIds.length;
  if (songs === 0) return [];
  const mean = new Float64Array(songs);
  const filled = new Int32Array(songs);
  for (let s = 0; s < songs; s++) {
    for (let d = 0; d < days; d++) {
      mean[s] += prepared.table.values[s * days + d] / days;
      if (prepared.status[s * days + d] === DAY_STATUS.filled) filled[s]++;
    }
  }
  const byLevel = Array.from({ length: songs }, (_, s) => s).sort((a, b) => mean[a] - mean[b]);
  const shown = [...new Set([0.1, 0.5, 0.9].map((q) => byLevel[Math.floor(q * (songs - 1))]))];
  const withFilled = byLevel.find((s) => filled[s] > 0);
  if (withFilled !== undefined && !shown.some((s) => filled[s] > 0)) shown.push(withFilled);
  return shown;
}

/** The windows of one lookback (eval's windowSummary) as a Markdown table with dates. */
export function windowsMarkdown(
  rows: readonly WindowSummaryRow[],
  dates: readonly string[],
  lookback: number,
): string {
  return [
    `Lookback ${lookback} days:`,
    "",
    `| shape | part | inputs | targets | days read |`,
    `|---|---|---|---|---|`,
    ...rows.map((r) =>
      `| ${r.shape} | ${r.part} | [${r.inputs.join(", ")}] | [${r.targets.join(", ")}] | ` +
      `${dates[r.firstDay]} … ${dates[r.lastDay]} |`
    ),
  ].join("\n");
}

/** The sweep table's title: window shape and total time. */
export function sweepTitle(shape: string, seconds: number): string {
  return `lookback sweep (${shape} windows; RMSE in streams; ${
    formatNumber(Math.round(seconds))
  } s in all)`;
}

/** The lookback chosen on the validation days, and the one the next models use. */
export function sweepReading(chosen: SweepRow, lookback: number, setByConfig: boolean): string {
  return `Lowest validation RMSE: **${chosen.cell.toUpperCase()} with lookback ${chosen.lookback}** ` +
    `(${formatNumber(chosen.validationRmse)} streams). The per-song and multi-input models below ` +
    `use lookback **${lookback}**${setByConfig ? " (set by forecast.lookback)" : ""}.`;
}

/** One line per trained model: epochs, best epoch, time. */
export function forecastersMarkdown(models: readonly TrainedForecaster[]): string {
  return models.map((m) =>
    `- ${m.name}: ${m.fit.history.length} epochs, best epoch ${m.fit.bestEpoch + 1}, ` +
    `${formatNumber(m.fit.seconds)} s`
  ).join("\n");
}

/** The multi-input model's cell and metadata, or why there is none. */
export function multiInputMarkdown(
  outcome: MultiInputOutcome,
  metadata: SongMetadata | null,
  tracksNote: string,
): string {
  if (outcome.model && metadata) {
    return `Multi-input model on the ${outcome.cell!.toUpperCase()} cell (better per-song ` +
      `validation RMSE); metadata columns: ${metadata.columns.join(", ")}; values imputed with ` +
      `the training mean: ${formatNumber(metadata.imputedValues)}.`;
  }
  return `No multi-input model: ${
    tracksNote || `metadata found for only ${outcome.known} of ${outcome.songs} songs`
  }.`;
}

function verdict(row: ForecastRow, base: ForecastRow): string {
  const ratio = formatNumber(row.rmse / base.rmse);
  return `${row.rmse < base.rmse ? "**beats**" : "**does not beat**"} ${base.name} ` +
    `(${formatNumber(base.rmse)}; ratio ${ratio})`;
}

/**
 * The results in a paragraph: the model chosen on the validation days against both naive
 * baselines on the test days, what the metadata added (when a multi-input model was trained),
 * and a warning on the quick run.
 */
export function forecastReading(
  results: ForecastResults,
  multiInput: MultiInputOutcome | null,
  plan: ForecastPlan,
): string {
  const p = results.pickedTest;
  let text = `The model chosen on the validation days, **${p.name}**, has a test RMSE of ` +
    `${formatNumber(p.rmse)} streams per day: it ${verdict(p, results.lastValue)} and ` +
    `${verdict(p, results.lastWeek)}. ` +
    (p.rmse < results.lastValue.rmse
      ? "Its advantage over last value is the weekly rhythm and the level: tomorrow's weekday matters."
      : "On these data the recurrent models do not improve on simply repeating yesterday's count.");
  const plain = results.test.find((r) => r.name === multiInput?.plain?.name);
  const withMeta = results.test.find((r) => r.name === multiInput?.model?.name);
  if (plain && withMeta) {
    text +=
      `\n\nThe metadata: ${withMeta.name} has a test RMSE of ${formatNumber(withMeta.rmse)} ` +
      `against ${formatNumber(plain.rmse)} for the same cell without them (ratio ` +
      `${formatNumber(withMeta.rmse / plain.rmse)}) — ${
        withMeta.rmse < plain.rmse ? "a gain" : "no gain"
      } ` +
      `from 13 features that do not change from day to day.`;
  }
  if (plan.quick) {
    text +=
      `\n\n_This is the short run on the tiny corpus (${plan.lookbacks.length} lookbacks, at ` +
      `most ${plan.epochs} epochs): the numbers show the pipeline works, not what the full sweep finds._`;
  }
  return text;
}
