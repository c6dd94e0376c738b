/**
 * Training: data, features, the loop, progress, checkpoints.
 *
 * - features.ts — {@link MetadataEncoder}: tabular columns → standardised features
 * - data.ts — {@link ModelData}, batches as tensors, the spectrogram scaler, 3-channel inputs
 * - train.ts — {@link trainNetwork} (seeded, early stopping, checkpoints, resume),
 *   {@link predictNetwork}
 * - history.ts, progress.ts — per-epoch records, the progress bar
 * - checkpoint.ts — crash-safe save/load of networks with their state
 * - resume.ts — the fingerprint (data, settings, code version) that decides whether a saved run
 *   may be continued
 *
 * @example
 * ```ts
 * import { trainNetwork } from "./mod.ts";
 * ```
 * @module
 */
export * from "./features.ts";
export * from "./data.ts";
export * from "./train.ts";
export * from "./history.ts";
export * from "./progress.ts";
export * from "./checkpoint.ts";
export * from "./resume.ts";
