/**
 * The worker side of ./pool.ts: receives the table once (`init`), then runs fit jobs and posts
 * their outcomes back. Not imported by other modules; started with `new Worker(…)`.
 * @module
 */
import type { Labels, Matrix } from "../../model/baselines/matrix.ts";
import { type FitJob, runFitJob } from "./fit_job.ts";

/** Messages a worker understands. */
export type WorkerRequest =
  | { type: "init"; data: Float64Array; rows: number; cols: number; y: Labels }
  | { type: "job"; job: FitJob };

let X: Matrix | null = null;
let y: Labels | null = null;

const scope = globalThis as unknown as {
  onmessage: (event: MessageEvent<WorkerRequest>) => void;
  postMessage: (message: unknown) => void;
};

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === "init") {
    X = { data: message.data, rows: message.rows, cols: message.cols };
    y = message.y;
    return;
  }
  if (!X || !y) throw new Error("worker got a job before its table (init)");
  const outcome = runFitJob(X, y, message.job);
  scope.postMessage(outcome);
};
