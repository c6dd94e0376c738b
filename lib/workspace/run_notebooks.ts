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
 * Ctrl-C stops the running notebook's kernel, keeps the partial executed copy, prints one line
 * naming the notebook and the cell that was running, and exits 130; a second Ctrl-C exits at
 * once. Rerunning the same command resumes the training notebooks from their checkpoints
 * (`--fresh` starts them over). The kernel cannot outlive the runner, even one killed with
 * SIGKILL (see kernel_guard.py).
 *
 * ```sh
 * deno task run                                # every notebook, demo corpus, default size
 * deno task run --size tiny --only 01,03       # some notebooks on the tiny corpus
 * deno task run --dataset hit-predictor --only 02
 * deno task run --set model.epochs=5           # any config field
 * deno task run --fresh                        # train every model from its first epoch
 * ```
 * @module
 */
import { parseArgs } from "node:util";
import {
  type Config,
  CONFIG_FIELDS,
  configOverrides,
  configToEnv,
  loadConfig,
  projectRoot,
  resolvePath,
} from "../config.ts";
import { datasetKey } from "../data/load.ts";
import { cellExcerpt, CellProgress, parseExecutorLine } from "./cell_progress.ts";
import { ensureSetup, VENV_DIR } from "./setup.ts";

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
  /**
   * Stop on SIGINT (Ctrl-C): the running notebook's kernel is stopped and the run ends with that
   * notebook's result marked `interrupted`; a second SIGINT more than a second later exits the
   * process with 130 at once. Default true.
   */
  handleInterrupt?: boolean;
}

