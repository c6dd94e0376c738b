/**
 * The column mapping of the CSV import, a zod schema ({@link CsvMappingSchema}): which source
 * column (or function of the row) feeds each canonical track column, the extras kept, the release
 * date, how artists are derived, side tables and the target; {@link validateMapping} checks one.
 *
 * @example
 * ```ts
 * import { type CsvMapping, validateMapping } from "./mapping.ts";
 * const mapping: CsvMapping = {
 *   tracks: { track_name: "title", danceability: { column: "danceability_%", scale: 0.01 } },
 *   artist: { name: "artists", separator: ", " },
 *   extras: { streams: { column: "streams", parse: "integer" } },
 *   target: { column: "streams", kind: "regression" },
 * };
 * const valid = validateMapping(mapping); // throws CsvMappingError listing every problem
 * console.log(valid.target.column); // "streams"
 * ```
 * @module
 */
import { z } from "zod";
import { TargetSpec, TRACK_COLUMNS, type TrackRow } from "../../schema.ts";
import { CsvMappingError } from "./errors.ts";
import { describeMappingIssues } from "./mapping_issues.ts";

/** How a field's text is read. */
export const PARSE_KINDS = ["number", "integer", "string", "boolean"] as const;
/** One way of reading a field's text. */
export type ParseKind = typeof PARSE_KINDS[number];

/** A value produced by a field: a number, a text, a boolean or nothing. */
export type CellValue = number | string | boolean | null;

/**
 * One source row as seen by a computed field. Valid only during the call: it is reused for the
 * next row.
 */
export interface SourceRow {
  /** The file being read. */
  readonly file: string;
  /** 1-based line where the row starts. */
  readonly line: number;
  /** The raw text of a column of this row; throws {@link MissingColumnError} for an unknown one. */
  get(column: string): string;
}

/**
 * A computed field: returns the value (or, for `artist.name`, the list of credited artists);
 * throwing an Error marks the value ill-typed, with the error's message as the reason.
 */
export type ComputeFn = (row: SourceRow) => unknown;

const cellValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);

/** A field read from one source column. */
export const ColumnFieldSchema: z.ZodObject<
  {
    column: z.ZodString;
    parse: z.ZodOptional<
      z.ZodEnum<{ string: "string"; number: "number"; boolean: "boolean"; integer: "integer" }>
    >;
    thousands: z.ZodOptional<z.ZodString>;
    scale: z.ZodOptional<z.ZodNumber>;
    values: z.ZodOptional<
      z.ZodRecord<
        z.ZodString,
        z.ZodUnion<readonly [z.ZodNumber, z.ZodString, z.ZodBoolean, z.ZodNull]>
      >
    >;
    required: z.ZodOptional<z.ZodBoolean>;
    min: z.ZodOptional<z.ZodNumber>;
    max: z.ZodOptional<z.ZodNumber>;
  },
  z.core.$strict
> = z.strictObject({
  /** The source column. */
  column: z.string().min(1),
  /** How to read the text; default: the canonical column's type (`number` for extras). */
  parse: z.enum(PARSE_KINDS).optional(),
  /** Thousands separator accepted in numbers (`","` reads `"2,445"` as 2445). Default none. */
  thousands: z.string().length(1).optional(),
  /**
   * Factor applied to a number after reading (0.01 turns a percentage into 0–1); the product is
   * rounded to 12 significant digits.
   */
  scale: z.number().refine(Number.isFinite, "expected a finite number").optional(),
  /**
   * Lookup from the trimmed text to the value (e.g. key letters to pitch classes); other text is
   * ill-typed.
   */
  values: z.record(z.string(), cellValue).optional(),
  /** A row whose value is missing or invalid is excluded rather than the value nulled. */
  required: z.boolean().optional(),
  /** Smallest accepted value (extras; canonical columns use the schema's range). */
  min: z.number().optional(),
  /** Largest accepted value (extras; canonical columns use the schema's range). */
  max: z.number().optional(),
});

/** A field computed from the whole row. */
export const ComputedFieldSchema: z.ZodObject<
  {
    compute: z.ZodCustom<ComputeFn, ComputeFn>;
    columns: z.ZodOptional<z.ZodArray<z.ZodString>>;
    required: z.ZodOptional<z.ZodBoolean>;
    min: z.ZodOptional<z.ZodNumber>;
    max: z.ZodOptional<z.ZodNumber>;
  },
  z.core.$strict
