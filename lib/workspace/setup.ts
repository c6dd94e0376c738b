/**
 * Setup of a fresh machine, idempotent and fast when nothing is missing:
 *
 * 1. Debian packages: `ffmpeg` (decodes MP3, Ogg and FLAC for the audio layer; WAV needs nothing),
 *    `libavformat-dev`, `libavcodec-dev`, `libavutil-dev` (FFmpeg's headers: `deno task predict`'s
 *    in-process decoder, lib/audio/decode/libav.ts, is compiled against them; without them it
 *    starts the ffmpeg program), `libfftw3-double3` (the FFT the spectrograms call through FFI),
 *    `libopenblas0` (matrix products of the fast CPU training backend), `libdnnl-dev` (oneDNN's
 *    headers: the fast CPU backend's convolutions, lib/model/backend/dnnl/, are compiled against
 *    them; without them it convolves through OpenBLAS), `python3-venv` (creates the Jupyter
 *    environment), `chromium` (the browser tests), `python3-pandas` (the FMA test fixtures),
 *    `python3-numpy` + `python3-scipy` (the numpy/scipy reference comparisons of the audio
 *    tests) and `python3-sklearn` (the baselines' scikit-learn reference test). Installed with
 *    apt-get when running as root; otherwise setup stops with the exact command (FFmpeg's and
 *    oneDNN's headers, Chromium, pandas, numpy, scipy and scikit-learn only warn: nothing but
 *    speed and the tests need them).
 * 2. The workspace's one Jupyter stack in `.venv/` at the project root: a virtual environment of
 *    Debian's `/usr/bin/python3` with the pinned packages of `jupyter_requirements.txt`
 *    (JupyterLab, Notebook, plotly's JupyterLab renderer, nbclient, nbconvert). `deno task lab`
 *    and the headless runner both use its interpreter ({@link SetupReport.python}). A stamp in
 *    the environment, keyed on the requirements file and the Python version, makes a second run
 *    instant and a changed requirements file reinstall.
 * 3. The Deno Jupyter kernel registered for the user, pointing at the Deno running this script and
 *    started through kernel_guard.py so that it dies with the runner or lab server that started it
 *    (kernelspec.ts: `deno jupyter --install --force`, then the guarded command line, when it is
 *    missing or points elsewhere).
 * 4. The npm dependencies of deno.json cached in node_modules (`deno install`).
 * 5. tfjs-node's compiled addon, the fastest CPU training backend (tfjs_node.ts: its own download
 *    when online, else built against a local TensorFlow C library, e.g. the tensorflow-cpu wheel
 *    from pip's index). Never fatal: when it cannot be had, one line says why and training uses
 *    `fast-cpu`.
 *
 * Run it with `deno task setup`; `deno task run`, `deno task lab` and `deno task test` call
 * {@link ensureSetup}.
 *
 * @example
 * ```ts
 * import { ensureSetup } from "./setup.ts";
 * const { python } = await ensureSetup(); // <root>/.venv/bin/python
 * ```
 * @module
 */
import { projectRoot } from "../config.ts";
import { ensureGuardedKernel } from "./kernelspec.ts";
import { ensureTfjsNode } from "./tfjs_node.ts";

/** Debian packages setup installs as root (in one apt-get command). */
export const DEBIAN_PACKAGES = [
  "ffmpeg",
  "libavformat-dev",
  "libavcodec-dev",
  "libavutil-dev",
  "libopenblas0",
  "libdnnl-dev",
  "libfftw3-double3",
  "python3-venv",
  "chromium",
  "python3-pandas",
  "python3-numpy",
  "python3-scipy",
  "python3-sklearn",
] as const;

/** Executables the workspace starts, and the Debian package of each. */
const DEBIAN_BINARIES: Record<string, string> = { ffmpeg: "ffmpeg" };

/** Shared libraries the audio layer loads through FFI, and the Debian package of each. */
const DEBIAN_LIBRARIES: Record<string, string> = {
  "libfftw3.so.3": "libfftw3-double3",
  "libfftw3_threads.so.3": "libfftw3-double3",
};

