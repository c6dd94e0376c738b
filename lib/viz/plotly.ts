/**
 * plotly figures in notebooks and as standalone HTML files. A figure is plain data
 * (`{ data, layout }` in plotly.js's JSON schema); {@link showFigure} displays it through the
 * Deno kernel and writes a standalone file.
 *
 * In a notebook the figure's bundle carries two renderings:
 * - `application/vnd.plotly.v1+json`, drawn by JupyterLab's plotly renderer and VS Code;
 * - `text/html` that draws the interactive figure itself, for every viewer that runs scripts in
 *   HTML outputs (classic Notebook, nbconvert's HTML, JupyterLab's trusted outputs, VS Code): a
 *   `<div>` with a unique id and a `<script>` that calls `Plotly.newPlot` when `window.Plotly`
 *   exists, or else queues the draw. plotly.js itself (from the npm package) is embedded once per
 *   page — in the first figure's `text/html` of a kernel process, i.e. of an executed notebook —
 *   as `<script data-hss-plotly="<version>">`, followed by a script that draws the queued
 *   figures. The attribute lets the run report swap the embedded copy for one shared file.
 *
 * The standalone file `<paths.outputs>/figures/<dataset key>/<name>.html` loads
 * `plotly.min.js` from its own folder (copied there once), so a folder of figures holds one copy
 * of plotly.js and every file still opens offline from `file://`.
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
import { Buffer } from "node:buffer";
import { gzipSync } from "node:zlib";
import { displayPath, loadConfig, projectRoot, resolvePath } from "../config.ts";
import { writeFileAtomic, writeTextAtomic } from "../data/atomic.ts";
import { datasetKey } from "../data/load.ts";
import { display, type MimeBundle } from "./display.ts";

/** A plotly trace: `type` plus the trace's attributes (see plotly.js's reference). */
export type Trace = { type: string } & Record<string, unknown>;

/** A plotly figure: traces, layout and config, as JSON. */
export interface Figure {
  /** The traces, drawn in order. */
  data: Trace[];
  /** Plotly layout: titles, axes, legend, shapes. */
  layout?: Record<string, unknown>;
  /** Plotly config: display options such as `responsive`. */
  config?: Record<string, unknown>;
}

/** The MIME type JupyterLab and VS Code render as a plotly figure. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** File name of the shared plotly.js copy beside standalone figures and report pages. */
export const PLOTLY_FILE = "plotly.min.js";

/** Attribute marking the `<script>` element that holds the embedded plotly.js. */
export const PLOTLY_SCRIPT_ATTRIBUTE = "data-hss-plotly";

/** Global (on `window`) holding the draws queued before plotly.js has loaded. */
const QUEUE = "__hssPlotlyQueue";

let plotlySource: string | null = null;
let plotlyVersionText: string | null = null;

function plotlyPackageDir(root: string): string {
  return `${root}/node_modules/plotly.js-dist-min`;
}

/** plotly.js's minified bundle, read once from the npm package in node_modules. */
export function plotlyJs(root: string = projectRoot()): string {
  if (plotlySource === null) {
    const path = `${plotlyPackageDir(root)}/${PLOTLY_FILE}`;
    try {
      plotlySource = Deno.readTextFileSync(path);
    } catch {
      throw new Error(`plotly.js not found at ${path}: run \`deno task setup\` (deno install)`);
    }
  }
  return plotlySource;
}

/** The version of the npm package plotly.js-dist-min in node_modules, e.g. "4.1.2". */
export function plotlyVersion(root: string = projectRoot()): string {
  if (plotlyVersionText === null) {
    const path = `${plotlyPackageDir(root)}/package.json`;
    try {
      plotlyVersionText = String(JSON.parse(Deno.readTextFileSync(path)).version);
    } catch {
      throw new Error(`plotly.js not found at ${path}: run \`deno task setup\` (deno install)`);
    }
  }
  return plotlyVersionText;
}

/**
 * Copies plotly.js into `dir` as {@link PLOTLY_FILE} unless an identical copy (same size) is
 * already there; returns the file's path.
 */
export async function copyPlotlyJs(dir: string, root: string = projectRoot()): Promise<string> {
  const path = `${dir}/${PLOTLY_FILE}`;
  const source = `${plotlyPackageDir(root)}/${PLOTLY_FILE}`;
  plotlyJs(root); // names the missing package when it is not installed
  try {
    if (Deno.statSync(path).size === Deno.statSync(source).size) return path;
  } catch { /* not there yet */ }
  await writeFileAtomic(path, await Deno.readFile(source));
  return path;
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

function plotConfig(figure: Figure): Record<string, unknown> {
  return { responsive: true, displaylogo: false, ...figure.config };
}

/** A complete HTML page showing the figure; it loads `plotly.min.js` from its own folder. */
export function standaloneHtml(figure: Figure, title = "figure"): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(figureTitle(figure, title))}</title>
<script ${PLOTLY_SCRIPT_ATTRIBUTE}="${plotlyVersion()}" src="${PLOTLY_FILE}"></script>
<style>html,body{margin:0;height:100%}#figure{width:100%;height:100vh}</style>
</head>
<body>
<div id="figure"></div>
<script>
Plotly.newPlot("figure", ${scriptJson(figure.data)}, ${scriptJson(figure.layout ?? {})}, ${
    scriptJson(plotConfig(figure))
  });
