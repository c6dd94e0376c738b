/**
 * {@link PopularityModel}: a network with what it needs to read songs (metadata encoder,
 * spectrogram scaler and settings), trained, applied, saved and loaded as one.
 *
 * - model.ts — {@link PopularityModel}; paths.ts — where models live
 * - songs.ts, dataset_songs.ts — a dataset's songs per part, with their spectrograms
 * - audio_classifier.ts — {@link trainAudioClassifiers}: the FMA classifier study's networks
 * - variants.ts — {@link trainVariants}: the ablation's three networks on the same songs
 * - saliency.ts — gradient × input and occlusion maps: which mel bands and frames move a
 *   prediction
 *
 * @example
 * ```ts
 * import { PopularityModel } from "./mod.ts";
 * // const model = await PopularityModel.load("outputs/models/cnn-both");
 * ```
 * @module
 */
export * from "./model.ts";
export * from "./paths.ts";
export * from "./songs.ts";
export * from "./dataset_songs.ts";
export * from "./variants.ts";
export * from "./audio_classifier.ts";
export * from "./saliency.ts";
