/**
 * Chooses the training backend: with `auto`, the fastest one available for the kind of network —
 * tfjs-node-gpu first; then, for plain convolutional networks (the paper's CNN and its variants),
 * the workspace's `fast-cpu` when its convolutions run on oneDNN, then tfjs-node; for networks
 * with batch normalisation (the FMA study's classifiers), tfjs-node before `fast-cpu`, whose
 * batch-norm kernels are tfjs's JavaScript ones; then `fast-cpu` (OpenBLAS), then plain `cpu`.
 * Measured by `deno task bench train` on a 2-core x86 machine: the paper CNN at 376 samples/s on
 * fast-cpu/oneDNN, 158 on tfjs-node, 186 in PyTorch; the study's classifiers at ~10 samples/s on
 * fast-cpu against ~73 on tfjs-node. tfjs-node(-gpu) is used only when its addon is built
 * (`deno task setup` builds tfjs-node). The choice is said once, with why the faster ones were
 * passed over. A backend named in the configuration (`model.backend`) is used or the choice fails
 * with the reason and what to install; `auto` never fails.
 *
 * @example
 * ```ts
 * import { selectBackend } from "./select.ts";
 * const choice = await selectBackend("auto");
 * console.log(choice.name, choice.tfBackend); // e.g. "fast-cpu" "fast-cpu"
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { type Config, projectRoot } from "../../config.ts";
import { FAST_CPU, registerFastCpu } from "./fast_cpu.ts";
import { loadNativeBackend } from "./native.ts";
import { registerWasm } from "./wasm.ts";
import { registerWebgpu } from "./webgpu.ts";

/** A backend name of the configuration (`model.backend`). */
export type BackendName = Config["model"]["backend"];

/**
 * What a backend is chosen for: `plain` convolutional networks (conv, pooling, dense: the paper's
 * CNN) or networks with `batch-norm` layers (the FMA study's classifiers); `auto`'s order differs.
 */
export type NetworkKind = "plain" | "batch-norm";

/** The backends `auto` tries for a kind of network, fastest first (see the module's description). */
export function autoOrder(kind: NetworkKind = "plain"): readonly Exclude<BackendName, "auto">[] {
  const fast = registerFastCpu();
  const onednn = kind === "plain" && fast.ok && fast.convolutions?.startsWith("oneDNN") === true;
  return onednn
    ? ["tensorflow-gpu", "fast-cpu", "tensorflow", "cpu"]
    : ["tensorflow-gpu", "tensorflow", "fast-cpu", "cpu"];
}

/** What {@link selectBackend} chose. */
export interface BackendChoice {
  /** The configuration's name of the backend in use. */
  name: Exclude<BackendName, "auto">;
  /** tfjs's name of it (`tf.getBackend()`). */
  tfBackend: string;
  /** What was asked for. */
  requested: BackendName;
  /** The kind of network it was chosen for. */
  network: NetworkKind;
  /** Faster backends passed over, with the reason each was. */
  skipped: { name: BackendName; reason: string }[];
  /** One line for a log: the choice and, briefly, why. */
  summary: string;
}

/** Raised when the configured backend cannot be used; the message says why. */
export class BackendUnavailableError extends Error {
  /** Creates the error; `message` says why the backend cannot be used. */
  constructor(message: string) {
    super(message);
    this.name = "BackendUnavailableError";
  }
}

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Where the one line about the choice goes; default stderr. Called once per process. */
  log?: (line: string) => void;
  /** Project root whose node_modules holds tfjs-node; default {@link projectRoot}. */
  root?: string;
  /** The kind of network to train; `auto`'s order depends on it (default `plain`). */
  network?: NetworkKind;
}

let current: BackendChoice | null = null;
let announced = false;

async function tryBackend(
  name: Exclude<BackendName, "auto">,
  root: string,
): Promise<{ ok: true; tfBackend: string; detail: string } | { ok: false; reason: string }> {
  if (name === "tensorflow" || name === "tensorflow-gpu") {
    const loaded = await loadNativeBackend(name, root);
    if (!loaded.ok) return loaded;
    const detail = loaded.warning ? `${loaded.detail}; warning: ${loaded.warning}` : loaded.detail;
    return { ok: true, tfBackend: loaded.tfBackend, detail };
  }
  if (name === "fast-cpu") {
    const fast = registerFastCpu();
    if (!fast.ok) return { ok: false, reason: fast.reason };
    if (!(await tf.setBackend(FAST_CPU))) return { ok: false, reason: "setBackend failed" };
    return {
      ok: true,
      tfBackend: FAST_CPU,
      detail:
        `OpenBLAS ${fast.library}, ${fast.threads} threads; convolutions: ${fast.convolutions}`,
    };
  }
  if (name === "webgpu") {
    const webgpu = await registerWebgpu();
    if (!webgpu.ok) return webgpu;
    return { ok: true, tfBackend: "webgpu", detail: webgpu.detail };
  }
  if (name === "wasm") {
    const wasm = registerWasm();
    if (!wasm.ok) return wasm;
    if (!(await tf.setBackend("wasm"))) return { ok: false, reason: "setBackend(wasm) failed" };
    return { ok: true, tfBackend: "wasm", detail: "XNNPACK, one thread" };
  }
  if (!(await tf.setBackend("cpu"))) return { ok: false, reason: "setBackend(cpu) failed" };
  // tfjs advertises tfjs-node on the cpu backend's first write; the choice is logged here.
  (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
  return { ok: true, tfBackend: "cpu", detail: "pure JavaScript, slow for training" };
}

/** A reason without its trailing parenthesis (what to install), for the one-line summary. */
function briefly(reason: string): string {
  return reason.replace(/ \((?:run|add) .*\)$/s, "");
}

/**
 * Sets tfjs's backend per `requested` (see the module's description) and returns the choice.
 * Calling it again with the same request returns the same choice without logging again.
 *
 * @throws {BackendUnavailableError} when a specific backend was asked for and cannot be used.
 */
export async function selectBackend(
  requested: BackendName = "auto",
  options: SelectBackendOptions = {},
): Promise<BackendChoice> {
  const network = options.network ?? "plain";
  if (
    current && current.requested === requested && current.network === network &&
    tf.getBackend() === current.tfBackend
  ) {
    return current;
  }
  const log = options.log ?? ((line: string) => console.error(line));
  const candidates = requested === "auto" ? autoOrder(network) : [requested];
  const skipped: BackendChoice["skipped"] = [];
  for (const name of candidates) {
    const result = await tryBackend(name, options.root ?? projectRoot());
    if (!result.ok) {
      skipped.push({ name, reason: result.reason });
      continue;
    }
    const why = requested !== "auto"
      ? "as configured"
      : skipped.length === 0
      ? `the fastest for a ${network} network, installed`
      : `the fastest one that loads for a ${network} network`;
    const passed = skipped.length
      ? `; not used: ${skipped.map((s) => `${s.name} (${briefly(s.reason)})`).join(", ")}`
      : "";
    current = {
      name,
      tfBackend: result.tfBackend,
      requested,
      network,
      skipped,
      summary: `backend: ${name} (${result.detail}; ${why})${passed}`,
    };
    if (!announced) {
      announced = true;
      log(current.summary);
    }
    return current;
  }
  throw new BackendUnavailableError(
    `model.backend is "${requested}" but it cannot be used: ${
      skipped.map((s) => s.reason).join("; ")
    }. Set model.backend (HSS_MODEL_BACKEND) to "auto" to fall back to the fastest available.`,
  );
}
