/**
 * Which columns of a table are numeric features, which of them cannot say anything (all missing,
 * or one value only), and text columns that hold numbers with a few unreadable cells — each such
 * cell reported with its row and set to null, never dropped silently. Computed with polars.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { coerceNumericText, columnFlags, numericColumns } from "./columns.ts";
 * const df = pl.DataFrame({ a: [1, 2, 3], b: [5, 5, 5], s: ["1", "2", "BPM110"] });
 * numericColumns(df); // ["a", "b"]
 * columnFlags(df, ["a", "b"]); // [{ column: "b", flag: "constant", … }]
 * const { frame, issues } = coerceNumericText(df, { minShare: 0.6 });
 * // frame.s is Float64 [1, 2, null]; issues: [{ row: 2, column: "s", value: "BPM110", … }]
 * ```
 * @module
 */
import pl from "nodejs-polars";

/** Identifier and bookkeeping columns that are never features, whatever their type. */
const NON_FEATURE_COLUMNS: readonly string[] = [
  "track_id",
  "track_name",
  "artist_id",
  "artist_name",
  "release_date",
  "audio_path",
  "credited_artists",
];

/** Options of {@link numericColumns}. */
export interface NumericColumnsOptions {
  /** Columns left out besides {@link NON_FEATURE_COLUMNS}. */
  exclude?: readonly string[];
}

/** Names of the integer and floating-point columns (booleans and text excluded), in table order. */
export function numericColumns(df: pl.DataFrame, options: NumericColumnsOptions = {}): string[] {
  const exclude = new Set([...NON_FEATURE_COLUMNS, ...(options.exclude ?? [])]);
  return df.columns.filter((name) => !exclude.has(name) && df.getColumn(name).isNumeric());
}

/** Why a column cannot enter a summary or a correlation as a feature. */
export type ColumnFlagKind = "all missing" | "constant";

/** A flagged column and the reason, in words. */
export interface ColumnFlag {
  /** The column's name. */
  column: string;
  /** Why it is flagged. */
  flag: ColumnFlagKind;
  /** e.g. "every value is 0.5 (952 rows)". */
  detail: string;
}

/** Columns among `columns` that are entirely null or hold a single distinct value. */
export function columnFlags(df: pl.DataFrame, columns: readonly string[]): ColumnFlag[] {
  if (columns.length === 0) return [];
  const stats = df.select(
    ...columns.flatMap((c) => [
      pl.col(c).dropNulls().nUnique().alias(`${c}\u0000unique`),
      pl.col(c).count().alias(`${c}\u0000present`),
      pl.col(c).dropNulls().first().alias(`${c}\u0000first`),
    ]),
  ).toRecords()[0] as Record<string, number | null>;
  const flags: ColumnFlag[] = [];
  for (const c of columns) {
    const present = Number(stats[`${c}\u0000present`]);
    const unique = Number(stats[`${c}\u0000unique`]);
    if (present === 0) {
      flags.push({
        column: c,
        flag: "all missing",
        detail: `no value in ${df.height.toLocaleString("en")} rows`,
      });
    } else if (unique === 1) {
      flags.push({
        column: c,
        flag: "constant",
        detail: `every value is ${stats[`${c}\u0000first`]} (${present.toLocaleString("en")} rows)`,
      });
    }
  }
  return flags;
}

/** A cell of a numeric column that held text, reported and set to null. */
export interface TextInNumericCell {
  /** 0-based row of the table. */
  row: number;
  /** The numeric column that held text. */
  column: string;
  /** The text found. */
  value: string;
  /** The row's track id, when the table has one. */
  trackId: string | null;
}

/** Options of {@link coerceNumericText}. */
export interface CoerceOptions {
  /** Text columns to try; default every text column not in {@link NON_FEATURE_COLUMNS}. */
  columns?: readonly string[];
  /**
   * Least share of a column's non-null cells that must read as numbers (thousands separators
   * "," allowed) for the column to count as numeric; default 0.9.
   */
  minShare?: number;
}

/**
 * Turns text columns that are numeric but for a few cells into Float64 columns. The unreadable
 * cells become null and are returned with their row, so a notebook can show them and their count.
 */
export function coerceNumericText(
  df: pl.DataFrame,
  options: CoerceOptions = {},
): { frame: pl.DataFrame; issues: TextInNumericCell[] } {
  const minShare = options.minShare ?? 0.9;
  const candidates = options.columns ??
    df.columns.filter((c) =>
      !NON_FEATURE_COLUMNS.includes(c) && df.getColumn(c).dtype.equals(pl.String)
    );
  let frame = df;
  const issues: TextInNumericCell[] = [];
  const hasId = df.columns.includes("track_id");
  for (const column of candidates) {
    const parsed = pl.col(column).str.replaceAll(",", "", true).str.stripChars(" \t").cast(
      pl.Float64,
      false,
    );
    const probe = frame.withRowIndex("__row").select(
      pl.col("__row"),
      pl.col(column).alias("__text"),
      parsed.alias("__number"),
      ...(hasId ? [pl.col("track_id").alias("__id")] : []),
    );
    const present = probe.filter(pl.col("__text").isNotNull());
    if (present.height === 0) continue;
    const bad = present.filter(pl.col("__number").isNull());
    if ((present.height - bad.height) / present.height < minShare) continue;
    for (const r of bad.toRecords()) {
      issues.push({
        row: Number(r.__row),
        column,
        value: String(r.__text),
        trackId: hasId ? String(r.__id) : null,
      });
    }
    frame = frame.withColumns(parsed.alias(column));
  }
  return { frame, issues };
}

/** The cells of {@link coerceNumericText} as a table (row, column, value, track_id). */
export function textCellsFrame(issues: readonly TextInNumericCell[]): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("row", issues.map((i) => i.row), pl.Int64),
    pl.Series("column", issues.map((i) => i.column), pl.Utf8),
    pl.Series("value", issues.map((i) => i.value.slice(0, 60)), pl.Utf8),
    pl.Series("track_id", issues.map((i) => i.trackId), pl.Utf8),
  ]);
}
