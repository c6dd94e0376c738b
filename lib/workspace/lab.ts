/**
 * JupyterLab on the workspace: runs setup, then the Jupyter environment's `jupyter lab` with the
 * project root as its root folder (notebooks/ and outputs/ side by side), a token printed in the
 * URL, and the configuration passed to the kernels as `HSS_*` variables.
 *
 * ```sh
 * deno task lab                                  # http://127.0.0.1:8888/lab?token=…
 * deno task lab --size tiny                      # notebooks on the tiny demo corpus
 * HSS_DATASET_DEMO_SIZE=tiny deno task lab       # the same through the environment
 * deno task lab --port 9000 --ip 0.0.0.0         # reachable from other machines
 * deno task lab -- --ServerApp.iopub_data_rate_limit=1e10   # anything after -- goes to Jupyter
 * ```
 *
 * Ctrl-C stops the server, which shuts its kernels down first. A running Deno kernel never
 * re-imports a changed module: after editing lib/, restart the kernel (Kernel → Restart).
 *
 * @example
 * ```ts
 * import { startLab } from "./lab.ts";
 * const lab = await startLab({ port: 8890 });
 * console.log(lab.url);
 * await lab.stop();
 * ```
 * @module
 */
import { parseArgs } from "node:util";
import {
  type Config,
  ConfigError,
  configOverrides,
  configToEnv,
  loadConfig,
  projectRoot,
} from "../config.ts";
import { ensureSetup, SetupError } from "./setup.ts";

/** Port JupyterLab listens on unless told otherwise (Jupyter's own default). */
const DEFAULT_PORT = 8888;

/** Address JupyterLab listens on unless told otherwise: this machine only. */
const DEFAULT_IP = "127.0.0.1";

/** Raised when JupyterLab does not start; the message says why. */
export class LabError extends Error {
  /** Creates the error; `message` says what went wrong and where to look. */
  constructor(message: string) {
    super(message);
    this.name = "LabError";
  }
}

/** Options of {@link startLab}. */
export interface LabOptions {
  /** Root folder the lab shows; default the project root. */
  root?: string;
  /** Port to listen on; default {@link DEFAULT_PORT}. A busy port is an error, not a retry. */
  port?: number;
  /** Address to listen on; default {@link DEFAULT_IP}; `0.0.0.0` for every interface. */
  ip?: string;
  /** Access token; default a fresh random one. */
  token?: string;
  /** Open a browser on the lab; default only when the machine has a display. */
  openBrowser?: boolean;
  /** Configuration the kernels read (as `HSS_*` variables); default {@link loadConfig}(). */
  config?: Config;
  /** Further environment variables for the server and its kernels. */
  env?: Record<string, string>;
  /** Further arguments for `jupyter lab`. */
  extraArgs?: readonly string[];
  /** Write the server's output to this file instead of this process's stdout and stderr. */
  logFile?: string;
  /** Milliseconds to wait for the server to answer; default 120,000. */
  readyTimeoutMs?: number;
  /** Aborting it while the server starts stops the server (e.g. a Ctrl-C during the start). */
  signal?: AbortSignal;
  /** Progress lines; default stderr. */
  log?: (line: string) => void;
}

/** A running JupyterLab server. */
export interface Lab {
  /** The URL to open, token included. */
  url: string;
  /** Base URL this machine reaches the server at, e.g. `http://127.0.0.1:8888/`. */
  baseUrl: string;
  /** The access token (send as `Authorization: token …` to the REST API). */
  token: string;
  /** Process id of the server. */
  pid: number;
  /** Resolves when the server exits. */
  status: Promise<Deno.CommandStatus>;
  /**
   * Stops the server with SIGTERM, on which it shuts down its kernels and exits (SIGKILL after
   * `graceMs`, default 20,000); resolves with its exit status.
   */
  stop(graceMs?: number): Promise<Deno.CommandStatus>;
}

