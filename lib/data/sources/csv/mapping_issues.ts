/**
 * zod's issues about a column mapping, in words ({@link describeMappingIssues}): one line per
 * problem, `path.in.the.mapping: expected …, found …`. A field given as a union (a column name,
 * `{ column, … }` or `{ compute }`) is judged by the form it most resembles, so a bad `scale`
 * reads `tracks.danceability.scale: expected number, found "x"` rather than zod's "Invalid input";
 * an unknown key lists the keys allowed there and the nearest one.
 *
 * @example
 * ```ts
 * import { CsvMappingSchema } from "./mapping.ts";
 * import { describeMappingIssues } from "./mapping_issues.ts";
 * const input = {
 *   tracks: { track_name: "title", popularity: "pop" },
 *   artist: { name: "artist" },
 *   target: { column: "track_name", kind: "regression" },
 * };
 * const result = CsvMappingSchema.safeParse(input);
 * if (!result.success) {
 *   console.log(describeMappingIssues(result.error.issues, input, { schema: CsvMappingSchema }));
 * }
 * // ['tracks.popularity: expected a key among track_id, track_name, …; found the unknown key
 * //   "popularity" (did you mean "track_popularity"?)']
 * ```
 * @module
 */
import { z } from "zod";

/** One validation problem as zod reports it (code, path, message and details). */
export type MappingIssue = z.core.$ZodIssue;
/** A path inside a mapping: object keys and array indices, outermost first. */
export type MappingPath = readonly PropertyKey[];

/** Options of {@link describeMappingIssues}. */
export interface DescribeOptions {
  /** Prefix of every path (`"mapping"` gives `mapping.tracks.tempo`). Default none. */
  root?: string;
  /** The schema the issues came from, for the keys allowed where an unknown key was found. */
  schema: z.ZodType;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A path inside a mapping as written in messages: `tracks.danceability.scale`,
 * `extras["top genre"].column`, `sideTables.genres.columns[2]`.
 *
 * @example
 * ```ts
 * import { formatMappingPath } from "./mapping_issues.ts";
 * formatMappingPath(["extras", "top genre", "column"]); // 'extras["top genre"].column'
 * ```
 */
export function formatMappingPath(path: MappingPath, root = ""): string {
  let out = root;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (IDENTIFIER.test(String(key))) out += out.length > 0 ? `.${String(key)}` : String(key);
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out.length > 0 ? out : "(the whole mapping)";
}

/** A value as shown in a message: JSON, shortened; functions and patterns by kind. */
function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "function") return "a function";
  if (value instanceof RegExp) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function valueAt(input: unknown, path: MappingPath): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** The schemas a value may match once optional/default wrappers and unions are opened. */
function alternatives(schema: z.ZodType): z.ZodType[] {
  if (
    schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ||
    schema instanceof z.ZodNullable || schema instanceof z.ZodPrefault
  ) return alternatives(schema.def.innerType as z.ZodType);
  if (schema instanceof z.ZodUnion) {
    return (schema.options as z.ZodType[]).flatMap(alternatives);
  }
  return [schema];
}

/** The keys a schema allows at a path of the input (object keys, or a record's enum keys). */
function keysAt(schema: z.ZodType, path: MappingPath): string[] {
  let schemas = [schema];
  for (const key of path) {
    schemas = schemas.flatMap(alternatives).flatMap((s) => {
      if (s instanceof z.ZodObject) {
        const child = (s.shape as Record<string, z.ZodType>)[String(key)];
        return child ? [child] : [];
      }
      if (s instanceof z.ZodRecord) return [s.def.valueType as z.ZodType];
      return [];
    });
  }
  const keys = new Set<string>();
  for (const s of schemas.flatMap(alternatives)) {
    if (s instanceof z.ZodObject) { for (const k of Object.keys(s.shape)) keys.add(k); }
    if (s instanceof z.ZodRecord && s.def.keyType instanceof z.ZodEnum) {
      for (const k of s.def.keyType.options) keys.add(String(k));
    }
  }
  return [...keys];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j] + 1,
        row[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length];
}

/** The allowed key a mistyped one most likely meant, if any is close. */
function nearest(key: string, allowed: readonly string[]): string | null {
  const lower = key.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const c = candidate.toLowerCase();
    const distance = c.includes(lower) || lower.includes(c) ? 1 : editDistance(lower, c);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : null;
}

/**
 * The branch of a failed union the value most resembles: branches that rejected the value's type
 * outright are set aside; of the others, the one with the fewest problems. Null when every branch
 * rejected the type.
 */