> = z.strictObject({
  compute: z.custom<ComputeFn>(
    (v) => typeof v === "function",
    "expected a function (row: SourceRow) => value",
  ),
  /** Columns the function reads; checked against the file like any mapped column. */
  columns: z.array(z.string().min(1)).optional(),
  required: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

/**
 * A field: a source column name (read by the target column's type), a {@link ColumnFieldSchema}
 * or a {@link ComputedFieldSchema}.
 */
export const FieldSpecSchema: z.ZodUnion<
  readonly [z.ZodString, typeof ColumnFieldSchema, typeof ComputedFieldSchema]
> = z.union([z.string().min(1), ColumnFieldSchema, ComputedFieldSchema]);
/** See {@link FieldSpecSchema}. */
export type FieldSpec = z.infer<typeof FieldSpecSchema>;

/** A canonical track column a mapping may fill. */
export type MappableTrackColumn = Exclude<keyof TrackRow, "artist_id" | "artist_name">;
/** Canonical track columns a mapping may fill (the artist columns come from `artist`). */
export const MAPPABLE_TRACK_COLUMNS = TRACK_COLUMNS.filter((c) =>
  c !== "artist_id" && c !== "artist_name"
) as MappableTrackColumn[];

const ArtistMappingSchema = z.strictObject({
  /** The artist name(s); a computed field may return the list of credited artists. */
  name: FieldSpecSchema,
  /** The artist id; when absent, {@link artistIdFromName} of the primary artist. */
  id: FieldSpecSchema.optional(),
  /** Separator of a multi-artist name field; the first artist is the primary one. */
  separator: z.union([z.string().min(1), z.instanceof(RegExp)]).optional(),
  /** Names that contain the separator but are one artist (e.g. "Tyler, The Creator"). */
  keepTogether: z.array(z.string().min(1)).optional(),
  popularity: FieldSpecSchema.optional(),
  followers: FieldSpecSchema.optional(),
  genre: FieldSpecSchema.optional(),
});

const ReleaseDateSchema = z.union([
  /** Separate integer columns; month and day optional. */
  z.strictObject({
    year: z.string().min(1),
    month: z.string().min(1).optional(),
    day: z.string().min(1).optional(),
  }),
  /** One column holding `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  z.strictObject({ column: z.string().min(1) }),
]);

const SideTableSchema = z.strictObject({
  /** The columns, or a function choosing them from the file's header. */
  columns: z.union([
    z.array(z.string().min(1)),
    z.custom<(header: readonly string[]) => string[]>(
      (v) => typeof v === "function",
      "expected a list of columns or a function (header) => columns",
    ),
  ]),
  /** How every value is read. Default `number`. */
  parse: z.enum(PARSE_KINDS).optional(),
});

const RESERVED_TABLES = ["duplicate_ids", "artist_conflicts"];

/**
 * zod schema of a {@link CsvMapping}: which source column (or function of the row) feeds each
 * canonical column, the extra columns kept, how artists are derived, and the target.
 */
export const CsvMappingSchema: z.ZodObject<
  {
    tracks: z.ZodRecord<
      z.ZodEnum<z.util.ToEnum<MappableTrackColumn>> & z.core.$partial,
      typeof FieldSpecSchema
    >;
    artist: z.ZodObject<
      {
        name: typeof FieldSpecSchema;
        id: z.ZodOptional<typeof FieldSpecSchema>;
        separator: z.ZodOptional<z.ZodUnion<readonly [z.ZodString, z.ZodInstanceOf<RegExp>]>>;
        keepTogether: z.ZodOptional<z.ZodArray<z.ZodString>>;
        popularity: z.ZodOptional<typeof FieldSpecSchema>;
        followers: z.ZodOptional<typeof FieldSpecSchema>;
        genre: z.ZodOptional<typeof FieldSpecSchema>;
      },
      z.core.$strict
    >;
    releaseDate: z.ZodOptional<
      z.ZodUnion<
        readonly [
          z.ZodObject<
            {
              year: z.ZodString;
              month: z.ZodOptional<z.ZodString>;
              day: z.ZodOptional<z.ZodString>;
            },
            z.core.$strict
          >,
          z.ZodObject<{ column: z.ZodString }, z.core.$strict>,
        ]
      >
    >;
    extras: z.ZodOptional<z.ZodRecord<z.ZodString, typeof FieldSpecSchema>>;
    sideTables: z.ZodOptional<
      z.ZodRecord<
        z.ZodString,
        z.ZodObject<
          {
            columns: z.ZodUnion<
              readonly [
                z.ZodArray<z.ZodString>,
                z.ZodCustom<
                  (header: readonly string[]) => string[],
                  (header: readonly string[]) => string[]
                >,
              ]
            >;
            parse: z.ZodOptional<
              z.ZodEnum<
                { string: "string"; number: "number"; boolean: "boolean"; integer: "integer" }
              >
            >;
          },
          z.core.$strict
        >
      >
    >;
    target: z.ZodObject<
      {
        column: z.ZodString;
        kind: z.ZodEnum<{ regression: "regression"; binary: "binary" }>;
        threshold: z.ZodDefault<z.ZodNullable<z.ZodNumber>>;
      },
      z.core.$strict
    >;
  },
  z.core.$strict
> = z.strictObject({
  /** Canonical track columns (see {@link MAPPABLE_TRACK_COLUMNS}). `track_name` is required. */
  tracks: z.partialRecord(
    z.enum(MAPPABLE_TRACK_COLUMNS as [MappableTrackColumn, ...MappableTrackColumn[]]),
    FieldSpecSchema,
  ),
  artist: ArtistMappingSchema,
  /** Fills release_date, release_year and release_month together. */
  releaseDate: ReleaseDateSchema.optional(),
  /** Source columns kept after the canonical ones, under the given names. */
  extras: z.record(z.string().min(1), FieldSpecSchema).optional(),
  /** Further tables of `track_id` + source columns, kept out of the tracks table. */
  sideTables: z.record(z.string().min(1), SideTableSchema).optional(),
  /** What models predict: `{ column, kind, threshold }` (TargetSpec of the schema; no other key). */
  target: z.strictObject(TargetSpec.shape),
}).superRefine((m, ctx) => {
  const canonical = new Set<string>([...TRACK_COLUMNS]);
  const extras = Object.keys(m.extras ?? {});
  for (const name of extras) {
    if (canonical.has(name)) {
      ctx.addIssue({
        code: "custom",
        path: ["extras", name],
        message: `extra column "${name}" clashes with the canonical track column of that name`,
      });
    }
  }
  if (!m.tracks.track_name) {
    ctx.addIssue({
      code: "custom",
      path: ["tracks", "track_name"],
      message: "expected a mapping for track_name (required); found none",
    });
  }
  const dated = (["release_date", "release_year", "release_month"] as const).filter((c) =>
    m.tracks[c]
  );
  if (m.releaseDate && dated.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["releaseDate"],
      message: `expected either releaseDate or tracks.${dated.join("/")}; found both`,
    });
  }
  const column = m.target.column;
  const releaseCols = m.releaseDate ? ["release_date", "release_year", "release_month"] : [];
  const mapped = [...Object.keys(m.tracks), ...extras, ...releaseCols, "track_id"];
  if (!mapped.includes(column)) {
    ctx.addIssue({
      code: "custom",
      path: ["target", "column"],
      message: `expected the target column to be a mapped track column or an extra; found ` +
        `"${column}" (mapped: ${mapped.join(", ")})`,
    });
  }
  for (const name of Object.keys(m.sideTables ?? {})) {
    if (RESERVED_TABLES.includes(name)) {
      ctx.addIssue({
        code: "custom",
        path: ["sideTables", name],
        message: `expected a side table name other than ${RESERVED_TABLES.join(", ")}`,
      });
    }
  }
});

/** A column mapping; see {@link CsvMappingSchema} and {@link importCsv}. */
export type CsvMapping = z.input<typeof CsvMappingSchema>;
/** A mapping after validation, defaults filled in. */
export type ValidCsvMapping = z.output<typeof CsvMappingSchema>;

/**
 * Validates a mapping.
 *
 * @throws {CsvMappingError} listing every problem with its path in the mapping, what was
 *   expected and what was found (`mapping.tracks.tempo: expected string or object, found 5`).
 * @example
 * ```ts
 * import { validateMapping } from "./mapping.ts";
 * validateMapping({
 *   tracks: { track_name: "title" },
 *   artist: { name: "artist" },
 *   target: { column: "track_name", kind: "regression" },
 * });
 * ```
 */
export function validateMapping(mapping: CsvMapping): ValidCsvMapping {
  const result = CsvMappingSchema.safeParse(mapping);
  if (result.success) return result.data;
  const lines = describeMappingIssues(result.error.issues, mapping, {
    schema: CsvMappingSchema,
    root: "mapping",
  });
  throw new CsvMappingError(`invalid CSV mapping:\n${lines.join("\n")}`);
}
