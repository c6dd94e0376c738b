/**
 * Showing a model comparison (lib/eval/compare): the summary as a readable table, metrics as
 * "mean ± sd" over folds in Table 4's order, and a figure of F1, balanced accuracy and ROC-AUC
 * per model with fold-to-fold whiskers and the chance level marked.
 *
 * @example
 * ```ts
 * import { comparisonDisplayFrame, comparisonFigure } from "./comparison.ts";
 * import { showFigure } from "./plotly.ts";
 * import { showTable } from "./display.ts";
 * // await showTable(comparisonDisplayFrame(result.summary), { maxRows: 20 });
 * // await showFigure("comparison_kfold", comparisonFigure(result.summary));
 * ```
 * @module
 */
import pl from "nodejs-polars";
import type { CnnFoldsResult } from "../eval/compare/cnn_folds.ts";
import type { ExportedTable } from "../eval/compare/export.ts";
import { allPositiveScores, SEED_PAPER } from "../eval/compare/paper.ts";
import type { ComparisonRun } from "../eval/compare/plan.ts";
import { type MetricName, METRICS, type Protocol } from "../eval/compare/protocol.ts";
import type { TrivialBaselines } from "../eval/compare/reading.ts";
import type { ReadResults } from "../eval/compare/results.ts";
import type { ComparisonTable } from "../eval/compare/table.ts";
import { VARIANT_LABELS } from "../eval/variants.ts";
import { type BaselineName, BASELINES } from "../model/baselines/registry.ts";
import { formatNumber, formatPercent, MISSING } from "./format.ts";
import type { Figure, Trace } from "./plotly.ts";

/** Column and legend names of the metrics. */
const METRIC_NAMES: Readonly<Record<MetricName, string>> = {
  precision: "precision",
  recall: "recall",
  f1: "F1",
  accuracy: "accuracy",
  balanced_accuracy: "balanced acc.",
  mcc: "MCC",
  roc_auc: "ROC-AUC",
};

function cell(mean: unknown, sd: unknown, digits: number): string {
  if (typeof mean !== "number" || Number.isNaN(mean)) return "—";
  const m = mean.toFixed(digits);
  return typeof sd === "number" && Number.isFinite(sd) ? `${m} ± ${sd.toFixed(digits)}` : m;
}

/**
 * The summary as text columns: model, precision, recall, F1, accuracy (Table 4), balanced
 * accuracy, MCC, ROC-AUC, fit seconds, notes — each "mean ± sd" when there are folds.
 */
export function comparisonDisplayFrame(summary: pl.DataFrame): pl.DataFrame {
  const rows = summary.toRecords() as Record<string, unknown>[];
  const names = METRIC_NAMES;
  return pl.DataFrame([
    pl.Series("model", rows.map((r) => String(r.label ?? r.model)), pl.Utf8),
    ...METRICS.map((m) =>
      pl.Series(names[m], rows.map((r) => cell(r[m], r[`${m}_sd`], 3)), pl.Utf8)
    ),
    pl.Series(
      "fit s",
      rows.map((r) => (typeof r.fit_s === "number" ? r.fit_s.toFixed(2) : "—")),
      pl.Utf8,
    ),
    pl.Series("notes", rows.map((r) => (r.notes ? String(r.notes) : "")), pl.Utf8),
  ]);
}

/** Options of {@link comparisonFigure}. */
export interface ComparisonFigureOptions {
  /** Figure title; default "Model comparison". */
  title?: string;
  /** Metrics drawn, grouped per model; default F1, balanced accuracy, ROC-AUC. */
  metrics?: readonly MetricName[];
}

const COLORS: Record<MetricName, string> = {
  precision: "#8c564b",
  recall: "#e377c2",
  f1: "#1f77b4",
  accuracy: "#7f7f7f",
  balanced_accuracy: "#2ca02c",
  mcc: "#9467bd",
  roc_auc: "#ff7f0e",
};

/**
 * Horizontal grouped bars per model (table order, first on top) with ± sd whiskers and a dashed
 * line at 0.5, the chance level of balanced accuracy and ROC-AUC.
 */
