/**
 * Reading any CSV file into a {@link Dataset}: byte decoding ({@link decodeText}), an RFC 4180
 * parser that keeps every malformed row with its line ({@link parseCsv}), and a zod-checked column
 * mapping from the file's columns to the canonical artist and track tables ({@link importCsv}).
 *
 * Nothing is dropped without a trace: a row with the wrong number of fields, an ill-typed or
 * out-of-range value, a duplicate track id and an artist whose values differ between rows are all
 * reported — in `Dataset.issues` (row excluded or value nulled, with the file's line) or in the
 * side tables `duplicate_ids` and `artist_conflicts` of `Dataset.tables`.
 *
 * @example
 * ```ts
 * import { importCsv } from "./csv.ts";
 * const dataset = await importCsv("songs.csv", {
 *   tracks: { track_name: "title", track_popularity: "popularity", tempo: "bpm" },
 *   artist: { name: "artist" },
 *   target: { column: "track_popularity", kind: "regression", threshold: 50 },
 * });
 * console.log(dataset.tracks.height, dataset.issues.length);
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { z } from "zod";
import { artistsFrame, type DataIssue, type Dataset, targetSpec, tracksFrame } from "../dataset.ts";
import { ArtistRow, TargetSpec, TRACK_COLUMNS, TrackRow } from "../schema.ts";

// ---------------------------------------------------------------------------------------------
// Errors

/** Raised when a CSV text cannot be parsed at all (no header, bad delimiter option). */
export class CsvParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvParseError";
  }
}

/** Raised when a column mapping is invalid; the message lists each problem with its path. */
export class CsvMappingError extends Error {
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
  constructor(file: string, missing: { column: string; field: string }[], found: string[]) {
    const list = missing.map((m) => `"${m.column}" (mapping ${m.field})`).join(", ");
    super(
      `expected column${missing.length > 1 ? "s" : ""} ${list} in ${file}; ` +
        `columns found: ${found.map((c) => `"${c}"`).join(", ")}`,
    );
    this.name = "MissingColumnError";
    this.missing = missing;
    this.found = found;
    this.file = file;
  }
}

/** Raised when a CSV file cannot be read; names the file and the system's reason. */
export class CsvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvFileError";
  }
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** How {@link decodeText} read the bytes. */
export type TextEncoding = "utf-8" | "utf-8-bom" | "latin-1";

/** Text decoded by {@link decodeText}. */
export interface DecodedText {
  /** The text, without a byte-order mark. */
  text: string;
  /**
   * `utf-8-bom` when a UTF-8 byte-order mark was stripped; `latin-1` when the bytes were not
   * UTF-8.
   */
  encoding: TextEncoding;
}

/**
 * Decodes a file's bytes: UTF-8 (a leading byte-order mark EF BB BF is stripped and reported as
 * `utf-8-bom`), and when the bytes are not valid UTF-8, windows-1252 — the superset of latin-1
 * that spreadsheet exports use — reported as `latin-1`. No byte is ever replaced by U+FFFD.
 *
 * @example
 * ```ts
 * import { decodeText } from "./csv.ts";
 * decodeText(new Uint8Array([0x43, 0x61, 0x66, 0xe9])); // { text: "Café", encoding: "latin-1" }
 * ```
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: bom ? "utf-8-bom" : "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "latin-1" };
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** Options of {@link parseCsv}. */
export interface ParseCsvOptions {
  /** Field separator, one character other than `"`, CR or LF. Default `,`. */
  delimiter?: string;
}

/** A well-formed data row. */
export interface CsvRow {
  /** 1-based line of the file where the row starts (the header is line 1). */
  line: number;
  /** The row's fields, as many as the header has. */
  fields: string[];
}

/** A row that could not be read as a record of the header's width. */
export interface MalformedRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  /** What is wrong, in words: expected vs found. */
  reason: string;
  /** The fields as far as they could be read. */
  fields: string[];
}

