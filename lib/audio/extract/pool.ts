/**
 * A pool of extraction workers. Each worker takes one job at a time (so holds at most one clip's
 * audio); jobs go to whichever worker is free. A worker that dies (a crash or running out of
 * memory on one file) fails only the job it held and is replaced.
 *
 * @example
 * ```ts
 * import type { ExtractJob } from "./jobs.ts";
 * import { runJobs } from "./pool.ts";
 * const jobs: ExtractJob[] = []; // one per file, as extract.ts builds them
 * await runJobs(jobs, { workers: 2, onReply: (i, reply) => console.log(i, reply.ok) });
 * ```
 * @module
 */
import { type ExtractJob, type JobReply, runJob } from "./jobs.ts";

/** Options of {@link runJobs}. */
export interface RunJobsOptions {
  /** Worker count; 0 runs the jobs one by one in this thread. */
  workers: number;
  /** Called as each job finishes, in completion order. */
  onReply: (index: number, reply: JobReply) => void;
}

const WORKER_URL = new URL("./worker.ts", import.meta.url).href;

function call(worker: Worker, id: number, job: ExtractJob): Promise<JobReply> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ id: number; reply: JobReply }>) => resolve(e.data.reply);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      reject(new Error(e.message || "the worker stopped"));
    };
    worker.onmessageerror = () => reject(new Error("the worker's reply could not be read"));
    worker.postMessage({ id, job });
  });
}

/** Runs every job, spread over workers; resolves when all have replied. */
export async function runJobs(jobs: readonly ExtractJob[], options: RunJobsOptions): Promise<void> {
  const count = Math.min(Math.max(0, Math.floor(options.workers)), jobs.length);
  if (count === 0) {
    for (let i = 0; i < jobs.length; i++) options.onReply(i, await runJob(jobs[i]));
    return;
  }
  let next = 0;
  const spawn = () => new Worker(WORKER_URL, { type: "module" });
  const lane = async () => {
    let worker = spawn();
    try {
      while (next < jobs.length) {
        const i = next++;
        let reply: JobReply;
        try {
          reply = await call(worker, i, jobs[i]);
        } catch (error) {
          reply = {
            ok: false,
            failure: "error",
            reason: `the worker stopped while processing this file (${
              error instanceof Error ? error.message : error
            })`,
          };
          worker.terminate();
          worker = spawn();
        }
        options.onReply(i, reply);
      }
    } finally {
      worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: count }, lane));
}