/**
 * Debian's Chromium, which the browser tests launch (lib/workspace/browser.ts; not imported here
 * because loading playwright would slow down every setup check).
 */
const CHROMIUM = "/usr/bin/chromium";

/** Interpreters tried, in order, as the base of the virtual environment. */
const BASE_PYTHONS = ["/usr/bin/python3", "python3"] as const;

/** The pinned Jupyter stack installed into the virtual environment. */
export const JUPYTER_REQUIREMENTS: string =
  new URL("./jupyter_requirements.txt", import.meta.url).pathname;

/** Folder of the virtual environment, relative to the project root. */
export const VENV_DIR = ".venv";

/** Python modules the virtual environment must provide, and the pip package of each. */
export const PYTHON_MODULES: Record<string, string> = {
  jupyterlab: "jupyterlab",
  notebook: "notebook",
  plotly: "plotly",
  nbclient: "nbclient",
  nbconvert: "nbconvert",
  nbformat: "nbformat",
  jupyter_client: "jupyter-client",
  jupyter_core: "jupyter-core",
};

/** File in the virtual environment recording what was installed into it. */
const STAMP = ".setup-stamp";

/** Raised when setup cannot complete; the message says what to install or do. */
export class SetupError extends Error {
  /** Creates the error; `message` says what is missing and the command that installs it. */
  constructor(message: string) {
    super(message);
    this.name = "SetupError";
  }
}

