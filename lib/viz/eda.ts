/**
 * plotly figure builders for the exploratory analysis of notebook 02: the release month × year
 * heatmap with each block's value and count written on it (the seed paper's Figure 6), the
 * correlations with the target as bars with 95 % interval whiskers (Table 3), and a grid of
 * feature histograms, optionally split by the label. Each returns plain figure JSON for
 * {@link showFigure} (./plotly.ts), which displays it and saves a standalone HTML file.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { releaseHeatmap } from "../eval/eda/mod.ts";
 * import { releaseHeatmapFigure } from "./eda.ts";
 * import { showFigure } from "./plotly.ts";
 * const df = pl.DataFrame({ release_year: [2020, 2021], release_month: [1, 5], streams: [3e8, 1e8] });
 * await showFigure("release_heatmap", releaseHeatmapFigure(releaseHeatmap(df, { value: "streams" })));
 * ```
 * @module
 */
import pl from "nodejs-polars";
import type { ReleaseHeatmap } from "../eval/eda/release_heatmap.ts";
import type { Figure, Trace } from "./plotly.ts";

/** Month abbreviations, January first. */
export const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

/**
 * A number in a few characters: 3 significant digits, with k / M / B above a thousand
 * (1.23M, 456k, 0.123).
 */
export function compactNumber(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${(x / 1e9).toPrecision(3)}B`;
  if (a >= 1e6) return `${(x / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${(x / 1e3).toPrecision(3)}k`;
  if (a >= 100) return x.toFixed(0);
  return x.toPrecision(3);
}

/** Options of {@link releaseHeatmapFigure}. */
export interface HeatmapFigureOptions {
  /** Figure title; default "Average <value> by release month and year". */
  title?: string;
  /** Colour scale name; default "Viridis". */
  colorscale?: string;
}

/**
 * Heatmap of the average target per release month (columns) and year (rows, only years with
 * tracks), each block labelled with its average and track count.
 */
export function releaseHeatmapFigure(
  heatmap: ReleaseHeatmap,
  options: HeatmapFigureOptions = {},
): Figure {
  const cells = heatmap.cells.toRecords() as {
    year: number;
    month: number;
    mean: number;
    count: number;
  }[];
  const years = [...new Set(cells.map((c) => Number(c.year)))].sort((a, b) => a - b);
  const row = new Map(years.map((y, i) => [y, i]));
  const z: (number | null)[][] = years.map(() => MONTHS.map(() => null));
  const text: string[][] = years.map(() => MONTHS.map(() => ""));
  const counts: (number | null)[][] = years.map(() => MONTHS.map(() => null));
  for (const c of cells) {
    const i = row.get(Number(c.year))!, j = Number(c.month) - 1;
    if (j < 0 || j > 11) continue;
    z[i][j] = Number(c.mean);
    counts[i][j] = Number(c.count);
    // Tall heatmaps (many years) get one line per block so the text fits the rows.
    text[i][j] = years.length > 24
      ? `${compactNumber(Number(c.mean))} (${c.count})`
      : `${compactNumber(Number(c.mean))}<br>n=${c.count}`;
  }
  const title = options.title ?? `Average ${heatmap.value} by release month and year`;
  const trace: Trace = {
    type: "heatmap",
    x: [...MONTHS],
    y: years.map(String),
    z,
    text,
    texttemplate: "%{text}",
    textfont: { size: years.length > 24 ? 8 : 10 },
    customdata: counts,
    hovertemplate:
      `%{x} %{y}<br>${heatmap.value}: %{z:,.4~g}<br>tracks: %{customdata}<extra></extra>`,
    colorscale: options.colorscale ?? "Viridis",
    colorbar: { title: { text: `mean ${heatmap.value}` } },
    xgap: 1,
    ygap: 1,
  };
  return {
    data: [trace],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "release month (block: mean, track count)" } },
      yaxis: { title: { text: "release year" }, type: "category", autorange: "reversed" },
      // A fixed height, so each year keeps a readable row however many years there are.
      autosize: false,
      width: 1100,
      height: Math.max(360, 160 + 22 * years.length),
      margin: { l: 80, r: 40, t: 70, b: 80 },
      annotations: heatmap.excluded > 0
        ? [{
          text: `${heatmap.excluded} rows without a release year, month or value are not shown`,
          xref: "paper",
          yref: "paper",
          x: 0,
          y: 0,
          yshift: -50,
          showarrow: false,
          xanchor: "left",
          yanchor: "top",
          font: { size: 11 },
        }]
        : [],
    },
  };
}

/** Options of {@link correlationFigure}. */
export interface CorrelationFigureOptions {
  /** Figure title; default "Correlation with <target> (95 % CI)". */
  title?: string;
  /** Name of the target, for the default title; default "the target". */
  target?: string;
}

interface CorrelationRow {
  feature: string;
  n: number;
  pearson: number | null;
  pearson_low: number | null;
  pearson_high: number | null;
  spearman: number | null;
  spearman_low: number | null;
  spearman_high: number | null;
  flag: string | null;
}

/**
 * Horizontal bars of Pearson's r and Spearman's ρ per feature (the table's order, strongest on
 * top) with 95 % confidence-interval whiskers; flagged features are named in a note, not drawn.
 *
 * @param table the output of correlationTable (lib/eval/eda/correlation.ts)
 */
export function correlationFigure(
  table: pl.DataFrame,
  options: CorrelationFigureOptions = {},
): Figure {
  const rows = table.toRecords() as unknown as CorrelationRow[];
  const drawn = rows.filter((r) => r.flag === null && r.pearson !== null);
  const skipped = rows.filter((r) => !drawn.includes(r));
  const features = drawn.map((r) => r.feature).reverse();
  const trace = (method: "pearson" | "spearman", name: string, color: string): Trace => {
    const ordered = [...drawn].reverse();
    return {
      type: "bar",
      orientation: "h",
      name,
      y: features,
      x: ordered.map((r) => r[method]),
      marker: { color },
      error_x: {
        type: "data",
        symmetric: false,
        array: ordered.map((r) => (r[`${method}_high`] ?? r[method]!) - r[method]!),
        arrayminus: ordered.map((r) => r[method]! - (r[`${method}_low`] ?? r[method]!)),
        thickness: 1.2,
      },
      customdata: ordered.map((r) => r.n),
      hovertemplate: `%{y}: %{x:.3f} (n = %{customdata})<extra>${name}</extra>`,
    };
  };
  const note = skipped.length > 0
    ? `not drawn: ${skipped.map((r) => `${r.feature} (${r.flag ?? "no value"})`).join(", ")}`
    : "";
  return {
    data: [
      trace("pearson", "Pearson r", "#1f77b4"),
      trace("spearman", "Spearman ρ", "#ff7f0e"),
    ],
    layout: {
      title: {
        text: options.title ?? `Correlation with ${options.target ?? "the target"} (95 % CI)`,
      },
      barmode: "group",
      xaxis: { title: { text: "correlation" }, range: [-1, 1], zeroline: true },
      yaxis: { automargin: true },
      height: Math.max(360, 140 + 34 * features.length),
      legend: { orientation: "h", y: -0.12 },
      annotations: note
        ? [{
          text: note.length > 160 ? `${note.slice(0, 157)}…` : note,
          xref: "paper",
          yref: "paper",
          x: 0,
          y: 1.02,
          showarrow: false,
          xanchor: "left",
          yanchor: "bottom",
          font: { size: 10 },
        }]
        : [],
    },
  };
}

/** Options of {@link histogramFigure}. */
export interface HistogramFigureOptions {
  /** Figure title; default "Feature distributions". */
  title?: string;
  /** Subplots per row; default 4. */
  columns?: number;
  /** Names shown for the groups, e.g. { "0": "flop", "1": "hit" }; default the group values. */
  groupNames?: Readonly<Record<string, string>>;
}

interface HistogramRow {
  feature: string;
  lower: number;
  upper: number;
  group: string;
  count: number;
}

const GROUP_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b"];

/**
 * A grid of histograms, one subplot per feature, bars overlaid per group.
 *
 * @param histograms the output of featureHistograms (lib/eval/eda/histograms.ts)
 */
export function histogramFigure(
  histograms: pl.DataFrame,
  options: HistogramFigureOptions = {},
): Figure {
  const rows = histograms.toRecords() as unknown as HistogramRow[];
  const features = [...new Set(rows.map((r) => r.feature))];
  const groups = [...new Set(rows.map((r) => String(r.group)))].sort();
  const columns = Math.max(1, Math.min(options.columns ?? 4, features.length));
  const gridRows = Math.max(1, Math.ceil(features.length / columns));
  const data: Trace[] = [];
  const layout: Record<string, unknown> = {};
  features.forEach((feature, k) => {
    const axis = k === 0 ? "" : String(k + 1);
    groups.forEach((group, g) => {
      const bars = rows.filter((r) => r.feature === feature && String(r.group) === group);
      data.push({
        type: "bar",
        x: bars.map((b) => (Number(b.lower) + Number(b.upper)) / 2),
        y: bars.map((b) => Number(b.count)),
        width: bars.map((b) => Number(b.upper) - Number(b.lower)),
        name: options.groupNames?.[group] ?? group,
        legendgroup: group,
        showlegend: k === 0 && groups.length > 1,
        marker: { color: GROUP_COLORS[g % GROUP_COLORS.length] },
        opacity: groups.length > 1 ? 0.55 : 0.85,
        xaxis: `x${axis}`,
        yaxis: `y${axis}`,
        hovertemplate: `${feature} %{x:.4~g}: %{y}<extra>${
          options.groupNames?.[group] ?? group
        }</extra>`,
      });
    });
    layout[`xaxis${axis}`] = { title: { text: feature, font: { size: 11 } }, automargin: true };
    layout[`yaxis${axis}`] = { automargin: true };
  });
  return {
    data,
    layout: {
      ...layout,
      title: { text: options.title ?? "Feature distributions" },
      grid: { rows: gridRows, columns, pattern: "independent", ygap: 0.55, xgap: 0.2 },
      barmode: "overlay",
      bargap: 0,
      height: 120 + 230 * gridRows,
      legend: { orientation: "h", y: 1.02, yanchor: "bottom", x: 1, xanchor: "right" },
    },
  };
}

/**
 * A copy of a table for display with every Float64 column rounded to `decimals` places (values
 * of 10⁴ and more keep none); integer, text and `keep` columns are left as they are.
 */
export function roundedForDisplay(
  df: pl.DataFrame,
  decimals = 4,
  keep: readonly string[] = ["p_value"],
): pl.DataFrame {
  return pl.DataFrame(
    df.columns.map((name) => {
      const s = df.getColumn(name);
      if (!s.dtype.equals(pl.Float64) || keep.includes(name)) return s;
      const values = s.toArray() as (number | null)[];
      return pl.Series(
        name,
        values.map((v) => {
          if (v === null || !Number.isFinite(v)) return v;
          const places = Math.abs(v) >= 1e4 ? 0 : decimals;
          return Math.round(v * 10 ** places) / 10 ** places;
        }),
        pl.Float64,
      );
    }),
  );
}
