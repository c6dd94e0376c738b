/**
 * The errors of the CSV import, each saying what was expected and what was found:
 * {@link CsvParseError} (no header, unusable delimiter), {@link CsvMappingError} (invalid column
 * mapping), its subclasses {@link MissingColumnError} (a mapped column absent from a file) and
 * {@link MappingFileError} (a column-mapping JSON file that is missing, not JSON or invalid), and
 * {@link CsvFileError} (a file that cannot be read).
 *
 * @example
 * ```ts
 * import { MissingColumnError } from "./errors.ts";
 * const error = new MissingColumnError("songs.csv", [{ column: "bpm", field: "tracks.tempo" }], [
 *   "title",
 *   "artist",
 * ]);
 * console.log(error.message);
 * // expected column "bpm" (mapping tracks.tempo) in songs.csv; columns found: "title", "artist"
 * ```
 * @module
 */
/** Raised when a CSV text cannot be parsed at all (no header, bad delimiter option). */
export class CsvParseError extends Error {
  /** Creates the error; `message` says what could not be parsed and why. */
  constructor(message: string) {
    super(message);
    this.name = "CsvParseError";
  }
}

/** Raised when a column mapping is invalid; the message lists each problem with its path. */
export class CsvMappingError extends Error {
  /** Creates the error; `message` lists each problem with its path in the mapping. */
  constructor(message: string) {
    super(message);
    this.name = "CsvMappingError";
  }
}

/** Raised when a mapping names columns a file does not have; lists them and the columns found. */
export class MissingColumnError extends CsvMappingError {
  /** The absent columns, each with the mapping entry that names it. */
  readonly missing: readonly { column: string; field: string }[];
  /** The file's columns. */
  readonly found: readonly string[];
  /** The file concerned. */
  readonly file: string;
  /** The column-mapping file that names the columns, when the mapping came from one. */
  readonly mappingFile: string | null;
  /**
   * Lists the absent columns of `file`, each with the mapping entry naming it, and the columns
   * `found`; `mappingFile` names the mapping's file when it came from one.
   */
  constructor(
    file: string,
    missing: { column: string; field: string }[],
    found: string[],
    mappingFile: string | null = null,
  ) {
    const where = mappingFile === null ? "mapping " : "";
    const of = mappingFile === null ? "" : ` in ${mappingFile}`;
    const list = missing.map((m) => `"${m.column}" (${where}${m.field}${of})`).join(", ");
    super(
      `expected column${missing.length > 1 ? "s" : ""} ${list} in ${file}; ` +
        `columns found: ${found.map((c) => `"${c}"`).join(", ")}`,
    );
    this.name = "MissingColumnError";
    this.missing = missing;
    this.found = found;
    this.file = file;
    this.mappingFile = mappingFile;
  }
}

/**
 * Raised when a column-mapping JSON file cannot be used: it is missing or unreadable, is not JSON,
 * or does not validate. The message names the file and lists each problem as
 * `path.in.the.json: expected …, found …`.
 */
export class MappingFileError extends CsvMappingError {
  /** The mapping file. */
  readonly file: string;
  /** Each problem, `path: expected …, found …` (a single line for a missing file or bad JSON). */
  readonly problems: readonly string[];
  /** One error for all the problems of mapping file `file`, each `path: expected …, found …`. */
  constructor(file: string, problems: string[]) {
    super(
      problems.length === 1
        ? `column mapping ${file}: ${problems[0]}`
        : `column mapping ${file}, ${problems.length} problems:\n${
          problems.map((p) => `  ${p}`).join("\n")
        }`,
    );
    this.name = "MappingFileError";
    this.file = file;
    this.problems = problems;
  }
}

/** Raised when a CSV file cannot be read; names the file and the system's reason. */
export class CsvFileError extends Error {
  /** Creates the error; `message` names the file and the system's reason. */
  constructor(message: string) {
    super(message);
    this.name = "CsvFileError";
  }
}
