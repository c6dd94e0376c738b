/**
 * Fields of the mapping planned ({@link FieldPlan}: name, table, requiredness, range check) and
 * bound to a file's header ({@link bindField}): how each value is read from a row. Internal to the
 * import.
 *
 * @example
 * ```ts
 * import { bindField, MutableSourceRow, shapeCheck } from "./fields.ts";
 * import { TrackRow } from "../../schema.ts";
 * const index = new Map([["bpm", 0]]);
 * const field = bindField({
 *   name: "tempo",
 *   table: "track",
 *   label: "tracks.tempo",
 *   spec: "bpm",
 *   required: false,
 *   check: shapeCheck(TrackRow.shape.tempo),
 * }, index);
 * field.read(["125"], new MutableSourceRow("songs.csv", index, ["bpm"])); // 125
 * ```
 * @module
 */
import { z } from "zod";
import { ArtistRow, TrackRow } from "../../schema.ts";
import { MissingColumnError } from "./errors.ts";
import type { CellValue, ColumnFieldSchema, FieldSpec, ParseKind, SourceRow } from "./mapping.ts";
import { groupedNumber, readText, shown, ValueError } from "./values.ts";

type Table = "track" | "artist" | "extra";

export interface FieldPlan {
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
export function shapeCheck(schema: z.ZodType): (value: CellValue) => string | null {
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

export function extraCheck(
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
export interface BoundField {
  plan: FieldPlan;
  /** The source column, for issues; null for computed fields. */
  source: string | null;
  read: (fields: string[], row: MutableSourceRow) => unknown;
}

export class MutableSourceRow implements SourceRow {
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

export function specColumns(spec: FieldSpec): string[] {
  if (typeof spec === "string") return [spec];
  if ("column" in spec) return [spec.column];
  return spec.columns ?? [];
}

export function bindField(plan: FieldPlan, index: Map<string, number>): BoundField {
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
