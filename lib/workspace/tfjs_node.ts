/**
 * Obtains `@tensorflow/tfjs-node`'s compiled addon, the fastest CPU training backend, the way the
 * machine allows. Deno installs the package (deno.json) but never runs its install script, so
 * setup does what that script would, and more:
 *
 * 1. `TENSORFLOW_LIB_DIR`, when set: a folder holding a TensorFlow C library — the libtensorflow
 *    archive's layout (`lib/libtensorflow.so.2`, `include/`) or a TensorFlow Python package's
 *    (`libtensorflow_cc.so.2`, `libtensorflow_framework.so.2`, `include/`).
 * 2. tfjs-node's own install (`node scripts/install.js`: libtensorflow 2.9.1 and a prebuilt addon
 *    from Google's storage), when that storage answers.
 * 3. An installed TensorFlow Python package (in `.venv/` or Debian's Python): its C library.
 * 4. The `tensorflow-cpu` wheel ({@link TENSORFLOW_WHEEL_VERSION}) from pip's configured index
 *    (`pip download --no-deps`), of which only the two libraries and the C headers are unpacked.
 *
 * For 1, 3 and 4 the library's version is checked (`TF_Version()` through Deno's FFI, TensorFlow
 * 2.9 or later), linked into the package's `deps/` under the names its `binding.gyp` expects,
 * and the addon is compiled with node-gyp against the installed Node's headers
 * (`npm_config_nodedir`, so nothing is downloaded). Wheel, unpacked library and compiled addon
 * are cached outside the project ({@link tfjsNodeCacheDir}), so a fresh clone links and copies
 * in seconds. A trial load in a separate process confirms the result; on any failure the reason
 * comes back in one line, nothing half-built is left, and training uses `fast-cpu`.
 *
 * @example
 * ```ts
 * import { ensureTfjsNode } from "./tfjs_node.ts";
 * const result = await ensureTfjsNode();
 * console.log(result.message); // e.g. "tfjs-node built against TensorFlow 2.21.0 (tensorflow-cpu wheel …)"
 * ```
 * @module
 */
import { projectRoot } from "../config.ts";
import { NATIVE_PACKAGES } from "../model/backend/native.ts";

/** The tensorflow-cpu wheel setup asks pip for when no other TensorFlow library is found. */
export const TENSORFLOW_WHEEL_VERSION = "2.21.0";

/** Oldest TensorFlow whose C API tfjs-node 4.22 (written for 2.9.1) can be built against. */
const MIN_TENSORFLOW_VERSION: readonly [number, number] = [2, 9];

/** Environment variable naming a folder with a TensorFlow C library. */
const TENSORFLOW_LIB_DIR_ENV = "TENSORFLOW_LIB_DIR";

/** Where a TensorFlow C library can come from, in the order {@link ensureTfjsNode} tries them. */
export type TensorflowSource = "env" | "download" | "python" | "pip";

/** All sources, in order. */
const TENSORFLOW_SOURCES: readonly TensorflowSource[] = ["env", "download", "python", "pip"];

/** A TensorFlow C library on disk. */
export interface TensorflowLibrary {
  /** The library exporting `TF_*` / `TFE_*` (libtensorflow.so.2 or libtensorflow_cc.so.2). */
  library: string;
  /** libtensorflow_framework.so.2 beside it. */
  framework: string;
  /** Folder holding `tensorflow/c/c_api.h`. */
  include: string;
  /** Where it came from, for the message. */
  origin: string;
}

/** Outcome of {@link ensureTfjsNode}. */
export interface TfjsNodeResult {
  /** Whether tfjs-node's addon is in place and loads. */
  ok: boolean;
  /** Whether this call built, linked or downloaded anything. */
  changed: boolean;
  /** One line: what was used, or why tfjs-node is not available. */
  message: string;
}

/** Options of {@link ensureTfjsNode}. */
export interface TfjsNodeOptions {
  /** Project root (its node_modules holds the package); default {@link projectRoot}. */
  root?: string;
  /** Environment read for `TENSORFLOW_LIB_DIR`, `XDG_CACHE_HOME`, `HOME`; default the process's. */
  env?: Record<string, string | undefined>;
  /** Sources tried, in order; default {@link TENSORFLOW_SOURCES}. */
  sources?: readonly TensorflowSource[];
  /** Cache folder for the wheel, the unpacked library and built addons. */
  cacheDir?: string;
  /** Progress lines (only when something is built); default stderr. */
  log?: (line: string) => void;
}

