/**
 * The eval layer: metrics as plain functions of (truth, prediction), reports with the trivial
 * baseline beside every metric, the exploratory analysis, the model comparison and the forecast
 * evaluation.
 *
 * - metrics.ts — regression and classification metrics, bootstrap intervals, reports
 * - eda/ — Table 1, Table 3, the release heatmap, distributions
 * - compare/ — the classical baselines and the CNN on the same rows
 * - forecast/ — forecast errors, naive baselines, the lookback sweep, the experiment's steps
 * - classifier_study.ts — the audio classifier study: k-class reports, split gap, headlines
 * - variants.ts — the training notebook's CNN variants: reports, result files, headlines
 * - permutation.ts — permutation importance with bootstrap intervals (the CNN, a baseline)
 * - probes.ts — does the CNN hear the demo corpus's planted brightness and hook, beside a
 *   shuffled-label control ({@link probeHiddenFactors})
 * - headline.ts — {@link saveHeadlines}, {@link loadHeadlines}: each notebook's headline numbers
 *   beside their trivial baselines, for the run's report
 *
 * @example
 * ```ts
 * import { mae } from "./mod.ts";
 * mae([1, 2], [1, 3]); // 0.5
 * ```
 * @module
 */
export * from "./metrics.ts";
export * from "./eda/mod.ts";
export * from "./compare/mod.ts";
export * from "./forecast/mod.ts";
export * from "./headline.ts";
export * from "./variants.ts";
export * from "./permutation.ts";
export * from "./classifier_study.ts";
export * from "./probes.ts";
