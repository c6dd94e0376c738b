/**
 * Errors of the FMA import: a metadata file that is missing or not in FMA's layout
 * ({@link FmaFileError}), a list cell that is not a Python literal ({@link PythonLiteralError}).
 * Problems of single rows are not errors: they become `DataIssue`s with the file's line.
 *
 * @example
 * ```ts
 * import { FmaFileError } from "./errors.ts";
 * const e = new FmaFileError("expected tracks.csv in fma_metadata/; found no such file");
 * console.log(e.name); // "FmaFileError"
 * ```
 * @module
 */

/** A metadata file is missing, unreadable or not in the layout FMA's pandas files have. */
export class FmaFileError extends Error {
  /**
   * Creates the error.
   * @param message what was expected and what was found
   */
  constructor(message: string) {
    super(message);
    this.name = "FmaFileError";
  }
}

/** A cell is not a Python list literal of numbers and strings; says where it stopped. */
export class PythonLiteralError extends Error {
  /**
   * Creates the error.
   * @param message what was expected and what was found
   */
  constructor(message: string) {
    super(message);
    this.name = "PythonLiteralError";
  }
}
