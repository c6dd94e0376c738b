/**
 * Exploratory data analysis of a dataset's tracks table, with polars: the seed paper's Table 1
 * (summary statistics), Table 3 (correlations with the target, with intervals) and Figure 6
 * (average target by release month × year), plus feature distributions and the checks that keep
 * them honest (flagged constant or empty columns, text found in numeric fields).
 *
 * - columns.ts — numeric columns, flags, text in numeric fields
 * - summary.ts — {@link summaryTable}
 * - correlation.ts — {@link correlationTable}
 * - release_heatmap.ts — {@link releaseHeatmap}
 * - histograms.ts — {@link featureHistograms}
 * - explore.ts — {@link edaTable}: the consolidated table prepared, checks with their readings
 * - audio_agreement.ts — {@link audioAgreement}: the dataset's audio columns against the audio's
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { consolidated, prepareDataset } from "../../data/mod.ts";
 * import { correlationTable, summaryTable } from "./mod.ts";
 * const { dataset } = await prepareDataset(loadConfig());
 * const table = consolidated(dataset);
 * console.log(summaryTable(table).toString());
 * console.log(correlationTable(table, dataset.target.column).toString());
 * ```
 * @module
 */
export * from "./columns.ts";
export * from "./summary.ts";
export * from "./correlation.ts";
export * from "./release_heatmap.ts";
export * from "./histograms.ts";
export * from "./explore.ts";
export * from "./audio_agreement.ts";