function closestBranch(branches: MappingIssue[][]): MappingIssue[] | null {
  const plausible = branches.filter((issues) =>
    !issues.some((i) => i.path.length === 0 && i.code === "invalid_type")
  );
  if (plausible.length === 0) return null;
  return plausible.reduce((best, issues) => issues.length < best.length ? issues : best);
}

/**
 * The issues less those that only echo a wrong type at the same place (zod also measures the
 * `length` of a function given where a non-empty string was expected).
 */
function withoutEchoes(issues: readonly MappingIssue[]): MappingIssue[] {
  const key = (issue: MappingIssue) => issue.path.map(String).join("\u0000");
  const mistyped = new Set(issues.filter((i) => i.code === "invalid_type").map(key));
  return issues.filter((i) => i.code === "invalid_type" || !mistyped.has(key(i)));
}

function zodText(message: string): string {
  return message.replace(/^(?:Too (?:small|big)|Invalid input): /, "");
}

function describe(
  issue: MappingIssue,
  base: MappingPath,
  input: unknown,
  options: DescribeOptions,
): string[] {
  const path = [...base, ...issue.path];
  const at = formatMappingPath(path, options.root);
  const found = shown(valueAt(input, path));
  switch (issue.code) {
    case "invalid_union": {
      const branch = closestBranch(issue.errors as MappingIssue[][]);
      if (branch) return withoutEchoes(branch).flatMap((i) => describe(i, path, input, options));
      const expected = [
        ...new Set(
          (issue.errors as MappingIssue[][]).flat().map((i) =>
            i.code === "invalid_type" ? i.expected : ""
          ),
        ),
      ].filter((e) => e.length > 0);
      return [`${at}: expected ${expected.join(" or ")}, found ${found}`];
    }
    case "invalid_type":
      return [`${at}: expected ${issue.expected}, found ${found}`];
    case "invalid_value":
      return [
        `${at}: expected one of ${
          issue.values.map((v) => JSON.stringify(v)).join(", ")
        }, found ${found}`,
      ];
    case "unrecognized_keys": {
      const allowed = keysAt(options.schema, path);
      return issue.keys.map((key) => {
        const guess = nearest(key, allowed);
        return `${formatMappingPath([...path, key], options.root)}: expected a key among ${
          allowed.join(", ")
        }; found the unknown key ${JSON.stringify(key)}${
          guess ? ` (did you mean ${JSON.stringify(guess)}?)` : ""
        }`;
      });
    }
    case "too_small":
    case "too_big": {
      if (issue.origin !== "string") return [`${at}: ${zodText(issue.message)}, found ${found}`];
      const n = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
      const bound = issue.exact ? "exactly" : issue.code === "too_small" ? "at least" : "at most";
      const expected = issue.code === "too_small" && n === 1 && !issue.exact
        ? "a non-empty string"
        : `a string of ${bound} ${n} character${n === 1 ? "" : "s"}`;
      return [`${at}: expected ${expected}, found ${found}`];
    }
    case "invalid_key":
      return [`${at}: expected a key that is ${zodText(issue.issues[0]?.message ?? "valid")}`];
    case "custom": {
      const message = issue.message;
      return [
        message.startsWith("expected") && !message.includes("found")
          ? `${at}: ${message}, found ${found}`
          : `${at}: ${message}`,
      ];
    }
    default:
      return [`${at}: ${zodText(issue.message)}, found ${found}`];
  }
}

/**
 * One line per problem of a column mapping, `path: expected …, found …`, where the path is the
 * key's place in the mapping (or in its JSON file) and the found value is read from `input`.
 *
 * @example
 * ```ts
 * import { CsvMappingSchema } from "./mapping.ts";
 * import { describeMappingIssues } from "./mapping_issues.ts";
 * const input = {
 *   tracks: { track_name: "title", danceability: { column: "dnce", scale: "x" } },
 *   artist: { name: "artist" },
 *   target: { column: "track_name", kind: "regression" },
 * };
 * const result = CsvMappingSchema.safeParse(input);
 * if (!result.success) {
 *   describeMappingIssues(result.error.issues, input, { schema: CsvMappingSchema });
 * }
 * // ['tracks.danceability.scale: expected number, found "x"']
 * ```
 */
export function describeMappingIssues(
  issues: readonly MappingIssue[],
  input: unknown,
  options: DescribeOptions,
): string[] {
  return withoutEchoes(issues).flatMap((issue) => describe(issue, [], input, options));
}
