/**
 * Side tables of an import ({@link buildSideTables}): `track_id` plus source columns kept out of
 * the tracks table, every value read by the table's `parse` kind; an ill-typed value is nulled and
 * logged. Internal to the import.
 *
 * @example
 * ```ts
 * import { IssueLog } from "./issue_log.ts";
 * import { buildSideTables } from "./side_tables.ts";
 * declare const mapping: import("./mapping.ts").ValidCsvMapping; // sideTables: { counts: … }
 * declare const rows: import("./read_row.ts").KeptRow[];
 * const tables = buildSideTables(mapping, new Map([["counts", ["hit"]]]), rows, new IssueLog());
 * console.log(tables.counts.columns); // ["track_id", "hit"]
 * ```
 * @module
 */
import pl from "nodejs-polars";
import type { IssueLog } from "./issue_log.ts";
import type { ValidCsvMapping } from "./mapping.ts";
import type { KeptRow } from "./read_row.ts";
import { readText, ValueError } from "./values.ts";

export function buildSideTables(
  mapping: ValidCsvMapping,
  columnsByTable: Map<string, string[]>,
  rows: KeptRow[],
  log: IssueLog,
): Record<string, pl.DataFrame> {
  const tables: Record<string, pl.DataFrame> = {};
  Object.entries(mapping.sideTables ?? {}).forEach(([table, spec], t) => {
    const kind = spec.parse ?? "number";
    const series: pl.Series[] = [
      pl.Series("track_id", rows.map((r) => r.track.track_id as string), pl.Utf8),
    ];
    (columnsByTable.get(table) ?? []).forEach((column, c) => {
      const values = rows.map((r) => {
        try {
          const value = readText(r.fields[r.sideIndices[t][c]], kind, null, undefined);
          return typeof value === "boolean" ? Number(value) : value;
        } catch (error) {
          if (!(error instanceof ValueError)) throw error;
          log.add(r.fileIndex, {
            row: r.line,
            column,
            reason: `${r.file}: sideTables.${table}: ${error.message}`,
            action: "nulled",
          });
          return null;
        }
      });
      series.push(pl.Series(column, values, kind === "string" ? pl.Utf8 : pl.Float64));
    });
    tables[table] = pl.DataFrame(series);
  });
  return tables;
}
