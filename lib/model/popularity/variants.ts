/**
 * The training notebook's ablation: the paper's network on audio + metadata, and the same network
 * with only its audio branch or only its metadata branch, trained on the same songs with the
 * configured settings, each saved to `modelDir(config, "cnn-<inputs>")`; with `model.seeds` above
 * one (default 3, one on the tiny demo corpus) each network is also trained with seeds seed + 1, …
 * into `cnn-<inputs>-seed<seed>`, so that every metric can be read with its spread over seeds.
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

/** Seeds per network: `config.model.seeds`, one on the tiny demo corpus. */
export function trainingSeeds(config: Config): number {
  return isTinyDemo(config) ? 1 : config.model.seeds;
}

/**
 * The folder of one seed's model: `cnn-<inputs>` for the configured seed (the model the predict
 * command loads), `cnn-<inputs>-seed<seed>` for the others. Each folder keeps its own checkpoints,
 * so an interrupted run resumes every seed where it stopped.
 */
export function variantModelName(inputs: NetworkInputs, seed: number, config: Config): string {
  return seed === config.seed ? `cnn-${inputs}` : `cnn-${inputs}-seed${seed}`;
}

/** The ablation's networks: all three with audio, the metadata network alone without. */
export function networkVariants(hasAudio: boolean): NetworkInputs[] {
  return hasAudio ? ["both", "audio", "metadata"] : ["metadata"];
}

/** One seed's run of a variant. */
export interface SeedRun {
  /** The seed of this run's initial weights, dropout masks and batch order. */
  seed: number;
  /** The model this seed trained. */
  model: PopularityModel;
  /** Its training history, best epoch and wall time. */
  result: TrainResult;
  /** Whether the run continued from a checkpoint, or started over and why. */
  start: TrainingStart;
}

/**
 * A trained variant: the configured seed's model and run, and every seed's run (the configured
 * seed first).
 */
export interface TrainedVariant {
  /** The configured seed's model. */
  model: PopularityModel;
  /** The configured seed's training run. */
  result: TrainResult;
  /** Whether the run continued from a checkpoint, or started over and why. */
  start: TrainingStart;
  /** Every seed's run, the configured seed's first; one entry when one seed is trained. */
  seeds: SeedRun[];
}

/** Options of {@link trainVariants}. */
export interface TrainVariantsOptions {
  /** Networks to train, in order; default all three. */
  variants?: readonly NetworkInputs[];
  /** Most epochs; default {@link trainingEpochs}. */
  epochs?: number;
  /** Progress of one variant's training with one seed (e.g. a notebook display per model). */
  progress?: (inputs: NetworkInputs, seed: number) => TrainingProgress;
  /** Seeds per variant (seed, seed + 1, …); default {@link trainingSeeds}. */
  seeds?: number;
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
  const seeds = options.seeds ?? trainingSeeds(config);
  if (!Number.isInteger(seeds) || seeds < 1) throw new RangeError(`seeds must be ≥ 1: ${seeds}`);
  for (const inputs of options.variants ?? networkVariants(true)) {
    const runs: SeedRun[] = [];
    for (let k = 0; k < seeds; k++) {
      const seed = config.seed + k;
      const run = await PopularityModel.train(songs.train, songs.validation, {
        inputs,
        audio: config.audio,
        epochs: options.epochs ?? trainingEpochs(config),
        batchSize: config.model.batchSize,
        learningRate: config.model.learningRate,
        patience: config.model.patience,
        minDelta: config.model.minDelta,
        seed,
        dir: modelDir(config, variantModelName(inputs, seed, config)),
        progress: options.progress?.(inputs, seed),
        resume: options.resume ?? config.model.resume,
      });
      runs.push({ seed, ...run });
    }
    trained.set(inputs, { ...runs[0], seeds: runs });
  }
  return trained;
}

/**
 * One line per model: which resumed from which epoch, which started over and why (Markdown
 * bullets; empty when nothing was trained).
 */
export function trainingStartsReading(trained: ReadonlyMap<NetworkInputs, TrainedVariant>): string {
  return [...trained].flatMap(([inputs, variant]) => {
    const runs = variant.seeds?.length ? variant.seeds : [{ ...variant, seed: null }];
    return runs.map((run) => {
      const name = runs.length > 1 ? `model ${inputs} (seed ${run.seed})` : `model ${inputs}`;
      return `- ${describeStart(name, run.start, run.result.history[0]?.epochs)}`;
    });
  }).join("\n");
}
