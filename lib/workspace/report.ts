/**
 * The report of a notebook run: `<paths.outputs>/report/<dataset key>/index.html`, a front page
 * with the run's headline numbers beside their baselines, each notebook's status and time, and
 * the configuration; beside it every executed notebook rendered to HTML by nbconvert, with its
 * figures drawn. The pages share one `plotly.min.js` in the report folder and load nothing from
 * the network (nbconvert's links to CDN scripts are removed), so the folder opens offline from
 * `file://` and can be copied anywhere whole.
 *
 * A failed run gets its report too: the failing notebook shows its failure line, and a notebook
 * that wrote no headline numbers is named as such.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { runNotebooks } from "./run_notebooks.ts";
 * import { writeRunReport } from "./report.ts";
 * const config = loadConfig();
 * const results = await runNotebooks({ config, only: ["02"] });
 * const { index } = await writeRunReport({ config, results });
 * console.log(index); // …/outputs/report/demo-default-seed42-44100hz/index.html
 * ```
 * @module
 */
import { resolve } from "node:path";
import {
  type Config,
  CONFIG_FIELDS,
  configToEnv,
  displayPath,
  loadConfig,
  projectRoot,
  resolvePath,
} from "../config.ts";
import { writeTextAtomic } from "../data/atomic.ts";
import { datasetKey } from "../data/load.ts";
import { resultsDir } from "../eval/compare/results.ts";
import {
  beatsBaseline,
  type Headline,
  loadHeadlines,
  type NotebookHeadlines,
} from "../eval/headline.ts";
import { formatInterval, formatNumber, MISSING } from "../viz/format.ts";
import { copyPlotlyJs, PLOTLY_FILE, PLOTLY_SCRIPT_ATTRIBUTE } from "../viz/plotly.ts";
import type { NotebookResult } from "./run_notebooks.ts";
import { ensureSetup } from "./setup.ts";

/** Options of {@link writeRunReport}. */
export interface RunReportOptions {
  /** The configuration the notebooks ran with. */
  config: Config;
  /** What {@link runNotebooks} returned, in run order. */
  results: readonly NotebookResult[];
  /** Report folder (relative to the working directory); default `<paths.outputs>/report/<dataset key>`. */
  dir?: string;
  /** Python with nbconvert; default the interpreter {@link ensureSetup} returns. */
  python?: string;
  /** Progress lines; default stderr. */
  log?: (line: string) => void;
}

/** One notebook's rendered page, or why there is none. */
export type RenderedPage = { file: string } | { error: string };

/** What {@link writeRunReport} wrote. */
export interface RunReport {
  /** The front page. */
  index: string;
  /** Rendered page (file name inside the report folder) or error, by notebook stem. */
  pages: Record<string, RenderedPage>;
}

