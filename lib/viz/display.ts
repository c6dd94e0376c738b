/**
 * Showing results in a notebook through the Deno kernel's display (MIME bundles), with a plain
 * text fallback when the same code runs outside Jupyter (a script, a test). Tables go out as
 * `text/html` plus `text/plain`: classic Notebook, JupyterLab and VS Code all render HTML, while
 * VS Code shows polars' dataresource tables blank. Their numbers are written for reading
 * ({@link readableFrame}: three significant digits, p-values as "< 1e-12", a dash for a missing
 * value, never "null" or "NaN").
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { showMarkdown, showTable } from "./display.ts";
 * await showMarkdown("**Artists**");
 * await showTable(pl.DataFrame({ a: [1, 2] }));
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { formatNumber, formatPValue, MISSING } from "./format.ts";

/** A MIME bundle: MIME type → content. */
export type MimeBundle = Record<string, unknown>;

/** Whether this code runs inside the Deno Jupyter kernel. */
export function inJupyter(): boolean {
  try {
    return typeof Deno.jupyter?.display === "function";
  } catch {
    return false; // outside `deno jupyter` the getter throws
  }
}

/** Displays a bundle in the notebook, or prints its `text/plain` part outside Jupyter. */
export async function display(bundle: MimeBundle): Promise<void> {
  if (inJupyter()) {
    await Deno.jupyter.display(bundle, { raw: true });
  } else if (typeof bundle["text/plain"] === "string") {
    console.log(bundle["text/plain"]);
  } else if (typeof bundle["text/markdown"] === "string") {
    console.log(bundle["text/markdown"]);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Options of {@link readableFrame}. */
export interface ReadableOptions {
  /** Columns written as p-values ({@link formatPValue}); default the columns named p or p_value. */
  pValues?: readonly string[];
  /**
   * Whole-number columns written without thousands separators; default those whose name says
   * year, month, day or id (2023, not "2,023").
   */
  plain?: readonly string[];
}

const PLAIN_NAME = /(^|_)(year|month|day|id)$/;
const P_VALUE_NAME = /^(p|p_value)$/;

function readableCell(v: unknown, kind: "p" | "plain" | "number" | "other"): string {
  if (v === null || v === undefined) return MISSING;
  if (typeof v === "number" || typeof v === "bigint") {
    const x = Number(v);
    if (!Number.isFinite(x)) return MISSING;
    if (kind === "p") return formatPValue(x);
    if (kind === "plain" && Number.isInteger(x)) return String(x);
    return formatNumber(x);
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? MISSING : v.toISOString().slice(0, 10);
  return String(v);
}

/**
 * A copy of a table with every cell as text for reading: numbers with three significant digits
 * ({@link formatNumber}), p-value columns by {@link formatPValue}, dates as YYYY-MM-DD, and
 * {@link MISSING} for null, NaN and infinite values.
 */
export function readableFrame(df: pl.DataFrame, options: ReadableOptions = {}): pl.DataFrame {
  const pValues = new Set(options.pValues ?? df.columns.filter((c) => P_VALUE_NAME.test(c)));
  const plain = new Set(options.plain ?? df.columns.filter((c) => PLAIN_NAME.test(c)));
  return pl.DataFrame(df.columns.map((name) => {
    const s = df.getColumn(name);
    const numeric = s.isNumeric();
    const kind = !numeric
      ? "other"
      : pValues.has(name)
      ? "p"
      : plain.has(name)
      ? "plain"
      : "number";
    return pl.Series(name, (s.toArray() as unknown[]).map((v) => readableCell(v, kind)), pl.Utf8);
  }));
}

/** Options of {@link tableBundle}. */
export interface TableOptions {
  /** Rows shown (head); default 20. The caption says how many there are in all. */
  maxRows?: number;
  /** Caption above the table. */
  title?: string;
  /**
   * Write the cells for reading with {@link readableFrame} (default true); false shows polars'
   * own rendering.
   */
  readable?: boolean;
}

/** "1 row", "20 rows". */
function plural(n: number, noun: string): string {
  return `${n.toLocaleString("en")} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * An HTML + text bundle of a DataFrame's first rows, with its shape in the caption
 * ("first 20 of 1,204 rows × 7 columns", "1 row × 3 columns").
 */
export function tableBundle(df: pl.DataFrame, options: TableOptions = {}): MimeBundle {
  const maxRows = options.maxRows ?? 20;
  const raw = df.head(maxRows);
  const head = options.readable === false ? raw : readableFrame(raw);
  const shown = df.height > maxRows
    ? `first ${maxRows.toLocaleString("en")} of ${plural(df.height, "row")}`
    : plural(df.height, "row");
  const caption = `${options.title ? `${options.title} — ` : ""}${shown} × ${
    plural(df.width, "column")
  }`;
  return {
    "text/html": `<p><b>${escapeHtml(caption)}</b></p>${head.toHTML()}`,
    "text/plain": `${caption}\n${head.toString()}`,
  };
}

/** Displays a DataFrame's first rows as a table. */
export function showTable(df: pl.DataFrame, options: TableOptions = {}): Promise<void> {
  return display(tableBundle(df, options));
}

/** Displays Markdown text. */
export function showMarkdown(markdown: string): Promise<void> {
  return display({ "text/markdown": markdown, "text/plain": markdown });
}

/** A written reading and the table behind it (null when there is nothing to list). */
export interface Report {
  /** Markdown shown above the table. */
  reading: string;
  /** The table; null or absent shows the reading alone. */
  table?: pl.DataFrame | null;
}

/** Displays a report: its reading, then its table (when it has one). */
export async function showReport(report: Report, options: TableOptions = {}): Promise<void> {
  await showMarkdown(report.reading);
  if (report.table) await showTable(report.table, options);
}