/** Whether a browser could be opened here (a graphical session, or not Linux). */
function hasDisplay(env: Record<string, string | undefined> = Deno.env.toObject()): boolean {
  if (Deno.build.os !== "linux") return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** The arguments of `jupyter lab` for the given options (without extra arguments). */
function labArgs(
  options: { root: string; port: number; ip: string; token: string; openBrowser: boolean },
): string[] {
  return [
    "lab",
    `--ServerApp.root_dir=${options.root}`,
    `--ServerApp.ip=${options.ip}`,
    `--ServerApp.port=${options.port}`,
    // A busy port fails instead of moving to the next one, so the printed URL is right.
    "--ServerApp.port_retries=0",
    `--IdentityProvider.token=${options.token}`,
    ...(options.openBrowser ? [] : ["--no-browser"]),
    // Jupyter refuses to start as root unless told; containers and CI machines often run as root.
    ...(isRoot() ? ["--ServerApp.allow_root=True"] : []),
  ];
}

function isRoot(): boolean {
  try {
    return Deno.uid() === 0;
  } catch {
    return false;
  }
}

function randomToken(): string {
  return [...crypto.getRandomValues(new Uint8Array(24))]
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The host name to print in a URL for a listening address. */
function urlHost(ip: string): string {
  if (ip === "0.0.0.0" || ip === "" || ip === "*") return Deno.hostname();
  return ip.includes(":") ? `[${ip}]` : ip;
}

/** The address this machine reaches a server listening on `ip` at. */
function localHost(ip: string): string {
  if (ip === "0.0.0.0" || ip === "" || ip === "*" || ip === "localhost") return "127.0.0.1";
  if (ip === "::") return "[::1]";
  return ip.includes(":") ? `[${ip}]` : ip;
}

async function pump(stream: ReadableStream<Uint8Array>, file: Deno.FsFile): Promise<void> {
  for await (const chunk of stream) await file.write(chunk);
}

/**
 * Runs setup, starts `jupyter lab` from the Jupyter environment and waits until it answers.
 *
 * @throws {LabError} when the server exits or does not answer in time (e.g. a busy port).
 * @throws {SetupError} when setup cannot complete.
 */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const log = options.log ?? ((line: string) => console.error(line));
  const root = options.root ?? projectRoot();
  const port = options.port ?? DEFAULT_PORT;
  const ip = options.ip ?? DEFAULT_IP;
  const token = options.token ?? randomToken();
  const setup = await ensureSetup({ log });
  const config = options.config ?? loadConfig();
  const args = [
    ...labArgs({ root, port, ip, token, openBrowser: options.openBrowser ?? hasDisplay() }),
    ...options.extraArgs ?? [],
  ];
  const logFile = options.logFile
    ? await Deno.open(options.logFile, { create: true, write: true, truncate: true })
    : null;
  // Detached (its own session): a Ctrl-C in the terminal reaches this process only, which then
  // stops the server with SIGTERM; Jupyter answers a SIGINT with a prompt or an exit that leaves
  // its kernels running.
  const child = new Deno.Command(setup.jupyter, {
    args,
    cwd: root,
    env: { ...configToEnv(config), ...options.env },
    stdin: "null",
    stdout: logFile ? "piped" : "inherit",
    stderr: logFile ? "piped" : "inherit",
    detached: true,
  }).spawn();
  const pumped = logFile
    ? Promise.all([pump(child.stdout, logFile), pump(child.stderr, logFile)])
      .finally(() => logFile.close())
    : Promise.resolve();
  const status = child.status.then(async (s) => {
    await pumped.catch(() => {});
    return s;
  });
  const state: { exited: Deno.CommandStatus | null } = { exited: null };
  status.then((s) => (state.exited = s));
  const stop = async (graceMs = 20_000): Promise<Deno.CommandStatus> => {
    if (state.exited) return state.exited;
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
    const timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
    }, graceMs);
    try {
      return await status;
    } finally {
      clearTimeout(timer);
    }
  };
  const baseUrl = `http://${localHost(ip)}:${port}/`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  const where = options.logFile ? ` (its output: ${options.logFile})` : "";
  while (true) {
    if (options.signal?.aborted) {
      await stop();
      throw new LabError("interrupted while jupyter lab was starting; the server is stopped");
    }
    if (state.exited) {
      throw new LabError(
        `jupyter lab exited with code ${state.exited.code} before answering${where}`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new LabError(`jupyter lab did not answer at ${baseUrl} in time${where}`);
    }
    try {
      const r = await fetch(`${baseUrl}api/status`, {
        headers: { Authorization: `token ${token}` },
      });
      await r.body?.cancel();
      if (r.ok) break;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url: `http://${urlHost(ip)}:${port}/lab?token=${token}`,
    baseUrl,
    token,
    pid: child.pid,
    status,
    stop,
  };
}

const USAGE = `deno task lab [options] [-- jupyter lab arguments]
  --port N         port (default ${DEFAULT_PORT}; a busy port is an error)
  --ip ADDRESS     address to listen on (default ${DEFAULT_IP}; 0.0.0.0 for remote use)
  --token TOKEN    access token (default a random one, printed in the URL)
  --no-browser     do not open a browser (the default without a display)
  --browser        open a browser
  --dataset NAME   dataset source the notebooks read
  --size SIZE      demo corpus size: tiny | default | paper
  --set PATH=VAL   any config field, e.g. --set model.epochs=5 (repeatable)
HSS_* environment variables configure the notebooks too (e.g. HSS_DATASET_DEMO_SIZE=tiny).
After editing lib/, restart the kernel (Kernel → Restart): a running kernel keeps old modules.`;

if (import.meta.main) {
  const dash = Deno.args.indexOf("--");
  const own = dash < 0 ? Deno.args : Deno.args.slice(0, dash);
  const extraArgs = dash < 0 ? [] : Deno.args.slice(dash + 1);
  let values;
  try {
    ({ values } = parseArgs({
      args: own,
      options: {
        port: { type: "string" },
        ip: { type: "string" },
        token: { type: "string" },
        "no-browser": { type: "boolean" },
        browser: { type: "boolean" },
        dataset: { type: "string" },
        size: { type: "string" },
        set: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
    Deno.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    Deno.exit(0);
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port expects a port number, got "${values.port}"\n\n${USAGE}`);
    Deno.exit(2);
  }
  try {
    const config = loadConfig({ overrides: configOverrides(values) });
    const ip = values.ip ?? DEFAULT_IP;
    // Signals are handled from the start: the server runs detached, so a Ctrl-C while it starts
    // must stop it too rather than leave it behind.
    const starting = new AbortController();
    let lab: Lab | null = null;
    let stopping = false;
    const onSignal = async () => {
      if (stopping) return;
      stopping = true;
      if (lab === null) return starting.abort();
      console.error("lab: stopping JupyterLab (its kernels first)…");
      const s = await lab.stop();
      Deno.exit(s.signal === "SIGKILL" ? 1 : 0);
    };
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      Deno.addSignalListener(signal, onSignal);
    }
    lab = await startLab({
      port,
      ip,
      token: values.token,
      openBrowser: values.browser ? true : values["no-browser"] ? false : undefined,
      config,
      extraArgs,
      signal: starting.signal,
    });
    console.error(`\nlab: JupyterLab is running at\n\n    ${lab.url}\n`);
    if (ip !== "127.0.0.1" && ip !== "localhost") {
      console.error(
        `lab: listening on ${ip}: anyone who can reach port ${port} and has the token can run code here`,
      );
    } else {
      console.error(
        `lab: from another machine: ssh -L ${port}:localhost:${port} <this host>, then open the URL above`,
      );
    }
    console.error(
      `lab: Ctrl-C stops it. After editing lib/, restart the kernel (Kernel → Restart).\n`,
    );
    const s = await lab.status;
    if (!stopping) Deno.exit(s.code);
  } catch (error) {
    const known = error instanceof SetupError || error instanceof ConfigError ||
      error instanceof LabError;
    console.error(known ? `lab: ${error.message}` : error);
    Deno.exit(1);
  }
}
