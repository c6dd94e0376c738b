/**
 * Setup of a fresh machine, idempotent and fast when nothing is missing:
 *
 * 1. Jupyter's executor and kernel machinery (nbclient, nbconvert, nbformat, jupyter_client,
 *    jupyter_core, ipykernel) for a Python interpreter: Debian's `/usr/bin/python3` first (the
 *    one Debian's packages serve), else `python3` on PATH. Missing pieces are installed with
 *    apt-get from Debian's packages when running as root; otherwise setup stops with the exact
 *    command to run.
 * 2. The Deno Jupyter kernel registered and pointing at the Deno running this script
 *    (`deno jupyter --install --force` when it is missing or points elsewhere).
 * 3. The npm dependencies of deno.json cached in node_modules (`deno install`).
 * 4. Debian's `ffmpeg`, which decodes MP3, Ogg and FLAC for the audio layer (WAV needs nothing),
 *    and `libfftw3-double3`, the FFT the spectrograms call through FFI (they fall back to a
 *    TypeScript FFT without it): installed with apt-get as root, otherwise setup stops with the
 *    exact command.
 *
 * Run it with `deno task setup`; `deno task run` and `deno task test` call {@link ensureSetup}.
 * @module
 */
import { projectRoot } from "../config.ts";

/** Debian packages that provide the notebook executor and kernel machinery. */
export const DEBIAN_PACKAGES = [
  "jupyter-nbconvert",
  "python3-nbclient",
  "python3-ipykernel",
  "jupyter-client",
  "jupyter-core",
  "ffmpeg",
  "libopenblas0",
  "libfftw3-double3",
] as const;

/** Executables the workspace starts, and the Debian package of each. */
export const DEBIAN_BINARIES: Record<string, string> = { ffmpeg: "ffmpeg" };

/** Shared libraries the audio layer loads through FFI, and the Debian package of each. */
export const DEBIAN_LIBRARIES: Record<string, string> = {
  "libfftw3.so.3": "libfftw3-double3",
  "libfftw3_threads.so.3": "libfftw3-double3",
};

function canLoad(library: string): boolean {
  try {
    Deno.dlopen(library, {}).close();
    return true;
  } catch {
    return false;
  }
}

/** Python modules the runner needs, and the Debian package of each. */
export const PYTHON_MODULES: Record<string, string> = {
  nbclient: "python3-nbclient",
  nbformat: "python3-nbformat",
  nbconvert: "jupyter-nbconvert",
  jupyter_client: "jupyter-client",
  jupyter_core: "jupyter-core",
  ipykernel: "python3-ipykernel",
};

/** Raised when setup cannot complete; the message says what to install or do. */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SetupError";
  }
}

/** What setup found or did. */
export interface SetupReport {
  /** Interpreter that has the Jupyter modules. */
  python: string;
  /** Deno executable the kernel points at. */
  deno: string;
  /** Steps that changed something (empty when all was in place). */
  actions: string[];
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cmd: string, args: string[], options: { cwd?: string } = {}): Promise<Run> {
  try {
    const out = await new Deno.Command(cmd, {
      args,
      cwd: options.cwd,
      stdout: "piped",
      stderr: "piped",
      env: { DEBIAN_FRONTEND: "noninteractive" },
    }).output();
    const dec = new TextDecoder();
    return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return { code: 127, stdout: "", stderr: `${cmd}: not found` };
    }
    throw error;
  }
}

async function missingModules(python: string): Promise<string[] | null> {
  const probe = `import importlib.util, json
print(json.dumps([m for m in ${
    JSON.stringify(Object.keys(PYTHON_MODULES))
  } if importlib.util.find_spec(m) is None]))`;
  const r = await run(python, ["-c", probe]);
  if (r.code !== 0) return null; // no such interpreter
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "[]");
}

/** Finds an interpreter with every Jupyter module, or the best candidate and what it lacks. */
async function findPython(): Promise<{ python: string; missing: string[] }> {
  let best: { python: string; missing: string[] } | null = null;
  for (const python of ["/usr/bin/python3", "python3"]) {
    const missing = await missingModules(python);
    if (missing === null) continue;
    if (missing.length === 0) return { python, missing };
    best ??= { python, missing };
  }
  return best ?? { python: "/usr/bin/python3", missing: Object.keys(PYTHON_MODULES) };
}

function isRoot(): boolean {
  try {
    return Deno.uid() === 0;
  } catch {
    return false;
  }
}

async function installDebianPackages(
  log: (line: string) => void,
  what = "Jupyter's notebook executor",
): Promise<void> {
  const command = `apt-get install -y --no-install-recommends ${DEBIAN_PACKAGES.join(" ")}`;
  const apt = await run("apt-get", ["--version"]);
  if (apt.code !== 0 || !isRoot()) {
    throw new SetupError(
      `${what} is missing and this setup cannot install it ` +
        `(${apt.code !== 0 ? "no apt-get on this machine" : "not running as root"}).\n` +
        `Install it, then run the command again:\n  sudo ${command}\n` +
        `(or, without Debian packages: python3 -m pip install nbclient nbconvert ipykernel)`,
    );
  }
  log(`setup: installing Debian packages: ${DEBIAN_PACKAGES.join(", ")}`);
  let r = await run("apt-get", command.split(" ").slice(1));
  if (r.code !== 0) {
    log("setup: apt-get install failed; refreshing package lists (apt-get update)");
    const update = await run("apt-get", ["update"]);
    if (update.code !== 0) throw new SetupError(`apt-get update failed:\n${update.stderr}`);
    r = await run("apt-get", command.split(" ").slice(1));
    if (r.code !== 0) throw new SetupError(`${command} failed:\n${r.stderr.slice(-2000)}`);
  }
}

