/**
 * Training a forecaster ({@link fitForecaster}): the workspace's own Adam on the mean squared
 * error of the scaled counts, run by the one epoch loop the CNN runs too (../training/epochs.ts:
 * mini-batches in a seeded order per epoch, the validation loss after every epoch, early stopping
 * by the paper's rule with the best epoch's weights put back at the end). Epoch records and
 * progress events are the CNN's (../training/history.ts, ../training/progress.ts), so the same
 * displays show them.
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
import { windowCount } from "../../data/charts/windows.ts";
import { FORECAST_SETTINGS } from "../../paper.ts";
import {
  epochRecord,
  resolveTrainingSettings,
  runEpochs,
  type TrainerOptions,
  type TrainerResult,
  trainerResult,
} from "../training/epochs.ts";
import type { EpochRecord } from "../training/history.ts";
import { terminalProgress } from "../training/progress.ts";
import { Adam } from "./adam.ts";
import type { ForecastInputs } from "./batch.ts";
import type { RecurrentForecaster } from "./network.ts";

/**
 * Options of {@link fitForecaster}: the shared ones ({@link TrainerOptions}; epochs default to
 * `FORECAST_SETTINGS.epochs`, a batch is of windows) and a monitor set.
 */
export interface FitForecasterOptions extends TrainerOptions {
  /** A further set scored after every epoch for the curves only (e.g. the test windows). */
  monitor?: ForecastInputs | null;
}

/** One epoch: the training loop's record plus the monitor set's loss (null without one). */
export interface ForecastEpoch extends EpochRecord {
  /** Mean squared error on the monitor set after the epoch, scaled units; null if none. */
  monitorLoss: number | null;
}

/**
 * What a run produced; losses are mean squared errors of the scaled counts, and the best epoch's
 * weights are in the model.
 */
export type ForecastFit = TrainerResult<ForecastEpoch>;

/** Raised for invalid training options or empty data. */
export class ForecastTrainingError extends Error {
  /** Creates the error; `message` names the invalid option or the missing data. */
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
  const settings = resolveTrainingSettings(options, { epochs: FORECAST_SETTINGS.epochs });
  for (const name of ["epochs", "batchSize"] as const) {
    const v = settings[name];
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
  const adam = new Adam(model.params.length, { learningRate: settings.learningRate });
  const grads = new Float32Array(model.params.length);
  const run = await runEpochs<Float32Array, ForecastEpoch>({
    examples: n,
    settings,
    orderLabel: "forecast batch order",
    trainBatch(indices) {
      grads.fill(0);
      const batch = model.lossAndGradient(train, indices, 0, indices.length, grads);
      adam.step(model.params, grads);
      return { loss: batch.loss, statSum: batch.mae * indices.length };
    },
    validate(epoch) {
      const val = model.evaluate(validation);
      if (!Number.isFinite(val.loss)) {
        throw new ForecastTrainingError(
          `the validation loss became ${val.loss} in epoch ${epoch + 1}: lower the learning rate`,
        );
      }
      return { loss: val.loss, stat: val.mae };
    },
    snapshot: () => model.params.slice(),
    restore: (weights) => model.params.set(weights),
    record: (s) => ({
      ...epochRecord(s),
      monitorLoss: options.monitor ? model.evaluate(options.monitor).loss : null,
    }),
    progress: options.progress ?? terminalProgress(),
    restoreBestWeights: options.restoreBestWeights,
    formatLoss: (loss) => loss.toExponential(3),
  });
  return trainerResult(run, started);
}
