/**
 * TensorFlow's native library through `@tensorflow/tfjs-node` (CPU) or
 * `@tensorflow/tfjs-node-gpu` (CUDA). tfjs-node is a dependency of the workspace (deno.json), but
 * Deno does not run npm install scripts, so its compiled addon exists only once `deno task setup`
 * has obtained it: tfjs-node's own download on a connected machine, otherwise built against a
 * TensorFlow C library found locally (see lib/workspace/tfjs_node.ts). tfjs-node-gpu is never
 * installed by setup (it needs CUDA 11.2 + cuDNN 8.1; with anything else it silently runs on the
 * CPU, which {@link loadNativeBackend} reports).
 *
 * This module only finds and loads what is there; it never downloads or builds anything.
 *
 * @example
 * ```ts
 * import { loadNativeBackend } from "./native.ts";
 * const result = await loadNativeBackend("tensorflow");
 * console.log(result.ok ? result.detail : result.reason); // e.g. "TensorFlow 2.21.0 C library"
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { projectRoot } from "../../config.ts";
import { installNodeUtilShim } from "./node_util_shim.ts";

/** The two native backends, by the configuration's names. */
export type NativeBackend = "tensorflow" | "tensorflow-gpu";

/** npm package of each native backend. */
export const NATIVE_PACKAGES: Readonly<Record<NativeBackend, string>> = {
  "tensorflow": "@tensorflow/tfjs-node",
  "tensorflow-gpu": "@tensorflow/tfjs-node-gpu",
};

/** What to do to get each native backend, for messages. */
const NATIVE_INSTALL_HINTS: Readonly<Record<NativeBackend, string>> = {
  "tensorflow": "run `deno task setup`: it builds @tensorflow/tfjs-node against TensorFlow's C " +
    "library (tfjs-node's own download when online; else an installed TensorFlow, the " +
    "tensorflow-cpu wheel from pip's index, or the folder in TENSORFLOW_LIB_DIR)",
  "tensorflow-gpu": "add @tensorflow/tfjs-node-gpu@4.22.0 on a machine with CUDA 11.2 and " +
    "cuDNN 8.1 (`deno add npm:@tensorflow/tfjs-node-gpu@4.22.0 && deno install " +
    "--allow-scripts=npm:@tensorflow/tfjs-node-gpu`)",
};

/** Outcome of {@link loadNativeBackend}: ok with a one-line description, or why not. */
export type NativeLoad =
  | { ok: true; tfBackend: string; detail: string; warning?: string }
  | { ok: false; reason: string };

/** Folder of an installed npm package under `<root>/node_modules`, or null. */
function nativePackageDir(pkg: string, root: string = projectRoot()): string | null {
  try {
    return Deno.realPathSync(`${root}/node_modules/${pkg}`);
  } catch {
    return null;
  }
}

/** The compiled binding of an installed package, or null (looked for under lib/napi-v*). */
function findNativeBinding(pkg: string, root: string = projectRoot()): string | null {
  const dir = nativePackageDir(pkg, root);
  if (dir === null) return null;
  try {
    for (const entry of Deno.readDirSync(`${dir}/lib`)) {
      if (!entry.name.startsWith("napi-v")) continue;
      const binding = `${dir}/lib/${entry.name}/tfjs_binding.node`;
      try {
        if (Deno.statSync(binding).isFile) return binding;
      } catch { /* not in this napi folder */ }
    }
  } catch { /* no lib/ folder: the addon was never built */ }
  return null;
}

interface NodeBackendInfo {
  binding?: { TF_Version?: string };
  isGPUPackage?: boolean;
  isUsingGpuDevice?: boolean;
}

/**
 * Imports the native package when it is installed with its binding (after the `node:util` shim);
 * the package registers the `tensorflow` tfjs backend itself. Never downloads anything.
 */
export async function loadNativeBackend(
  which: NativeBackend,
  root: string = projectRoot(),
): Promise<NativeLoad> {
  const pkg = NATIVE_PACKAGES[which];
  if (nativePackageDir(pkg, root) === null) {
    return { ok: false, reason: `${pkg} not installed (${NATIVE_INSTALL_HINTS[which]})` };
  }
  if (!findNativeBinding(pkg, root)) {
    return {
      ok: false,
      reason: `${pkg} is installed but its addon is not built (${NATIVE_INSTALL_HINTS[which]})`,
    };
  }
  try {
    installNodeUtilShim();
    // TensorFlow's C++ INFO lines (oneDNN, CPU features) would otherwise open every run.
    if (Deno.env.get("TF_CPP_MIN_LOG_LEVEL") === undefined) {
      Deno.env.set("TF_CPP_MIN_LOG_LEVEL", "1");
    }
    // A computed specifier: tfjs-node-gpu is absent from deno.json, and neither is type-checked.
    const specifier = pkg;
    await import(specifier);
    if (!(await tf.setBackend("tensorflow"))) {
      return { ok: false, reason: `${pkg} loaded but tfjs could not initialise its backend` };
    }
  } catch (error) {
    return {
      ok: false,
      reason: `${pkg} is installed but failed to load: ${
        error instanceof Error ? error.message.split("\n")[0] : String(error)
      } (${NATIVE_INSTALL_HINTS[which]})`,
    };
  }
  const info = tf.backend() as unknown as NodeBackendInfo;
  const version = info.binding?.TF_Version ?? "unknown version";
  if (which === "tensorflow-gpu" && info.isUsingGpuDevice === false) {
    return {
      ok: true,
      tfBackend: "tensorflow",
      detail: `${pkg}, TensorFlow ${version}, running on the CPU`,
      warning: `${pkg} found no usable GPU and runs on the CPU: it needs CUDA 11.2 and cuDNN 8.1 ` +
        `(with other versions TensorFlow silently falls back to the CPU)`,
    };
  }
  return { ok: true, tfBackend: "tensorflow", detail: `${pkg}, TensorFlow ${version} C library` };
}
