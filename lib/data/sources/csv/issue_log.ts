/**
 * The issues of an import, collected per file ({@link IssueLog}) so that they come out in file
 * order and then line order, with a count of the values nulled. Internal to the import.
 *
 * @example
 * ```ts
 * import { IssueLog } from "./issue_log.ts";
 * const log = new IssueLog();
 * log.add(0, { row: 5, column: "bpm", reason: "a.csv: …", action: "nulled" });
 * log.add(0, { row: 3, column: null, reason: "a.csv: …", action: "excluded" });
 * log.all().map((i) => i.row); // [3, 5]
 * log.nulled; // 1
 * ```
 * @module
 */
import type { DataIssue } from "../../dataset.ts";

/** Issues per file, so that they come out in file order and then line order. */
export class IssueLog {
  private readonly byFile: DataIssue[][] = [];
  nulled = 0;
  add(fileIndex: number, issue: DataIssue): void {
    (this.byFile[fileIndex] ??= []).push(issue);
    if (issue.action === "nulled") this.nulled++;
  }
  all(): DataIssue[] {
    return this.byFile.flatMap((issues) => (issues ?? []).sort((a, b) => a.row - b.row));
  }
}
