// A planted notebook folder whose second cell runs until it is stopped, for the interruption
// tests: the kernel starts a Worker, writes its process id to the file named by
// KERNEL_PID_FILE, then waits ten minutes.
import { projectRoot } from "../../lib/config.ts";

/** The notebook's name and the source of its long cell's first line. */
export const LONG_NOTEBOOK = "01_long.ipynb";
export const LONG_CELL_FIRST_LINE = "// the long cell";

/** A Deno notebook (nbformat 4.4, no outputs) whose code cells hold the given sources. */
export function plantedNotebook(...cells: string[]): string {
  return JSON.stringify({
    cells: cells.map((source) => ({
      cell_type: "code",
      source,
      metadata: {},
      outputs: [],
      execution_count: null,
    })),
    metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 4,
  });
}

/** A folder under tests/output/ holding the planted notebook; returns it and the pid file. */
export async function plantLongNotebook(name: string): Promise<{ dir: string; pidFile: string }> {
  const dir = `${projectRoot()}/tests/output/${name}`;
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  await Deno.mkdir(`${dir}/notebooks`, { recursive: true });
  const worker = 'new Blob(["setInterval(() => {}, 1000);"], { type: "text/javascript" })';
  await Deno.writeTextFile(
    `${dir}/notebooks/${LONG_NOTEBOOK}`,
    plantedNotebook(
      `const worker = new Worker(URL.createObjectURL(${worker}), { type: "module" });`,
      [
        LONG_CELL_FIRST_LINE,
        'await Deno.writeTextFile(Deno.env.get("KERNEL_PID_FILE")!, String(Deno.pid));',
        "await new Promise((resolve) => setTimeout(resolve, 600_000));",
      ].join("\n"),
      "console.log('never reached');",
    ),
  );
  return { dir, pidFile: `${dir}/kernel.pid` };
}

/** The runner's arguments for the planted folder (outputs inside it). */
export function plantedRunnerArgs(dir: string): string[] {
  return [
    "run",
    "-A",
    `${projectRoot()}/lib/workspace/run_notebooks.ts`,
    "--notebooks",
    `${dir}/notebooks`,
    "--out",
    `${dir}/out`,
    "--set",
    `paths.data=${dir}/data`,
    "--set",
    `paths.outputs=${dir}/outputs`,
  ];
}

/** Waits until `file` holds a process id, or the runner ends first (then throws). */
export async function waitForPid(file: string, runner: Promise<Deno.CommandStatus>) {
  let ended = false;
  runner.then(() => ended = true);
  for (;;) {
    try {
      const text = (await Deno.readTextFile(file)).trim();
      if (/^\d+$/.test(text)) return Number(text);
    } catch { /* not written yet */ }
    if (ended) throw new Error("the runner ended before the long cell started");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether a process is alive (a zombie counts as gone). */
export function alive(pid: number): boolean {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    return !/^State:\s+Z/m.test(status);
  } catch {
    return false;
  }
}

/** Processes whose environment holds `NAME=value`. */
export function processesWithEnv(name: string, value: string): number[] {
  const needle = `${name}=${value}`;
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const env = Deno.readTextFileSync(`/proc/${entry.name}/environ`).split("\0");
      if (env.includes(needle) && alive(Number(entry.name))) found.push(Number(entry.name));
    } catch { /* gone, or not ours */ }
  }
  return found;
}

/** Polls until `done()` or `seconds` have passed; returns the last `done()`. */
export async function within(seconds: number, done: () => boolean): Promise<boolean> {
  const end = Date.now() + seconds * 1000;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  return done();
}
