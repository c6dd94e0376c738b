/**
 * Stream-count forecasting (seed 003): LSTM and GRU forecasters over windows of daily counts,
 * and the multi-input model that joins the recurrent output with the song's metadata before a
 * feed-forward head — written out in TypeScript with OpenBLAS products (see network.ts for why
 * not tfjs's layers), trained with Adam and the workspace's early-stopping rule.
 *
 * - experiment.ts — {@link trainStreamForecaster}: windows → trained model → predictions in streams
 * - network.ts — {@link RecurrentForecaster}: loss, gradient, prediction
 * - train.ts — {@link fitForecaster}: the loop with early stopping and progress
 * - parameters.ts, buffers.ts, batch.ts — weights, buffers, batches
 * - lstm.ts, gru.ts, head.ts, dense.ts — the layers' forward and backward passes
 * - adam.ts, blas.ts — the optimiser and the matrix product
 * - activations.ts — σ and tanh from an interpolated table (the gates' hot path)
 *
 * @example
 * ```ts
 * import { trainStreamForecaster } from "./mod.ts";
 * // const gru = await trainStreamForecaster(series, { cell: "gru", shape: "per-song", lookback: 14 });
 * ```
 * @module
 */
export * from "./parameters.ts";
export * from "./adam.ts";
export * from "./batch.ts";
export * from "./network.ts";
export * from "./train.ts";
export * from "./experiment.ts";
export { forecastBlas } from "./blas.ts";