/** A notebook's file stem: `notebooks/02_eda.ipynb` → `02_eda`. */
export function notebookStem(notebook: string): string {
  return notebook.replace(/^.*\//, "").replace(/\.ipynb$/, "");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** Whether a `src`/`href` leaves the report folder (a scheme such as https: or file:, or //host). */
function isRemote(url: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:|\/\/|\/)/i.test(url.trim());
}

/**
 * Replaces the plotly.js embedded in a notebook's HTML (the `<script data-hss-plotly>` element of
 * its first figure) by `<script data-hss-plotly="…" src="plotly.min.js">`, a file beside the
 * page. Further embedded copies (a notebook whose figures came from several kernel processes) are
 * dropped: the first one defines `Plotly` for the whole page. Returns the page and how many
 * copies it held.
 */
export function useSharedPlotly(html: string): { html: string; embedded: number } {
  let embedded = 0;
  const out = html.replace(SCRIPT, (element, attributes: string) => {
    const marker = attributes.match(new RegExp(`\\s${PLOTLY_SCRIPT_ATTRIBUTE}="([^"]*)"`));
    if (!marker || /\ssrc=/.test(attributes)) return element;
    embedded += 1;
    return embedded === 1
      ? `<script ${PLOTLY_SCRIPT_ATTRIBUTE}="${marker[1]}" src="${PLOTLY_FILE}"></script>`
      : "";
  });
  return { html: out, embedded };
}

/**
 * Removes what would reach outside the page's folder: `<script src>` and `<link href>` with an
 * absolute URL (nbconvert's require.js, MathJax and font CDNs, or a distribution's file:// copies)
 * and module scripts that import from a URL (nbconvert 7's Mermaid loader). The MathJax
 * configuration block goes too, since it expects MathJax. Returns the page and what was removed.
 */
export function withoutRemoteResources(html: string): { html: string; removed: string[] } {
  const removed: string[] = [];
  let out = html.replace(SCRIPT, (element, attributes: string, body: string) => {
    const src = attributes.match(/\ssrc\s*=\s*["']([^"']*)["']/i)?.[1];
    if (src !== undefined && isRemote(src)) {
      removed.push(src);
      return "";
    }
    if (/type\s*=\s*["']module["']/i.test(attributes) && /import\s*\(?\s*["'`]https?:/.test(body)) {
      removed.push("module script importing from a URL");
      return "";
    }
    if (/type\s*=\s*["']text\/x-mathjax-config["']/i.test(attributes)) return "";
    return element;
  });
  out = out.replace(/<link\b[^>]*>/gi, (element) => {
    const href = element.match(/\shref\s*=\s*["']([^"']*)["']/i)?.[1];
    if (href !== undefined && isRemote(href)) {
      removed.push(href);
      return "";
    }
    return element;
  });
  return { html: out, removed };
}

/** Inserts a bar linking back to the front page at the top of a rendered notebook. */
function withReportBar(html: string, result: NotebookResult): string {
  const status = result.ok ? "ok" : "failed";
  const bar =
    `<nav class="hss-report-bar" style="font:14px system-ui,sans-serif;padding:8px 16px;` +
    `border-bottom:1px solid #ddd;background:#f7f7f7"><a href="index.html">← run report</a> · ` +
    `${escapeHtml(result.notebook)} · ${status} · ${formatNumber(result.seconds)} s</nav>`;
  return /<body[^>]*>/i.test(html)
    ? html.replace(/<body[^>]*>/i, (body) => `${body}\n${bar}`)
    : bar + html;
}

/** Content of the front page. */
export interface FrontPageInput {
  /** The run's configuration. */
  config: Config;
  /** The outcome of every notebook of the run. */
  results: readonly NotebookResult[];
  /** The headline numbers the notebooks saved. */
  headlines: readonly NotebookHeadlines[];
  /** Stems of notebooks whose headlines were written before this run started. */
  staleHeadlines?: ReadonlySet<string>;
  /** Rendered page or error by notebook stem. */
  pages: Readonly<Record<string, RenderedPage>>;
  /** When the report was written. */
  generated: Date;
}

function pageLink(stem: string, pages: FrontPageInput["pages"], text: string): string {
  const page = pages[stem];
  return page && "file" in page
    ? `<a href="${escapeHtml(page.file)}">${escapeHtml(text)}</a>`
    : escapeHtml(text);
}

/** A one-line description of a failure: cell, its first line and the error. */
export function failureLine(result: NotebookResult): string {
  const f = result.failure;
  if (!f) return "";
  const where = f.cell === null ? "before the first cell" : `cell ${f.cell}`;
  const code = f.source ? ` (${f.source.trim().slice(0, 80)})` : "";
  return `${where}${code} failed: ${f.ename}: ${f.evalue}`;
}

function headlineRow(h: Headline): string {
  const better = beatsBaseline(h);
  const interval = h.interval ? formatInterval(h.interval[0], h.interval[1]) : MISSING;
  return `<td>${escapeHtml(h.label)}</td><td>${escapeHtml(h.metric)}</td>` +
    `<td class="num"><b>${formatNumber(h.value)}</b></td><td class="num">${interval}</td>` +
    `<td>${escapeHtml(h.baseline)}</td><td class="num">${formatNumber(h.baselineValue)}</td>` +
    `<td class="${better ? "ok" : "bad"}">${
      better ? "beats the baseline" : "does not beat the baseline"
    } (${h.lowerIsBetter ? "lower" : "higher"} is better)</td>` +
    `<td class="num">${h.n === undefined ? MISSING : formatNumber(h.n)}</td>`;
}

function headlinesSection(input: FrontPageInput): string {
  const ran = new Map(input.results.map((r) => [notebookStem(r.notebook), r]));
  const rows: string[] = [];
  for (const group of input.headlines) {
    const result = ran.get(group.notebook);
    const note = !result
      ? "not run this time: numbers of an earlier run"
      : input.staleHeadlines?.has(group.notebook)
      ? "written before this run started: numbers of an earlier run"
      : "";
    group.headlines.forEach((h, i) => {
      const first = i === 0
        ? `<td rowspan="${group.headlines.length}">${
          pageLink(group.notebook, input.pages, group.notebook)
        }${note ? `<br><span class="warn">${escapeHtml(note)}</span>` : ""}</td>`
        : "";
      rows.push(`<tr>${first}${headlineRow(h)}</tr>`);
    });
  }
  const written = new Set(
    input.headlines.filter((g) => !input.staleHeadlines?.has(g.notebook)).map((g) => g.notebook),
  );
  const without = input.results.filter((r) => !written.has(notebookStem(r.notebook)));
  const missing = without.length === 0
    ? ""
    : `<p class="missing">No headline numbers written by ${
      without.map((r) => {
        const stem = notebookStem(r.notebook);
        return pageLink(stem, input.pages, stem) +
          (r.ok ? "" : ' <span class="bad">(failed)</span>');
      }).join(", ")
    }.</p>`;
  const table = rows.length === 0
    ? `<p class="missing">No headline numbers were found in <code>${
      escapeHtml(displayPath(`${resultsDir(input.config)}/headlines`))
    }</code>.</p>`
    : `<table><thead><tr><th>Notebook</th><th>Result</th><th>Metric</th><th>Value</th>` +
      `<th>95 % interval</th><th>Baseline</th><th>Baseline value</th><th>Reading</th><th>n</th>` +
      `</tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
  return `<h2>Headline numbers</h2>\n${table}\n${missing}`;
}

function notebooksSection(input: FrontPageInput): string {
  const rows = input.results.map((r, i) => {
    const stem = notebookStem(r.notebook);
    const page = input.pages[stem];
    const status = r.ok
      ? `<td class="ok">ok</td>`
      : `<td class="bad">failed<br><code>${escapeHtml(failureLine(r))}</code></td>`;
    const rendered = page && "error" in page
      ? `<br><span class="warn">not rendered: ${escapeHtml(page.error)}</span>`
      : "";
    return `<tr><td class="num">${i + 1}</td><td>${
      pageLink(stem, input.pages, r.notebook)
    }${rendered}</td>${status}<td class="num">${formatNumber(r.seconds)} s</td></tr>`;
  });
  const total = input.results.reduce((sum, r) => sum + r.seconds, 0);
  return `<h2>Notebooks</h2>\n<table><thead><tr><th>#</th><th>Notebook</th><th>Status</th>` +
    `<th>Time</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody>` +
    `<tfoot><tr><td></td><td>total</td><td></td><td class="num">${
      formatNumber(total)
    } s</td></tr></tfoot></table>`;
}

function configSection(config: Config): string {
  const values = configToEnv(config);
  const defaults = configToEnv(loadConfig({ env: {} }));
  const rows = CONFIG_FIELDS.map(([path, variable]) => {
    const changed = values[variable] !== defaults[variable];
    return `<tr${changed ? ' class="changed"' : ""}><td><code>${escapeHtml(path)}</code></td>` +
      `<td>${escapeHtml(values[variable] === "" ? "(empty)" : values[variable])}</td>` +
      `<td><code>${escapeHtml(variable)}</code></td></tr>`;
  });
  return `<h2>Configuration</h2>\n<p>Fields set away from their default are in bold.</p>\n` +
    `<table class="config"><thead><tr><th>Field</th><th>Value</th><th>Variable</th></tr>` +
    `</thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;
padding:0 16px;color:#222}table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid
#ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}td.num{text-align:
right;white-space:nowrap;font-variant-numeric:tabular-nums}.ok{color:#176f2c}.bad{color:#b00020}.warn{color:#8a5a00}
.missing{color:#8a5a00}.failed-run{border:2px solid #b00020;padding:8px 12px;background:#fff4f4}
tr.changed td{font-weight:bold}code{font-size:13px}`;

/** The front page of a run report, as HTML. */
export function frontPage(input: FrontPageInput): string {
  const key = datasetKey(input.config);
  const failed = input.results.filter((r) => !r.ok);
  const summary = `${input.results.length} notebook${input.results.length === 1 ? "" : "s"}: ` +
    `${input.results.length - failed.length} ok, ${failed.length} failed`;
  const failure = failed.length === 0
    ? ""
    : `<div class="failed-run"><b>The run failed.</b><br>${
      failed.map((r) => `<code>${escapeHtml(`${r.notebook}: ${failureLine(r)}`)}</code>`).join(
        "<br>",
      )
    }</div>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Run report — ${escapeHtml(key)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Run report — ${escapeHtml(key)}</h1>
<p>${escapeHtml(summary)} · written ${escapeHtml(input.generated.toISOString())}</p>
${failure}
${headlinesSection(input)}
${notebooksSection(input)}
${configSection(input.config)}
</body>
</html>
`;
}

/** Renders one executed notebook to HTML with nbconvert; returns the page's text. */
async function nbconvert(python: string, notebook: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "hss-report-" });
  try {
    const out = await new Deno.Command(python, {
      args: ["-m", "nbconvert", "--to", "html", "--output-dir", dir, "--output", "page", notebook],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (out.code !== 0) {
      const stderr = new TextDecoder().decode(out.stderr).trim().split("\n");
      throw new Error(`nbconvert exited with ${out.code}: ${stderr.slice(-1)[0] ?? ""}`);
    }
    return await Deno.readTextFile(`${dir}/page.html`);
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

/** Modification time in ms, or null when the file does not exist. */
function mtime(path: string): number | null {
  try {
    return Deno.statSync(path).mtime?.getTime() ?? null;
  } catch {
    return null;
  }
}

/**
 * Writes the run's report: each executed notebook rendered to `<stem>.html`, one shared
 * `plotly.min.js`, and `index.html`. Pages of notebooks not in this run are removed so the
 * folder shows one run. A notebook that cannot be rendered is named on the front page.
 */
export async function writeRunReport(options: RunReportOptions): Promise<RunReport> {
  const log = options.log ?? ((line: string) => console.error(line));
  const root = projectRoot();
  const { config, results } = options;
  const dir = resolve(
    options.dir ?? `${resolvePath(config.paths.outputs, root)}/report/${datasetKey(config)}`,
  );
  await Deno.mkdir(dir, { recursive: true });
  const python = options.python ?? (await ensureSetup({ log, root })).python;
  await copyPlotlyJs(dir, root);

  const pages: Record<string, RenderedPage> = {};
  for (const result of results) {
    const stem = notebookStem(result.notebook);
    if (mtime(result.output) === null) {
      pages[stem] = { error: `no executed copy at ${displayPath(result.output, root)}` };
      continue;
    }
    try {
      const rendered = await nbconvert(python, result.output);
      const shared = useSharedPlotly(rendered);
      const offline = withoutRemoteResources(shared.html);
      await writeTextAtomic(`${dir}/${stem}.html`, withReportBar(offline.html, result));
      pages[stem] = { file: `${stem}.html` };
    } catch (error) {
      pages[stem] = { error: (error as Error).message };
      log(`report: ${result.notebook} not rendered: ${(error as Error).message}`);
    }
  }
  for (const entry of Deno.readDirSync(dir)) {
    const stem = entry.name.replace(/\.html$/, "");
    if (entry.isFile && /^\d{2}_.+\.html$/.test(entry.name) && !(stem in pages)) {
      await Deno.remove(`${dir}/${entry.name}`);
    }
  }

  const headlinesRoot = resultsDir(config);
  const headlines = await loadHeadlines(headlinesRoot);
  // A headline file older than its notebook's start was left by an earlier run.
  const staleHeadlines = new Set<string>();
  for (const result of results) {
    const stem = notebookStem(result.notebook);
    const written = mtime(`${headlinesRoot}/headlines/${stem}.json`);
    const finished = mtime(result.output);
    if (written !== null && finished !== null && written < finished - result.seconds * 1000) {
      staleHeadlines.add(stem);
    }
  }
  const index = `${dir}/index.html`;
  await writeTextAtomic(
    index,
    frontPage({ config, results, headlines, staleHeadlines, pages, generated: new Date() }),
  );
  return { index, pages };
}
