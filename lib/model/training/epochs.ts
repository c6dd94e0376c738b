/**
 * The one epoch loop every trainer of the workspace runs ({@link runEpochs}): mini-batches in a
 * seeded order per epoch, the validation loss after every epoch, early stopping by the seed
 * paper's rule (../early_stopping/rule.ts) with the best epoch's weights put back at the end, a
 * checkpoint hook after every epoch, progress after every batch (count, samples/s, ETA) and every
 * epoch, and the epoch records.
 *
 * A trainer supplies what depends on its model: `trainBatch(indices)` (one optimizer step on
 * those examples), `validate()`, and weight `snapshot`/`restore`; the loop owns the rest. The CNN
 * trainer (./train.ts: tfjs variables and optimizer) and the forecasters (../forecast/train.ts:
 * the workspace's own recurrent layers and Adam) both run it, so they share one batching order,
 * one stopping rule and one progress display.
 *
 * Defaults of every setting are the seed paper's ({@link PAPER_SETTINGS}, ../../paper.ts),
 * resolved once by {@link resolveTrainingSettings}.
 *
 * @example
 * ```ts
 * import { runEpochs } from "./epochs.ts";
 * let w = 0;
 * const run = await runEpochs({
 *   examples: 4,
 *   settings: { epochs: 3, batchSize: 2, patience: 7, minDelta: 0, seed: 1 },
 *   trainBatch: (idx) => ({ loss: (w -= 0.1) ** 2, statSum: idx.length }),
 *   validate: () => ({ loss: w ** 2, stat: 0 }),
 *   snapshot: () => w,
 *   restore: (saved) => (w = saved),
 *   record: (s) => ({ ...s, mae: s.stat, valMae: s.valStat, accuracy: null, valAccuracy: null }),
 * });
 * console.log(run.history.length, run.bestEpoch); // 3 0
 * ```
 * @module
 */
import { deriveSeed, Rng } from "../../data/random.ts";
import { DEFAULT_SEED, PAPER_SETTINGS } from "../../paper.ts";
import {
  type EarlyStoppingState,
  earlyStoppingStep,
  initialEarlyStopping,
} from "../early_stopping/rule.ts";
import type { EpochRecord } from "./history.ts";
import type { TrainingProgress } from "./progress.ts";

/** The settings of a training run, every one resolved (see {@link resolveTrainingSettings}). */
export interface TrainingSettings {
  /** Most epochs. */
  epochs: number;
  /** Examples per batch. */
  batchSize: number;
  /** The optimizer's learning rate. */
  learningRate: number;
  /** Early stopping: epochs without improvement before stopping. */
  patience: number;
  /** Early stopping: decrease of the validation loss that counts. */
  minDelta: number;
  /** Seed of the batch order (and of a trainer's other draws, such as dropout masks). */
  seed: number;
}

/**
 * The options every trainer takes (a trainer's own options extend them). A setting left out takes
 * the seed paper's value (`PAPER_SETTINGS.training` in ../../paper.ts: 25 epochs, batch 32,
 * learning rate 1e-3, patience 7, δ 0, or a trainer's own default) and the workspace's default
 * seed, resolved by {@link resolveTrainingSettings}; callers pass the validated configuration's
 * values.
 */
export interface TrainerOptions {
  /** Most epochs; default the paper's (a forecaster's: `FORECAST_SETTINGS.epochs`). */
  epochs?: number;
  /** Examples (a forecaster's: windows) per batch; default the paper's. */
  batchSize?: number;
  /** Adam's learning rate; default the paper's. */
  learningRate?: number;
  /** Early stopping: epochs without improvement of the validation loss; default the paper's. */
  patience?: number;
  /** Early stopping: decrease of the validation loss that counts; default the paper's. */
  minDelta?: number;
  /** Seed of the batch order (and of dropout masks); default the workspace's (`DEFAULT_SEED`). */
  seed?: number;
  /** Put the best epoch's weights back at the end; default true (the paper's). */
  restoreBestWeights?: boolean;
  /** Where progress goes; default the terminal's (`terminalProgress`). */
  progress?: TrainingProgress;
}

/**
 * Fills in the settings a trainer was not given: the seed paper's (../../paper.ts), the
 * workspace's default seed, and `defaults` where a trainer's own differ (a forecaster's epochs).
 *
 * @example
 * ```ts
 * import { resolveTrainingSettings } from "./epochs.ts";
 * console.log(resolveTrainingSettings({ epochs: 3 }).batchSize); // 32
 * ```
 */
