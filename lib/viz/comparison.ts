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
import { type MetricName, METRICS } from "../eval/compare/protocol.ts";
import type { Figure, Trace } from "./plotly.ts";

/** Column and legend names of the metrics. */
export const METRIC_NAMES: Readonly<Record<MetricName, string>> = {
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
