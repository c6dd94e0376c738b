/**
 * Runs fit jobs (./fit_job.ts) on a pool of worker threads, each holding its own copy of the
 * table, so the comparison uses every core: on two cores twelve models × five folds take about
 * half the time. With one worker (or where workers cannot start) the jobs run in this thread.
 *
 * @example
 * ```ts
 * import { FitPool } from "./pool.ts";
 * import { matrix } from "../../model/baselines/matrix.ts";
 * const pool = new FitPool(matrix([[0], [1], [2], [3]]), Uint8Array.of(0, 0, 1, 1), { workers: 2 });
 * const outcome = await pool.run({
 *   id: 0, model: "lda", settings: {}, train: Int32Array.of(0, 1, 2, 3), test: Int32Array.of(0),
 * });
 * pool.close();
 * ```
 * @module
 */
import type { Labels, Matrix } from "../../model/baselines/matrix.ts";
import { type FitJob, type FitOutcome, runFitJob } from "./fit_job.ts";
import type { WorkerRequest } from "./worker.ts";

/** Options of {@link FitPool}. */
export interface PoolOptions {
  /** Worker threads; 0 or undefined = one per CPU core; 1 = run in this thread. */
  workers?: number;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

/** A pool of workers that fit models on one table. */
export class FitPool {
  /** Worker threads in the pool (≥ 1). */
  readonly size: number;
  #slots: Slot[] = [];
  #queue: { job: FitJob; resolve: (o: FitOutcome) => void; reject: (e: Error) => void }[] = [];
  #threads = 1;
  #pending = new Map<number, { slot: Slot; resolve: (o: FitOutcome) => void }>();

  /**
   * Starts `options.workers` worker threads (default one per core); when workers are unavailable
   * the jobs run in this thread.
   * @param X the whole table (rows × features); jobs name rows by index
   * @param y the label of every row
   */
  constructor(readonly X: Matrix, readonly y: Labels, options: PoolOptions = {}) {
    const wanted = options.workers || navigator.hardwareConcurrency || 1;
    this.size = Math.max(1, Math.floor(wanted));
    if (this.size > 1) {
      try {
        for (let k = 0; k < this.size; k++) this.#slots.push(this.#start());
      } catch {
        for (const s of this.#slots) s.worker.terminate();
        this.#slots = []; // workers unavailable here: run in this thread
      }
    }
    this.#threads = Math.max(1, this.#slots.length);
  }

  /** Number of threads that run jobs (1 when they run in this thread). */
  get threads(): number {
    return this.#threads;
  }

  #start(): Slot {
    const worker = new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" });
    const slot: Slot = { worker, busy: false };
    const init: WorkerRequest = {
      type: "init",
      data: this.X.data,
      rows: this.X.rows,
      cols: this.X.cols,
      y: this.y,
    };
    worker.postMessage(init);
    worker.onmessage = (event: MessageEvent<FitOutcome>) => {
      const waiting = this.#pending.get(event.data.id);
      if (!waiting) return;
      this.#pending.delete(event.data.id);
      slot.busy = false;
      waiting.resolve(event.data);
      this.#dispatch();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      for (const [id, waiting] of this.#pending) {
        if (waiting.slot !== slot) continue;
        this.#pending.delete(id);
        waiting.resolve({
          id,
          predictions: new Uint8Array(0),
          scores: new Float64Array(0),
          fitSeconds: 0,
          predictSeconds: 0,
          notes: [],
          error: `worker failed: ${event.message}`,
        });
      }
      slot.busy = false;
      this.#dispatch();
    };
    return slot;
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (slot.busy || this.#queue.length === 0) continue;
      const { job, resolve } = this.#queue.shift()!;
      slot.busy = true;
      this.#pending.set(job.id, { slot, resolve });
      const request: WorkerRequest = { type: "job", job };
      slot.worker.postMessage(request);
    }
  }

  /** Runs one job; resolves with its outcome (errors inside the job are part of the outcome). */
  run(job: FitJob): Promise<FitOutcome> {
    if (this.#slots.length === 0) {
      // Yield first so progress callbacks and the notebook stay responsive between jobs.
      return new Promise((resolve) => setTimeout(() => resolve(runFitJob(this.X, this.y, job)), 0));
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops the workers. */
  close(): void {
    for (const s of this.#slots) s.worker.terminate();
    this.#slots = [];
  }
}
