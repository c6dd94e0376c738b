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
import type { Agreement } from "../eval/eda/audio_agreement.ts";
import type { ColumnFlag } from "../eval/eda/columns.ts";
import type { ReleaseHeatmap } from "../eval/eda/release_heatmap.ts";
import { formatInterval, formatNumber, formatPercent, formatPValue, MISSING } from "./format.ts";
import type { Figure, Trace } from "./plotly.ts";

/** Month abbreviations, January first. */
const MONTHS = [
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
  p_value?: number | null;
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
  /**
   * The binary label the histograms are split by: the default title says "(by <label>)" and the
   * groups are named "<label> = 0" and "<label> = 1".
   */
  label?: string;
  /** Dataset name appended to the default title. */
  dataset?: string;
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
  const label = options.label;
  const groupNames = options.groupNames ??
    (label ? { "0": `${label} = 0`, "1": `${label} = 1` } : undefined);
  const title = options.title ??
    `Feature distributions${options.dataset ? ` — ${options.dataset}` : ""}${
      label ? ` (by ${label})` : ""
    }`;
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
        name: groupNames?.[group] ?? group,
        legendgroup: group,
        showlegend: k === 0 && groups.length > 1,
        marker: { color: GROUP_COLORS[g % GROUP_COLORS.length] },
        opacity: groups.length > 1 ? 0.55 : 0.85,
        xaxis: `x${axis}`,
        yaxis: `y${axis}`,
        hovertemplate: `${feature} %{x:.4~g}: %{y}<extra>${groupNames?.[group] ?? group}</extra>`,
      });
    });
    layout[`xaxis${axis}`] = { title: { text: feature, font: { size: 11 } }, automargin: true };
    layout[`yaxis${axis}`] = { automargin: true };
  });
  return {
    data,
    layout: {
      ...layout,
      title: { text: title },
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

/**
 * Table 3 written for reading: feature, n, Pearson r with its 95 % interval, Spearman ρ with its
 * interval, the p-value of r = 0 ("< 1e-12" when tiny) and the flag, a dash where empty.
 *
 * @param table the output of correlationTable (lib/eval/eda/correlation.ts)
 */
export function readableCorrelationTable(table: pl.DataFrame): pl.DataFrame {
  const rows = table.toRecords() as unknown as CorrelationRow[];
  const text = (name: string, pick: (r: CorrelationRow) => string) =>
    pl.Series(name, rows.map(pick), pl.Utf8);
  return pl.DataFrame([
    text("feature", (r) => r.feature),
    text("n", (r) => formatNumber(Number(r.n))),
    text("Pearson r", (r) => formatNumber(r.pearson)),
    text(
      "95 % CI of r",
      (r) => r.pearson === null ? MISSING : formatInterval(r.pearson_low, r.pearson_high),
    ),
    text("Spearman ρ", (r) => formatNumber(r.spearman)),
    text(
      "95 % CI of ρ",
      (r) => r.spearman === null ? MISSING : formatInterval(r.spearman_low, r.spearman_high),
    ),
    text("p (r = 0)", (r) => formatPValue(r.p_value)),
    text("flag", (r) => r.flag ?? MISSING),
  ]);
}

function describeCorrelation(r: CorrelationRow): string {
  return `\`${r.feature}\` (r = ${formatNumber(r.pearson)}, 95 % CI ${
    formatInterval(r.pearson_low, r.pearson_high)
  }; ρ = ${formatNumber(r.spearman)}; n = ${formatNumber(Number(r.n))})`;
}

/**
 * The written reading of Table 3: how many features have an interval that excludes 0, the three
 * strongest linear associations with their intervals, the flagged columns, and a reminder that a
 * correlation is not a prediction.
 *
 * @param table the output of correlationTable (lib/eval/eda/correlation.ts)
 * @param flags the flagged columns (lib/eval/eda/columns.ts columnFlags)
 */
export function correlationReading(
  table: pl.DataFrame,
  flags: readonly ColumnFlag[] = [],
): string {
  const ranked = (table.toRecords() as unknown as CorrelationRow[]).filter((r) =>
    r.pearson !== null
  );
  const clear = ranked.filter((r) =>
    (r.pearson_low !== null && r.pearson_low > 0) || (r.pearson_high !== null && r.pearson_high < 0)
  );
  const sentences = [
    `Of ${ranked.length} feature${ranked.length === 1 ? "" : "s"} with a correlation, ` +
    `${clear.length} ${clear.length === 1 ? "has" : "have"} a 95 % interval that excludes 0.`,
  ];
  if (ranked.length > 0) {
    sentences.push(`The strongest linear association is ${describeCorrelation(ranked[0])}.`);
  }
  if (ranked.length > 2) {
    sentences.push(
      `Next: ${describeCorrelation(ranked[1])} and ${describeCorrelation(ranked[2])}.`,
    );
  } else if (ranked.length === 2) {
    sentences.push(`Next: ${describeCorrelation(ranked[1])}.`);
  }
  if (flags.length > 0) {
    sentences.push(
      `${flags.length} column${flags.length === 1 ? " is" : "s are"} flagged (empty or ` +
        `constant) and carry no information here.`,
    );
  }
  sentences.push(
    `A correlation is not a prediction: notebook 05 scores models on held-out artists.`,
  );
  return sentences.join("\n\n");
}

/**
 * The agreement checks written for reading: check, n, and the value — a share as a percentage,
 * a correlation as "r = 0.912 [0.871, 0.940]" — with a dash where no track has both values.
 *
 * @param agreement the output of audioAgreement (lib/eval/eda/audio_agreement.ts)
 */
export function agreementTable(agreement: readonly Agreement[]): pl.DataFrame {
  const value = (a: Agreement) => {
    if (a.value === null) return MISSING;
    if (a.kind === "share") return formatPercent(a.value);
    return `r = ${formatNumber(a.value)} ${formatInterval(a.low, a.high)}`;
  };
  return pl.DataFrame([
    pl.Series("comparison", agreement.map((a) => a.check), pl.Utf8),
    pl.Series("tracks", agreement.map((a) => formatNumber(a.n)), pl.Utf8),
    pl.Series("value", agreement.map(value), pl.Utf8),
  ]);
}

/** Options of {@link pairScatterFigure}. */
export interface PairScatterOptions {
  /** Figure title; default "<y> vs <x>". */
  title?: string;
  /** x-axis title; default "dataset <x>". */
  xTitle?: string;
  /** y-axis title; default "from the audio: <y>". */
  yTitle?: string;
}

/**
 * A scatter of two columns of a table over the rows where both are present (e.g. the dataset's
 * tempo against the tempo computed from the audio).
 */
export function pairScatterFigure(
  df: pl.DataFrame,
  x: string,
  y: string,
  options: PairScatterOptions = {},
): Figure {
  const pairs = df.select(
    pl.col(x).cast(pl.Float64).alias("x"),
    pl.col(y).cast(pl.Float64).alias("y"),
  )
    .dropNulls().filter(pl.col("x").isFinite().and(pl.col("y").isFinite()));
  return {
    data: [{
      type: "scatter",
      mode: "markers",
      x: pairs.getColumn("x").toArray(),
      y: pairs.getColumn("y").toArray(),
      marker: { size: 6, opacity: 0.7 },
      hovertemplate: `${x} %{x:.4~g} · ${y} %{y:.4~g}<extra></extra>`,
    }],
    layout: {
      title: { text: options.title ?? `${y} vs ${x}` },
      height: 360,
      xaxis: { title: { text: options.xTitle ?? `dataset ${x}` } },
      yaxis: { title: { text: options.yTitle ?? `from the audio: ${y}` } },
    },
  };
}

const CALENDAR_FEATURE = /(^|_)(year|month|day|decade)$/;
const COUNT_COLUMNS = new Set(["count", "missing"]);

/**
 * Table 1 written for reading: every statistic with three significant digits
 * ({@link formatNumber}), except the values of calendar features (release_year, decade, …),
 * written without thousands separators and with at most one decimal (2001.4, not "2,001"); their
 * counts keep separators; a dash where a value is missing.
 *
 * @param summary the output of summaryTable (lib/eval/eda/summary.ts)
 */
export function readableSummaryTable(summary: pl.DataFrame): pl.DataFrame {
  const features = summary.getColumn("feature").toArray() as string[];
  return pl.DataFrame(summary.columns.map((name) => {
    const s = summary.getColumn(name);
    const values = s.toArray() as unknown[];
    if (!s.isNumeric()) {
      return pl.Series(name, values.map((v) => (v === null ? MISSING : String(v))), pl.Utf8);
    }
    return pl.Series(
      name,
      values.map((v, i) => {
        const x = v === null ? null : Number(v);
        const calendar = CALENDAR_FEATURE.test(features[i]) && !COUNT_COLUMNS.has(name);
        if (x === null || !Number.isFinite(x) || !calendar) {
          return formatNumber(x);
        }
        return Number.isInteger(x) ? String(x) : x.toFixed(1);
      }),
      pl.Utf8,
    );
  }));
}
