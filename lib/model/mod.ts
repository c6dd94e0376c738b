/**
 * The model layer: where tfjs runs, the networks, early stopping, training and the popularity
 * model (the classical baselines live in baselines/).
 *
 * - backend/ — {@link selectBackend} and the OpenBLAS-backed `fast-cpu` backend
 * - cnn/ — the paper's CNN, its ablation variants and seed 004's classifier
 * - early_stopping/ — the paper's eq. (1) as a pure function and a tfjs callback
 * - training/ — the metadata encoder, batches, the training loop, progress, checkpoints
 * - popularity/ — {@link PopularityModel}: train, predict, save, load; saliency maps
 * - baselines/ — the twelve classical classifiers under one {@link Classifier} contract
 * - forecast/ — LSTM and GRU stream forecasters (seed 003), in TypeScript over OpenBLAS
 *
 * @example
 * ```ts
 * import { PopularityModel, selectBackend } from "./mod.ts";
 * await selectBackend("auto");
 * // const { model } = await PopularityModel.train(train, validation, { audio: config.audio });
 * ```
 * @module
 */
export * from "./backend/mod.ts";
export * from "./cnn/mod.ts";
export * from "./early_stopping/mod.ts";
export * from "./training/mod.ts";
export * from "./popularity/mod.ts";
export * from "./baselines/mod.ts";
export * from "./forecast/mod.ts";