export function comparisonFigure(
  summary: pl.DataFrame,
  options: ComparisonFigureOptions = {},
): Figure {
  const rows = (summary.toRecords() as Record<string, unknown>[]).slice().reverse();
  const labels = rows.map((r) => String(r.label ?? r.model));
  const metrics = options.metrics ?? ["f1", "balanced_accuracy", "roc_auc"];
  const data: Trace[] = metrics.map((m) => ({
    type: "bar",
    orientation: "h",
    name: METRIC_NAMES[m],
    y: labels,
    x: rows.map((r) => (typeof r[m] === "number" ? r[m] : null)),
    error_x: {
      type: "data",
      array: rows.map((r) => (typeof r[`${m}_sd`] === "number" ? r[`${m}_sd`] : 0)),
      thickness: 1.2,
    },
    marker: { color: COLORS[m] },
    hovertemplate: `%{y}: %{x:.3f}<extra>${METRIC_NAMES[m]}</extra>`,
  }));
  return {
    data,
    layout: {
      title: { text: options.title ?? "Model comparison" },
      barmode: "group",
      xaxis: { range: [0, 1], title: { text: "score" } },
      yaxis: { automargin: true },
      height: Math.max(380, 120 + 26 * metrics.length * labels.length),
      legend: { orientation: "h", y: -0.1 },
      shapes: [{
        type: "line",
        x0: 0.5,
        x1: 0.5,
        yref: "paper",
        y0: 0,
        y1: 1,
        line: { dash: "dash", color: "#444", width: 1 },
      }],
    },
  };
}

/**
 * The scored table in a few lines of Markdown: rows × features and the rows excluded (and which
 * column was missing), the label rule and the positive share, the 80/20 split, the features.
 */
export function scoredTableMarkdown(table: ComparisonTable): string {
  const rows = table.X.rows;
  const positives = table.y.reduce((a, b) => a + b, 0);
  const testRows = table.holdout.filter((p) => p === "test").length;
  const missing = Object.entries(table.missingByColumn)
    .map(([c, n]) => `${c} missing in ${formatNumber(n)}`).join(", ");
  return [
    `**${formatNumber(rows)}** rows × **${table.features.length}** features ` +
    `(${formatNumber(table.excludedRows)} row${table.excludedRows === 1 ? "" : "s"} excluded ` +
    `for a missing value${missing ? `: ${missing}` : ""}).`,
    `**Label:** ${table.labelRule}; ${formatPercent(rows > 0 ? positives / rows : NaN)} positive.`,
    `**80/20 split:** ${formatNumber(rows - testRows)} training and ${formatNumber(testRows)} ` +
    `test rows, ${formatNumber(new Set(table.artistIds).size)} artists.`,
    `**Features:** ${table.features.map((f) => `\`${f}\``).join(", ")}.`,
  ].join("\n\n");
}

/** The numeric columns not used as features, with the reason. */
export function droppedFeaturesFrame(table: ComparisonTable): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("feature", table.droppedFeatures.map((d) => d.feature), pl.Utf8),
    pl.Series("reason", table.droppedFeatures.map((d) => d.reason), pl.Utf8),
  ]);
}

/** The baselines to run: short name, name and hyper-parameters. */
export function baselinesFrame(models: readonly BaselineName[]): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("model", [...models], pl.Utf8),
    pl.Series("name", models.map((m) => BASELINES[m].label), pl.Utf8),
    pl.Series("details", models.map((m) => BASELINES[m].details), pl.Utf8),
  ]);
}

/** Where the exported table went, and the command that re-scores it. */
export function exportedTableMarkdown(
  exported: ExportedTable,
  display: (path: string) => string = (p) => p,
): string {
  return `Table: \`${display(exported.csv)}\` · description: \`${display(exported.description)}\`` +
    "\n\n```sh\n" + exported.command.replace(exported.csv, display(exported.csv)) + "\n```";
}

/** Which result files of other models were found (or none), and those that could not be read. */
export function externalResultsMarkdown(
  external: ReadResults,
  dir: string,
  display: (path: string) => string = (p) => p,
): string {
  const found = external.results.length === 0
    ? `No result files of other models (such as the CNN of notebook 04) in ` +
      `\`${display(dir)}/models/\` yet: the tables hold the baselines only.`
    : `Result files of other models: ${
      external.results.map((r) => `\`${r.model}\` (${r.protocol})`).join(", ")
    }.`;
  const problems = external.problems.map((p) => `- unreadable \`${display(p.file)}\`: ${p.reason}`);
  return [found, ...(problems.length ? ["", ...problems] : [])].join("\n");
}

/**
 * What the CNN's k-fold training did: which variants in how many folds, with which seed, how long
 * it took (training and scoring; reading the songs apart), how many fold models resumed or failed,
 * and whether its test rows are the baselines'; or why it was not trained.
 */
