/**
 * Duplicate track ids ({@link resolveDuplicateIds}): a repeated id is renamed `<id>#2`, `<id>#3`,
 * … and listed, or the row is excluded with an issue. Internal to the import.
 *
 * @example
 * ```ts
 * import { IssueLog } from "./issue_log.ts";
 * import { resolveDuplicateIds } from "./duplicate_ids.ts";
 * declare const rows: import("./read_row.ts").KeptRow[]; // ids "a", "a"
 * const { unique, renamed } = resolveDuplicateIds(rows, "suffix", new IssueLog());
 * renamed.map((r) => r.track_id); // ["a#2"]
 * ```
 * @module
 */
import type { IssueLog } from "./issue_log.ts";
import type { KeptRow } from "./read_row.ts";

interface RenamedId {
  row: number;
  file: string;
  original_id: string;
  track_id: string;
  first_row: number;
  first_file: string;
}

/** Applies {@link ImportCsvOptions.duplicateIds}; returns the rows kept and the renamings. */
export function resolveDuplicateIds(
  rows: KeptRow[],
  mode: "suffix" | "exclude",
  log: IssueLog,
): { unique: KeptRow[]; renamed: RenamedId[] } {
  const firstSeen = new Map<string, { file: string; line: number; copies: number }>();
  const renamed: RenamedId[] = [];
  const unique: KeptRow[] = [];
  for (const row of rows) {
    const id = row.track.track_id as string;
    const first = firstSeen.get(id);
    if (!first) {
      firstSeen.set(id, { file: row.file, line: row.line, copies: 1 });
      unique.push(row);
      continue;
    }
    if (mode === "exclude") {
      log.add(row.fileIndex, {
        row: row.line,
        column: "track_id",
        reason: `${row.file}: duplicate track_id ${JSON.stringify(id)}, first on line ` +
          `${first.line} of ${first.file}`,
        action: "excluded",
      });
      continue;
    }
    let newId: string;
    do newId = `${id}#${++first.copies}`; while (firstSeen.has(newId));
    firstSeen.set(newId, { file: row.file, line: row.line, copies: 1 });
    row.track.track_id = newId;
    renamed.push({
      row: row.line,
      file: row.file,
      original_id: id,
      track_id: newId,
      first_row: first.line,
      first_file: first.file,
    });
    unique.push(row);
  }
  return { unique, renamed };
}
