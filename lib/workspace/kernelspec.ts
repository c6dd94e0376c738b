/**
 * The Deno Jupyter kernel as the workspace registers it: named `deno` (the name the notebooks
 * ask for), for the user, with a command line that goes through kernel_guard.py so that a kernel
 * never outlives the runner or lab server that started it (SIGKILL included):
 *
 * ```
 * <.venv python> lib/workspace/kernel_guard.py <deno> jupyter --kernel --conn {connection_file}
 * ```
 *
 * `deno jupyter --install --force` writes the kernel's folder (its logos and a kernel.json
 * starting Deno directly); {@link ensureGuardedKernel} then rewrites its kernel.json with the
 * guarded command line, and does nothing when it is already there.
 *
 * @example
 * ```ts
 * import { ensureGuardedKernel } from "./kernelspec.ts";
 * // await ensureGuardedKernel({ python: ".venv/bin/python", deno: Deno.execPath() });
 * ```
 * @module
 */

import { writeTextAtomic } from "../data/atomic.ts";

/** The kernel's name: the one the notebooks' metadata and the runner ask for. */
const KERNEL_NAME = "deno";

/** The guard that ties a kernel's life to its parent's. */
export const KERNEL_GUARD: string = new URL("./kernel_guard.py", import.meta.url).pathname;

/** Raised when the kernel cannot be registered; says what failed and the command's output. */
export class KernelSpecError extends Error {
  /** Creates the error; `message` says what failed and includes the command's output. */
  constructor(message: string) {
    super(message);
    this.name = "KernelSpecError";
  }
}

/** What {@link ensureGuardedKernel} needs. */
export interface KernelSpecOptions {
  /** Interpreter with jupyter_client that runs the guard (the workspace's `.venv` Python). */
  python: string;
  /** Deno executable the kernel runs; default the one running this code. */
  deno?: string;
  /** Guard script; default {@link KERNEL_GUARD}. */
  guard?: string;
  /** Progress lines; default stderr. */
  log?: (line: string) => void;
}

/** The guarded kernel's command line (Jupyter fills in `{connection_file}`). */
export function guardedKernelArgv(
  python: string,
  deno: string,
  guard: string = KERNEL_GUARD,
): string[] {
  return [python, guard, deno, "jupyter", "--kernel", "--conn", "{connection_file}"];
}

async function output(cmd: string, args: string[]): Promise<{ ok: boolean; text: string }> {
  const r = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { ok: r.success, text: `${decode(r.stdout)}\n${decode(r.stderr)}`.trim() };
}

/** The `deno` kernel's folder and command line as `python`'s Jupyter sees them, or null. */
async function findKernelSpec(
  python: string,
): Promise<{ dir: string; argv: string[] } | null> {
  const probe = `import json
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
try:
    spec = KernelSpecManager().get_kernel_spec(${JSON.stringify(KERNEL_NAME)})
    print(json.dumps({"dir": spec.resource_dir, "argv": spec.argv}))
except NoSuchKernel:
    print("null")`;
  const r = await output(python, ["-c", probe]);
  if (!r.ok) throw new KernelSpecError(`cannot list Jupyter kernels with ${python}:\n${r.text}`);
  return JSON.parse(r.text.split("\n").filter((l) => l.startsWith("{") || l === "null").pop()!);
}

/**
 * Registers the guarded Deno kernel unless `python`'s Jupyter already sees it; true when it
 * registered it.
 *
 * @throws {KernelSpecError} when `deno jupyter --install` fails or Jupyter sees another kernel
 *   afterwards (a JUPYTER_PATH pointing elsewhere).
 */
export async function ensureGuardedKernel(options: KernelSpecOptions): Promise<boolean> {
  const log = options.log ?? ((line: string) => console.error(line));
  const deno = options.deno ?? Deno.execPath();
  const wanted = guardedKernelArgv(options.python, deno, options.guard);
  const same = (argv: string[] | undefined) => JSON.stringify(argv) === JSON.stringify(wanted);
  let spec = await findKernelSpec(options.python);
  if (same(spec?.argv)) return false;
  log(`setup: registering the Deno Jupyter kernel (${deno}, through kernel_guard.py)`);
  const install = await output(deno, ["jupyter", "--install", "--force"]);
  if (!install.ok) throw new KernelSpecError(`deno jupyter --install failed:\n${install.text}`);
  spec = await findKernelSpec(options.python);
  if (!spec) throw new KernelSpecError(`deno jupyter --install registered no "deno" kernel`);
  const file = `${spec.dir}/kernel.json`;
  const json = JSON.parse(await Deno.readTextFile(file));
  json.argv = wanted;
  await writeTextAtomic(file, JSON.stringify(json, null, 2) + "\n");
  const after = await findKernelSpec(options.python);
  if (!same(after?.argv)) {
    throw new KernelSpecError(
      `wrote ${file} but ${options.python}'s Jupyter sees ${JSON.stringify(after?.argv)}; ` +
        `check JUPYTER_PATH / JUPYTER_DATA_DIR`,
    );
  }
  return true;
}
