/**
 * The data layer: canonical artist and track tables, storage, splits and sources.
 *
 * - schema.ts — zod schemas and column names of the canonical tables
 * - dataset.ts — the {@link Dataset} type and DataFrame builders
 * - store.ts, atomic.ts — Parquet + CSV + manifest on disk, atomic writes
 * - split.ts — artist-grouped train/validation/test and k-fold; stratified_split.ts — by class
 * - classes.ts — popularity classes from a count, thresholds fitted on training rows
 * - random.ts — seeded random numbers
 * - stats.ts — the normal distribution, Pearson's r, Spearman's ρ, Fisher-z intervals
 * - wav.ts — the WAV writer (every PCM and float format the reader in lib/audio/decode reads)
 * - load.ts — {@link prepareDataset}: the configured dataset, built or imported, with its split
 * - overview.ts — a dataset described for a reader: headline, split sizes, import problems
 * - sources/ — the demo corpus and provider collection (re-exported here); CSV import (csv/),
 *   the FMA (fma/), presets for real datasets (presets.ts), the providers (deezer/, spotify/),
 *   their HTTP layer (http/) and local-audio matching (match/), each through its own barrel
 * - charts/ — daily chart files and stream series for forecasting
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { prepareDataset } from "./mod.ts";
 * const { dataset, split } = await prepareDataset(loadConfig());
 * ```
 * @module
 */
export * from "./schema.ts";
export * from "./dataset.ts";
export * from "./atomic.ts";
export * from "./store.ts";
export * from "./split.ts";
export * from "./stratified_split.ts";
export * from "./classes.ts";
export * from "./random.ts";
export * from "./stats.ts";
export * from "./wav.ts";
export * from "./load.ts";
export * from "./overview.ts";
export * from "./sources/demo/mod.ts";
export * from "./sources/collect/mod.ts";
export * from "./charts/mod.ts";
// charts/ has its own, identical, day-part type; the artist split's is the layer's.
export type { SplitPart } from "./split.ts";