/** The outcome of one notebook. */
export interface NotebookResult {
  /** The notebook's path from the project root, e.g. `notebooks/04_cnn_training.ipynb`. */
  notebook: string;
  /** Whether it ran to the end without an error. */
  ok: boolean;
  /** Wall time of its execution, in seconds. */
  seconds: number;
  /** Executed copy. */
  output: string;
  /** True when the run was stopped by SIGINT while this notebook ran. */
  interrupted?: boolean;
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
export function selectNotebooks(
  names: readonly string[],
  selectors: readonly string[] = [],
): string[] {
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

/**
 * The one line printed when a run is interrupted: the notebook, the cell that was running, where
 * the partial copy is, and how to resume.
 */
function describeInterruption(result: NotebookResult): string {
  const cell = result.failure?.cell ?? null;
  const source = result.failure?.source.trim() ?? "";
  const where = cell === null
    ? "before its first cell"
    : `in cell ${cell}${source ? ` (${cellExcerpt(source, 60)})` : ""}`;
  return `interrupted: ${result.notebook} stopped ${where}; partial notebook: ${result.output}; ` +
    `run the same command again to resume (--fresh starts over)`;
}

/** The executor's status file (execute_notebook.py). */
type ExecutorStatus =
  & { ok: boolean; interrupted?: boolean }
  & Partial<NonNullable<NotebookResult["failure"]>>;

/** Seconds within which a repeated SIGINT counts as the same Ctrl-C (terminal + forwarded). */
const REPEATED_SIGNAL_MS = 1000;

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

/**
 * SIGINT during a run (see {@link RunOptions.handleInterrupt}): the first is forwarded to the
 * executor, which stops the kernel and writes the partial notebook; a second one more than a
 * second later kills the executor (the kernel guard takes the kernel with it) and exits 130.
 */
class InterruptWatch {
  /** The executor running now, if any. */
  child: Deno.ChildProcess | null = null;
  #at: number | null = null;
  readonly #listener = () => this.#onSignal();

  constructor(readonly enabled: boolean) {
    if (enabled) Deno.addSignalListener("SIGINT", this.#listener);
  }

  /** Whether a SIGINT arrived. */
  get interrupted(): boolean {
    return this.#at !== null;
  }

  #onSignal(): void {
    const now = performance.now();
    if (this.#at !== null) {
      if (now - this.#at < REPEATED_SIGNAL_MS) return;
      try {
        this.child?.kill("SIGKILL");
      } catch { /* already gone */ }
      Deno.stderr.writeSync(new TextEncoder().encode("\ninterrupted twice: stopped at once\n"));
      Deno.exit(130);
    }
    this.#at = now;
    try {
      this.child?.kill("SIGINT");
    } catch { /* already gone */ }
  }

  /** Removes the listener. */
  dispose(): void {
    if (this.enabled) Deno.removeSignalListener("SIGINT", this.#listener);
  }
}

/** Executes the selected notebooks in order; returns one result per notebook run. */
export async function runNotebooks(options: RunOptions): Promise<NotebookResult[]> {
  const interrupt = new InterruptWatch(options.handleInterrupt ?? true);
  try {
    return await executeNotebooks(options, interrupt);
  } finally {
    interrupt.dispose();
  }
}

async function executeNotebooks(
  options: RunOptions,
  interrupt: InterruptWatch,
): Promise<NotebookResult[]> {
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
    if (interrupt.interrupted) {
      results.push({
        notebook: `notebooks/${name}`,
        ok: false,
        interrupted: true,
        seconds: 0,
        output: `${outputDir}/${name}`,
        failure: { cell: null, ename: "Interrupted", evalue: "stopped by a signal", source: "" },
      });
      break;
    }
    log(`[${i + 1}/${names.length}] ${name}`);
    const started = performance.now();
    const output = `${outputDir}/${name}`;
    const statusFile = await Deno.makeTempFile({ suffix: ".json" });
    const progress = new CellProgress({
      log,
      draw: interactive ? (text) => Deno.stderr.writeSync(encoder.encode(text)) : undefined,
      columns: terminalColumns,
    });
    const running = new Deno.Command(setup.python, {
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
    interrupt.child = running;
    await Promise.all([
      forEachLine(running.stdout, (line) => {
        const event = parseExecutorLine(line);
        if (event) progress.handle(event);
        else progress.line(line);
      }),
      forEachLine(running.stderr, (line) => progress.line(line)),
    ]);
    const { code } = await running.status;
    interrupt.child = null;
    progress.finish();
    const seconds = (performance.now() - started) / 1000;
    let status: ExecutorStatus;
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
    if (status.interrupted || (interrupt.interrupted && !status.ok)) result.interrupted = true;
    if (!status.ok) {
      result.failure = {
        cell: status.cell ?? null,
        ename: status.ename ?? "Error",
        evalue: status.evalue ?? "",
        source: status.source ?? "",
      };
    }
    results.push(result);
    if (result.interrupted) break;
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
  --fresh          train every model from its first epoch instead of resuming from the
                   checkpoints of an interrupted run (sets model.resume=false)
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
      fresh: { type: "boolean" },
      report: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    Deno.exit(0);
  }
  let overrides: Record<string, unknown>;
  try {
    overrides = configOverrides({ dataset: values.dataset, size: values.size, set: values.set });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    Deno.exit(2);
  }
  // --fresh: train from the first epoch instead of resuming from an interrupted run's checkpoints.
  if (values.fresh) overrides.model = { ...(overrides.model as object), resume: "false" };
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
    const stopped = results.find((r) => r.interrupted);
    if (stopped) {
      console.error(describeInterruption(stopped));
      Deno.exit(130);
    }
    const failed = results.filter((r) => !r.ok);
    for (const r of failed) console.error(describeFailure(r));
    console.error(`notebooks: ${results.length - failed.length} passed, ${failed.length} failed`);
    // The report is written for a failed run too; it is loaded here because only the command needs it.
    const { writeRunReport } = await import("./report.ts");
    const report = await writeRunReport({
      config,
      results,
      dir: values.report ?? (values.out ? `${values.out}/report` : undefined),
      // runNotebooks has just run setup: its environment is in place, no second check needed.
      python: `${projectRoot()}/${VENV_DIR}/bin/python`,
    });
    console.error(`report: file://${report.index}`);
    Deno.exit(failed.length > 0 ? 1 : 0);
  } catch (error) {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    Deno.exit(1);
  }
}
