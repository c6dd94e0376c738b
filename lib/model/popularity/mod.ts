/**
 * {@link PopularityModel}: a network with what it needs to read songs (metadata encoder,
 * spectrogram scaler and settings), trained, applied, saved and loaded as one.
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
