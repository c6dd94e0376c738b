/**
 * Training: data, the metadata encoder, the loop, progress, checkpoints.
 *
 * - metadata_encoder.ts — {@link MetadataEncoder}: tabular columns → standardised inputs
 * - data.ts — {@link ModelData}, batches as tensors, the spectrogram scaler, 3-channel inputs
 * - epochs.ts — {@link runEpochs}, the one epoch loop (seeded batch order, early stopping, best
 *   weights, checkpoint hook, progress) the CNN and the forecasters run
 * - train.ts — {@link trainNetwork} (the CNN on the epoch loop, checkpoints, resume),
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
export * from "./metadata_encoder.ts";
export * from "./data.ts";
export * from "./epochs.ts";
export * from "./train.ts";
export * from "./history.ts";
export * from "./progress.ts";
export * from "./checkpoint.ts";
export * from "./resume.ts";
