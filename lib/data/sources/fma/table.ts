/**
 * FMA's metadata tables as pandas writes a frame with MultiIndex columns
 * ({@link readMultiHeaderCsv}): one header row per column level, then a row naming the index
 * column, then the data. `tracks.csv` has two levels (`track`/`listens`), `echonest.csv` three
 * (`echonest`/`audio_features`/`tempo`). Built on the project's RFC 4180 parser, so a ragged or
 * badly quoted row is kept with its line and reason instead of being padded or dropped.
 *
 * @example
 * ```ts
 * import { readMultiHeaderCsv } from "./table.ts";
 * const text = ",track,track\n,title,listens\ntrack_id,,\n2,Food,1293\n";
 * const table = readMultiHeaderCsv(text, { levels: 2, file: "tracks.csv" });
 * console.log(table.index, table.columns); // "track_id" ["track/title", "track/listens"]
 * console.log(table.rows[0]); // { line: 4, id: "2", fields: ["Food", "1293"] }
 * ```
 * @module
 */
import { type MalformedRow, parseCsv } from "../csv/parse.ts";
import { FmaFileError } from "./errors.ts";

/** Options of {@link readMultiHeaderCsv}. */
export interface MultiHeaderOptions {
  /** Header rows, one per column level (`header=[0, 1]` in pandas: 2). */
  levels: number;
  /** The file's name, for messages. */
  file: string;
}

/** One data row: its line, the index value and the other fields in column order. */
export interface MultiHeaderRow {
  /** 1-based line where the row starts (the first header row is line 1). */
  line: number;
  /** The index column's value (the track id). */
  id: string;
  /** One field per entry of `columns`. */
  fields: string[];
}

/** A table read by {@link readMultiHeaderCsv}. */
export interface MultiHeaderTable {
  /** The index column's name, from the row after the header rows (`track_id`). */
  index: string;
  /** Column names, the levels joined by `/` (`track/listens`), without the index column. */
  columns: string[];
  /** Well-formed data rows in file order. */
  rows: MultiHeaderRow[];
  /** Data rows of the wrong width or with broken quoting, with line and reason. */
  malformed: MalformedRow[];
}

/**
 * Reads a CSV written by pandas' `to_csv` from a frame whose columns are a MultiIndex of
 * `levels` levels — what `pd.read_csv(path, index_col=0, header=list(range(levels)))` reads.
 *
 * @throws {FmaFileError} when the header rows or the index row are missing or of another width
 *   than the first header row.
 */
export function readMultiHeaderCsv(text: string, options: MultiHeaderOptions): MultiHeaderTable {
  const { levels, file } = options;
  const parsed = parseCsv(text);
  const width = parsed.header.length;
  const headerLines = levels + 1; // the level rows, then the index-name row
  const brokenHeader = parsed.malformed.find((m) => m.line <= headerLines);
  if (brokenHeader) {
    throw new FmaFileError(
      `${file}: expected ${levels} header rows and an index row of ${width} fields; line ` +
        `${brokenHeader.line}: ${brokenHeader.reason}`,
    );
  }
  const levelRows = [parsed.header, ...parsed.rows.slice(0, levels - 1).map((r) => r.fields)];
  const indexRow = parsed.rows[levels - 1];
  if (levelRows.length !== levels || !indexRow || indexRow.line !== levels + 1) {
    throw new FmaFileError(
      `${file}: expected ${levels} header rows then a row naming the index column; found ` +
        `${parsed.rows.length + 1} record(s) before the end of the file`,
    );
  }
  if (indexRow.fields[0] === "" || indexRow.fields.slice(1).some((f) => f !== "")) {
    throw new FmaFileError(
      `${file}: expected line ${indexRow.line} to name the index column alone (as pandas writes ` +
        `"track_id,,,…"); found ${JSON.stringify(indexRow.fields.slice(0, 4).join(","))}…`,
    );
  }
  if (levelRows.some((row) => row[0] !== "")) {
    throw new FmaFileError(
      `${file}: expected the header rows to start with an empty cell above the index column; ` +
        `found ${JSON.stringify(levelRows.map((row) => row[0]))}`,
    );
  }
  const columns = Array.from(
    { length: width - 1 },
    (_, j) => levelRows.map((row) => row[j + 1]).join("/"),
  );
  const rows = parsed.rows.slice(levels).map((r) => ({
    line: r.line,
    id: r.fields[0],
    fields: r.fields.slice(1),
  }));
  return { index: indexRow.fields[0], columns, rows, malformed: parsed.malformed };
}
