/**
 * Headless notebook runner: executes notebooks/NN_*.ipynb in order through Jupyter's own executor
 * (nbclient) with the Deno kernel and writes the executed copies to
 * `<paths.outputs>/notebooks/<dataset key>/` (lib/data/load.ts `datasetKey`: one folder per dataset
 * and demo size). A failing cell, or one running past the cell timeout, stops the run with the
 * notebook, the cell number and the error named, and a non-zero exit.
 *
 * While a cell runs, the progress the notebook displays in place (spectrograms done, epoch, loss,
 * ETA) shows on one line redrawn on the terminal, or every 10 s in a log; each cell's time is
 * printed when it ends (see cell_progress.ts).
 *
 * Notebooks read their parameters through lib/config.ts, so the runner passes them as `HSS_*`
 * environment variables, which the kernel inherits.
 *
 * ```sh
 * deno task run                                # every notebook, demo corpus, default size
 * deno task run --size tiny --only 01,03       # some notebooks on the tiny corpus
 * deno task run --dataset hit-predictor --only 02
 * deno task run --set model.epochs=5           # any config field
 * ```
 * @module
 */
import { parseArgs } from "node:util";
import {
  type Config,
  CONFIG_FIELDS,
  configToEnv,
  loadConfig,
  projectRoot,
  resolvePath,
} from "../config.ts";
import { datasetKey } from "../data/load.ts";
import { cellExcerpt, CellProgress, parseExecutorLine } from "./cell_progress.ts";
import { ensureSetup } from "./setup.ts";

/** Options of {@link runNotebooks}. */
export interface RunOptions {
  /** Folder of the numbered notebooks; default notebooks/ under the project root. */
  notebooksDir?: string;
  /** Folder for the executed copies; default `<paths.outputs>/notebooks/<dataset key>`. */
  outputDir?: string;
  /** Notebook selectors: a number prefix (`01`, `3`) or a file name; default all. */
  only?: string[];
  /** Configuration passed to the notebooks. */
  config: Config;
  /**
   * Seconds one cell may run (whole seconds, rounded up); default 1800. A cell running longer
   * fails with `Timeout` and its kernel is shut down.
   */
  cellTimeout?: number;
  /** Run the remaining notebooks after a failure; default false (stop at the first). */
  keepGoing?: boolean;
  /** Progress lines; default stderr. */
  log?: (line: string) => void;
  /**
   * Redraw a running cell's progress in place on stderr (carriage return + clear line) instead of
   * printing it to `log` at most every 10 s; default: when `log` is not given and stderr is a
   * terminal.
   */
  interactive?: boolean;
}

/** The outcome of one notebook. */
export interface NotebookResult {
  notebook: string;
  ok: boolean;
  seconds: number;
  /** Executed copy. */
  output: string;
  /** On failure: 1-based cell index (all cells counted), error name and message. */
  failure?: { cell: number | null; ename: string; evalue: string; source: string };
}

/** Lists the numbered notebooks (`NN_name.ipynb`) of a folder in order. */
export function listNotebooks(dir: string): string[] {
  return [...Deno.readDirSync(dir)]
    .filter((e) => e.isFile && /^\d{2}_.+\.ipynb$/.test(e.name))
    .map((e) => e.name)
    .sort();
}

/** Keeps the notebooks matching any selector (number prefix or name); all when none is given. */
export function selectNotebooks(names: readonly string[], selectors: readonly string[] = []) {
  if (selectors.length === 0) return [...names];
  const picked = names.filter((name) =>
    selectors.some((s) => {
      const n = Number(s);
      return Number.isInteger(n) ? Number(name.slice(0, 2)) === n : name.startsWith(s);
    })
  );
  const unmatched = selectors.filter((s) =>
    !names.some((name) => {
      const n = Number(s);
      return Number.isInteger(n) ? Number(name.slice(0, 2)) === n : name.startsWith(s);
    })
  );
  if (unmatched.length > 0) {
    throw new Error(`no notebook matches ${unmatched.join(", ")}; have: ${names.join(", ")}`);
  }
  return picked;
}

/** A one-line description of a failed notebook, naming the notebook, cell and error. */
export function describeFailure(result: NotebookResult): string {
  const f = result.failure!;
  const where = f.cell === null ? "before the first cell" : `cell ${f.cell}`;
  const code = f.source.trim() ? ` (${cellExcerpt(f.source, 80)})` : "";
  return `${result.notebook}: ${where}${code} failed: ${f.ename}: ${f.evalue}`;
}

/** The folder of executed notebooks for a configuration: `<paths.outputs>/notebooks/<dataset key>`. */
export function notebookOutputDir(config: Config, root: string = projectRoot()): string {
  return `${resolvePath(config.paths.outputs, root)}/notebooks/${datasetKey(config)}`;
}

/** Splits a byte stream into lines (without their newline) and hands each to `onLine`. */
async function forEachLine(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void) {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of stream) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) onLine(line.replace(/\r$/, ""));
  }
  pending += decoder.decode();
  if (pending) onLine(pending);
}

function stderrIsTerminal(): boolean {
  try {
    return Deno.stderr.isTerminal();
  } catch {
    return false;
  }
}

function terminalColumns(): number {
  try {
    return Deno.consoleSize().columns;
  } catch {
    return 100;
  }
}

