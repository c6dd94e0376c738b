/**
 * Seed 003's lookback sweep ({@link lookbackSweep}): for every cell (LSTM, GRU) and every
 * lookback, train a model on the same chronological split and score it in streams on the
 * validation days (which choose the lookback: {@link bestLookback}) and on the test days
 * (reported, never used to choose).
 *
 * @example
 * ```ts
 * import { lookbackSweep } from "./sweep.ts";
 * // const sweep = await lookbackSweep(series, { lookbacks: [7, 14, 28], cells: ["lstm", "gru"] });
 * // console.log(sweep.best.lstm.lookback, sweep.rows.length); // 6 rows
 * ```
 * @module
 */
import type { ForecastSeries } from "../../data/charts/series.ts";
import type { WindowShape } from "../../data/charts/windows.ts";
import type { RecurrentCell } from "../../model/forecast/parameters.ts";
import {
  type TrainedForecaster,
  trainStreamForecaster,
  type TrainStreamOptions,
} from "../../model/forecast/experiment.ts";
import { formatDuration } from "../../model/training/history.ts";
import { silentProgress, type TrainingProgress } from "../../model/training/progress.ts";
import { scoreForecast } from "./errors.ts";

/** Options of {@link lookbackSweep}. */
export interface SweepOptions {
  /** Lookbacks in days. */
  lookbacks: readonly number[];
  /** Cells; default both. */
  cells?: readonly RecurrentCell[];
  /** Window shape; default `multivariate` (all songs as one series, seed 003's sweep). */
  shape?: WindowShape;
  /** Recurrent units; default 32. */
  hidden?: number;
  /** Seed of weights and batch order; default 42. */
  seed?: number;
  /** Training options of every run (epochs, batch size, learning rate, patience…). */
  training?: Omit<TrainStreamOptions, "progress">;
  /** One line per finished run (count, time, ETA); default none. */
  progress?: TrainingProgress;
}

/** One trained run: RMSE in streams on the validation and test days. */
export interface SweepRow {
  /** The recurrent cell: LSTM or GRU. */
  cell: RecurrentCell;
  /** Days of history per window. */
  lookback: number;
  /** RMSE on the validation days, in streams. */
  validationRmse: number;
  /** RMSE on the test days, in streams. */
  testRmse: number;
  /** Epochs run and the best one (1-based). */
  epochs: number;
  /** The epoch with the lowest validation loss, whose weights are kept (1-based). */
  bestEpoch: number;
  /** Training time, seconds. */
  seconds: number;
}

/** The sweep's rows, its models, and each cell's best run by validation RMSE. */
export interface SweepResult {
  /** One row per cell and lookback, in training order. */
  rows: SweepRow[];
  /** The trained models, in the order of `rows`. */
  models: TrainedForecaster[];
  /** Per cell, its row with the lowest validation RMSE. */
  best: Partial<Record<RecurrentCell, SweepRow>>;
  /** Total time, seconds. */
  seconds: number;
}

/** The row with the lowest validation RMSE (never the test RMSE). */
export function bestLookback(rows: readonly SweepRow[]): SweepRow {
  if (rows.length === 0) throw new RangeError("no sweep rows to choose from");
  return rows.reduce((a, b) => (b.validationRmse < a.validationRmse ? b : a));
}

/** Runs the sweep (see the module's description). */
export async function lookbackSweep(
  series: ForecastSeries,
  options: SweepOptions,
): Promise<SweepResult> {
  const started = performance.now();
  const cells = options.cells ?? ["lstm", "gru"];
  if (options.lookbacks.length === 0) throw new RangeError("expected at least one lookback");
  const total = cells.length * options.lookbacks.length;
  const rows: SweepRow[] = [];
  const models: TrainedForecaster[] = [];
  for (const cell of cells) {
    for (const lookback of options.lookbacks) {
      const trained = await trainStreamForecaster(series, {
        cell,
        shape: options.shape ?? "multivariate",
        lookback,
        hidden: options.hidden,
        seed: options.seed,
      }, { ...options.training, progress: silentProgress });
      const row: SweepRow = {
        cell,
        lookback,
        validationRmse: scoreForecast(series.prepared, trained.validation).rmse,
        testRmse: scoreForecast(series.prepared, trained.test).rmse,
        epochs: trained.fit.history.length,
        bestEpoch: trained.fit.bestEpoch + 1,
        seconds: trained.fit.seconds,
      };
      rows.push(row);
      models.push(trained);
      const elapsed = (performance.now() - started) / 1000;
      await options.progress?.onMessage?.(
        `${rows.length}/${total} ${cell.toUpperCase()} lookback ${lookback}: ${row.epochs} epochs ` +
          `in ${row.seconds.toFixed(1)} s, validation RMSE ${row.validationRmse.toFixed(0)} · ` +
          `ETA ${formatDuration((elapsed / rows.length) * (total - rows.length))}`,
      );
    }
  }
  const best: SweepResult["best"] = {};
  for (const cell of cells) best[cell] = bestLookback(rows.filter((r) => r.cell === cell));
  return { rows, models, best, seconds: (performance.now() - started) / 1000 };
}