export function resolveTrainingSettings(
  options: Partial<TrainingSettings>,
  defaults: Partial<TrainingSettings> = {},
): TrainingSettings {
  const paper = PAPER_SETTINGS.training;
  return {
    epochs: options.epochs ?? defaults.epochs ?? paper.epochs,
    batchSize: options.batchSize ?? defaults.batchSize ?? paper.batchSize,
    learningRate: options.learningRate ?? defaults.learningRate ?? paper.learningRate,
    patience: options.patience ?? defaults.patience ?? paper.patience,
    minDelta: options.minDelta ?? defaults.minDelta ?? paper.minDelta,
    seed: options.seed ?? defaults.seed ?? DEFAULT_SEED,
  };
}

/** What one training batch reports. */
export interface BatchResult {
  /** Mean loss over the batch's examples. */
  loss: number;
  /** Sum over the batch's examples of the trainer's error statistic (|error|, or correct ones). */
  statSum: number;
}

/** What validation after an epoch reports. */
export interface ValidationResult {
  /** Mean validation loss: the early-stopping monitor. */
  loss: number;
  /** Mean of the trainer's error statistic over the validation examples. */
  stat: number;
}

/** One epoch as the loop measured it; a trainer turns it into its record. */
export interface EpochSummary {
  /** 0-based epoch. */
  epoch: number;
  /** Epochs planned. */
  epochs: number;
  /** Mean training loss over the epoch's batches. */
  loss: number;
  /** Mean training error statistic over the epoch's examples. */
  stat: number;
  /** Validation loss after the epoch. */
  valLoss: number;
  /** Validation error statistic after the epoch. */
  valStat: number;
  /** Wall time of the epoch so far (training and validation), seconds. */
  seconds: number;
  /** Training examples per second of the epoch's training part. */
  samplesPerSecond: number;
  /** Whether the validation loss improved on the best so far. */
  improved: boolean;
}

/**
 * The epoch record of a summary: the error statistic is the MAE of a regression, or the accuracy
 * of a classifier (`classifier: true`); the other pair is null.
 */
export function epochRecord(s: EpochSummary, classifier = false): EpochRecord {
  return {
    epoch: s.epoch,
    epochs: s.epochs,
    loss: s.loss,
    mae: classifier ? null : s.stat,
    valLoss: s.valLoss,
    valMae: classifier ? null : s.valStat,
    accuracy: classifier ? s.stat : null,
    valAccuracy: classifier ? s.valStat : null,
    seconds: s.seconds,
    samplesPerSecond: s.samplesPerSecond,
    improved: s.improved,
  };
}

/** Where a run stands after an epoch: what a checkpoint stores, and what a resume starts from. */
export interface EpochLoopState<W, R extends EpochRecord> {
  /** Epochs completed. */
  epochsDone: number;
  /** One record per epoch completed. */
  history: R[];
  /** The early-stopping rule's state. */
  stopping: EarlyStoppingState;
  /** The best epoch's weights so far (null before the first epoch). */
  best: W | null;
  /** True once the run has ended (stopped early or ran all epochs). */
  finished: boolean;
}

/** A run of {@link runEpochs}: the data's size, the settings and the trainer's functions. */
export interface EpochLoop<W, R extends EpochRecord> {
  /** Training examples; batches draw indices 0 … examples − 1. */
  examples: number;
  /** Epochs, batch size, early stopping and seed (see {@link resolveTrainingSettings}). */
  settings: Omit<TrainingSettings, "learningRate">;
  /** Label of the batch-order draw: epoch e's order is drawn from (seed, label, e). Default `batch order`. */
  orderLabel?: string;
  /** One optimizer step on the examples `indices` (in the order given). */
  trainBatch(indices: number[]): BatchResult | Promise<BatchResult>;
  /** Validation after epoch `epoch`; may throw to end the run (a diverged loss, say). */
  validate(epoch: number): ValidationResult | Promise<ValidationResult>;
  /** A copy of the current weights. */
  snapshot(): W;
  /** Puts saved weights back. */
  restore(weights: W): void;
  /** Frees a snapshot that is no longer needed (tensors); default nothing. */
  release?(weights: W): void;
  /** The trainer's record of an epoch. */
  record(summary: EpochSummary): R | Promise<R>;
  /** Called before an epoch's first batch (e.g. to position dropout's random stream). */
  onEpochStart?(epoch: number, batchesPerEpoch: number): void;
  /** The checkpoint hook: called after every epoch's record, before progress hears of it. */
  onEpochEnd?(state: EpochLoopState<W, R>): void | Promise<void>;
  /** Where progress goes; default nowhere. */
  progress?: TrainingProgress;
  /** Continue from a saved state (its `best` is taken over: released or restored by the loop). */
  resume?: Omit<EpochLoopState<W, R>, "finished"> | null;
  /** Put the best epoch's weights back at the end; default the paper's (true). */
  restoreBestWeights?: boolean;
  /** How a loss is written in the early-stop message; default three decimals. */
  formatLoss?: (loss: number) => string;
}

