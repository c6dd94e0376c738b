/**
 * Reading one field's text as a number, an integer, a text or a boolean; an ill-typed value
 * throws {@link ValueError}, which the import turns into a `DataIssue`. Internal to the import.
 *
 * @example
 * ```ts
 * import { groupedNumber, readText } from "./values.ts";
 * readText(" 2,445 ", "integer", groupedNumber(","), ","); // 2445
 * readText("yes", "boolean", null, undefined); // true
 * readText("", "number", null, undefined); // null
 * readText("fast", "number", null, undefined); // throws ValueError: expected a number, found "fast"
 * ```
 * @module
 */
import type { CellValue, ParseKind } from "./mapping.ts";

/** An ill-typed or out-of-range value; internal, turned into a {@link DataIssue}. */
export class ValueError extends Error {}

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

export function shown(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

export function groupedNumber(separator: string): RegExp {
  const s = separator.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^[+-]?\\d{1,3}(?:${s}\\d{3})+(?:\\.\\d+)?$`);
}

export function readText(
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

export function asCell(value: unknown): CellValue {
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
