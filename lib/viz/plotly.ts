/**
 * plotly figures in notebooks and as standalone HTML files. A figure is plain data
 * (`{ data, layout }` in plotly.js's JSON schema); {@link showFigure} displays it through the
 * Deno kernel as an `application/vnd.plotly.v1+json` bundle (rendered by JupyterLab and VS Code)
 * and writes `outputs/figures/<name>.html`, which embeds plotly.js from the npm package and so
 * opens offline in any browser. The bundle's `text/html` fallback (for viewers without a plotly
 * renderer) names that file.
 *
 * @example
 * ```ts
 * import { showFigure } from "./plotly.ts";
 * await showFigure("example", {
 *   data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }],
 *   layout: { title: { text: "Example" } },
 * });
 * ```
 * @module
 */
import { displayPath, loadConfig, projectRoot, resolvePath } from "../config.ts";
import { writeTextAtomic } from "../data/atomic.ts";
import { display, type MimeBundle } from "./display.ts";

/** A plotly trace: `type` plus the trace's attributes (see plotly.js's reference). */
export type Trace = { type: string } & Record<string, unknown>;

/** A plotly figure: traces, layout and config, as JSON. */
export interface Figure {
  data: Trace[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** The MIME type JupyterLab and VS Code render as a plotly figure. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

let plotlySource: string | null = null;

/** plotly.js's minified bundle, read once from the npm package in node_modules. */
export function plotlyJs(root: string = projectRoot()): string {
  if (plotlySource === null) {
    const path = `${root}/node_modules/plotly.js-dist-min/plotly.min.js`;
    try {
      plotlySource = Deno.readTextFileSync(path);
    } catch {
      throw new Error(`plotly.js not found at ${path}: run \`deno task setup\` (deno install)`);
    }
  }
  return plotlySource;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** JSON safe to place inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

function figureTitle(figure: Figure, fallback: string): string {
  const title = figure.layout?.title;
  if (typeof title === "string") return title;
  if (
    title && typeof title === "object" && typeof (title as { text?: unknown }).text === "string"
  ) {
    return (title as { text: string }).text;
  }
  return fallback;
}

/** A complete HTML page showing the figure, with plotly.js embedded (no network needed). */
export function standaloneHtml(figure: Figure, title = "figure"): string {
  const config = { responsive: true, displaylogo: false, ...figure.config };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(figureTitle(figure, title))}</title>
<script>${plotlyJs()}</script>
<style>html,body{margin:0;height:100%}#figure{width:100%;height:100vh}</style>
</head>
<body>
<div id="figure"></div>
<script>
Plotly.newPlot("figure", ${scriptJson(figure.data)}, ${scriptJson(figure.layout ?? {})}, ${
    scriptJson(config)
  });
</script>
</body>
</html>
`;
}

/** The notebook bundle of a figure; `file` is named in the text fallback. */
export function figureBundle(figure: Figure, file?: string): MimeBundle {
  const title = figureTitle(figure, "figure");
  const where = file ? ` — interactive version: ${file}` : "";
  return {
    [PLOTLY_MIME]: { data: figure.data, layout: figure.layout ?? {}, config: figure.config ?? {} },
    "text/html": `<p><i>${escapeHtml(title)}</i>${escapeHtml(where)}</p>`,
    "text/plain": `${title}${where}`,
  };
}

/** Options of {@link saveFigure} and {@link showFigure}. */
export interface FigureOptions {
  /** Folder for the HTML files; default `<paths.outputs>/figures` of the configuration. */
  dir?: string;
}

function figuresDir(options: FigureOptions): string {
  return options.dir ?? `${resolvePath(loadConfig().paths.outputs)}/figures`;
}

/** Writes `<dir>/<name>.html` (atomically) and returns its path. */
export async function saveFigure(
  name: string,
  figure: Figure,
  options: FigureOptions = {},
): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) {
    throw new Error(`figure name must be letters, digits, ".", "-" or "_"; found "${name}"`);
  }
  const path = `${figuresDir(options)}/${name}.html`;
  await writeTextAtomic(path, standaloneHtml(figure, name));
  return path;
}

/** Saves the figure as standalone HTML and displays it in the notebook. Returns the file. */
export async function showFigure(
  name: string,
  figure: Figure,
  options: FigureOptions = {},
): Promise<string> {
  const path = await saveFigure(name, figure, options);
  await display(figureBundle(figure, displayPath(path)));
  return path;
}
