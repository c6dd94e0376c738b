/**
 * Showing results in a notebook through the Deno kernel's display (MIME bundles), with a plain
 * text fallback when the same code runs outside Jupyter (a script, a test). Tables go out as
 * `text/html` plus `text/plain`: classic Notebook, JupyterLab and VS Code all render HTML, while
 * VS Code shows polars' dataresource tables blank.
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
import type pl from "nodejs-polars";

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

/** Options of {@link tableBundle}. */
export interface TableOptions {
  /** Rows shown (head); default 20. The caption says how many there are in all. */
  maxRows?: number;
  /** Caption above the table. */
  title?: string;
}

/** An HTML + text bundle of a DataFrame's first rows, with its shape in the caption. */
export function tableBundle(df: pl.DataFrame, options: TableOptions = {}): MimeBundle {
  const maxRows = options.maxRows ?? 20;
  const head = df.head(maxRows);
  const shown = df.height > maxRows ? `first ${maxRows} of ${df.height} rows` : `${df.height} rows`;
  const caption = `${options.title ? `${options.title} — ` : ""}${shown} × ${df.width} columns`;
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
