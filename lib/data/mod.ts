/**
 * The data layer: canonical artist and track tables, storage, splits and sources.
 *
 * - schema.ts — zod schemas and column names of the canonical tables
 * - dataset.ts — the {@link Dataset} type and DataFrame builders
 * - store.ts, atomic.ts — Parquet + CSV + manifest on disk, atomic writes
 * - split.ts — artist-grouped train/validation/test and k-fold; stratified_split.ts — by class
 * - classes.ts — popularity classes from a count, thresholds fitted on training rows
 * - random.ts — seeded random numbers; normal.ts — the normal quantile function
 * - load.ts — {@link prepareDataset}: the configured dataset, built or imported, with its split
 * - overview.ts — a dataset described for a reader: headline, split sizes, import problems
 * - sources/ — the demo corpus, CSV import, presets for real datasets, provider collection
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
export * from "./normal.ts";
export * from "./load.ts";
export * from "./overview.ts";
export * from "./sources/demo/mod.ts";
export * from "./sources/collect/mod.ts";
export * from "./charts/mod.ts";
// charts/ has its own, identical, day-part type; the artist split's is the layer's.
export type { SplitPart } from "./split.ts";