/** How each source is named in the one-line reason. */
const SOURCE_LABELS: Record<TensorflowSource, (env: Record<string, string | undefined>) => string> =
  {
    env: (env) => `${TENSORFLOW_LIB_DIR_ENV}=${env[TENSORFLOW_LIB_DIR_ENV]}`,
    download: () => "tfjs-node's own install",
    python: () => "installed TensorFlow",
    pip: () => `tensorflow-cpu ${TENSORFLOW_WHEEL_VERSION} wheel`,
  };

const PACKAGE = NATIVE_PACKAGES.tensorflow;
const STAMP = ".workspace-build.json";
/** In the package folder: why the last attempt failed (deps/ is removed after a failure). */
const FAILURE_STAMP = ".workspace-unavailable.json";
/** The name tfjs-node's install script checks before downloading libtensorflow. */
const EXPECTED_LIBRARY = "libtensorflow.so.2.9.1";
const LIBTENSORFLOW_URL =
  "https://storage.googleapis.com/tensorflow/libtensorflow/libtensorflow-cpu-linux-x86_64-2.9.1.tar.gz";
/** The wheel's C headers the addon's sources include (with what they include). */
const WHEEL_HEADERS = [
  "tensorflow/include/tensorflow/c/",
  "tensorflow/include/tensorflow/core/platform/",
  "tensorflow/include/tsl/platform/",
  "tensorflow/include/xla/tsl/c/",
];
const WHEEL_LIBRARIES = [
  "tensorflow/libtensorflow_cc.so.2",
  "tensorflow/libtensorflow_framework.so.2",
];

interface Run {
  code: number;
  output: string;
}

