/**
 * The errors of the chart-file importer and of stream-series preparation, each saying what was
 * expected and what was found: {@link ChartFormatError} (a file that is not in the Spotify Charts
 * layout, or a region choice that cannot be made) and {@link StreamSeriesError} (a table, split or
 * window request that cannot be met).
 *
 * @example
 * ```ts
 * import { ChartFormatError } from "./errors.ts";
 * throw new ChartFormatError("expected a streams column in day.csv; columns found: rank, uri");
 * ```
 * @module
 */

/** Raised when chart files cannot be read as charts: columns missing, no date, ambiguous region. */
export class ChartFormatError extends Error {
  /** Creates the error; `message` says what was expected and what was found. */
  constructor(message: string) {
    super(message);
    this.name = "ChartFormatError";
  }
}

/** Raised when a stream table, split, scaler or window request is impossible (too few days…). */
export class StreamSeriesError extends Error {
  /** Creates the error; `message` says what was asked and why it is impossible. */
  constructor(message: string) {
    super(message);
    this.name = "StreamSeriesError";
  }
}
