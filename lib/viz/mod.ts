/**
 * The viz layer: what a notebook shows. Figures are plain plotly data that draw in every viewer,
 * tables are HTML + text bundles, numbers are formatted for reading.
 *
 * - display.ts — {@link display}, {@link showTable} (cells written by {@link readableFrame}),
 *   {@link showMarkdown}, {@link showReport} (a reading and its table)
 * - plotly.ts — {@link showFigure}, {@link saveFigure}: figures in notebooks and as files
 * - format.ts — {@link formatNumber}, {@link formatPValue}: numbers for reading
 * - eda.ts, spectrogram.ts, training.ts, comparison.ts, forecast.ts — each study's figures
 * - headline.ts — {@link headlinesFrame}: a notebook's headline numbers beside their baselines
 * - classifier.ts — the audio classifier study (notebook 07): thresholds, accuracy, confusion
 * - saliency.ts — what the network hears: saliency maps, saliency by band, the probe table
 *
 * @example
 * ```ts
 * import { formatNumber, showMarkdown } from "./mod.ts";
 * await showMarkdown(`MAE ${formatNumber(9.3241)}`);
 * ```
 * @module
 */
export * from "./display.ts";
export * from "./plotly.ts";
export * from "./format.ts";
export * from "./eda.ts";
export * from "./spectrogram.ts";
export * from "./training.ts";
export * from "./comparison.ts";
export * from "./forecast.ts";
export * from "./headline.ts";
export * from "./classifier.ts";
export * from "./saliency.ts";