async function run(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Run> {
  try {
    const out = await new Deno.Command(cmd, {
      args,
      cwd: options.cwd,
      env: options.env,
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(options.timeoutMs ?? 600_000),
    }).output();
    const dec = new TextDecoder();
    return { code: out.code, output: dec.decode(out.stdout) + dec.decode(out.stderr) };
  } catch (error) {
    return { code: 127, output: error instanceof Error ? error.message : String(error) };
  }
}

/** The last non-empty line of a command's output, for a one-line reason. */
function lastLine(r: Run): string {
  return r.output.split("\n").map((l) => l.trim()).filter((l) => l).pop() ?? `exit ${r.code}`;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

function readEnv(): Record<string, string | undefined> {
  try {
    return Deno.env.toObject();
  } catch {
    return {};
  }
}

/**
 * The cache folder: `$XDG_CACHE_HOME/hit-song-science/tensorflow`, else
 * `~/.cache/hit-song-science/tensorflow`, else `<root>/node_modules/.cache/tensorflow` (git-ignored).
 */
export function tfjsNodeCacheDir(
  env: Record<string, string | undefined> = readEnv(),
  root: string = projectRoot(),
): string {
  const base = env.XDG_CACHE_HOME || (env.HOME ? `${env.HOME}/.cache` : null);
  return base ? `${base}/hit-song-science/tensorflow` : `${root}/node_modules/.cache/tensorflow`;
}

/** Whether a TensorFlow version (`"2.21.0"`) is at least {@link MIN_TENSORFLOW_VERSION}. */
export function tensorflowVersionOk(version: string): boolean {
  const match = version.match(/^(\d+)\.(\d+)/);
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const [wantMajor, wantMinor] = MIN_TENSORFLOW_VERSION;
  return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}

/**
 * The TensorFlow C library in a folder of either layout (see the module's description), or
 * null with what was missing.
 */
export function findTensorflowLibrary(
  dir: string,
  origin: string,
): TensorflowLibrary | { missing: string } {
  const layouts = [
    { library: "lib/libtensorflow.so.2", framework: "lib/libtensorflow_framework.so.2" },
    { library: "libtensorflow_cc.so.2", framework: "libtensorflow_framework.so.2" },
    {
      library: "tensorflow/libtensorflow_cc.so.2",
      framework: "tensorflow/libtensorflow_framework.so.2",
    },
  ];
  for (const layout of layouts) {
    const library = `${dir}/${layout.library}`, framework = `${dir}/${layout.framework}`;
    if (!exists(library) || !exists(framework)) continue;
    const base = library.slice(0, library.lastIndexOf("/"));
    const include = [`${dir}/include`, `${base}/include`].find((d) =>
      exists(`${d}/tensorflow/c/c_api.h`)
    );
    if (!include) return { missing: `tensorflow/c/c_api.h under ${dir}/include` };
    return { library, framework, include, origin };
  }
  return { missing: `lib/libtensorflow.so.2 or libtensorflow_cc.so.2 in ${dir}` };
}

/**
 * `TF_Version()` of a library, called in a separate Python process (ctypes; it leaves with
 * `os._exit`, since TensorFlow's C++ runtime can crash while unloading), or why it could not be.
 */
export async function tensorflowVersion(
  library: string,
): Promise<{ version: string } | { error: string }> {
  const code = `import ctypes, os, sys
try:
    lib = ctypes.CDLL(sys.argv[1])
    lib.TF_Version.restype = ctypes.c_char_p
    print("TF_Version " + lib.TF_Version().decode(), flush=True)
    os._exit(0)
except Exception as e:
    print(str(e).splitlines()[0], flush=True)
    os._exit(1)`;
  let last: Run | null = null;
  for (const python of ["/usr/bin/python3", "python3"]) {
    last = await run(python, ["-c", code, library], {
      env: { TF_CPP_MIN_LOG_LEVEL: "2" },
      timeoutMs: 120_000,
    });
    if (last.code === 127) continue;
    const match = last.output.match(/^TF_Version (\S+)$/m);
    return match ? { version: match[1] } : { error: lastLine(last) };
  }
  return { error: last ? lastLine(last) : "no python3" };
}

/** The installed package's folder, or null. */
function packageDir(root: string): string | null {
  try {
    return Deno.realPathSync(`${root}/node_modules/${PACKAGE}`);
  } catch {
    return null;
  }
}

interface PackageInfo {
  version: string;
  napi: number;
}

function packageInfo(dir: string): PackageInfo {
  const json = JSON.parse(Deno.readTextFileSync(`${dir}/package.json`));
  const napi = Math.max(...(json.binary?.napi_versions ?? [8]));
  return { version: json.version, napi };
}

function bindingPath(dir: string, napi: number): string {
  return `${dir}/lib/napi-v${napi}/tfjs_binding.node`;
}

/** Removes what a failed attempt left, so the package reads as "not built". */
function cleanPackage(dir: string): void {
  for (const path of ["deps", "lib", "build"]) {
    try {
      Deno.removeSync(`${dir}/${path}`, { recursive: true });
    } catch { /* absent */ }
  }
}

/** Links a library into the package's deps/ under the names binding.gyp and the addon use. */
function linkDeps(dir: string, tf: TensorflowLibrary): void {
  cleanPackage(dir);
  Deno.mkdirSync(`${dir}/deps/lib`, { recursive: true });
  const library = Deno.realPathSync(tf.library), framework = Deno.realPathSync(tf.framework);
  const libraryName = library.slice(library.lastIndexOf("/") + 1);
  const frameworkName = framework.slice(framework.lastIndexOf("/") + 1);
  const names = new Set([
    "libtensorflow.so",
    "libtensorflow.so.2",
    EXPECTED_LIBRARY,
    libraryName,
    "libtensorflow_cc.so.2",
  ]);
  for (const name of names) Deno.symlinkSync(library, `${dir}/deps/lib/${name}`);
  for (
    const name of new Set([
      "libtensorflow_framework.so",
      "libtensorflow_framework.so.2",
      frameworkName,
    ])
  ) {
    Deno.symlinkSync(framework, `${dir}/deps/lib/${name}`);
  }
  Deno.symlinkSync(Deno.realPathSync(tf.include), `${dir}/deps/include`);
}

/** node-gyp's entry script: `npm_config_node_gyp`, npm's bundled copy, or null. */
async function findNodeGyp(env: Record<string, string | undefined>): Promise<string | null> {
  if (env.npm_config_node_gyp && exists(env.npm_config_node_gyp)) return env.npm_config_node_gyp;
  const npmRoot = await run("npm", ["root", "-g"], { timeoutMs: 30_000 });
  if (npmRoot.code === 0) {
    const script = `${
      npmRoot.output.trim().split("\n")[0]
    }/npm/node_modules/node-gyp/bin/node-gyp.js`;
    if (exists(script)) return script;
  }
  for (const dir of ["/usr/lib/node_modules", "/usr/share/nodejs", "/usr/local/lib/node_modules"]) {
    for (const sub of ["npm/node_modules/node-gyp", "node-gyp"]) {
      if (exists(`${dir}/${sub}/bin/node-gyp.js`)) return `${dir}/${sub}/bin/node-gyp.js`;
    }
  }
  return null;
}

/** The installed Node's prefix (holding include/node/node_api.h), or the reason there is none. */
async function nodePrefix(): Promise<{ node: string; prefix: string } | { error: string }> {
  const r = await run("node", ["-p", "process.execPath"], { timeoutMs: 30_000 });
  if (r.code !== 0) {
    return { error: "no Node.js on PATH (node-gyp needs it: apt-get install nodejs npm)" };
  }
  const node = Deno.realPathSync(r.output.trim());
  const prefix = node.replace(/\/bin\/[^/]+$/, "");
  if (!exists(`${prefix}/include/node/node_api.h`)) {
    return {
      error: `Node's headers are not in ${prefix}/include/node (apt-get install libnode-dev)`,
    };
  }
  return { node, prefix };
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].slice(0, 8).map((b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
}

/** Compiles the addon (or copies one compiled before for the same library and package). */
async function buildAddon(
  dir: string,
  info: PackageInfo,
  tf: TensorflowLibrary,
  tfVersion: string,
  cacheDir: string,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<{ ok: true; cached: boolean } | { ok: false; reason: string }> {
  const key = await sha256(
    [info.version, info.napi, tfVersion, Deno.realPathSync(tf.library), Deno.build.target].join(
      "\n",
    ),
  );
  const cached = `${cacheDir}/addons/${info.version}-tf${tfVersion}-${key}/tfjs_binding.node`;
  const target = bindingPath(dir, info.napi);
  Deno.mkdirSync(target.slice(0, target.lastIndexOf("/")), { recursive: true });
  if (exists(cached)) {
    Deno.copyFileSync(cached, target);
    return { ok: true, cached: true };
  }
  const node = await nodePrefix();
  if ("error" in node) return { ok: false, reason: node.error };
  const gyp = await findNodeGyp(env);
  if (gyp === null) {
    return { ok: false, reason: "node-gyp not found (it comes with npm: apt-get install npm)" };
  }
  log(`setup: compiling tfjs-node's addon against TensorFlow ${tfVersion} (node-gyp, ~15 s)`);
  const r = await run(node.node, [
    gyp,
    "rebuild",
    `--module_name=tfjs_binding`,
    `--module_path=${target.slice(0, target.lastIndexOf("/"))}`,
    `--napi_build_version=${info.napi}`,
  ], {
    cwd: dir,
    env: { npm_config_nodedir: node.prefix, npm_config_devdir: `${cacheDir}/node-gyp` },
  });
  if (r.code !== 0 || !exists(target)) {
    return { ok: false, reason: `node-gyp failed: ${lastLine(r)}` };
  }
  Deno.mkdirSync(cached.slice(0, cached.lastIndexOf("/")), { recursive: true });
  Deno.copyFileSync(target, cached);
  try {
    Deno.removeSync(`${dir}/build`, { recursive: true });
  } catch { /* nothing to tidy */ }
  return { ok: true, cached: false };
}

/** Loads tfjs-node in a fresh process and runs one product; null when it works, else why not. */
async function trialLoad(root: string): Promise<string | null> {
  const native = new URL("../model/backend/native.ts", import.meta.url).href;
  const code = `import * as tf from "@tensorflow/tfjs";
import { loadNativeBackend } from "${native}";
const r = await loadNativeBackend("tensorflow", ${JSON.stringify(root)});
if (!r.ok) { console.log(r.reason); Deno.exit(1); }
const v = tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).dataSync();
if (v[0] !== 3) { console.log("a 2×3 by 3×2 product of ones gave " + v[0]); Deno.exit(1); }`;
  const r = await run(Deno.execPath(), ["eval", code], {
    cwd: root,
    env: { TF_CPP_MIN_LOG_LEVEL: "2" },
    timeoutMs: 120_000,
  });
  return r.code === 0 ? null : lastLine(r);
}

/** Python interpreters that may have TensorFlow installed. */
function pythons(root: string): string[] {
  return [`${root}/.venv/bin/python`, "/usr/bin/python3", "python3"];
}

async function pythonTensorflow(root: string): Promise<TensorflowLibrary | { missing: string }> {
  const probe = `import importlib.util, importlib.metadata, json, os
spec = importlib.util.find_spec("tensorflow")
version = None
for name in ("tensorflow", "tensorflow-cpu", "tensorflow-gpu", "tf-nightly"):
    try:
        version = importlib.metadata.version(name); break
    except importlib.metadata.PackageNotFoundError:
        pass
print(json.dumps({"dir": os.path.dirname(spec.origin) if spec and spec.origin else None, "version": version}))`;
  for (const python of pythons(root)) {
    const r = await run(python, ["-c", probe], { timeoutMs: 60_000 });
    if (r.code !== 0) continue;
    const found = JSON.parse(r.output.trim().split("\n").pop() ?? "{}");
    if (!found.dir) continue;
    return findTensorflowLibrary(
      found.dir,
      `the TensorFlow ${found.version ?? ""} Python package of ${python}`,
    );
  }
  return { missing: "no TensorFlow Python package installed" };
}

/** Unpacks the libraries and C headers of a TensorFlow wheel into `dest` (with Python's zipfile). */
async function unpackWheel(wheel: string, dest: string): Promise<string | null> {
  const code = `import sys, zipfile
wheel, dest, prefixes = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    names = [n for n in z.namelist() if any(n == p or (p.endswith("/") and n.startswith(p)) for p in prefixes)]
    for n in names: z.extract(n, dest)
print(len(names))`;
  for (const python of ["/usr/bin/python3", "python3"]) {
    const r = await run(python, [
      "-c",
      code,
      wheel,
      `${dest}.partial`,
      ...WHEEL_LIBRARIES,
      ...WHEEL_HEADERS,
    ]);
    if (r.code === 127) continue;
    if (r.code !== 0) return `unpacking ${wheel} failed: ${lastLine(r)}`;
    try {
      Deno.removeSync(dest, { recursive: true });
    } catch { /* first unpack */ }
    Deno.renameSync(`${dest}.partial`, dest);
    return null;
  }
  return "no python3 to unpack the wheel";
}

async function pipTensorflow(
  root: string,
  cacheDir: string,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<TensorflowLibrary | { missing: string }> {
  if (Deno.build.os !== "linux" || Deno.build.arch !== "x86_64") {
    return {
      missing: `the tensorflow-cpu wheel is used on Linux x86-64 only (here ${Deno.build.target})`,
    };
  }
  const version = TENSORFLOW_WHEEL_VERSION;
  const unpacked = `${cacheDir}/tensorflow-cpu-${version}`;
  const ready = findTensorflowLibrary(
    unpacked,
    `the tensorflow-cpu ${version} wheel (unpacked in ${unpacked})`,
  );
  if ("library" in ready) return ready;
  const wheels = `${cacheDir}/wheels`;
  const find = () => {
    try {
      return [...Deno.readDirSync(wheels)].map((e) => e.name)
        .find((n) => n.startsWith(`tensorflow_cpu-${version}-`) && n.endsWith(".whl")) ?? null;
    } catch {
      return null;
    }
  };
  let wheel = find();
  if (wheel === null) {
    log(`setup: downloading the tensorflow-cpu ${version} wheel with pip (for its C library)`);
    const args = [
      "-m",
      "pip",
      "download",
      "--no-deps",
      "--disable-pip-version-check",
      "--only-binary=:all:",
      "--platform",
      "manylinux_2_27_x86_64",
      "--python-version",
      "3.11",
      "--implementation",
      "cp",
      "--abi",
      "cp311",
      `tensorflow-cpu==${version}`,
      "-d",
      wheels,
    ];
    let last: Run | null = null;
    for (const python of pythons(root)) {
      last = await run(python, args, { env: { PIP_RETRIES: env.PIP_RETRIES ?? "0" } });
      if (last.code === 0) break;
    }
    wheel = find();
    if (wheel === null) {
      return {
        missing: `pip could not download tensorflow-cpu==${version}: ${
          last ? lastLine(last) : "no pip"
        }`,
      };
    }
  }
  log(`setup: unpacking TensorFlow's C library from ${wheel}`);
  const failed = await unpackWheel(`${wheels}/${wheel}`, unpacked);
  if (failed) return { missing: failed };
  // The unpacked library is all that is used; pip fetches the wheel again if it is ever deleted.
  await Deno.remove(`${wheels}/${wheel}`).catch(() => {});
  return findTensorflowLibrary(unpacked, `the tensorflow-cpu ${version} wheel from pip's index`);
}

/** tfjs-node's own install script (downloads libtensorflow 2.9.1 and a prebuilt addon). */
async function ownInstall(
  dir: string,
  info: PackageInfo,
  env: Record<string, string | undefined>,
): Promise<string | null> {
  try {
    const head = await fetch(LIBTENSORFLOW_URL, {
      method: "HEAD",
      signal: AbortSignal.timeout(5000),
    });
    await head.body?.cancel();
    if (!head.ok) return `its download answers ${head.status}`;
  } catch {
    return "its download site is unreachable";
  }
  // npm would put the dependencies' commands on PATH: the script calls `node-pre-gyp`, which
  // sits beside the package in Deno's node_modules/.deno/<package>/node_modules.
  const bin = await Deno.makeTempDir({ prefix: "tfjs-node-bin-" });
  try {
    Deno.symlinkSync(
      Deno.realPathSync(`${dir}/../../@mapbox/node-pre-gyp/bin/node-pre-gyp`),
      `${bin}/node-pre-gyp`,
    );
  } catch { /* not there: the script says so */ }
  const node = await nodePrefix();
  const gyp = await findNodeGyp(env);
  const r = await run("node", ["scripts/install.js"], {
    cwd: dir,
    env: {
      PATH: `${bin}:${env.PATH ?? "/usr/bin:/bin"}`,
      ...("error" in node ? {} : { npm_config_nodedir: node.prefix }),
      ...(gyp ? { npm_config_node_gyp: gyp } : {}),
    },
  });
  await Deno.remove(bin, { recursive: true }).catch(() => {});
  return exists(bindingPath(dir, info.napi)) ? null : `its install script failed: ${lastLine(r)}`;
}

/**
 * Makes sure tfjs-node's addon is built and loads (see the module's description). Never throws:
 * when nothing works the result says why, in one line, and training falls back to `fast-cpu`.
 */
export async function ensureTfjsNode(options: TfjsNodeOptions = {}): Promise<TfjsNodeResult> {
  const root = options.root ?? projectRoot();
  const env = options.env ?? readEnv();
  const log = options.log ?? ((line: string) => console.error(line));
  const cacheDir = options.cacheDir ?? tfjsNodeCacheDir(env, root);
  const dir = packageDir(root);
  if (dir === null) {
    return {
      ok: false,
      changed: false,
      message: `${PACKAGE} is not in node_modules (deno install)`,
    };
  }
  const info = packageInfo(dir);
  const stampFile = `${dir}/deps/${STAMP}`;
  const folder = env[TENSORFLOW_LIB_DIR_ENV] || null;
  const built = (): string | null => {
    try {
      const stamp = JSON.parse(Deno.readTextFileSync(stampFile));
      const current = exists(bindingPath(dir, info.napi)) &&
        exists(`${dir}/deps/lib/${EXPECTED_LIBRARY}`);
      // A TENSORFLOW_LIB_DIR set after the build asks for that library instead.
      return current && (folder === null || stamp.folder === folder) ? stamp.message : null;
    } catch {
      return null; // not built by this workspace yet
    }
  };
  const done = built();
  if (done !== null) return { ok: true, changed: false, message: done };
  // Processes that start together (test files run in parallel) build one after the other.
  using lock = await Deno.open(`${dir}/package.json`, { read: true });
  await lock.lock(true);
  const doneMeanwhile = built();
  if (doneMeanwhile !== null) return { ok: true, changed: false, message: doneMeanwhile };
  // A failure is remembered per package folder and choice of sources, so that every
  // `deno task run` does not retry pip and the compiler; a fresh `deno install` or another
  // TENSORFLOW_LIB_DIR tries again.
  const failureFile = `${dir}/${FAILURE_STAMP}`;
  const attempt = JSON.stringify({ sources: options.sources ?? TENSORFLOW_SOURCES, folder });
  try {
    const failure = JSON.parse(Deno.readTextFileSync(failureFile));
    if (failure.attempt === attempt) {
      return {
        ok: false,
        changed: false,
        message: `${failure.message} (remembered: delete ${failureFile} to retry)`,
      };
    }
  } catch { /* no failure remembered */ }

  const reasons: string[] = [];
  for (const source of options.sources ?? TENSORFLOW_SOURCES) {
    let tf: TensorflowLibrary | { missing: string };
    if (source === "download") {
      const failed = await ownInstall(dir, info, env);
      if (failed === null) {
        const why = await trialLoad(root);
        if (why === null) {
          const message =
            `tfjs-node ${info.version} installed by its own script (libtensorflow 2.9.1)`;
          Deno.writeTextFileSync(stampFile, JSON.stringify({ source, message }) + "\n");
          try {
            Deno.removeSync(failureFile);
          } catch { /* none */ }
          return { ok: true, changed: true, message };
        }
        reasons.push(`tfjs-node's own install: ${why}`);
      } else reasons.push(`tfjs-node's own install: ${failed}`);
      cleanPackage(dir);
      continue;
    }
    if (source === "env") {
      if (!folder) continue;
      tf = findTensorflowLibrary(folder, `${TENSORFLOW_LIB_DIR_ENV}=${folder}`);
    } else if (source === "python") tf = await pythonTensorflow(root);
    else tf = await pipTensorflow(root, cacheDir, env, log);
    if ("missing" in tf) {
      reasons.push(`${SOURCE_LABELS[source](env)}: ${tf.missing}`);
      continue;
    }
    const version = await tensorflowVersion(tf.library);
    if ("error" in version) {
      reasons.push(`${tf.origin}: cannot load ${tf.library} (${version.error})`);
      continue;
    }
    if (!tensorflowVersionOk(version.version)) {
      reasons.push(
        `${tf.origin}: TensorFlow ${version.version} is older than ${
          MIN_TENSORFLOW_VERSION.join(".")
        }`,
      );
      continue;
    }
    linkDeps(dir, tf);
    const addon = await buildAddon(dir, info, tf, version.version, cacheDir, env, log);
    if (!addon.ok) {
      cleanPackage(dir);
      reasons.push(`${tf.origin}: ${addon.reason}`);
      continue;
    }
    const why = await trialLoad(root);
    if (why !== null) {
      cleanPackage(dir);
      reasons.push(`${tf.origin}: the built addon does not load (${why})`);
      continue;
    }
    try {
      Deno.removeSync(failureFile);
    } catch { /* none */ }
    const message = `tfjs-node ${info.version} ${
      addon.cached ? "linked (addon from the cache)" : "built"
    } against TensorFlow ${version.version} from ${tf.origin}${
      reasons.length ? ` (not used: ${reasons.join("; ")})` : ""
    }`;
    Deno.writeTextFileSync(
      stampFile,
      JSON.stringify({ source, folder, origin: tf.origin, tensorflow: version.version, message }) +
        "\n",
    );
    return { ok: true, changed: true, message };
  }
  const message = `tfjs-node not available, training uses fast-cpu: ${
    reasons.length ? reasons.join("; ") : "no TensorFlow source tried"
  }`;
  try {
    Deno.writeTextFileSync(failureFile, JSON.stringify({ attempt, message }) + "\n");
  } catch { /* read-only package folder: retried next time */ }
  return { ok: false, changed: false, message };
}
