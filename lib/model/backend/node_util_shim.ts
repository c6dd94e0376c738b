/**
 * The one place that prepares `node:util` for `@tensorflow/tfjs-node` 4.22: its kernels call
 * `util.isNullOrUndefined` and `util.isArray`, which Node (and Deno's `node:util`) removed; the
 * fix is merged upstream but unreleased (tensorflow/tfjs#8609). {@link installNodeUtilShim} must
 * run before tfjs-node is imported; {@link loadNativeBackend} (native.ts) does so.
 *
 * @example
 * ```ts
 * import { installNodeUtilShim } from "./node_util_shim.ts";
 * installNodeUtilShim(); // then: await import("@tensorflow/tfjs-node")
 * ```
 * @module
 */
import util from "node:util";

/** The functions tfjs-node 4.22 expects on `node:util`, as Node once defined them. */
const NODE_UTIL_SHIM: Readonly<Record<string, (value: unknown) => boolean>> = {
  isNullOrUndefined: (value: unknown) => value === null || value === undefined,
  isArray: (value: unknown) => Array.isArray(value),
};

/**
 * Defines the missing functions of {@link NODE_UTIL_SHIM} on `node:util` (existing ones are kept).
 * Returns the names it defined; idempotent.
 */
export function installNodeUtilShim(): string[] {
  const target = util as unknown as Record<string, unknown>;
  const defined: string[] = [];
  for (const [name, fn] of Object.entries(NODE_UTIL_SHIM)) {
    if (typeof target[name] === "function") continue;
    target[name] = fn;
    defined.push(name);
  }
  return defined;
}
