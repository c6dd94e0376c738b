/**
 * The training notebook's ablation: the paper's network on audio + metadata, and the same network
 * with only its audio branch or only its metadata branch, trained on the same songs with the
 * configured settings, each saved to `modelDir(config, "cnn-<inputs>")`.
 *
 * A rerun after an interruption continues each model from its last checkpoint when the songs,
 * settings and code are unchanged (`config.model.resume`, on by default; `deno task run --fresh`
 * turns it off), and {@link trainingStartsReading} says which models resumed at which epoch and
 * which started over, and why.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { networkVariants, trainingEpochs, trainVariants } from "./variants.ts";
 * const config = loadConfig();
 * // const runs = await trainVariants(songs, config, {
 * //   variants: networkVariants(true), epochs: trainingEpochs(config),
 * // });
 * ```
 * @module
 */
import type { Config } from "../../config.ts";
import type { NetworkInputs } from "../cnn/architecture.ts";
import type { TrainingProgress } from "../training/progress.ts";
import { describeStart, type TrainingStart } from "../training/resume.ts";
import type { TrainResult } from "../training/train.ts";
import { PopularityModel } from "./model.ts";
import { modelDir } from "./paths.ts";
import type { SongsByPart } from "./songs.ts";

/** Epochs on the tiny demo corpus, where a run only shows that everything works. */
export const TINY_EPOCHS = 3;

/** Whether the configuration is the tiny demo corpus (the CI run). */
export function isTinyDemo(config: Config): boolean {
  return config.dataset.source === "demo" && config.dataset.demoSize === "tiny";
}

/** The configured epochs, capped at {@link TINY_EPOCHS} on the tiny demo corpus. */
export function trainingEpochs(config: Config): number {
  return isTinyDemo(config) ? Math.min(TINY_EPOCHS, config.model.epochs) : config.model.epochs;
}

/** The ablation's networks: all three with audio, the metadata network alone without. */
export function networkVariants(hasAudio: boolean): NetworkInputs[] {
  return hasAudio ? ["both", "audio", "metadata"] : ["metadata"];
}

/** A trained variant: the model and its run. */
export interface TrainedVariant {
  model: PopularityModel;
  result: TrainResult;
  /** Whether the run continued from a checkpoint, or started over and why. */
  start: TrainingStart;
}

/** Options of {@link trainVariants}. */
export interface TrainVariantsOptions {
  /** Networks to train, in order; default all three. */
  variants?: readonly NetworkInputs[];
  /** Most epochs; default {@link trainingEpochs}. */
  epochs?: number;
  /** Progress of one variant's training (e.g. a notebook display per model). */
  progress?: (inputs: NetworkInputs) => TrainingProgress;
  /** Continue interrupted runs from their checkpoints; default `config.model.resume`. */
  resume?: boolean;
}

/**
 * Trains each variant on the training songs, monitoring the validation songs, with the
 * configured batch size, learning rate, early stopping and seed. Trains nothing (an empty map)
 * when the training or validation part is empty.
 */
export async function trainVariants(
  songs: Pick<SongsByPart, "train" | "validation">,
  config: Config,
  options: TrainVariantsOptions = {},
): Promise<Map<NetworkInputs, TrainedVariant>> {
  const trained = new Map<NetworkInputs, TrainedVariant>();
  if (songs.train.length === 0 || songs.validation.length === 0) return trained;
  for (const inputs of options.variants ?? networkVariants(true)) {
    const run = await PopularityModel.train(songs.train, songs.validation, {
      inputs,
      audio: config.audio,
      epochs: options.epochs ?? trainingEpochs(config),
      batchSize: config.model.batchSize,
      learningRate: config.model.learningRate,
      patience: config.model.patience,
      minDelta: config.model.minDelta,
      seed: config.seed,
      dir: modelDir(config, `cnn-${inputs}`),
      progress: options.progress?.(inputs),
      resume: options.resume ?? config.model.resume,
    });
    trained.set(inputs, run);
  }
  return trained;
}

/**
 * One line per model: which resumed from which epoch, which started over and why (Markdown
 * bullets; empty when nothing was trained).
 */
export function trainingStartsReading(trained: ReadonlyMap<NetworkInputs, TrainedVariant>): string {
  return [...trained].map(([inputs, run]) =>
    `- ${describeStart(`model ${inputs}`, run.start, run.result.history[0]?.epochs)}`
  ).join("\n");
}
