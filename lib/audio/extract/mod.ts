/**
 * Batch extraction: workers, on-disk cache, progress and failures.
 *
 * - extract.ts — {@link extractNetworkInputs}, {@link extractAudioDescriptors}
 * - jobs.ts — one file's job (hash, cache lookup, compute, atomic write); worker.ts runs it
 * - pool.ts — the worker pool
 * - cache.ts — cache keys and intact-or-nothing entries
 * - progress.ts — progress bar with rate and ETA
 * - failure_examples.ts — bad files made on purpose, failures and two-run cache tables
 * - shard.ts — one deterministic shard of a dataset's tracks, the merge and its index
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { extractNetworkInputs } from "./mod.ts";
 * const { inputs, failures } = await extractNetworkInputs(["a.mp3", "b.wav"], loadConfig().audio);
 * ```
 * @module
 */
export * from "./extract.ts";
export * from "./progress.ts";
export * from "./cache.ts";
export * from "./failure_examples.ts";
export * from "./shard.ts";
export { PIPELINE_VERSION } from "./jobs.ts";