/** What {@link runEpochs} produced. */
export interface EpochLoopResult<R extends EpochRecord> {
  /** One record per epoch run (including those before a resume). */
  history: R[];
  /** Epoch (0-based) with the lowest validation loss. */
  bestEpoch: number;
  /** Epoch after which early stopping ended the run, or null if all epochs ran. */
  stopEpoch: number | null;
  /** Whether the best weights were put back. */
  restoredBestWeights: boolean;
  /** Epochs already done when the run started (0 for a fresh run). */
  resumedAt: number;
}

/** What a trainer returns: the loop's result, less `resumedAt`, and the wall time. */
export interface TrainerResult<R extends EpochRecord>
  extends Omit<EpochLoopResult<R>, "resumedAt"> {
  /** Wall time of the trainer's call, in seconds. */
  seconds: number;
}

/** A trainer's {@link TrainerResult} from its loop's `run` and its start (`performance.now()`). */
export function trainerResult<R extends EpochRecord>(
  run: EpochLoopResult<R>,
  started: number,
): TrainerResult<R> {
  return {
    history: run.history,
    bestEpoch: run.bestEpoch,
    stopEpoch: run.stopEpoch,
    restoredBestWeights: run.restoredBestWeights,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Runs epochs until early stopping or `settings.epochs` (see the module's description), then
 * puts the best epoch's weights back unless `restoreBestWeights` is false.
 */
export async function runEpochs<W, R extends EpochRecord>(
  loop: EpochLoop<W, R>,
): Promise<EpochLoopResult<R>> {
  const { epochs, batchSize, patience, minDelta, seed } = loop.settings;
  const n = loop.examples;
  const progress = loop.progress ?? {};
  const label = loop.orderLabel ?? "batch order";
  const formatLoss = loop.formatLoss ?? ((x: number) => x.toFixed(3));
  const history: R[] = [...(loop.resume?.history ?? [])];
  let stopping = loop.resume?.stopping ?? initialEarlyStopping();
  let best: W | null = loop.resume?.best ?? null;
  const resumedAt = loop.resume?.epochsDone ?? 0;
  const batches = Math.ceil(n / batchSize);
  const all = Array.from({ length: n }, (_, i) => i);
  let finished = stopping.stopEpoch !== null;
  for (let epoch = resumedAt; epoch < epochs && !finished; epoch++) {
    const t0 = performance.now();
    const order = new Rng(deriveSeed(seed, label, epoch)).shuffle(all);
    loop.onEpochStart?.(epoch, batches);
    let lossSum = 0, statSum = 0, done = 0;
    for (let b = 0; b < batches; b++) {
      const indices = order.slice(b * batchSize, (b + 1) * batchSize);
      const batch = await loop.trainBatch(indices);
      lossSum += batch.loss * indices.length;
      statSum += batch.statSum;
      done += indices.length;
      const elapsed = (performance.now() - t0) / 1000;
      await progress.onBatch?.({
        epoch,
        epochs,
        done,
        total: n,
        loss: lossSum / done,
        samplesPerSecond: done / elapsed,
        etaSeconds: (n - done) / (done / elapsed),
      });
    }
    const trainSeconds = (performance.now() - t0) / 1000;
    const val = await loop.validate(epoch);
    const step = earlyStoppingStep(stopping, val.loss, { patience, minDelta });
    stopping = step.state;
    if (step.improved) {
      if (best !== null) loop.release?.(best);
      best = loop.snapshot();
    }
    const record = await loop.record({
      epoch,
      epochs,
      loss: lossSum / n,
      stat: statSum / n,
      valLoss: val.loss,
      valStat: val.stat,
      seconds: (performance.now() - t0) / 1000,
      samplesPerSecond: n / trainSeconds,
      improved: step.improved,
    });
    history.push(record);
    finished = step.stop || epoch + 1 >= epochs;
    await loop.onEpochEnd?.({ epochsDone: epoch + 1, history, stopping, best, finished });
    await progress.onEpoch?.(record);
    if (step.stop) {
      await progress.onMessage?.(
        `early stop after epoch ${epoch + 1}: no improvement for ${patience} epochs; ` +
          `best epoch ${stopping.bestEpoch + 1} (val loss ${formatLoss(stopping.bestLoss)})`,
      );
    }
  }
  const restore = (loop.restoreBestWeights ?? PAPER_SETTINGS.training.restoreBestWeights) &&
    best !== null;
  if (restore) loop.restore(best!);
  if (best !== null) loop.release?.(best);
  return {
    history,
    bestEpoch: stopping.bestEpoch,
    stopEpoch: stopping.stopEpoch,
    restoredBestWeights: restore,
    resumedAt,
  };
}