/** What setup found or did. */
export interface SetupReport {
  /** The virtual environment's interpreter (`<root>/.venv/bin/python`), with the Jupyter stack. */
  python: string;
  /** The virtual environment's `jupyter` command. */
  jupyter: string;
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

async function run(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  try {
    const out = await new Deno.Command(cmd, {
      args,
      cwd: options.cwd,
      stdout: "piped",
      stderr: "piped",
      env: { DEBIAN_FRONTEND: "noninteractive", ...options.env },
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

/** The last `n` non-empty lines of a command's output, indented for an error message. */
function lastLines(r: Run, n = 15): string {
  return `${r.stdout}\n${r.stderr}`.split("\n").filter((l) => l.trim()).slice(-n)
    .map((l) => `  ${l}`).join("\n");
}

function canLoad(library: string): boolean {
  try {
    Deno.dlopen(library, {}).close();
    return true;
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

function isRoot(): boolean {
  try {
    return Deno.uid() === 0;
  } catch {
    return false;
  }
}

/**
 * pip's environment: `PIP_RETRIES=0` unless the user set `PIP_RETRIES`. On a connected machine
 * this changes nothing (the public index answers at once); on a machine whose configured indexes
 * include an unreachable one, pip's default five retries per request stretch a 20-second install
 * to about eleven minutes.
 */
export function pipEnv(
  env: Record<string, string | undefined> = readEnv(),
): Record<string, string> {
  return { PIP_RETRIES: env.PIP_RETRIES ?? "0" };
}

function readEnv(): Record<string, string | undefined> {
  try {
    return Deno.env.toObject();
  } catch {
    return {};
  }
}

/** The stamp recorded in a virtual environment: a hash of the requirements and the Python version. */
export async function venvStamp(requirements: string, pythonVersion: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(requirements));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `requirements-sha256 ${hex}\npython ${pythonVersion.trim()}\n`;
}

interface BasePython {
  python: string;
  version: string;
  /** Whether `venv` can bootstrap pip (Debian: package python3-venv). */
  ensurepip: boolean;
}

async function findBasePython(): Promise<BasePython | null> {
  const probe = `import importlib.util, json, sys
print(json.dumps({"version": sys.version, "ensurepip": all(
    importlib.util.find_spec(m) is not None for m in ("venv", "ensurepip"))}))`;
  for (const python of BASE_PYTHONS) {
    const r = await run(python, ["-c", probe]);
    if (r.code !== 0) continue;
    const found = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}");
    return { python, version: found.version, ensurepip: found.ensurepip };
  }
  return null;
}

/** Python modules of {@link PYTHON_MODULES} that an interpreter lacks; null when it does not run. */
async function missingModules(python: string): Promise<string[] | null> {
  const probe = `import importlib.util, json
print(json.dumps([m for m in ${
    JSON.stringify(Object.keys(PYTHON_MODULES))
  } if importlib.util.find_spec(m) is None]))`;
  const r = await run(python, ["-c", probe]);
  if (r.code !== 0) return null;
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "[]");
}

/** Options of {@link ensureJupyterVenv}. */
export interface JupyterVenvOptions {
  /** Folder of the virtual environment; default `<project root>/.venv`. */
  venv?: string;
  /** Requirements file; default {@link JUPYTER_REQUIREMENTS}. */
  requirements?: string;
  /** Modules that must be importable afterwards; default the keys of {@link PYTHON_MODULES}. */
  modules?: readonly string[];
  /** Progress lines; default stderr. */
  log?: (line: string) => void;
}

/**
 * Creates the virtual environment with the base interpreter's `-m venv` and installs the pinned
 * requirements with pip; does nothing when its stamp matches the requirements file and the
 * Python version and every module is present. Returns the environment's interpreter and whether
 * anything was installed.
 *
 * @throws {SetupError} when Python or its venv module is missing, or pip fails (with pip's last
 * lines).
 */
export async function ensureJupyterVenv(
  options: JupyterVenvOptions = {},
): Promise<{ python: string; installed: boolean }> {
  const requirementsFile = options.requirements ?? JUPYTER_REQUIREMENTS;
  // Processes that start together (test files run in parallel) install one after the other: the
  // requirements file is the lock, so no new file is needed and the venv can be rebuilt freely.
  using lock = await Deno.open(requirementsFile, { read: true });
  await lock.lock(true);
  return await installVenv(options, requirementsFile);
}

async function installVenv(
  options: JupyterVenvOptions,
  requirementsFile: string,
): Promise<{ python: string; installed: boolean }> {
  const log = options.log ?? ((line: string) => console.error(line));
  const venv = options.venv ?? `${projectRoot()}/${VENV_DIR}`;
  const modules = options.modules ?? Object.keys(PYTHON_MODULES);
  const python = `${venv}/bin/python`;
  const base = await findBasePython();
  if (base === null) {
    throw new SetupError(
      `no Python 3 found (tried ${BASE_PYTHONS.join(", ")}); install it, then run the command ` +
        `again:\n  sudo apt-get install -y python3 python3-venv`,
    );
  }
  const wanted = await venvStamp(await Deno.readTextFile(requirementsFile), base.version);
  const stampFile = `${venv}/${STAMP}`;
  const stamp = await Deno.readTextFile(stampFile).catch(() => null);
  const probe = (names: readonly string[]) =>
    run(python, [
      "-c",
      `import importlib.util, sys; sys.exit(any(importlib.util.find_spec(m) is None for m in ${
        JSON.stringify(names)
      }))`,
    ]);
  if (stamp === wanted && (await probe(modules)).code === 0) {
    return { python, installed: false };
  }
  await Deno.remove(stampFile).catch(() => {});
  const sameVersion = stamp !== null && stamp.split("\n")[1] === wanted.split("\n")[1];
  if (!sameVersion || (await probe([])).code !== 0) {
    if (!base.ensurepip) {
      throw new SetupError(
        `${base.python} cannot create virtual environments (no ensurepip); install it, then run ` +
          `the command again:\n  sudo apt-get install -y python3-venv`,
      );
    }
    log(`setup: creating the Jupyter environment ${venv} (${base.python} -m venv)`);
    const made = await run(base.python, ["-m", "venv", "--clear", venv]);
    if (made.code !== 0) {
      throw new SetupError(
        `${base.python} -m venv ${venv} failed:\n${lastLines(made)}\n` +
          `(on Debian: sudo apt-get install -y python3-venv)`,
      );
    }
  }
  log(
    `setup: installing the pinned Jupyter stack into ${venv} (pip install -r ${requirementsFile})`,
  );
  const pip = await run(
    python,
    ["-m", "pip", "install", "--disable-pip-version-check", "-r", requirementsFile],
    { env: pipEnv() },
  );
  if (pip.code !== 0) {
    throw new SetupError(
      `pip could not install ${requirementsFile} into ${venv} (exit ${pip.code}); ` +
        `its last lines:\n${lastLines(pip)}`,
    );
  }
  const missing = await missingModules(python);
  const lacking = modules.filter((m) => missing === null || missing.includes(m));
  if (lacking.length > 0) {
    throw new SetupError(`after pip install, ${python} still lacks ${lacking.join(", ")}`);
  }
  await Deno.writeTextFile(stampFile, wanted);
  return { python, installed: true };
}

interface DebianCheck {
  /** What is missing, for the message. */
  what: string;
  /** The Debian package that provides it. */
  package: string;
  /** Only a warning when it cannot be installed (Chromium: only the browser tests need it;
   * FFmpeg's headers: decoding falls back to the slower ffmpeg program). */
  optional?: boolean;
}

async function missingDebianPieces(): Promise<DebianCheck[]> {
  const missing: DebianCheck[] = [];
  for (const [binary, pkg] of Object.entries(DEBIAN_BINARIES)) {
    if ((await run(binary, ["-version"])).code !== 0) missing.push({ what: binary, package: pkg });
  }
  for (const [library, pkg] of Object.entries(DEBIAN_LIBRARIES)) {
    if (!canLoad(library)) missing.push({ what: library, package: pkg });
  }
  // OpenBLAS: the matrix products of the fast CPU training backend (lib/model/backend/).
  const { loadOpenBlas } = await import("../model/backend/openblas.ts");
  if (!loadOpenBlas()) missing.push({ what: "OpenBLAS", package: "libopenblas0" });
  // FFmpeg's headers: the in-process decoder is compiled against them (else the ffmpeg program).
  const { libavDecoder } = await import("../audio/decode/libav.ts");
  if (!(await libavDecoder()).ok) {
    missing.push({ what: "FFmpeg's headers", package: "libavformat-dev", optional: true });
  }
  // oneDNN's headers: the fast CPU backend's convolution shim is compiled against them (else
  // its convolutions run as OpenBLAS products).
  const { loadDnnl } = await import("../model/backend/dnnl/dnnl.ts");
  if (!loadDnnl()) {
    missing.push({ what: "oneDNN's headers", package: "libdnnl-dev", optional: true });
  }
  const base = await findBasePython();
  if (base === null) missing.push({ what: "python3", package: "python3" });
  else if (!base.ensurepip) missing.push({ what: "Python's venv", package: "python3-venv" });
  if (!isFile(Deno.env.get("CHROMIUM_BIN") || CHROMIUM)) {
    missing.push({ what: "Chromium", package: "chromium", optional: true });
  }
  // pandas for Debian's python3: the FMA importer's tests write their fixtures with pandas'
  // own to_csv (tests/data/sources/fma/make_fixture.py).
  if ((await run("/usr/bin/python3", ["-c", "import pandas"])).code !== 0) {
    missing.push({
      what: "pandas (for the FMA test fixtures)",
      package: "python3-pandas",
      optional: true,
    });
  }
  // numpy and scipy for Debian's python3: the audio tests compare the mel spectrogram and the
  // resampler with numpy/scipy references and fail, naming this package, without them.
  if ((await run("/usr/bin/python3", ["-c", "import numpy, scipy"])).code !== 0) {
    missing.push({
      what: "numpy and scipy (for the audio reference tests)",
      package: "python3-scipy",
      optional: true,
    });
  }
  // scikit-learn for Debian's python3: the comparison's baselines are checked against
  // scikit-learn's on the same split (tests/eval/compare/sklearn_agreement_test.ts).
  if (
    (await run("/usr/bin/python3", ["-c", "from sklearn.pipeline import make_pipeline"])).code !== 0
  ) {
    missing.push({
      what: "scikit-learn (for the baselines' reference test)",
      package: "python3-sklearn",
      optional: true,
    });
  }
  return missing;
}

async function ensureDebianPackages(log: (line: string) => void): Promise<boolean> {
  const missing = await missingDebianPieces();
  if (missing.length === 0) return false;
  const what = missing.map((m) => m.what).join(", ");
  const packages = [...new Set([...DEBIAN_PACKAGES, ...missing.map((m) => m.package)])];
  const command = `apt-get install -y --no-install-recommends ${packages.join(" ")}`;
  const apt = await run("apt-get", ["--version"]);
  if (apt.code !== 0 || !isRoot()) {
    const why = apt.code !== 0 ? "no apt-get on this machine" : "not running as root";
    const message = `${what} missing and this setup cannot install it (${why}).\n` +
      `Install it, then run the command again:\n  sudo ${command}`;
    if (missing.every((m) => m.optional)) {
      log(
        `setup: warning: ${message}\n(optional: Chromium only for the browser tests; without ` +
          `FFmpeg's headers audio decodes through the slower ffmpeg program, without oneDNN's ` +
          `the fast CPU backend convolves through OpenBLAS)`,
      );
      return false;
    }
    throw new SetupError(message);
  }
  log(`setup: missing ${what}; installing Debian packages: ${packages.join(", ")}`);
  let r = await run("apt-get", command.split(" ").slice(1));
  if (r.code !== 0) {
    log("setup: apt-get install failed; refreshing package lists (apt-get update)");
    const update = await run("apt-get", ["update"]);
    if (update.code !== 0) throw new SetupError(`apt-get update failed:\n${lastLines(update)}`);
    r = await run("apt-get", command.split(" ").slice(1));
    if (r.code !== 0) throw new SetupError(`${command} failed:\n${lastLines(r)}`);
  }
  const still = (await missingDebianPieces()).filter((m) => !m.optional);
  if (still.length > 0) {
    throw new SetupError(
      `after installing, ${still.map((m) => m.what).join(", ")} still missing ` +
        `(packages: ${still.map((m) => m.package).join(" ")})`,
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
  if (r.code !== 0) throw new SetupError(`deno install failed:\n${lastLines(r)}`);
  await Deno.writeTextFile(stamp, wanted);
  return true;
}

/**
 * Makes sure the Debian packages, the Jupyter environment, the kernel and the npm dependencies are
 * in place; installs what is missing where it can.
 *
 * @throws {SetupError} with the exact command to run when it cannot install something itself.
 */
export async function ensureSetup(
  options: { log?: (line: string) => void; root?: string } = {},
): Promise<SetupReport> {
  const log = options.log ?? ((line: string) => console.error(line));
  const root = options.root ?? projectRoot();
  const actions: string[] = [];
  if (await ensureDebianPackages(log)) actions.push("installed Debian packages");
  const venv = await ensureJupyterVenv({ venv: `${root}/${VENV_DIR}`, log });
  if (venv.installed) actions.push(`installed the Jupyter stack into ${VENV_DIR}/`);
  if (await ensureGuardedKernel({ python: venv.python, log })) {
    actions.push("registered the Deno kernel");
  }
  if (await ensureNpmCache(root, log)) actions.push("cached npm dependencies");
  try {
    const tfjsNode = await ensureTfjsNode({ root, log });
    if (tfjsNode.changed) actions.push("built tfjs-node");
    if (tfjsNode.changed || !tfjsNode.ok) log(`setup: ${tfjsNode.message}`);
  } catch (error) {
    log(
      `setup: tfjs-node not available, training uses fast-cpu: ${
        error instanceof Error ? error.message.split("\n")[0] : error
      }`,
    );
  }
  return {
    python: venv.python,
    jupyter: `${root}/${VENV_DIR}/bin/jupyter`,
    deno: Deno.execPath(),
    actions,
  };
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
