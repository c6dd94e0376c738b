/**
 * A dataset described for a reader: the configured source in one line, the split's sizes as a
 * table, the target and stored files in a sentence, and the rows the importer excluded or repaired
 * with a count in words. Notebooks 01–03 open with these instead of assembling Markdown.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { prepareDataset } from "./load.ts";
 * import { issuesReport, splitSizes } from "./overview.ts";
 * const prepared = await prepareDataset(loadConfig());
 * console.log(splitSizes(prepared).table?.toString());
 * console.log(issuesReport(prepared.dataset).reading);
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { type Config, displayPath } from "../config.ts";
import { consolidated, type DataIssue, type Dataset } from "./dataset.ts";
import type { PreparedDataset } from "./load.ts";
import { issuesFrame } from "./store.ts";

/** A table and its one-paragraph reading; `table` is null when there is nothing to list. */
export interface TableReading {
  /** Markdown: what the table says, in a sentence or two. */
  reading: string;
  /** The rows behind the reading, or null. */
  table: pl.DataFrame | null;
}

/** "1 row", "2 rows": a count with its noun, singular or plural, thousands separated. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? singular : plural}`;
}

/** The configured dataset, seed and split in one Markdown line. */
export function configHeadline(config: Config): string {
  const size = config.dataset.source === "demo" ? ` (size \`${config.dataset.demoSize}\`)` : "";
  return `**Dataset:** \`${config.dataset.source}\`${size} · **seed** ${config.seed} · ` +
    `**split** artist-grouped, test ${config.split.testFraction}, validation ` +
    `${config.split.validationFraction} of training`;
}

/** What is predicted, in words: "`track_popularity` (regression, popular at ≥ 50)". */
export function targetDescription(dataset: Pick<Dataset, "target">): string {
  const t = dataset.target;
  const threshold = t.threshold !== null ? `, popular at ≥ ${t.threshold}` : "";
  return `\`${t.column}\` (${t.kind}${threshold})`;
}

/** A prepared dataset in one Markdown line: name, sizes, where it is stored, the target. */
export function datasetHeadline(prepared: Pick<PreparedDataset, "dataset" | "dir">): string {
  const { dataset, dir } = prepared;
  return `**Dataset:** \`${dataset.name}\` (${countOf(dataset.tracks.height, "track")}, ` +
    `${countOf(dataset.artists.height, "artist")}, stored in \`${displayPath(dir)}\`) · ` +
    `**target:** ${targetDescription(dataset)}`;
}

/** Whether the dataset was built now or read back, and from where. */
export function preparedReading(prepared: Pick<PreparedDataset, "built" | "dir">): string {
  return `${prepared.built ? "Built" : "Read back"}: \`${displayPath(prepared.dir)}\``;
}

/**
 * Tracks and artists per side of the split plus the total (table), and the target, the
 * consolidated CSV and the content hash (reading).
 */
export function splitSizes(
  prepared: Pick<PreparedDataset, "dataset" | "split" | "manifest" | "dir">,
): TableReading {
  const { dataset, split, manifest, dir } = prepared;
  const parts = split.getColumn("split").toArray() as string[];
  const artists = split.getColumn("artist_id").toArray() as string[];
  const sides = ["train", "validation", "test"];
  const tracksPer = sides.map((p) => parts.filter((x) => x === p).length);
  const artistsPer = sides.map((p) => new Set(artists.filter((_, i) => parts[i] === p)).size);
  const table = pl.DataFrame([
    pl.Series("part", [...sides, "all"], pl.Utf8),
    pl.Series("tracks", [...tracksPer, dataset.tracks.height], pl.Int64),
    pl.Series("artists", [...artistsPer, dataset.artists.height], pl.Int64),
  ]);
  const reading = `Target: ${targetDescription(dataset)}. Consolidated CSV: ` +
    `\`${displayPath(dir)}/${dataset.name}.csv\` (${
      countOf(consolidated(dataset).width, "column")
    }). Content hash \`${manifest.contentHash.slice(0, 16)}…\`.`;
  return { reading, table };
}

/**
 * The problems met while building a dataset: how many, how many rows excluded and values set to
 * null (reading), and each with its source line and reason (table; null when there are none).
 */
export function issuesReport(dataset: Pick<Dataset, "name" | "issues">): TableReading {
  const issues: readonly DataIssue[] = dataset.issues;
  const excluded = issues.filter((i) => i.action === "excluded").length;
  const nulled = issues.length - excluded;
  const reading = `**${countOf(issues.length, "problem")}** met while building ` +
    `\`${dataset.name}\`: ${countOf(excluded, "row")} excluded and ` +
    `${countOf(nulled, "value")} set to null.`;
  return { reading, table: issues.length > 0 ? issuesFrame(issues) : null };
}
