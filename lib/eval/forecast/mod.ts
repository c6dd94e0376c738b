/**
 * Scoring stream forecasts (seed 003) honestly: errors in streams on observed target days, the
 * naive baselines in the same table on exactly the same targets, and the lookback sweep that
 * chooses on validation days and reports test days.
 *
 * - errors.ts — {@link scoreForecast}: MSE, RMSE, MAE in streams
 * - baselines.ts — {@link naiveForecast}: last value, same day last week
 * - table.ts — {@link forecastComparison}: models and baselines, one table
 * - sweep.ts — {@link lookbackSweep}: RMSE against lookback for LSTM and GRU
 * - plan.ts — {@link forecastPlan}: the full sweep, or the short one on the tiny corpus
 * - experiment.ts — per-song and multi-input models, results on the same days, the headlines
 *
 * @example
 * ```ts
 * import { forecastComparison, lookbackSweep } from "./mod.ts";
 * // const sweep = await lookbackSweep(series, { lookbacks: [7, 14] });
 * // const rows = forecastComparison(series.prepared, sweep.models.map((m) => ({ name: m.name, predictions: m.test })));
 * ```
 * @module
 */
export * from "./errors.ts";
export * from "./baselines.ts";
export * from "./table.ts";
export * from "./sweep.ts";
export * from "./plan.ts";
export * from "./experiment.ts";
