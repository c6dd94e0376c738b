/**
 * A read plan bound to one file's header ({@link bindFile}): column positions resolved, every
 * mapped column checked present and present once, side-table columns checked the same in every
 * file. Internal to the import.
 *
 * @example
 * ```ts
 * import { bindFile } from "./bind.ts";
 * import { validateMapping } from "./mapping.ts";
 * import { planRead } from "./plan.ts";
 * const plan = planRead(validateMapping({
 *   tracks: { track_name: "title" },
 *   artist: { name: "artist" },
 *   target: { column: "track_name", kind: "regression" },
 * }));
 * bindFile(plan, ["title", "artist", "bpm"], "songs.csv", 0, new Map()).used; // {"title", "artist"}
 * bindFile(plan, ["title"], "songs.csv", 0, new Map()); // throws MissingColumnError
 * ```
 * @module
 */
import { CsvMappingError, MissingColumnError } from "./errors.ts";
import { bindField, type BoundField, MutableSourceRow, specColumns } from "./fields.ts";
import type { ReadPlan } from "./plan.ts";
import { bindDate, type DateReader } from "./release_date.ts";

/** One file bound to the plan: column positions resolved, every mapped column checked present. */
export interface BoundFile {
  file: string;
  fileIndex: number;
  row: MutableSourceRow;
  fields: BoundField[];
  artistFields: BoundField[];
  artistName: BoundField;
  artistId: BoundField | null;
  date: DateReader;
  /** Per side table, the positions of its columns. */
  sideIndices: number[][];
  /** Header columns the mapping reads. */
  used: Set<string>;
}

export function bindFile(
  plan: ReadPlan,
  header: string[],
  file: string,
  fileIndex: number,
  sideTableColumns: Map<string, string[]>,
): BoundFile {
  const index = new Map<string, number>();
  header.forEach((c, i) => {
    if (!index.has(c)) index.set(c, i);
  });
  const missing: { column: string; field: string }[] = [];
  const used = new Set<string>();
  const need = (column: string, field: string) => {
    used.add(column);
    if (!index.has(column)) missing.push({ column, field });
  };
  const all = [...plan.fields, ...plan.artistFields, plan.artistName];
  if (plan.artistId) all.push(plan.artistId);
  for (const field of all) {
    for (const column of specColumns(field.spec)) need(column, field.label);
  }
  for (const [part, column] of Object.entries(plan.mapping.releaseDate ?? {})) {
    if (column) need(column, `releaseDate.${part}`);
  }
  const sideIndices: number[][] = [];
  for (const [table, spec] of Object.entries(plan.mapping.sideTables ?? {})) {
    const columns = typeof spec.columns === "function" ? spec.columns(header) : spec.columns;
    const previous = sideTableColumns.get(table);
    if (previous && previous.join("\u0000") !== columns.join("\u0000")) {
      throw new CsvMappingError(
        `side table ${table}: expected the same columns in every file; ${file} gives ` +
          `${columns.length} columns, the first file ${previous.length}`,
      );
    }
    sideTableColumns.set(table, columns);
    for (const column of columns) need(column, `sideTables.${table}`);
    sideIndices.push(columns.map((c) => index.get(c) ?? -1));
  }
  if (missing.length > 0) throw new MissingColumnError(file, missing, header);
  const twice = header.filter((c, i) => header.indexOf(c) !== i && used.has(c));
  if (twice.length > 0) {
    throw new CsvMappingError(
      `expected each mapped column once in the header of ${file}; found ${
        [...new Set(twice)].map((c) => `"${c}"`).join(", ")
      } more than once`,
    );
  }
  return {
    file,
    fileIndex,
    row: new MutableSourceRow(file, index, header),
    fields: plan.fields.map((p) => bindField(p, index)),
    artistFields: plan.artistFields.map((p) => bindField(p, index)),
    artistName: bindField(plan.artistName, index),
    artistId: plan.artistId ? bindField(plan.artistId, index) : null,
    date: bindDate(plan.mapping.releaseDate, index),
    sideIndices,
    used,
  };
}