/** Realpath, or the path itself when it does not resolve. */
function real(path: string): string {
  try {
    return Deno.realPathSync(path);
  } catch {
    return path;
  }
}

async function kernelArgv(python: string): Promise<string[] | null> {
  const probe = `import json
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
try:
    print(json.dumps(KernelSpecManager().get_kernel_spec("deno").argv))
except NoSuchKernel:
    print("null")`;
  const r = await run(python, ["-c", probe]);
  if (r.code !== 0) throw new SetupError(`cannot list Jupyter kernels:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "null");
}

async function ensureKernel(python: string, log: (line: string) => void): Promise<boolean> {
  const deno = Deno.execPath();
  const argv = await kernelArgv(python);
  if (argv && real(argv[0]) === real(deno)) return false;
  log(
    argv
      ? `setup: the Deno kernel points at ${argv[0]}; re-registering it for ${deno}`
      : `setup: registering the Deno Jupyter kernel (${deno})`,
  );
  const r = await run(deno, ["jupyter", "--install", "--force"]);
  if (r.code !== 0) throw new SetupError(`deno jupyter --install failed:\n${r.stderr}`);
  const after = await kernelArgv(python);
  if (!after || real(after[0]) !== real(deno)) {
    throw new SetupError(
      `the Deno kernel was registered but Jupyter sees ${JSON.stringify(after)}; ` +
        `check JUPYTER_PATH / JUPYTER_DATA_DIR`,
    );
  }
  return true;
}

async function ensureNpmCache(root: string, log: (line: string) => void): Promise<boolean> {
  const stamp = `${root}/node_modules/.deno/.setup-stamp`;
  let lock = "";
  try {
    lock = await Deno.readTextFile(`${root}/deno.lock`);
  } catch { /* no lockfile yet */ }
  const config = await Deno.readTextFile(`${root}/deno.json`);
  const wanted = `${Deno.version.deno}\n${config}\n${lock}`;
  try {
    if (await Deno.readTextFile(stamp) === wanted) return false;
  } catch { /* first run */ }
  log("setup: caching npm dependencies (deno install)");
  const r = await run(Deno.execPath(), ["install"], { cwd: root });
  if (r.code !== 0) throw new SetupError(`deno install failed:\n${r.stderr.slice(-2000)}`);
  await Deno.writeTextFile(stamp, wanted);
  return true;
}

/**
 * Makes sure the executor, the kernel and the npm dependencies are in place; installs what is
 * missing where it can.
 *
 * @throws {SetupError} with the exact command to run when it cannot install something itself.
 */
export async function ensureSetup(
  options: { log?: (line: string) => void; root?: string } = {},
): Promise<SetupReport> {
  const log = options.log ?? ((line: string) => console.error(line));
  const root = options.root ?? projectRoot();
  const actions: string[] = [];
  let { python, missing } = await findPython();
  if (missing.length > 0) {
    log(`setup: ${python} lacks Python modules: ${missing.join(", ")}`);
    await installDebianPackages(log);
    actions.push("installed Debian packages");
    ({ python, missing } = await findPython());
    if (missing.length > 0) {
      throw new SetupError(
        `after installing, ${python} still lacks ${missing.join(", ")} ` +
          `(packages: ${missing.map((m) => PYTHON_MODULES[m]).join(" ")})`,
      );
    }
  }
  const binaries = Object.keys(DEBIAN_BINARIES);
  const missingBinaries = async () => [
    ...(await Promise.all(binaries.map(async (b) => (await run(b, ["-version"])).code === 0)))
      .flatMap((ok, i) => ok ? [] : [binaries[i]]),
    ...Object.keys(DEBIAN_LIBRARIES).filter((l) => !canLoad(l)),
  ];
  const absent = await missingBinaries();
  if (absent.length > 0) {
    log(`setup: missing programs or libraries: ${absent.join(", ")}`);
    await installDebianPackages(log, absent.join(", "));
    actions.push(`installed ${absent.join(", ")}`);
    const still = await missingBinaries();
    if (still.length > 0) {
      throw new SetupError(
        `after installing, ${still.join(", ")} still cannot be started ` +
          `(packages: ${still.map((b) => DEBIAN_BINARIES[b] ?? DEBIAN_LIBRARIES[b]).join(" ")})`,
      );
    }
  }
  // OpenBLAS: the matrix products of the fast CPU training backend (lib/model/backend/).
  const { loadOpenBlas } = await import("../model/backend/openblas.ts");
  if (!loadOpenBlas()) {
    log("setup: OpenBLAS is missing (the fast CPU training backend needs libopenblas0)");
    await installDebianPackages(log, "OpenBLAS (libopenblas0)");
    actions.push("installed libopenblas0");
  }
  if (await ensureKernel(python, log)) actions.push("registered the Deno kernel");
  if (await ensureNpmCache(root, log)) actions.push("cached npm dependencies");
  return { python, deno: Deno.execPath(), actions };
}

if (import.meta.main) {
  try {
    const report = await ensureSetup();
    console.log(
      `setup: ready (python ${report.python}, deno ${report.deno}${
        report.actions.length ? `; ${report.actions.join(", ")}` : "; nothing to do"
      })`,
    );
  } catch (error) {
    console.error(error instanceof SetupError ? `setup failed: ${error.message}` : error);
    Deno.exit(1);
  }
}
