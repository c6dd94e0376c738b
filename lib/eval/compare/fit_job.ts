/**
 * One unit of work of the comparison: fit one baseline on one fold's training rows and predict
 * its test rows — the same function whether it runs in this thread or in a worker (./pool.ts).
 *
 * @example
 * ```ts
 * import { runFitJob } from "./fit_job.ts";
 * import { matrix } from "../../model/baselines/matrix.ts";
 * const X = matrix([[0], [1], [2], [3]]);
 * const outcome = runFitJob(X, Uint8Array.of(0, 0, 1, 1), {
 *   id: 0, model: "logreg", settings: {}, train: Int32Array.of(0, 1, 2, 3), test: Int32Array.of(1, 2),
 * });
 * console.log(outcome.predictions); // Uint8Array [0, 1]
 * ```
 * @module
 */
import { rankingScore } from "../../model/baselines/estimator.ts";
import { type Labels, type Matrix, takeLabels, takeRows } from "../../model/baselines/matrix.ts";
import {
  type BaselineName,
  type BaselineSettings,
  createBaseline,
} from "../../model/baselines/registry.ts";

/** Fit `model` on rows `train`, predict rows `test`. */
export interface FitJob {
  /** The job's number, echoed in its outcome. */
  id: number;
  /** Which baseline to fit. */
  model: BaselineName;
  /** Seed and the RBF SVM row cap, shared by every baseline. */
  settings: BaselineSettings;
  /** Row indices into the pool's table to fit on. */
  train: Int32Array;
  /** Row indices to predict. */
  test: Int32Array;
}

/** What a job gives back. */
export interface FitOutcome {
  /** The number of the job this answers. */
  id: number;
  /** 0/1 per test row; empty when the fit failed. */
  predictions: Uint8Array;
  /** Ranking score per test row (decision function or probability); empty on failure. */
  scores: Float64Array;
  /** Seconds spent in fit (standardisation included). */
  fitSeconds: number;
  /** Seconds spent predicting and scoring the test rows. */
  predictSeconds: number;
  /** The model's notes on this fit (a subset used, an early stop, a ridge added). */
  notes: string[];
  /** The error message when fitting or predicting failed, else null. */
  error: string | null;
}

/** Runs a {@link FitJob} on the full table `X`, `y`; errors are caught into the outcome. */
export function runFitJob(X: Matrix, y: Labels, job: FitJob): FitOutcome {
  const empty = { predictions: new Uint8Array(0), scores: new Float64Array(0) };
  let fitSeconds = 0;
  try {
    const model = createBaseline(job.model, job.settings);
    const Xtrain = takeRows(X, job.train), ytrain = takeLabels(y, job.train);
    const Xtest = takeRows(X, job.test);
    const t0 = performance.now();
    model.fit(Xtrain, ytrain);
    fitSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const predictions = model.predict(Xtest);
    const scores = rankingScore(model, Xtest);
    const predictSeconds = (performance.now() - t1) / 1000;
    return {
      id: job.id,
      predictions,
      scores,
      fitSeconds,
      predictSeconds,
      notes: [...(model.notes ?? [])],
      error: null,
    };
  } catch (error) {
    return {
      id: job.id,
      ...empty,
      fitSeconds,
      predictSeconds: 0,
      notes: [],
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}
