/**
 * TensorFlow's native library through `@tensorflow/tfjs-node` (CPU) or
 * `@tensorflow/tfjs-node-gpu` (CUDA): fastest where they can be installed. Their npm install
 * script downloads libtensorflow from the internet, so they are never a dependency of the
 * workspace; on a machine with internet they are added with
 * `deno add npm:@tensorflow/tfjs-node@4.22.0 && deno install --allow-scripts=npm:@tensorflow/tfjs-node`
 * (or `…-node-gpu`, which needs CUDA 11.2 and cuDNN 8.1 and otherwise runs on the CPU), and this
 * module finds them: only when the package and its compiled binding are in node_modules.
 *
 * @example
 * ```ts
 * import { loadNativeBackend } from "./native.ts";
 * const result = await loadNativeBackend("tensorflow");
 * console.log(result.ok ? "tfjs-node registered" : result.reason);
 * ```
 * @module
 */
import { projectRoot } from "../../config.ts";

/** The two native backends, by the configuration's names. */
export type NativeBackend = "tensorflow" | "tensorflow-gpu";

/** npm package of each native backend. */
export const NATIVE_PACKAGES: Readonly<Record<NativeBackend, string>> = {
  "tensorflow": "@tensorflow/tfjs-node",
  "tensorflow-gpu": "@tensorflow/tfjs-node-gpu",
};

/** Outcome of {@link loadNativeBackend}: ok, or why not. */
export type NativeLoad = { ok: true; tfBackend: string } | { ok: false; reason: string };

/** The compiled binding of an installed package, or null (looked for under lib/napi-v*). */
export function findNativeBinding(pkg: string, root: string = projectRoot()): string | null {
  const lib = `${root}/node_modules/${pkg}/lib`;
  try {
    for (const entry of Deno.readDirSync(lib)) {
      if (!entry.isDirectory || !entry.name.startsWith("napi-v")) continue;
      const binding = `${lib}/${entry.name}/tfjs_binding.node`;
      try {
        if (Deno.statSync(binding).isFile) return binding;
      } catch { /* not in this napi folder */ }
    }
  } catch { /* package not installed */ }
  return null;
}

/**
 * Imports the native package when it is installed with its binding; the package registers the
 * `tensorflow` tfjs backend itself. Never downloads anything.
 */
export async function loadNativeBackend(
  which: NativeBackend,
  root: string = projectRoot(),
): Promise<NativeLoad> {
  const pkg = NATIVE_PACKAGES[which];
  if (!findNativeBinding(pkg, root)) {
    return { ok: false, reason: `${pkg} not installed` };
  }
  try {
    // A computed specifier: the package is optional and absent from deno.json by default.
    const specifier = pkg;
    await import(specifier);
    return { ok: true, tfBackend: "tensorflow" };
  } catch (error) {
    return {
      ok: false,
      reason: `${pkg} is installed but failed to load: ${
        error instanceof Error ? error.message.split("\n")[0] : String(error)
      }`,
    };
  }
}
