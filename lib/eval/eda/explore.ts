/**
 * The table an exploratory analysis reads, prepared in one call: the consolidated tracks table
 * with text found in numeric fields set to null, its numeric columns, the empty or constant ones
 * flagged, and the features whose distributions are drawn (split by the label for a binary
 * target). Each check comes with its written reading.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { prepareDataset } from "../../data/mod.ts";
 * import { columnFlagsReading, edaTable, textCellsReport } from "./explore.ts";
 * const { dataset } = await prepareDataset(loadConfig());
 * const eda = edaTable(dataset);
 * console.log(textCellsReport(eda.textCells).reading, columnFlagsReading(eda.flags));
 * ```
 * @module
 */
import type pl from "nodejs-polars";
import { consolidated, type Dataset } from "../../data/dataset.ts";
import { countOf, type TableReading } from "../../data/overview.ts";
import {
  coerceNumericText,
  type ColumnFlag,
  columnFlags,
  numericColumns,
  textCellsFrame,
  type TextInNumericCell,
} from "./columns.ts";

/** What {@link edaTable} returns. */
export interface EdaTable {
  /** The consolidated table (every track with its artist's columns), numeric text coerced. */
  table: pl.DataFrame;
  /** Cells of numeric columns that held text, now null. */
  textCells: TextInNumericCell[];
  /** Numeric columns, identifiers excluded. */
  numeric: string[];
  /** Numeric columns that are entirely missing or constant. */
  flags: ColumnFlag[];
  /** Numeric columns neither flagged nor the binary label: the distributions to draw. */
  features: string[];
  /** The binary target column that splits the distributions, or undefined. */
  label: string | undefined;
}

/** Prepares a dataset's consolidated table for the exploratory analysis. */
export function edaTable(dataset: Pick<Dataset, "artists" | "tracks" | "target">): EdaTable {
  const coerced = coerceNumericText(consolidated(dataset));
  const numeric = numericColumns(coerced.frame);
  const flags = columnFlags(coerced.frame, numeric);
  const flagged = new Set(flags.map((f) => f.column));
  const label = dataset.target.kind === "binary" ? dataset.target.column : undefined;
  const features = numeric.filter((c) => !flagged.has(c) && c !== label);
  return { table: coerced.frame, textCells: coerced.issues, numeric, flags, features, label };
}

/** How many cells of text numeric fields held (reading) and each of them (table, or null). */
export function textCellsReport(cells: readonly TextInNumericCell[]): TableReading {
  return {
    reading: `**${countOf(cells.length, "cell")}** of text found in numeric fields (set to ` +
      `null and excluded from the statistics).`,
    table: cells.length > 0 ? textCellsFrame(cells) : null,
  };
}

/** The flagged columns as a Markdown list, or a sentence saying there are none. */
export function columnFlagsReading(flags: readonly ColumnFlag[]): string {
  if (flags.length === 0) return "No numeric column is empty or constant.";
  return flags.map((f) => `- \`${f.column}\` — **${f.flag}**: ${f.detail}`).join("\n");
}
