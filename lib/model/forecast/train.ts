/**
 * Training a forecaster ({@link fitForecaster}): mini-batches in a seeded order per epoch, Adam,
 * the mean squared error of the scaled counts, the validation loss after every epoch, and early
 * stopping by the workspace's rule (../early_stopping/rule.ts: patience 7, δ 0) with the best
 * epoch's weights put back at the end. Epoch records and progress events are the training
 * loop's own (../training/history.ts, ../training/progress.ts), so the same displays show them.
 *
 * A `monitor` set (the test windows, say) may be scored after every epoch for the loss curves;
 * it never influences training or stopping.
 *
 * @example
 * ```ts
 * import { fitForecaster } from "./train.ts";
 * // const fit = await fitForecaster(model, { windows: train }, { windows: validation }, { epochs: 50 });
 * // console.log(fit.bestEpoch, fit.history.at(-1)?.valLoss);
 * ```
 * @module
 */
import { deriveSeed, Rng } from "../../data/random.ts";
import { windowCount } from "../../data/charts/windows.ts";
import { earlyStoppingStep, initialEarlyStopping } from "../early_stopping/rule.ts";
import type { EpochRecord } from "../training/history.ts";
import { terminalProgress, type TrainingProgress } from "../training/progress.ts";
import { Adam } from "./adam.ts";
import type { ForecastInputs } from "./batch.ts";
import type { RecurrentForecaster } from "./network.ts";

/** Options of {@link fitForecaster}; defaults are the training loop's (the seed paper's). */
export interface FitForecasterOptions {
  /** Most epochs; default 100 (early stopping usually ends sooner). */
  epochs?: number;
  /** Windows per batch; default 32. */
  batchSize?: number;
  /** Adam's learning rate; default 1e-3. */
  learningRate?: number;
  /** Early stopping: epochs without improvement of the validation loss; default 7. */
  patience?: number;
  /** Early stopping: decrease of the validation loss that counts; default 0. */
  minDelta?: number;
  /** Seed of the batch order; default 42. */
  seed?: number;
  /** Put the best epoch's weights back at the end; default true. */
  restoreBestWeights?: boolean;
  /** Where progress goes; default the terminal's. */
  progress?: TrainingProgress;
  /** A further set scored after every epoch for the curves only (e.g. the test windows). */
  monitor?: ForecastInputs | null;
}

/** One epoch: the training loop's record plus the monitor set's loss (null without one). */
export interface ForecastEpoch extends EpochRecord {
  /** Mean squared error on the monitor set after the epoch, scaled units; null if none. */
  monitorLoss: number | null;
}

/** What a run produced. */
export interface ForecastFit {
  /** One record per epoch run; losses are mean squared errors of the scaled counts. */
  history: ForecastEpoch[];
  /** Epoch (0-based) with the lowest validation loss; its weights are in the model. */
  bestEpoch: number;
  /** Epoch after which early stopping ended the run, or null if all epochs ran. */
  stopEpoch: number | null;
  /** Whether the best weights were put back. */
  restoredBestWeights: boolean;
  /** Wall time, seconds. */
  seconds: number;
}

/** Raised for invalid training options or empty data. */
export class ForecastTrainingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForecastTrainingError";
  }
}

/**
 * Trains `model` on `train`, monitoring `validation` for early stopping (see the module's
 * description). The model keeps the best epoch's weights unless `restoreBestWeights` is false.
 */
export async function fitForecaster(
  model: RecurrentForecaster,
  train: ForecastInputs,
  validation: ForecastInputs,
  options: FitForecasterOptions = {},
): Promise<ForecastFit> {
  const started = performance.now();
  const epochs = options.epochs ?? 100;
  const batchSize = options.batchSize ?? 32;
  const patience = options.patience ?? 7;
  const minDelta = options.minDelta ?? 0;
  const seed = options.seed ?? 42;
  for (const [name, v] of [["epochs", epochs], ["batchSize", batchSize]] as const) {
    if (!(Number.isInteger(v) && v >= 1)) {
      throw new ForecastTrainingError(`${name} must be a whole number ≥ 1; found ${v}`);
    }
  }
  const n = windowCount(train.windows);
  if (n === 0 || windowCount(validation.windows) === 0) {
    throw new ForecastTrainingError(
      `need training and validation windows; found ${n} and ${windowCount(validation.windows)}`,
    );
  }
  const progress = options.progress ?? terminalProgress();
  const adam = new Adam(model.params.length, { learningRate: options.learningRate ?? 1e-3 });
  const grads = new Float32Array(model.params.length);
  const all = Array.from({ length: n }, (_, i) => i);
  const history: ForecastEpoch[] = [];
  let stopping = initialEarlyStopping();
  let best: Float32Array | null = null;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const t0 = performance.now();
    const order = new Rng(deriveSeed(seed, "forecast batch order", epoch)).shuffle(all);
    let lossSum = 0, maeSum = 0, done = 0;
    for (let start = 0; start < n; start += batchSize) {
      const count = Math.min(batchSize, n - start);
      grads.fill(0);
      const batch = model.lossAndGradient(train, order, start, count, grads);
      adam.step(model.params, grads);
      lossSum += batch.loss * count;
      maeSum += batch.mae * count;
      done += count;
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
    const val = model.evaluate(validation);
    if (!Number.isFinite(val.loss)) {
      throw new ForecastTrainingError(
        `the validation loss became ${val.loss} in epoch ${epoch + 1}: lower the learning rate`,
      );
    }
    const step = earlyStoppingStep(stopping, val.loss, { patience, minDelta });
    stopping = step.state;
    if (step.improved) best = model.params.slice();
    const record: ForecastEpoch = {
      epoch,
      epochs,
      loss: lossSum / n,
      mae: maeSum / n,
      valLoss: val.loss,
      valMae: val.mae,
      accuracy: null,
      valAccuracy: null,
      seconds: (performance.now() - t0) / 1000,
      samplesPerSecond: n / trainSeconds,
      improved: step.improved,
      monitorLoss: options.monitor ? model.evaluate(options.monitor).loss : null,
    };
    history.push(record);
    await progress.onEpoch?.(record);
    if (step.stop) {
      await progress.onMessage?.(
        `early stop after epoch ${epoch + 1}: no improvement for ${patience} epochs; best epoch ${
          stopping.bestEpoch + 1
        } (val loss ${stopping.bestLoss.toExponential(3)})`,
      );
      break;
    }
  }
  const restore = (options.restoreBestWeights ?? true) && best !== null;
  if (restore) model.params.set(best!);
  return {
    history,
    bestEpoch: stopping.bestEpoch,
    stopEpoch: stopping.stopEpoch,
    restoredBestWeights: restore,
    seconds: (performance.now() - started) / 1000,
  };
}
