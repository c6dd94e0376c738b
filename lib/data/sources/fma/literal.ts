/**
 * List cells of FMA's tables as pandas wrote them: `str()` of a Python list, such as
 * `[21, 41]` (genre ids) or `['indie', "rock 'n' roll"]` (tags) ({@link parsePythonLiteralList}).
 *
 * @example
 * ```ts
 * import { parsePythonLiteralList } from "./literal.ts";
 * parsePythonLiteralList("[12, 45]"); // [12, 45]
 * parsePythonLiteralList("['folk', \"women's music\"]"); // ["folk", "women's music"]
 * ```
 * @module
 */
import { PythonLiteralError } from "./errors.ts";

/** One item of a Python list literal. */
export type PythonLiteral = number | string;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;

/**
 * Reads a Python list literal of numbers and quoted strings, as `str(list)` writes it: `[]`,
 * `[12, 45]`, `[1.5, -2]`, `['a', "b's"]`, a trailing comma allowed. Strings are quoted with `'`
 * or `"`; backslash escapes (`\'`, `\"`, `\\`, `\n`, `\t`) are understood.
 *
 * @param text the cell
 * @returns the items, numbers as numbers and strings as strings
 * @throws {PythonLiteralError} saying what was expected at which position and what was found
 */
export function parsePythonLiteralList(text: string): PythonLiteral[] {
  const s = text.trim();
  let i = 0;
  const fail = (expected: string): never => {
    throw new PythonLiteralError(
      `expected ${expected} at position ${i} of a Python list, found ${
        i >= s.length ? "the end" : JSON.stringify(s.slice(i, i + 10))
      } in ${JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s)}`,
    );
  };
  const skip = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const item = (): PythonLiteral => {
    const quote = s[i];
    if (quote === "'" || quote === '"') {
      i++;
      let value = "";
      for (;;) {
        if (i >= s.length) fail(`a closing ${quote}`);
        const c = s[i];
        if (c === "\\") {
          const next = s[i + 1];
          value += next === "n" ? "\n" : next === "t" ? "\t" : next ?? "";
          i += 2;
          continue;
        }
        i++;
        if (c === quote) return value;
        value += c;
      }
    }
    const match = s.slice(i).match(NUMBER);
    if (!match) return fail("a number or a quoted string");
    i += match[0].length;
    return Number(match[0]);
  };
  if (s[i] !== "[") fail('"["');
  i++;
  const items: PythonLiteral[] = [];
  for (;;) {
    skip();
    if (s[i] === "]") {
      i++;
      break;
    }
    items.push(item());
    skip();
    if (s[i] === ",") {
      i++;
      continue;
    }
    if (s[i] !== "]") fail('"," or "]"');
  }
  if (i !== s.length) fail("the end of the list");
  return items;
}
