/**
 * A dataset of the workspace: the artists and tracks tables as polars DataFrames with the
 * canonical columns of {@link ./schema.ts}, what the models predict, and every problem met while
 * building it (rows repaired or excluded, with reasons) so nothing is dropped without a count.
 *
 * @example
 * ```ts
 * import { artistsFrame } from "./dataset.ts";
 * const artists = artistsFrame([{ artist_id: "a1", artist_name: "A", artist_popularity: 70 }]);
 * console.log(artists.height); // 1
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { z } from "zod";
import { ArtistRow, COLUMN_DESCRIPTIONS, TargetSpec, TrackRow } from "./schema.ts";

/** A row that was repaired or excluded while building a dataset. */
export interface DataIssue {
  /** 1-based line of the source file (header = line 1), or the row index for generated data. */
  row: number;
  /** The column concerned, when one is. */
  column: string | null;
  /** What was wrong, in words. */
  reason: string;
  /** What was done: the row was dropped, or the value set to null. */
  action: "excluded" | "nulled";
}

/** Artists and tracks plus what is predicted and how the data was obtained. */
export interface Dataset {
  /** Short name, also the folder under data/: `demo-tiny`, `hit-predictor`, … */
  name: string;
  /** Where the data comes from, in words (provider, file, generator and seed). */
  source: string;
  /** One row per artist, in the canonical artist columns ({@link ArtistRow}). */
  artists: pl.DataFrame;
  /** Canonical track columns first, then the source's own extra columns. */
  tracks: pl.DataFrame;
  /** What is predicted: the target column, regression or binary, and the popularity threshold. */
  target: TargetSpec;
  /** Problems met while building; empty when the source was clean. */
  issues: DataIssue[];
  /** Further tables, e.g. the demo corpus's daily stream counts (`streams`). */
  tables: Record<string, pl.DataFrame>;
}

/** Raised when rows do not match the canonical schema; names the row and the field. */
export class SchemaError extends Error {
  /** Creates the error; `message` names the row and the field. */
  constructor(message: string) {
    super(message);
    this.name = "SchemaError";
  }
}

/** The storage kind of a canonical column: text, float, integer or boolean. */
type ColumnKind = "string" | "float" | "int" | "bool";

function columnKind(schema: z.ZodType): ColumnKind {
  let inner: z.ZodType = schema;
  while (
    inner instanceof z.ZodDefault || inner instanceof z.ZodNullable ||
    inner instanceof z.ZodOptional
  ) inner = inner.def.innerType as z.ZodType;
  if (inner instanceof z.ZodString) return "string";
  if (inner instanceof z.ZodBoolean) return "bool";
  if (inner instanceof z.ZodNumber) return inner.format?.includes("int") ? "int" : "float";
  throw new Error(`unsupported column type ${inner.constructor.name}`);
}

const DTYPES = { string: pl.Utf8, float: pl.Float64, int: pl.Int64, bool: pl.Bool } as const;

/** polars dtype of every canonical column of a row schema. */
function columnDtypes(schema: z.ZodObject): Record<string, ColumnKind> {
  return Object.fromEntries(
    Object.entries(schema.shape).map(([name, s]) => [name, columnKind(s as z.ZodType)]),
  );
}

function validateRows<T>(schema: z.ZodType<T>, rows: readonly unknown[], table: string): T[] {
  return rows.map((row, i) => {
    const result = schema.safeParse(row);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue.path.join(".");
      const found = (row as Record<string, unknown>)?.[String(issue.path[0])];
      throw new SchemaError(
        `${table} row ${i}: field ${field}: ${issue.message}; found ${JSON.stringify(found)}`,
      );
    }
    return result.data;
  });
}

function frame(
  kinds: Record<string, ColumnKind>,
  rows: readonly Record<string, unknown>[],
  extraColumns: readonly string[] = [],
): pl.DataFrame {
  const series = Object.entries(kinds).map(([name, kind]) =>
    pl.Series(name, rows.map((r) => r[name] ?? null), DTYPES[kind])
  );
  for (const name of extraColumns) {
    const values = rows.map((r) => r[name] ?? null);
    const numeric = values.every((v) => v === null || typeof v === "number");
    series.push(pl.Series(name, values, numeric ? pl.Float64 : pl.Utf8));
  }
  return pl.DataFrame(series);
}

/** Validates artist rows against {@link ArtistRow} and builds the artists table. */
export function artistsFrame(rows: readonly unknown[]): pl.DataFrame {
  const valid = validateRows(ArtistRow, rows, "artists");
  return frame(columnDtypes(ArtistRow), valid);
}

/**
 * Validates track rows against {@link TrackRow} and builds the tracks table. Columns named in
 * `extraColumns` (a dataset's own target, say) are kept after the canonical ones: numeric when
 * every value is a number or null, text otherwise.
 */
export function tracksFrame(
  rows: readonly Record<string, unknown>[],
  extraColumns: readonly string[] = [],
): pl.DataFrame {
  const valid = validateRows(TrackRow, rows, "tracks");
  const merged = valid.map((row, i) => {
    const extra: Record<string, unknown> = {};
    for (const c of extraColumns) extra[c] = rows[i][c];
    return { ...row, ...extra };
  });
  return frame(columnDtypes(TrackRow), merged, extraColumns);
}

/** Builds a {@link TargetSpec}, validated. */
export function targetSpec(spec: z.input<typeof TargetSpec>): TargetSpec {
  return TargetSpec.parse(spec);
}

/**
 * The consolidated table the seed paper describes: every track with its artist's columns.
 * Tracks whose artist is missing from the artists table keep null artist columns.
 */
export function consolidated(dataset: Pick<Dataset, "artists" | "tracks">): pl.DataFrame {
  const artistCols = dataset.artists.drop("artist_name");
  return dataset.tracks.join(artistCols, { on: "artist_id", how: "left" });
}

/**
 * One row per column of a table: name, polars dtype, non-null and null counts, a first
 * non-null example and, for canonical columns, what the column holds.
 */
export function describeColumns(
  df: pl.DataFrame,
  descriptions: Readonly<Record<string, string>> = COLUMN_DESCRIPTIONS,
): pl.DataFrame {
  const nulls = df.nullCount().row(0) as number[];
  const examples = df.columns.map((name) => {
    const first = df.getColumn(name).dropNulls().head(1).toArray()[0];
    return first === undefined ? null : String(first).slice(0, 40);
  });
  return pl.DataFrame([
    pl.Series("column", df.columns, pl.Utf8),
    pl.Series(
      "dtype",
      df.dtypes.map((d) => String(d).replace(/^DataType\((.*)\)$/, "$1")),
      pl.Utf8,
    ),
    pl.Series("non_null", nulls.map((n) => df.height - n), pl.Int64),
    pl.Series("null", nulls, pl.Int64),
    pl.Series("example", examples, pl.Utf8),
    pl.Series("description", df.columns.map((c) => descriptions[c] ?? null), pl.Utf8),
  ]);
}