export function cnnFoldsMarkdown(result: CnnFoldsResult | null): string {
  if (!result) return "(The CNN is not trained in the folds: the k-fold was not run.)";
  if (result.variants.length === 0) {
    return `The CNN is not trained in the k-fold's folds: ${result.reason ?? "no variant"}. ` +
      "The CNN's 80/20 rows come from notebook 04's result files (above), when they exist.";
  }
  const models = result.scores.length;
  const failed = result.scores.filter((s) => s.error !== null);
  const resumed = result.runs.filter((r) => r.start?.kind === "resumed").length;
  const labels = result.variants.map((v) => VARIANT_LABELS[v]).join(", ");
  const lines = [
    `**${labels}** trained in each of the ${result.protocol.folds} folds with seed ` +
    `${result.seed} (one training run per network), up to ` +
    `${result.epochs} epochs: ${formatNumber(models)} networks trained and scored in ` +
    `${formatNumber(result.seconds)} s` +
    (result.backend ? ` on the ${result.backend} backend` : "") +
    `, after ${formatNumber(result.songsSeconds)} s reading the songs' spectrograms.`,
  ];
  if (resumed > 0) {
    const trainingSeconds = result.scores.reduce((t, s) => t + s.fitSeconds, 0);
    lines.push(
      `${resumed} of ${models} fold models resumed from a checkpoint; their epochs took ` +
        `${formatNumber(trainingSeconds)} s in all, earlier runs included.`,
    );
  }
  const startedOver = new Map<string, number>();
  for (const r of result.runs) {
    if (r.start?.kind === "started" && r.start.reason !== "no checkpoint yet") {
      startedOver.set(r.start.reason, (startedOver.get(r.start.reason) ?? 0) + 1);
    }
  }
  for (const [reason, n] of startedOver) {
    lines.push(`${n} of ${models} fold models started over: ${reason}.`);
  }
  lines.push(
    result.missingTestRows === 0
      ? `Their test rows are the baselines' (${formatNumber(result.testRows)} over the folds).`
      : `${formatNumber(result.missingTestRows)} of the baselines' ${
        formatNumber(result.testRows)
      } test rows have no spectrogram and are left out of the CNN's rows (flagged in the table).`,
  );
  for (const f of failed) lines.push(`- ${f.model} fold ${f.fold + 1} failed: ${f.error}`);
  return lines.join("\n\n");
}

/** A table or figure title for a protocol run on a dataset. */
export function protocolTitle(protocol: Protocol, table: ComparisonTable): string {
  if (protocol.kind === "group-kfold") {
    return `${protocol.folds}-fold artist-grouped comparison, ${table.dataset}`;
  }
  const testRows = table.holdout.filter((p) => p === "test").length;
  return `80/20 artist split, ${table.dataset} (${formatNumber(testRows)} test rows)`;
}

/** How a run went: fits, time, threads, and where its summary was saved. */
export function comparisonRunMarkdown(
  run: ComparisonRun,
  display: (path: string) => string = (p) => p,
): string {
  const r = run.result;
  return `${formatNumber(r.scores.length)} fits in ${formatNumber(r.seconds)} s on ${r.threads} ` +
    `thread${r.threads === 1 ? "" : "s"}; summary saved to \`${display(run.saved)}\`.`;
}

/**
 * The seed paper's reported precision and recall beside the constant answer "every song
 * popular" at the paper's popular share and at ours, the majority class, and our best model by
 * balanced accuracy (the majority-class model left out).
 */
export function paperComparisonFrame(
  trivial: TrivialBaselines,
  result: ComparisonRun["result"],
): pl.DataFrame {
  const rows = (result.summary.toRecords() as Record<string, unknown>[])
    .filter((r) => r.model !== "dummy" && typeof r.balanced_accuracy === "number")
    .sort((a, b) => Number(b.balanced_accuracy) - Number(a.balanced_accuracy));
  const best = rows[0];
  const paperConstant = allPositiveScores(SEED_PAPER.precision);
  const num = (x: unknown) => (typeof x === "number" ? formatNumber(x) : MISSING);
  const line = (
    row: string,
    s: { precision?: unknown; recall?: unknown; f1?: unknown; accuracy?: unknown } | undefined,
    accuracy?: string,
  ) => ({
    row,
    precision: num(s?.precision),
    recall: num(s?.recall),
    F1: num(s?.f1),
    accuracy: accuracy ?? num(s?.accuracy),
  });
  const table = [
    line("seed paper: CNN (reported)", SEED_PAPER, `${MISSING} (not quoted)`),
    line(
      `"every song popular" at the paper's ${formatPercent(SEED_PAPER.precision)} popular`,
      paperConstant,
    ),
    line(
      `"every track positive" here (${formatPercent(trivial.positiveShare.test)} positive)`,
      trivial.allPositive,
    ),
    line(`majority class here (${trivial.majority.label})`, trivial.majority),
    line(
      best ? `best model here: ${best.label} (${result.protocol.kind})` : "best model here",
      best,
    ),
  ];
  return pl.DataFrame(
    ["row", "precision", "recall", "F1", "accuracy"].map((c) =>
      pl.Series(c, table.map((r) => r[c as keyof typeof r]), pl.Utf8)
    ),
  );
}
