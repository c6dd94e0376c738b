/**
 * The model comparison of notebook 05: the classical baselines (lib/model/baselines) and any CNN
 * results found in outputs/, scored side by side on the same rows with the same metrics, under
 * an artist-grouped k-fold and the paper's 80/20 split, with the trivial answers beside them.
 *
 * - table.ts — {@link comparisonTable}: features, label rule, artists, the 80/20 split
 * - protocol.ts — {@link runComparison}: folds, metrics, summary
 * - fit_job.ts, pool.ts, worker.ts — fitting on worker threads
 * - export.ts — {@link exportComparisonTable}: the scored table as CSV, for re-scoring elsewhere
 * - results.ts — result files of other models (the CNN) and {@link joinModelResults}
 * - paper.ts, reading.ts — the seed paper's numbers and a written reading of ours
 * - plan.ts — {@link comparisonPlan}, {@link compareOnProtocol}: one protocol from fit to saved CSV
 * - cnn_folds.ts — {@link cnnFoldsOfDataset}: the CNN variants trained in the k-fold's folds
 * - headlines.ts — {@link comparisonHeadlines}: the best model beside the majority class
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { prepareDataset } from "../../data/load.ts";
 * import { comparisonTable, runComparison } from "./mod.ts";
 * const table = comparisonTable(await prepareDataset(loadConfig()));
 * const result = await runComparison(table, { protocol: { kind: "holdout" } });
 * console.log(result.summary.select("model", "f1", "accuracy").toString());
 * ```
 * @module
 */
export * from "./table.ts";
export * from "./protocol.ts";
export * from "./fit_job.ts";
export * from "./pool.ts";
export * from "./export.ts";
export * from "./results.ts";
export * from "./paper.ts";
export * from "./reading.ts";
export * from "./headlines.ts";
export * from "./plan.ts";
export * from "./cnn_folds.ts";