/** The result of {@link parseCsv}. */
export interface ParsedCsv {
  /** The first record's fields, as written (a BOM removed). */
  header: string[];
  /** Well-formed data rows, in file order. */
  rows: CsvRow[];
  /** Rows that could not be read as records of the header's width, in file order. */
  malformed: MalformedRow[];
  /** Lines that were entirely empty (skipped; they hold no record). */
  blankLines: number[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

interface RawRecord {
  line: number;
  fields: string[];
  error: string | null;
}

/**
 * Parses CSV text (RFC 4180): fields may be quoted, a quote inside a quoted field is doubled
 * (`""`), quoted fields may hold delimiters and line breaks, records end with LF or CRLF (or a
 * lone CR), and a final line break is optional. Lenient where files in the wild are: a stray
 * quote inside an unquoted field is kept as text; a leading byte-order mark is dropped.
 *
 * The first record is the header. Every other record keeps the line it starts on, so issues can
 * point into the file. A record whose field count differs from the header's, or with text after
 * a closing quote, or an unterminated quote, goes to `malformed` with its line and the reason —
 * it is never dropped silently. Entirely empty lines are skipped and listed in `blankLines`.
 *
 * This is a small hand-written scanner rather than polars' reader because polars cannot report
 * which rows were ragged (it either fails the whole file or pads/truncates them silently). It
 * decodes and reads the 8,642-row hit-predictor file (1.4 MB) in about 35 ms.
 *
 * @throws {CsvParseError} when the text is empty or the delimiter is unusable.
 * @example
 * ```ts
 * import { parseCsv } from "./csv.ts";
 * const { header, rows, malformed } = parseCsv('a,b\n1,"x, ""y"""\n2\n');
 * // header ["a","b"], rows [{ line: 2, fields: ["1", 'x, "y"'] }],
 * // malformed [{ line: 3, reason: "expected 2 fields (as in the header), found 1", ... }]
 * ```
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): ParsedCsv {
  const delimiter = options.delimiter ?? ",";
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new CsvParseError(
      `expected a one-character delimiter other than a quote or line break; found ${
        JSON.stringify(delimiter)
      }`,
    );
  }
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const records: RawRecord[] = [];
  const blankLines: number[] = [];

  while (i < n) {
    const start = text.charCodeAt(i);
    if (start === LF || start === CR) {
      blankLines.push(line);
      i += start === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const recordLine = line;
    const fields: string[] = [];
    let error: string | null = null;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        let value = "";
        let segment = i + 1;
        for (;;) {
          const q = text.indexOf('"', segment);
          if (q === -1) {
            error ??= `unterminated quoted field ${fields.length + 1} opened on line ${openLine}`;
            line += countLineBreaks(text, segment, n);
            value += text.slice(segment);
            i = n;
            break;
          }
          line += countLineBreaks(text, segment, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(segment, q + 1);
            segment = q + 2;
            continue;
          }
          value += text.slice(segment, q);
          i = q + 1;
          break;
        }
        if (i < n) {
          const after = text.charCodeAt(i);
          if (after !== delim && after !== LF && after !== CR) {
            let j = i;
            while (j < n) {
              const c = text.charCodeAt(j);
              if (c === delim || c === LF || c === CR) break;
              j++;
            }
            error ??= `unexpected text ${JSON.stringify(text.slice(i, j))} after the closing ` +
              `quote of field ${fields.length + 1}; expected a delimiter or a line break`;
            value += text.slice(i, j);
            i = j;
          }
        }
        fields.push(value);
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    records.push({ line: recordLine, fields, error });
  }

  if (records.length === 0) {
    throw new CsvParseError("expected a header line; found an empty text");
  }
  const [head, ...body] = records;
  if (head.error) throw new CsvParseError(`header on line ${head.line}: ${head.error}`);
  const header = head.fields;
  const width = header.length;
  const rows: CsvRow[] = [];
  const malformed: MalformedRow[] = [];
  for (const record of body) {
    if (record.error) {
      malformed.push({ line: record.line, reason: record.error, fields: record.fields });
    } else if (record.fields.length !== width) {
      malformed.push({
        line: record.line,
        reason: `expected ${width} fields (as in the header), found ${record.fields.length}`,
        fields: record.fields,
      });
    } else rows.push({ line: record.line, fields: record.fields });
  }
  return { header, rows, malformed, blankLines };
}

// ---------------------------------------------------------------------------------------------
// Names and ids

/**
 * The form of a name used in ids: Unicode NFKC, trimmed, inner whitespace collapsed to one space,
 * lower case. Accents and punctuation are kept (`Beyoncé` ≠ `Beyonce`): merging those would
 * merge distinct artists more often than it repairs spellings.
 *
 * @example
 * ```ts
 * import { normaliseName } from "./csv.ts";
 * normaliseName("  Tegan  And Sara "); // "tegan and sara"
 * ```
 */
export function normaliseName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * The artist id of a file that has no artist id column: `name:` + {@link normaliseName} of the
 * artist's name. Spellings that differ only in case or spacing ("Tegan And Sara", "Tegan and
 * Sara") become one artist; two different artists who share a name become one too.
 *
 * @example
 * ```ts
 * import { artistIdFromName } from "./csv.ts";
 * artistIdFromName("Tegan And Sara"); // "name:tegan and sara"
 * ```
 */
export function artistIdFromName(name: string): string {
  return `name:${normaliseName(name)}`;
}

/**
 * The track id of a file that has no track id column: `name:` + the normalised credited artists
 * joined by `, ` + `|` + the normalised title. Two rows with the same artists and title get the
 * same id and are then handled as duplicates (see {@link ImportCsvOptions.duplicateIds}).
 *
 * @example
 * ```ts
 * import { trackIdFromNames } from "./csv.ts";
 * trackIdFromNames(["Latto", "Jung Kook"], "Seven"); // "name:latto, jung kook|seven"
 * ```
 */
export function trackIdFromNames(artists: readonly string[], title: string): string {
  return `name:${artists.map(normaliseName).join(", ")}|${normaliseName(title)}`;
}

/**
 * Splits a multi-artist field into the credited artists, in order; the first is the primary
 * artist, who owns the track in the artists table. Names listed in `keepTogether` (e.g.
 * `"Tyler, The Creator"`) are never split even though they contain the separator.
 *
 * @example
 * ```ts
 * import { splitArtists } from "./csv.ts";
 * splitArtists("Latto, Jung Kook", ", "); // ["Latto", "Jung Kook"]
 * splitArtists("Tyler, The Creator, Kali Uchis", ", ", ["Tyler, The Creator"]);
 * // ["Tyler, The Creator", "Kali Uchis"]
 * ```
 */
export function splitArtists(
  field: string,
  separator: string | RegExp,
  keepTogether: readonly string[] = [],
): string[] {
  let text = field;
  const held: string[] = [];
  for (const name of keepTogether) {
    if (!text.includes(name)) continue;
    text = text.split(name).join(`\ue000${held.length}\ue001`);
    held.push(name);
  }
  return text.split(separator)
    .map((part) => part.replace(/\ue000(\d+)\ue001/g, (_, k: string) => held[Number(k)]).trim())
    .filter((part) => part.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Mapping

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
export const ColumnFieldSchema = z.strictObject({
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
export const ComputedFieldSchema = z.strictObject({
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
export const FieldSpecSchema = z.union([z.string().min(1), ColumnFieldSchema, ComputedFieldSchema]);
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
export const CsvMappingSchema = z.strictObject({
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
  target: TargetSpec,
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
 * @throws {CsvMappingError} listing every problem with its path in the mapping.
 * @example
 * ```ts
 * import { validateMapping } from "./csv.ts";
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
  const lines = result.error.issues.map((issue) =>
    `mapping${issue.path.map((p) => `.${String(p)}`).join("")}: ${issue.message}`
  );
  throw new CsvMappingError(`invalid CSV mapping:\n${lines.join("\n")}`);
}

// ---------------------------------------------------------------------------------------------
// Value reading

/** An ill-typed or out-of-range value; internal, turned into a {@link DataIssue}. */
class ValueError extends Error {}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BOOLEANS: Record<string, boolean> = {
  true: true,
  false: false,
  t: true,
  f: false,
  yes: true,
  no: false,
  "1": true,
  "0": false,
};

function shown(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

function groupedNumber(separator: string): RegExp {
  const s = separator.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^[+-]?\\d{1,3}(?:${s}\\d{3})+(?:\\.\\d+)?$`);
}

function readText(
  raw: string,
  kind: ParseKind,
  grouped: RegExp | null,
  separator: string | undefined,
): CellValue {
  if (kind === "string") return raw.length === 0 ? null : raw;
  const text = raw.trim();
  if (text.length === 0) return null;
  if (kind === "boolean") {
    const value = BOOLEANS[text.toLowerCase()];
    if (value === undefined) {
      throw new ValueError(`expected a boolean (true/false, yes/no, 1/0), found ${shown(raw)}`);
    }
    return value;
  }
  let numeric = text;
  if (grouped && separator && grouped.test(text)) numeric = text.split(separator).join("");
  if (!NUMBER.test(numeric)) {
    throw new ValueError(
      `expected ${kind === "integer" ? "an integer" : "a number"}, found ${shown(raw)}`,
    );
  }
  const value = Number(numeric);
  if (kind === "integer" && !Number.isInteger(value)) {
    throw new ValueError(`expected an integer, found ${shown(raw)}`);
  }
  return value;
}

type Table = "track" | "artist" | "extra";

interface FieldPlan {
  /** Canonical or extra column name. */
  name: string;
  table: Table;
  /** Where it sits in the mapping, for messages. */
  label: string;
  spec: FieldSpec;
  required: boolean;
  /** Range/type check of a read value; returns the reason when it fails. */
  check: (value: CellValue) => string | null;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let inner: z.ZodType = schema;
  while (
    inner instanceof z.ZodDefault || inner instanceof z.ZodNullable ||
    inner instanceof z.ZodOptional
  ) inner = inner.def.innerType as z.ZodType;
  return inner;
}

/**
 * A check of one value against a canonical column's zod schema. Numbers strictly inside the
 * schema's bounds skip zod (the import's hot path); every other value is judged by zod itself.
 */
function shapeCheck(schema: z.ZodType): (value: CellValue) => string | null {
  const inner = unwrap(schema);
  const number = inner instanceof z.ZodNumber ? inner : null;
  const low = number?.minValue ?? -Infinity;
  const high = number?.maxValue ?? Infinity;
  const integer = number?.isInt ?? false;
  return (value) => {
    if (value === null) return null;
    if (
      number && typeof value === "number" && value > low && value < high &&
      (!integer || Number.isInteger(value))
    ) return null;
    const result = schema.safeParse(value);
    if (result.success) return null;
    return `${result.error.issues[0].message}; found ${JSON.stringify(value)}`;
  };
}

function extraCheck(
  spec: FieldSpec,
  binary: boolean,
): (value: CellValue) => string | null {
  const min = typeof spec === "object" ? spec.min : undefined;
  const max = typeof spec === "object" ? spec.max : undefined;
  return (value) => {
    if (value === null || typeof value !== "number") return null;
    if (min !== undefined && value < min) {
      return `expected a value ≥ ${min}, found ${value}`;
    }
    if (max !== undefined && value > max) {
      return `expected a value ≤ ${max}, found ${value}`;
    }
    if (binary && value !== 0 && value !== 1) {
      return `expected a binary target 0 or 1, found ${value}`;
    }
    return null;
  };
}

function defaultKind(table: Table, name: string): ParseKind {
  const shape: Record<string, z.ZodType> = table === "artist" ? ArtistRow.shape : TrackRow.shape;
  const schema = table === "extra" ? undefined : shape[name];
  if (!schema) return "number";
  const inner = unwrap(schema);
  if (inner instanceof z.ZodString) return "string";
  if (inner instanceof z.ZodBoolean) return "boolean";
  if (inner instanceof z.ZodNumber) return inner.isInt ? "integer" : "number";
  return "string";
}

/** A field bound to one file's header. */
interface BoundField {
  plan: FieldPlan;
  /** The source column, for issues; null for computed fields. */
  source: string | null;
  read: (fields: string[], row: MutableSourceRow) => unknown;
}

class MutableSourceRow implements SourceRow {
  fields: string[] = [];
  line = 0;
  constructor(
    readonly file: string,
    private readonly index: Map<string, number>,
    private readonly header: string[],
  ) {}
  get(column: string): string {
    const i = this.index.get(column);
    if (i === undefined) {
      throw new MissingColumnError(this.file, [{ column, field: "a computed field" }], this.header);
    }
    return this.fields[i];
  }
}

function specColumns(spec: FieldSpec): string[] {
  if (typeof spec === "string") return [spec];
  if ("column" in spec) return [spec.column];
  return spec.columns ?? [];
}

function bindField(plan: FieldPlan, index: Map<string, number>): BoundField {
  const spec = plan.spec;
  if (typeof spec === "object" && "compute" in spec) {
    const compute = spec.compute;
    return {
      plan,
      source: null,
      read: (_fields, row) => {
        try {
          const value = compute(row);
          return value === undefined ? null : value;
        } catch (error) {
          if (error instanceof MissingColumnError) throw error;
          throw new ValueError(error instanceof Error ? error.message : String(error));
        }
      },
    };
  }
  const column = typeof spec === "string" ? spec : spec.column;
  const i = index.get(column) as number;
  const options: z.infer<typeof ColumnFieldSchema> = typeof spec === "string" ? { column } : spec;
  const kind = options.parse ?? defaultKind(plan.table, plan.name);
  const grouped = options.thousands ? groupedNumber(options.thousands) : null;
  const scale = options.scale;
  const values = options.values;
  return {
    plan,
    source: column,
    read: (fields) => {
      const raw = fields[i];
      if (values) {
        const key = raw.trim();
        if (key.length === 0) return null;
        if (!Object.hasOwn(values, key)) {
          throw new ValueError(
            `expected one of ${Object.keys(values).map((k) => JSON.stringify(k)).join(", ")}, ` +
              `found ${shown(raw)}`,
          );
        }
        return values[key];
      }
      const value = readText(raw, kind, grouped, options.thousands);
      // Rounded to 12 significant digits so that 80 × 0.01 is 0.8, not 0.8000000000000002.
      return scale !== undefined && typeof value === "number"
        ? Number((value * scale).toPrecision(12))
        : value;
    },
  };
}

function asCell(value: unknown): CellValue {
  if (
    value === null || typeof value === "number" || typeof value === "string" ||
    typeof value === "boolean"
  ) {
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new ValueError(`expected a finite number, found ${value}`);
    }
    return value;
  }
  throw new ValueError(`expected a number, text or boolean, found ${typeof value}`);
}

// ---------------------------------------------------------------------------------------------
// Import

/** One decoded CSV file, for {@link buildDataset}. */
export interface CsvSource {
  /** Path or label of the file, used in issues and the dataset's `source`. */
  path: string;
  /** The decoded text. */
  text: string;
  /** How the bytes were decoded, reported in the dataset's `source`. */
  encoding?: TextEncoding;
}

/** Options of {@link importCsv} and {@link buildDataset}. */
export interface ImportCsvOptions {
  /** Dataset name; default: the first file's name without extension. */
  name?: string;
  /** Field separator; default `,`. */
  delimiter?: string;
  /**
   * What happens to a row whose track id was already seen. `suffix` (default) keeps it under
   * `<id>#2`, `<id>#3`, … in file order and lists it in `tables.duplicate_ids` (row, file,
   * original id, new id, first row); `exclude` drops it with a DataIssue.
   */
  duplicateIds?: "suffix" | "exclude";
  /** Prefix of the `source` text; default: the dataset name. */
  description?: string;
}

const DATE_COLUMNS = ["release_date", "release_year", "release_month"] as const;
type ReleaseParts = Record<(typeof DATE_COLUMNS)[number], string | number | null>;
const NO_RELEASE: ReleaseParts = { release_date: null, release_year: null, release_month: null };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function releaseFromParts(year: number | null, month: number | null, day: number | null) {
  if (year === null) return NO_RELEASE;
  if (year < 1800 || year > 2100) throw new ValueError(`expected a year 1800–2100, found ${year}`);
  const yyyy = String(year).padStart(4, "0");
  if (month === null) {
    if (day !== null) throw new ValueError(`expected a month with day ${day}, found none`);
    return { release_date: yyyy, release_year: year, release_month: null };
  }
  if (month < 1 || month > 12) throw new ValueError(`expected a month 1–12, found ${month}`);
  const mm = String(month).padStart(2, "0");
  if (day === null) {
    return { release_date: `${yyyy}-${mm}`, release_year: year, release_month: month };
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new ValueError(
      `expected a day 1–${daysInMonth(year, month)} for ${yyyy}-${mm}, found ${day}`,
    );
  }
  return {
    release_date: `${yyyy}-${mm}-${String(day).padStart(2, "0")}`,
    release_year: year,
    release_month: month,
  };
}

function releaseFromText(text: string): ReleaseParts {
  if (text.trim() === "") return NO_RELEASE;
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text.trim());
  if (!match) throw new ValueError(`expected YYYY, YYYY-MM or YYYY-MM-DD, found ${shown(text)}`);
  const [, y, m, d] = match;
  return releaseFromParts(Number(y), m ? Number(m) : null, d ? Number(d) : null);
}

/** Reads release_date/year/month from a row of one file; throws {@link ValueError}. */
type DateReader = (fields: string[]) => ReleaseParts;

function bindDate(spec: ValidCsvMapping["releaseDate"], index: Map<string, number>): DateReader {
  if (!spec) return () => NO_RELEASE;
  if ("column" in spec) {
    const i = index.get(spec.column) as number;
    return (fields) => releaseFromText(fields[i]);
  }
  const at = (column: string | undefined) =>
    column === undefined ? -1 : index.get(column) as number;
  const [y, m, d] = [at(spec.year), at(spec.month), at(spec.day)];
  const int = (fields: string[], i: number) =>
    i < 0 ? null : readText(fields[i], "integer", null, undefined) as number | null;
  return (fields) => releaseFromParts(int(fields, y), int(fields, m), int(fields, d));
}

function basename(path: string): string {
  return path.replace(/^.*[\\/]/, "");
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** Issues per file, so that they come out in file order and then line order. */
class IssueLog {
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

/** The mapping turned into what to read from every row. */
interface ReadPlan {
  mapping: ValidCsvMapping;
  target: TargetSpec;
  /** Track and extra fields, required ones first so that an excluded row stops early. */
  fields: FieldPlan[];
  artistFields: FieldPlan[];
  artistName: FieldPlan;
  artistId: FieldPlan | null;
  /** Where release_date/year/month come from, for issues. */
  dateLabel: string;
}

function isRequired(spec: FieldSpec): boolean {
  return typeof spec === "object" && spec.required === true;
}

function planRead(mapping: ValidCsvMapping): ReadPlan {
  const target = targetSpec(mapping.target);
  const binary = target.kind === "binary";
  const trackShape: Record<string, z.ZodType> = TrackRow.shape;
  const artistShape: Record<string, z.ZodType> = ArtistRow.shape;
  const fields: FieldPlan[] = [];
  for (const [name, spec] of Object.entries(mapping.tracks)) {
    if (!spec) continue;
    const isTarget = name === target.column;
    const inRange = shapeCheck(trackShape[name]);
    const binaryCheck = extraCheck(name, true);
    fields.push({
      name,
      table: "track",
      label: `tracks.${name}`,
      spec,
      required: name === "track_id" || name === "track_name" || isTarget || isRequired(spec),
      check: binary && isTarget ? (v) => inRange(v) ?? binaryCheck(v) : inRange,
    });
  }
  for (const [name, spec] of Object.entries(mapping.extras ?? {})) {
    fields.push({
      name,
      table: "extra",
      label: `extras.${name}`,
      spec,
      required: name === target.column || isRequired(spec),
      check: extraCheck(spec, binary && name === target.column),
    });
  }
  fields.sort((a, b) => Number(b.required) - Number(a.required));
  const artistFields: FieldPlan[] = [];
  for (
    const [key, name] of [
      ["popularity", "artist_popularity"],
      ["followers", "followers"],
      ["genre", "genre"],
    ] as const
  ) {
    const spec = mapping.artist[key];
    if (!spec) continue;
    artistFields.push({
      name,
      table: "artist",
      label: `artist.${key}`,
      spec,
      required: isRequired(spec),
      check: shapeCheck(artistShape[name]),
    });
  }
  const date = mapping.releaseDate;
  return {
    mapping,
    target,
    fields,
    artistFields,
    artistName: {
      name: "artist_name",
      table: "artist",
      label: "artist.name",
      spec: mapping.artist.name,
      required: true,
      check: () => null,
    },
    artistId: mapping.artist.id
      ? {
        name: "artist_id",
        table: "track",
        label: "artist.id",
        spec: mapping.artist.id,
        required: true,
        check: shapeCheck(trackShape.artist_id),
      }
      : null,
    dateLabel: date ? ("column" in date ? date.column : date.year) : "",
  };
}

/** One file bound to the plan: column positions resolved, every mapped column checked present. */
interface BoundFile {
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

function bindFile(
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

/** A row that passed: its track values, its artist's values and where it came from. */
interface KeptRow {
  fileIndex: number;
  file: string;
  line: number;
  fields: string[];
  sideIndices: number[][];
  track: Record<string, unknown>;
  artist: { artist_popularity: CellValue; followers: CellValue; genre: CellValue };
}

/** Raised inside {@link readRow} to exclude the row; carries the issue. */
class ExcludeRow extends Error {
  constructor(readonly column: string | null, readonly label: string, message: string) {
    super(message);
  }
}

function readValue(bound: BoundFile, field: BoundField, fields: string[]): CellValue {
  const value = asCell(field.read(fields, bound.row));
  const problem = field.plan.check(value);
  if (problem) throw new ValueError(problem);
  return value;
}

/** Reads a field; a bad value excludes the row (required field) or is nulled and logged. */
function readOrNull(
  bound: BoundFile,
  field: BoundField,
  fields: string[],
  line: number,
  log: IssueLog,
): CellValue {
  try {
    const value = readValue(bound, field, fields);
    if (value === null && field.plan.required) {
      throw new ValueError("expected a value; found an empty field");
    }
    return value;
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    const column = field.source ?? field.plan.name;
    if (field.plan.required) throw new ExcludeRow(column, field.plan.label, error.message);
    log.add(bound.fileIndex, {
      row: line,
      column,
      reason: `${bound.file}: ${field.plan.label}: ${error.message}`,
      action: "nulled",
    });
    return null;
  }
}

function readArtistNames(
  bound: BoundFile,
  fields: string[],
  separator: string | RegExp | undefined,
  keepTogether: readonly string[],
): string[] {
  const field = bound.artistName;
  const fail = (message: string) =>
    new ExcludeRow(field.source ?? field.plan.name, field.plan.label, message);
  let value: unknown;
  try {
    value = field.read(fields, bound.row);
  } catch (error) {
    if (error instanceof ValueError) throw fail(error.message);
    throw error;
  }
  let names: string[];
  if (Array.isArray(value)) names = value.map((v) => String(v).trim());
  else if (typeof value === "string") {
    names = separator ? splitArtists(value, separator, keepTogether) : [value.trim()];
  } else if (value === null) names = [];
  else throw fail(`expected an artist name, found ${JSON.stringify(value)}`);
  names = names.filter((n) => n.length > 0);
  if (names.length === 0) throw fail("expected an artist name; found an empty field");
  return names;
}

/** Reads one source row into a {@link KeptRow}; throws {@link ExcludeRow} to exclude it. */
function readRow(
  plan: ReadPlan,
  bound: BoundFile,
  line: number,
  fields: string[],
  log: IssueLog,
): KeptRow {
  bound.row.fields = fields;
  bound.row.line = line;
  const { mapping, target } = plan;
  const names = readArtistNames(
    bound,
    fields,
    mapping.artist.separator,
    mapping.artist.keepTogether ?? [],
  );
  const track: Record<string, unknown> = { artist_name: names[0] };
  track.artist_id = bound.artistId
    ? String(readOrNull(bound, bound.artistId, fields, line, log))
    : artistIdFromName(names[0]);
  for (const field of bound.fields) {
    const value = readOrNull(bound, field, fields, line, log);
    track[field.plan.name] = field.plan.table === "extra" && typeof value === "boolean"
      ? Number(value)
      : value;
  }
  if (mapping.releaseDate) {
    const dateIsTarget = (DATE_COLUMNS as readonly string[]).includes(target.column);
    let parts = NO_RELEASE;
    try {
      parts = bound.date(fields);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      if (dateIsTarget) throw new ExcludeRow(plan.dateLabel, "releaseDate", error.message);
      log.add(bound.fileIndex, {
        row: line,
        column: plan.dateLabel,
        reason: `${bound.file}: releaseDate: ${error.message}`,
        action: "nulled",
      });
    }
    if (dateIsTarget && parts[target.column as keyof ReleaseParts] === null) {
      throw new ExcludeRow(plan.dateLabel, "releaseDate", "expected a value; found none");
    }
    Object.assign(track, parts);
  }
  if (!mapping.tracks.track_id) track.track_id = trackIdFromNames(names, String(track.track_name));
  const artist: KeptRow["artist"] = { artist_popularity: null, followers: null, genre: null };
  for (const field of bound.artistFields) {
    artist[field.plan.name as keyof KeptRow["artist"]] = readOrNull(
      bound,
      field,
      fields,
      line,
      log,
    );
  }
  const { file, fileIndex, sideIndices } = bound;
  return { fileIndex, file, line, fields, sideIndices, track, artist };
}

interface RenamedId {
  row: number;
  file: string;
  original_id: string;
  track_id: string;
  first_row: number;
  first_file: string;
}

/** Applies {@link ImportCsvOptions.duplicateIds}; returns the rows kept and the renamings. */
function resolveDuplicateIds(
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

interface ArtistConflict {
  artist_id: string;
  artist_name: string;
  column: string;
  kept: string;
  values: string;
}

/**
 * One artist row per primary artist id: its first spelling, the maximum popularity and followers
 * over its rows, its first genre; every column whose rows disagree is a conflict.
 */
function aggregateArtists(rows: KeptRow[]): { artists: ArtistRow[]; conflicts: ArtistConflict[] } {
  const COLUMNS = ["artist_popularity", "followers", "genre"] as const;
  const byId = new Map<string, { artist: ArtistRow; seen: Set<CellValue>[] }>();
  for (const row of rows) {
    const id = row.track.artist_id as string;
    let entry = byId.get(id);
    if (!entry) {
      entry = {
        artist: {
          artist_id: id,
          artist_name: row.track.artist_name as string,
          artist_popularity: null,
          followers: null,
          genre: null,
        },
        seen: COLUMNS.map(() => new Set<CellValue>()),
      };
      byId.set(id, entry);
    }
    const { artist, seen } = entry;
    const { artist_popularity: popularity, followers, genre } = row.artist;
    if (typeof popularity === "number") {
      seen[0].add(popularity);
      artist.artist_popularity = Math.max(artist.artist_popularity ?? popularity, popularity);
    }
    if (typeof followers === "number") {
      seen[1].add(followers);
      artist.followers = Math.max(artist.followers ?? followers, followers);
    }
    if (genre !== null) {
      seen[2].add(String(genre));
      artist.genre ??= String(genre);
    }
  }
  const conflicts: ArtistConflict[] = [];
  for (const { artist, seen } of byId.values()) {
    COLUMNS.forEach((column, c) => {
      if (seen[c].size < 2) return;
      conflicts.push({
        artist_id: artist.artist_id,
        artist_name: artist.artist_name,
        column,
        kept: String(artist[column]),
        values: [...seen[c]].map(String).join("; "),
      });
    });
  }
  return { artists: [...byId.values()].map((e) => e.artist), conflicts };
}

function textFrame<T extends object>(
  rows: readonly T[],
  columns: Record<keyof T & string, "str" | "int">,
): pl.DataFrame {
  return pl.DataFrame(
    Object.entries(columns).map(([name, kind]) =>
      pl.Series(
        name,
        rows.map((r) => r[name as keyof T] as unknown),
        kind === "int" ? pl.Int64 : pl.Utf8,
      )
    ),
  );
}

function buildSideTables(
  mapping: ValidCsvMapping,
  columnsByTable: Map<string, string[]>,
  rows: KeptRow[],
  log: IssueLog,
): Record<string, pl.DataFrame> {
  const tables: Record<string, pl.DataFrame> = {};
  Object.entries(mapping.sideTables ?? {}).forEach(([table, spec], t) => {
    const kind = spec.parse ?? "number";
    const series: pl.Series[] = [
      pl.Series("track_id", rows.map((r) => r.track.track_id as string), pl.Utf8),
    ];
    (columnsByTable.get(table) ?? []).forEach((column, c) => {
      const values = rows.map((r) => {
        try {
          const value = readText(r.fields[r.sideIndices[t][c]], kind, null, undefined);
          return typeof value === "boolean" ? Number(value) : value;
        } catch (error) {
          if (!(error instanceof ValueError)) throw error;
          log.add(r.fileIndex, {
            row: r.line,
            column,
            reason: `${r.file}: sideTables.${table}: ${error.message}`,
            action: "nulled",
          });
          return null;
        }
      });
      series.push(pl.Series(column, values, kind === "string" ? pl.Utf8 : pl.Float64));
    });
    tables[table] = pl.DataFrame(series);
  });
  return tables;
}

function fileNote(source: CsvSource, parsed: ParsedCsv, used: Set<string>): string {
  const parts = [`${count(parsed.rows.length + parsed.malformed.length)} rows`];
  if (parsed.malformed.length > 0) parts.push(`${parsed.malformed.length} malformed`);
  if (source.encoding && source.encoding !== "utf-8") parts.push(source.encoding);
  const unmapped = parsed.header.filter((c) => !used.has(c));
  if (unmapped.length > 0) {
    parts.push(
      `${unmapped.length} column${unmapped.length > 1 ? "s" : ""} not imported${
        unmapped.length <= 10 ? `: ${unmapped.join(", ")}` : ""
      }`,
    );
  }
  return `${source.path} (${parts.join(", ")})`;
}

/**
 * Builds a {@link Dataset} from CSV texts already decoded (the pure core of {@link importCsv},
 * which documents the rules).
 *
 * @throws {CsvMappingError} for an invalid mapping; {@link MissingColumnError} when a file lacks a
 *   mapped column; {@link CsvParseError} for a file without header.
 * @example
 * ```ts
 * import { buildDataset } from "./csv.ts";
 * const dataset = buildDataset([{ path: "mem.csv", text: "title,artist,pop\nA,X,70\n" }], {
 *   tracks: { track_name: "title", track_popularity: "pop" },
 *   artist: { name: "artist" },
 *   target: { column: "track_popularity", kind: "regression", threshold: 50 },
 * });
 * console.log(dataset.tracks.height); // 1
 * ```
 */
export function buildDataset(
  sources: readonly CsvSource[],
  mapping: CsvMapping,
  options: ImportCsvOptions = {},
): Dataset {
  const plan = planRead(validateMapping(mapping));
  if (sources.length === 0) throw new CsvFileError("expected at least one CSV file; found none");
  const name = options.name ?? basename(sources[0].path).replace(/\.[^.]*$/, "");
  const log = new IssueLog();
  const kept: KeptRow[] = [];
  const notes: string[] = [];
  const sideTableColumns = new Map<string, string[]>();

  sources.forEach((source, fileIndex) => {
    const file = basename(source.path);
    const parsed = parseCsv(source.text, { delimiter: options.delimiter });
    const bound = bindFile(plan, parsed.header, file, fileIndex, sideTableColumns);
    for (const bad of parsed.malformed) {
      log.add(fileIndex, {
        row: bad.line,
        column: null,
        reason: `${file}: ${bad.reason}`,
        action: "excluded",
      });
    }
    for (const { line, fields } of parsed.rows) {
      try {
        kept.push(readRow(plan, bound, line, fields, log));
      } catch (error) {
        if (!(error instanceof ExcludeRow)) throw error;
        log.add(fileIndex, {
          row: line,
          column: error.column,
          reason: `${file}: ${error.label}: ${error.message}`,
          action: "excluded",
        });
      }
    }
    notes.push(fileNote(source, parsed, bound.used));
  });

  const { unique, renamed } = resolveDuplicateIds(kept, options.duplicateIds ?? "suffix", log);
  const { artists, conflicts } = aggregateArtists(unique);
  const tables: Record<string, pl.DataFrame> = {
    duplicate_ids: textFrame(renamed, {
      row: "int",
      file: "str",
      original_id: "str",
      track_id: "str",
      first_row: "int",
      first_file: "str",
    }),
    artist_conflicts: textFrame(conflicts, {
      artist_id: "str",
      artist_name: "str",
      column: "str",
      kept: "str",
      values: "str",
    }),
    ...buildSideTables(plan.mapping, sideTableColumns, unique, log),
  };

  const issues = log.all();
  const summary = [
    `${count(unique.length)} tracks`,
    `${count(artists.length)} artists`,
    `${count(issues.filter((i) => i.action === "excluded").length)} rows excluded`,
    `${count(log.nulled)} values nulled`,
  ];
  if (renamed.length > 0) summary.push(`${count(renamed.length)} duplicate track ids renamed`);
  if (conflicts.length > 0) summary.push(`${count(conflicts.length)} artist value conflicts`);
  return {
    name,
    source: `${options.description ?? name}: ${notes.join("; ")} → ${summary.join(", ")}`,
    artists: artistsFrame(artists),
    tracks: tracksFrame(unique.map((r) => r.track), Object.keys(plan.mapping.extras ?? {})),
    target: plan.target,
    issues,
    tables,
  };
}

/**
 * Reads one or more CSV files (same columns, or at least every mapped column) into one
 * {@link Dataset} through a column mapping. Files are decoded by {@link decodeText} and parsed by
 * {@link parseCsv}.
 *
 * The mapping ({@link CsvMappingSchema}, validated with zod) says, for each canonical column of
 * the tracks table, which source column feeds it — a column name (read by the canonical column's
 * type), `{ column, parse, thousands, scale, values }`, or `{ compute: (row) => value, columns }`
 * — plus the extras to keep, the release date (`{ year, month, day }` columns or one ISO column),
 * how artists are derived and the target.
 *
 * Rules, so that nothing is lost without a trace:
 * - Missing values (empty fields) are null and not reported. `track_id`, `track_name`, the artist
 *   and the target are required: a row missing one, or holding an ill-typed or out-of-range value
 *   there, is excluded — a DataIssue with the file's line, the source column and the reason,
 *   action `excluded`. A field marked `required: true` behaves the same.
 * - Any other ill-typed or out-of-range value (ranges of lib/data/schema.ts: popularity 0–100,
 *   key −1–11, …; `min`/`max` for extras; 0/1 for a binary target) is set to null and reported,
 *   action `nulled`. Malformed CSV rows are excluded and reported.
 * - Artists: the name field may list several artists (`separator`, or a computed field returning
 *   a list); the first is the primary artist and owns the track. Without an id column the artist
 *   id is {@link artistIdFromName} (`name:` + normalised name). The artists table has one row per
 *   primary artist id, named by its first spelling; popularity and followers are the maximum over
 *   the artist's rows and genre the first one given — every artist whose rows disagree is listed
 *   in `tables.artist_conflicts` (id, column, kept value, all values).
 * - Without a track id column the id is {@link trackIdFromNames}. Duplicate ids: see
 *   {@link ImportCsvOptions.duplicateIds}.
 * - Boolean extras are stored as 1/0. Columns not mapped are dropped and named in `source`.
 *
 * @throws {CsvFileError} when a file cannot be read; {@link CsvMappingError} for an invalid
 *   mapping; {@link MissingColumnError} when a file lacks a mapped column (naming it and listing the
 *   columns found); {@link CsvParseError} for a file without header.
 * @example
 * ```ts
 * import { importCsv } from "./csv.ts";
 * const dataset = await importCsv(["a.csv", "b.csv"], {
 *   tracks: {
 *     track_name: "title",
 *     danceability: { column: "danceability_%", scale: 0.01 },
 *     mode: { column: "mode", values: { Major: 1, Minor: 0 } },
 *   },
 *   artist: { name: "artists", separator: ", " },
 *   releaseDate: { year: "year", month: "month", day: "day" },
 *   extras: { streams: { column: "streams", parse: "integer" } },
 *   target: { column: "streams", kind: "regression" },
 * });
 * for (const issue of dataset.issues) console.log(issue.row, issue.column, issue.reason);
 * ```
 */
export async function importCsv(
  paths: string | readonly string[],
  mapping: CsvMapping,
  options: ImportCsvOptions = {},
): Promise<Dataset> {
  validateMapping(mapping);
  const list = typeof paths === "string" ? [paths] : paths;
  const sources = await Promise.all(list.map(async (path): Promise<CsvSource> => {
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(path);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new CsvFileError(`expected a readable CSV file at ${path}; found ${reason}`);
    }
    const { text, encoding } = decodeText(bytes);
    return { path, text, encoding };
  }));
  return buildDataset(sources, mapping, options);
}