</script>
</body>
</html>
`;
}

/**
 * The figures shown on one page (one kernel process, one executed notebook): whether plotly.js
 * has been embedded yet, and how many figures were drawn (for unique element ids).
 */
export interface FigurePage {
  /** Prefix of this page's element ids, unique per page. */
  readonly id: string;
  /** True once a bundle carrying plotly.js has been made. */
  libraryEmbedded: boolean;
  /** Figures made so far. */
  figures: number;
}

/** A fresh page: its first figure will carry plotly.js. */
export function newFigurePage(): FigurePage {
  return {
    id: `hss-figure-${crypto.randomUUID().slice(0, 8)}`,
    libraryEmbedded: false,
    figures: 0,
  };
}

/** The page of this kernel process, shared by every {@link showFigure} call. */
const kernelPage = newFigurePage();

let plotlyGzipBase64: string | null = null;

/** plotly.js gzip-compressed and base64-encoded (about 1.9 MB instead of 4.8 MB), made once. */
export function plotlyJsGzipBase64(root: string = projectRoot()): string {
  if (plotlyGzipBase64 === null) {
    plotlyGzipBase64 = Buffer.from(gzipSync(plotlyJs(root), { level: 9 })).toString("base64");
  }
  return plotlyGzipBase64;
}

/** The script that draws the figures queued before plotly.js had loaded. */
const FLUSH = `(function(){var q=window.${QUEUE}||[];window.${QUEUE}=[];` +
  `for(var i=0;i<q.length;i++)q[i]();})();`;

/**
 * The `<script>` elements that embed plotly.js and then draw the figures queued before it.
 *
 * The library travels gzip-compressed in base64 and is unpacked in the browser with
 * `DecompressionStream`: an output of 4.8 MB (plotly.js as is) sometimes reached JupyterLab
 * corrupted ("Bad control character in string literal" past 4 MiB), while outputs under 4 MB
 * always arrived intact; compressed, the first figure's output is about 2 MB.
 */
function libraryScripts(): string {
  const load =
    `(function(){if(window.Plotly){${FLUSH}return;}var b=atob("${plotlyJsGzipBase64()}");` +
    `var a=new Uint8Array(b.length);for(var i=0;i<b.length;i++)a[i]=b.charCodeAt(i);` +
    `new Response(new Blob([a]).stream().pipeThrough(new DecompressionStream("gzip"))).text()` +
    `.then(function(src){if(!window.Plotly){var s=document.createElement("script");s.text=src;` +
    `document.head.appendChild(s);}${FLUSH}});})();`;
  return `<script ${PLOTLY_SCRIPT_ATTRIBUTE}="${plotlyVersion()}">${load}</script>\n` +
    `<script>if(window.Plotly){${FLUSH}}</script>`;
}

/** The `text/html` that draws a figure in `elementId`, now or once plotly.js has loaded. */
function drawingHtml(figure: Figure, elementId: string): string {
  const draw = `function(){Plotly.newPlot(${scriptJson(elementId)},${scriptJson(figure.data)},` +
    `${scriptJson(figure.layout ?? {})},${scriptJson(plotConfig(figure))});}`;
  return `<div id="${elementId}" class="hss-figure"></div>\n` +
    `<script>(function(){var draw=${draw};` +
    `if(window.Plotly){draw();}else{(window.${QUEUE}=window.${QUEUE}||[]).push(draw);}})();` +
    `</script>`;
}

/** Options of {@link figureBundle}. */
export interface FigureBundleOptions {
  /** Standalone file named in the text caption. */
  file?: string;
  /** The page the figure is shown on; default this kernel process's page. */
  page?: FigurePage;
}

/**
 * The notebook bundle of a figure: the plotly JSON, `text/html` that draws the figure (the
 * page's first figure also embeds plotly.js) and a one-line `text/plain` caption.
 */
export function figureBundle(figure: Figure, options: FigureBundleOptions = {}): MimeBundle {
  const page = options.page ?? kernelPage;
  const title = figureTitle(figure, "figure");
  const where = options.file ? ` — interactive version: ${options.file}` : "";
  page.figures += 1;
  let html = drawingHtml(figure, `${page.id}-${page.figures}`);
  if (!page.libraryEmbedded) {
    // The draw is queued first, then the library loads and flushes the queue: one order that
    // works whether or not a viewer already has plotly.js on the page.
    html += `\n${libraryScripts()}`;
    page.libraryEmbedded = true;
  }
  return {
    [PLOTLY_MIME]: { data: figure.data, layout: figure.layout ?? {}, config: figure.config ?? {} },
    "text/html": html,
    "text/plain": `${title}${where}`,
  };
}

/** Options of {@link saveFigure} and {@link showFigure}. */
export interface FigureOptions {
  /** Folder for the HTML files; default `<paths.outputs>/figures/<dataset key>` of the configuration. */
  dir?: string;
}

/** The default folder of standalone figures: `<paths.outputs>/figures/<dataset key>`. */
export function figuresDir(options: FigureOptions = {}): string {
  if (options.dir) return options.dir;
  const config = loadConfig();
  return `${resolvePath(config.paths.outputs)}/figures/${datasetKey(config)}`;
}

/**
 * Writes `<dir>/<name>.html` (atomically), copies plotly.js beside it when it is not there yet,
 * and returns the file's path.
 */
export async function saveFigure(
  name: string,
  figure: Figure,
  options: FigureOptions = {},
): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) {
    throw new Error(`figure name must be letters, digits, ".", "-" or "_"; found "${name}"`);
  }
  const dir = figuresDir(options);
  const path = `${dir}/${name}.html`;
  await writeTextAtomic(path, standaloneHtml(figure, name));
  await copyPlotlyJs(dir);
  return path;
}

/**
 * Saves the figure as standalone HTML (see {@link saveFigure}, which returns the path) and displays
 * it in the notebook. Returns nothing, so a cell ending with it shows the figure and no path.
 */
export async function showFigure(
  name: string,
  figure: Figure,
  options: FigureOptions = {},
): Promise<void> {
  const path = await saveFigure(name, figure, options);
  await display(figureBundle(figure, { file: displayPath(path) }));
}
