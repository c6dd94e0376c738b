/**
 * How much of seed 003's experiment a run does ({@link forecastPlan}): the full lookback sweep
 * (`forecast.lookbacks`, `forecast.epochs`), or — on the tiny demo corpus that CI runs — the short
 * one (`forecast.tinyLookbacks`, `forecast.tinyEpochs`), so the notebook finishes in seconds there.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { forecastPlan } from "./plan.ts";
 * const plan = forecastPlan(loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "tiny" } }));
 * console.log(plan.quick, plan.lookbacks, plan.epochs); // true [7, 14] 8
 * ```
 * @module
 */
import type { Config } from "../../config.ts";
import type { ForecasterStore } from "../../model/forecast/experiment.ts";
import { modelDir } from "../../model/popularity/paths.ts";

/** The sweep to run. */
export interface ForecastPlan {
  /** Days of history tried, each a separate model per cell. */
  lookbacks: number[];
  /** Most epochs per model. */
  epochs: number;
  /** True for the short run on the tiny demo corpus. */
  quick: boolean;
  /** One sentence saying which plan and why. */
  note: string;
}

/** The plan for a configuration (see the module's description). */
export function forecastPlan(config: Config): ForecastPlan {
  const f = config.forecast;
  const quick = !f.chartsPath && config.dataset.source === "demo" &&
    config.dataset.demoSize === "tiny";
  const full = `lookbacks ${f.lookbacks.join(", ")} days, at most ${f.epochs} epochs per model`;
  return quick
    ? {
      lookbacks: [...f.tinyLookbacks],
      epochs: f.tinyEpochs,
      quick,
      note: `Short run on the tiny demo corpus: lookbacks ${f.tinyLookbacks.join(", ")} days, ` +
        `at most ${f.tinyEpochs} epochs per model (forecast.tinyLookbacks, forecast.tinyEpochs). ` +
        `The full sweep — ${full} — runs on the default corpus (\`deno task bench forecast\`, ` +
        `or this notebook with --size default).`,
    }
    : {
      lookbacks: [...f.lookbacks],
      epochs: f.epochs,
      quick,
      note: `Full sweep: ${full} (forecast.lookbacks, forecast.epochs).`,
    };
}

/** The training loop's options of the multivariate and the per-song models. */
export interface ForecastTraining {
  /**
   * The multivariate model's epochs, batch size, learning rate, early stopping and completion
   * records.
   */
  multivariate: {
    epochs: number;
    batchSize: number;
    learningRate: number;
    patience: number;
    minDelta: number;
    /** Completion records of finished models, reused by a rerun (`model.resume`). */
    store: ForecasterStore;
  };
  /** The same with the per-song batch size. */
  perSong: ForecastTraining["multivariate"];
}

/**
 * The plan's epochs with the configured batch sizes (`forecast.batchSize` for multivariate
 * windows, `forecast.perSongBatchSize` per song), learning rate and early stopping (`model.*`).
 */
export function forecastTraining(
  config: Config,
  plan: Pick<ForecastPlan, "epochs">,
): ForecastTraining {
  const multivariate = {
    epochs: plan.epochs,
    batchSize: config.forecast.batchSize,
    learningRate: config.model.learningRate,
    patience: config.model.patience,
    minDelta: config.model.minDelta,
    store: { dir: modelDir(config, "forecast"), resume: config.model.resume },
  };
  return {
    multivariate,
    perSong: { ...multivariate, batchSize: config.forecast.perSongBatchSize },
  };
}
