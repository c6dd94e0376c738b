/**
 * The FMA audio classifier study's training: each of its networks
 * ({@link AUDIO_CLASSIFIER_VARIANTS}) trained on one split's training images with the project's
 * training engine (Adam, mini-batches, early stopping on the validation loss with the best
 * epoch's weights restored), then its predicted class for every row of every part.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { trainAudioClassifiers } from "./audio_classifier.ts";
 * const config = loadConfig();
 * // const runs = await trainAudioClassifiers({ 1: mono, 3: rgb }, split, config, { epochs: 3 });
 * // runs[0].predicted.test → class per test row
 * ```
 * @module
 */
import type { Config } from "../../config.ts";
import { spectrogramImage } from "../../audio/input/image.ts";
import type { SplitPart } from "../../data/split.ts";
import { buildCnn } from "../cnn/architecture.ts";
import {
  AUDIO_CLASSIFIER_LEARNING_RATE,
  AUDIO_CLASSIFIER_VARIANTS,
  audioClassifierOptions,
  type AudioClassifierVariant,
} from "../cnn/classifier.ts";
import { AudioScaler, type ModelData } from "../training/data.ts";
import type { TrainingProgress } from "../training/progress.ts";
import { predictNetwork, trainNetwork, type TrainResult } from "../training/train.ts";
import { isTinyDemo } from "./variants.ts";

/** Epochs on the tiny demo corpus (CI): one, so that eight networks train in seconds. */
export const CLASSIFIER_TINY_EPOCHS = 1;

/** The configured epochs, capped at {@link CLASSIFIER_TINY_EPOCHS} on the tiny demo corpus. */
export function classifierEpochs(config: Config): number {
  return isTinyDemo(config)
    ? Math.min(CLASSIFIER_TINY_EPOCHS, config.model.epochs)
    : config.model.epochs;
}

/** The images of every row, per channel count (all [rows × columns × channels], channels last). */
export interface ClassifierImages {
  /** [rows, columns] of every image. */
  shape: readonly [number, number];
  /** Grey images, [rows × columns] values each. */
  1: readonly Float32Array[];
  /** Viridis images, [rows × columns × 3] values each. */
  3: readonly Float32Array[];
}

/**
 * Every [rows × columns] dB spectrogram as a mono image and as an RGB (viridis) image (see
 * lib/audio/input/image.ts).
 */
export function classifierImages(
  spectrograms: readonly Float32Array[],
  shape: readonly [number, number],
): ClassifierImages {
  const size = shape[0] * shape[1];
  const bad = spectrograms.findIndex((s) => s.length !== size);
  if (bad >= 0) {
    throw new RangeError(
      `spectrogram ${bad} has ${spectrograms[bad].length} values; expected ${shape.join(" × ")}`,
    );
  }
  return {
    shape,
    1: spectrograms.map((s) => spectrogramImage(s, { channels: 1 })),
    3: spectrograms.map((s) => spectrogramImage(s, { channels: 3 })),
  };
}

/** A split of the rows with a class per row (see lib/data/classes.ts). */
export interface LabelledSplit {
  /** The split's name, for progress lines. */
  title: string;
  /** The part of every row. */
  parts: readonly SplitPart[];
  /** The class of every row. */
  labels: readonly number[];
}

/** The rows of each part: their indices, true classes and one network's predicted classes. */
export interface PartPredictions {
  /** Indices of the part's rows. */
  rows: number[];
  /** Their true classes. */
  actual: number[];
  /** The network's class for each (its largest probability). */
  predicted: number[];
}

/** One trained network of the study. */
export interface ClassifierRun {
  /** Which network. */
  variant: AudioClassifierVariant;
  /** The training run (history, best epoch, time). */
  result: TrainResult;
  /** Predictions on each part of the split. */
  parts: Record<SplitPart, PartPredictions>;
}

/** Options of {@link trainAudioClassifiers}. */
export interface TrainClassifiersOptions {
  /** Networks to train; default all four. */
  variants?: readonly AudioClassifierVariant[];
  /** Most epochs; default the configuration's (the study's ≤ 100). */
  epochs?: number;
  /** Adam's learning rate; default {@link AUDIO_CLASSIFIER_LEARNING_RATE}. */
  learningRate?: number;
  /** Number of classes; default 3. */
  classes?: number;
  /** Progress of one network's training. */
  progress?: (variant: AudioClassifierVariant) => TrainingProgress;
}

const PARTS: readonly SplitPart[] = ["train", "validation", "test"];

function argmaxRows(probabilities: Float32Array, classes: number): number[] {
  const n = probabilities.length / classes;
  return Array.from({ length: n }, (_, i) => {
    let best = 0;
    for (let j = 1; j < classes; j++) {
      if (probabilities[i * classes + j] > probabilities[i * classes + best]) best = j;
    }
    return best;
  });
}

/**
 * Trains each variant on the split's training rows (validation rows for early stopping) with the
 * configured batch size, patience, δ and seed and Adam at `learningRate`, and predicts every part. Images are
 * standardised by one mean and sd fitted on the training images. Returns no run when the training
 * or validation part is empty.
 */
export async function trainAudioClassifiers(
  images: ClassifierImages,
  split: LabelledSplit,
  config: Config,
  options: TrainClassifiersOptions = {},
): Promise<ClassifierRun[]> {
  const classes = options.classes ?? 3;
  if (split.parts.length !== split.labels.length || split.parts.length !== images[1].length) {
    throw new RangeError(
      `${split.parts.length} parts, ${split.labels.length} labels and ${images[1].length} images`,
    );
  }
  const rows = Object.fromEntries(
    PARTS.map((p) => [p, split.parts.flatMap((q, i) => (q === p ? [i] : []))]),
  ) as Record<SplitPart, number[]>;
  if (rows.train.length === 0 || rows.validation.length === 0) return [];
  const runs: ClassifierRun[] = [];
  for (const variant of options.variants ?? AUDIO_CLASSIFIER_VARIANTS) {
    const audioShape = [...images.shape, variant.channels] as [number, number, number];
    const data = (part: SplitPart): ModelData => ({
      audio: rows[part].map((i) => images[variant.channels][i]),
      audioShape,
      targets: Float32Array.from(rows[part], (i) => split.labels[i]),
    });
    const train = data("train");
    const scaler = AudioScaler.fit(train.audio!);
    const network = buildCnn(
      audioClassifierOptions(variant, { audioShape, seed: config.seed, classes }),
    );
    try {
      const result = await trainNetwork(network, train, data("validation"), {
        epochs: options.epochs ?? config.model.epochs,
        batchSize: config.model.batchSize,
        learningRate: options.learningRate ?? AUDIO_CLASSIFIER_LEARNING_RATE,
        patience: config.model.patience,
        minDelta: config.model.minDelta,
        seed: config.seed,
        audioScaler: scaler,
        progress: options.progress?.(variant),
      });
      const predict = (part: SplitPart): PartPredictions => {
        const d = data(part);
        const predicted = d.targets.length === 0
          ? []
          : argmaxRows(predictNetwork(network, d, { audioScaler: scaler }), classes);
        return { rows: rows[part], actual: Array.from(d.targets), predicted };
      };
      runs.push({
        variant,
        result,
        parts: {
          train: predict("train"),
          validation: predict("validation"),
          test: predict("test"),
        },
      });
    } finally {
      network.dispose();
    }
  }
  return runs;
}
