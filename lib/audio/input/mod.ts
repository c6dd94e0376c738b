/**
 * The network input API the training engine consumes (kept stable):
 *
 * - {@link networkInput}(samples, sampleRate, options) → Float32Array [nMels × frames], row-major
 *   (index = mel·frames + t), raw dB (ref 1, floored at max − topDb; no normalisation — the model
 *   decides scaling) of a `cropSeconds` crop (centre, or random with a seed), pooled in time to
 *   `frames` columns by the mean power over equal spans;
 * - {@link networkInputFromFile}(path, config.audio, { seed }) → decode → mono → resample → the same;
 * - {@link extractNetworkInputs}(paths, config.audio, { cacheDir, workers, onProgress }) → the
 *   batch, parallel and cached under `<paths.data>/cache/audio/`, with a failures list.
 * - {@link spectrogramImage}(db, { channels }) → the spectrogram as a grey (1) or viridis (3 channel)
 *   image in [0, 1]; {@link studyAudioSettings}: the FMA classifier study's 102×159 random 10-s crop.
 *
 * Files: network_input.ts ({@link networkInput}, its shape and defaults), from_file.ts
 * ({@link networkInputFromFile}), crop.ts ({@link cropStart}, {@link cropSamples}), time_pool.ts
 * ({@link timePool}), image.ts ({@link spectrogramImage}, {@link viridis}, the study's settings);
 * the batch extraction is in ../extract/.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { extractNetworkInputs, networkInputShape } from "./mod.ts";
 * const config = loadConfig();
 * const [nMels, frames] = networkInputShape(config.audio);
 * const { inputs, failures } = await extractNetworkInputs(["a.mp3", "b.wav"], config.audio);
 * ```
 * @module
 */
export {
  type AudioConfig,
  NETWORK_INPUT_DEFAULTS,
  networkInput,
  type NetworkInputOptions,
  networkInputResampled,
  networkInputShape,
} from "./network_input.ts";
export { type FileInputOptions, networkInputFromFile } from "./from_file.ts";
export { type CropMode, type CropOptions, cropSamples, cropStart } from "./crop.ts";
export { timePool } from "./time_pool.ts";
export {
  spectrogramImage,
  type SpectrogramImageOptions,
  STUDY_INPUT,
  studyAudioSettings,
  viridis,
  VIRIDIS_STOPS,
} from "./image.ts";
export {
  type CacheStats,
  defaultCacheDir,
  type ExtractFailure,
  extractNetworkInputs,
  type ExtractOptions,
  type ExtractWarning,
  type NetworkInputBatch,
} from "../extract/extract.ts";
export { type ExtractProgress, progressReporter } from "../extract/progress.ts";