/** Executes the selected notebooks in order; returns one result per notebook run. */
export async function runNotebooks(options: RunOptions): Promise<NotebookResult[]> {
  const log = options.log ?? ((line: string) => console.error(line));
  const interactive = options.interactive ?? (options.log === undefined && stderrIsTerminal());
  const timeout = options.cellTimeout ?? 1800;
  if (!(timeout > 0) || !Number.isFinite(timeout)) {
    throw new RangeError(`the cell timeout must be a positive number of seconds, got ${timeout}`);
  }
  const root = projectRoot();
  const notebooksDir = options.notebooksDir ?? `${root}/notebooks`;
  const outputDir = options.outputDir ?? notebookOutputDir(options.config, root);
  const setup = await ensureSetup({ log, root });
  await Deno.mkdir(outputDir, { recursive: true });
  const names = selectNotebooks(listNotebooks(notebooksDir), options.only);
  const executor = new URL("./execute_notebook.py", import.meta.url).pathname;
  const env = { ...configToEnv(options.config), NO_COLOR: "1" };
  const encoder = new TextEncoder();
  const results: NotebookResult[] = [];
  for (const [i, name] of names.entries()) {
    log(`[${i + 1}/${names.length}] ${name}`);
    const started = performance.now();
    const output = `${outputDir}/${name}`;
    const statusFile = await Deno.makeTempFile({ suffix: ".json" });
    const progress = new CellProgress({
      log,
      draw: interactive ? (text) => Deno.stderr.writeSync(encoder.encode(text)) : undefined,
      columns: terminalColumns,
    });
    const child = new Deno.Command(setup.python, {
      args: [
        executor,
        `${notebooksDir}/${name}`,
        output,
        "deno",
        String(Math.ceil(timeout)),
        notebooksDir,
        statusFile,
      ],
      env,
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    await Promise.all([
      forEachLine(child.stdout, (line) => {
        const event = parseExecutorLine(line);
        if (event) progress.handle(event);
        else progress.line(line);
      }),
      forEachLine(child.stderr, (line) => progress.line(line)),
    ]);
    const { code } = await child.status;
    progress.finish();
    const seconds = (performance.now() - started) / 1000;
    let status: { ok: boolean } & Partial<NonNullable<NotebookResult["failure"]>>;
    try {
      status = JSON.parse(await Deno.readTextFile(statusFile));
    } catch {
      status = {
        ok: false,
        cell: null,
        ename: "ExecutorError",
        evalue: `the executor exited with code ${code} without a status`,
        source: "",
      };
    }
    await Deno.remove(statusFile).catch(() => {});
    const result: NotebookResult = {
      notebook: `notebooks/${name}`,
      ok: status.ok,
      seconds,
      output,
    };
    if (!status.ok) {
      result.failure = {
        cell: status.cell ?? null,
        ename: status.ename ?? "Error",
        evalue: status.evalue ?? "",
        source: status.source ?? "",
      };
    }
    results.push(result);
    log(
      result.ok
        ? `  ok (${seconds.toFixed(1)} s) → ${output}`
        : `  FAILED: ${describeFailure(result)}`,
    );
    if (!result.ok && !options.keepGoing) break;
  }
  return results;
}

const USAGE = `deno task run [options]
  --only LIST      notebooks to run: number prefixes or names, comma-separated (default all)
  --dataset NAME   dataset source (${CONFIG_FIELDS.length} config fields; see lib/config.ts)
  --size SIZE      demo corpus size: tiny | default | paper
  --set PATH=VAL   any config field, e.g. --set model.epochs=5 (repeatable)
  --notebooks DIR  folder of notebooks (default notebooks/)
  --out DIR        folder for executed copies (default outputs/notebooks/<dataset key>/,
                   e.g. outputs/notebooks/demo-tiny-seed42-44100hz/)
  --timeout S      seconds one cell may run (default 1800); a longer cell fails the notebook
  --keep-going     run the remaining notebooks after a failure
  --report DIR     folder for the run report (default outputs/report/<dataset key>/, or
                   DIR/report/ beside the executed copies when --out DIR is given)`;

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      only: { type: "string", multiple: true },
      dataset: { type: "string" },
      size: { type: "string" },
      set: { type: "string", multiple: true },
      notebooks: { type: "string" },
      out: { type: "string" },
      timeout: { type: "string" },
      "keep-going": { type: "boolean" },
      report: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    Deno.exit(0);
  }
  const overrides: Record<string, unknown> = {};
  const set = (path: string, value: string) => {
    const keys = path.split(".");
    let node = overrides;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  };
  if (values.dataset) set("dataset.source", values.dataset);
  if (values.size) set("dataset.demoSize", values.size);
  for (const pair of values.set ?? []) {
    const eq = pair.indexOf("=");
    if (eq < 1) {
      console.error(`--set expects PATH=VALUE, got "${pair}"\n\n${USAGE}`);
      Deno.exit(2);
    }
    set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  try {
    const config = loadConfig({ overrides });
    const results = await runNotebooks({
      config,
      only: values.only?.flatMap((s) => s.split(",")).filter(Boolean),
      notebooksDir: values.notebooks,
      outputDir: values.out,
      cellTimeout: values.timeout ? Number(values.timeout) : undefined,
      keepGoing: values["keep-going"],
    });
    const failed = results.filter((r) => !r.ok);
    for (const r of failed) console.error(describeFailure(r));
    console.error(`notebooks: ${results.length - failed.length} passed, ${failed.length} failed`);
    // The report is written for a failed run too; it is loaded here because only the command needs it.
    const { writeRunReport } = await import("./report.ts");
    const report = await writeRunReport({
      config,
      results,
      dir: values.report ?? (values.out ? `${values.out}/report` : undefined),
    });
    console.error(`report: file://${report.index}`);
    Deno.exit(failed.length > 0 ? 1 : 0);
  } catch (error) {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    Deno.exit(1);
  }
}
