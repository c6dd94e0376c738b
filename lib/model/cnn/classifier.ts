/**
 * The FMA audio classifier study's four networks, as options of {@link buildCnn}: seed 004's
 * 3-class audio classifier ({@link SEED_004_CLASSIFIER}: batch norm between each convolution and
 * its ReLU, 2×2 max pooling, a dense layer with dropout, softmax) with 2, 4 or 6 conv blocks over a
 * 102×159 spectrogram image of 1 (mono) or 3 (RGB, colour-mapped) channels.
 *
 * The study gives the best network's dense layer (512 units); the filters per block and the other
 * networks' dense width are this workspace's choice (doubling filters per block, 128 units).
 *
 * @example
 * ```ts
 * import { AUDIO_CLASSIFIER_VARIANTS, audioClassifierOptions, buildCnn } from "./mod.ts";
 * const best = AUDIO_CLASSIFIER_VARIANTS.at(-1)!; // 6-conv RGB
 * const model = buildCnn(audioClassifierOptions(best, { audioShape: [102, 159, 3], seed: 42 }));
 * ```
 * @module
 */
import { type CnnOptions, SEED_004_CLASSIFIER } from "./architecture.ts";

/**
 * Adam's learning rate for the study's networks: 1e-4. Measured on the default demo corpus: at the
 * paper's 1e-3 the 2-conv network's dense layer (31,200 inputs) saturates its softmax within the
 * first epoch (every song "medium", cross-entropy stuck at 8.6) and never recovers; at 1e-4 it
 * learns (validation accuracy 0.58–0.62 over six epochs against the majority class's 0.47).
 */
export const AUDIO_CLASSIFIER_LEARNING_RATE = 1e-4;

/** One network of the study. */
export interface AudioClassifierVariant {
  /** Short name, e.g. `2-conv mono`. */
  name: string;
  /** Input channels: 1 (grey spectrogram) or 3 (viridis colour map). */
  channels: 1 | 3;
  /** Filters of each conv block (its length is the number of conv layers). */
  convFilters: readonly number[];
  /** Units of the dense layer before the softmax. */
  denseUnits: number;
  /** Dropout rate after the dense layer. */
  dropout: number;
  /** The study's reported accuracy (train, validation, test) on fma_small. */
  study: { train: number; validation: number; test: number };
}

/** Dropout after the dense layer, the same in the study's four networks. */
const STUDY_DROPOUT = 0.4;

/** A variant named by its conv blocks and channels, e.g. `4-conv RGB`. */
function variant(
  channels: 1 | 3,
  convFilters: readonly number[],
  denseUnits: number,
  [train, validation, test]: readonly [number, number, number],
): AudioClassifierVariant {
  const name = `${convFilters.length}-conv ${channels === 1 ? "mono" : "RGB"}`;
  return {
    name,
    channels,
    convFilters,
    denseUnits,
    dropout: STUDY_DROPOUT,
    study: { train, validation, test },
  };
}

/** The study's four networks, in its order (the last is its best). */
export const AUDIO_CLASSIFIER_VARIANTS: readonly AudioClassifierVariant[] = [
  // channels, filters per conv block, dense units, the study's accuracy (train, validation, test)
  variant(1, [16, 32], 128, [0.44, 0.41, 0.42]),
  variant(1, [16, 32, 64, 128], 128, [0.46, 0.51, 0.51]),
  variant(3, [16, 32, 64, 128], 128, [0.53, 0.55, 0.53]),
  variant(3, [16, 32, 64, 128, 128, 256], 512, [0.59, 0.63, 0.61]),
];

/**
 * {@link buildCnn} options of a variant: seed 004's classifier with the variant's conv blocks,
 * dense layer and dropout, and `classes` softmax outputs (default 3).
 *
 * @param shape.audioShape [rows, columns, channels]; channels must match the variant's
 */
export function audioClassifierOptions(
  variant: AudioClassifierVariant,
  shape: { audioShape: readonly [number, number, number]; seed?: number; classes?: number },
): CnnOptions {
  if (shape.audioShape[2] !== variant.channels) {
    throw new RangeError(
      `${variant.name} reads ${variant.channels} channel(s), found input shape ` +
        `[${shape.audioShape.join(", ")}]`,
    );
  }
  return {
    ...SEED_004_CLASSIFIER,
    audioShape: shape.audioShape,
    convFilters: variant.convFilters,
    denseUnits: [variant.denseUnits],
    dropout: variant.dropout,
    output: { kind: "classification", classes: shape.classes ?? 3 },
    seed: shape.seed,
  };
}
