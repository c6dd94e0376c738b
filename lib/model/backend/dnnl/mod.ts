/**
 * oneDNN for the `fast-cpu` backend's convolutions: a C shim over oneDNN's C API (dnnl_conv.c),
 * compiled on first use and called through Deno's FFI.
 *
 * - dnnl.ts — {@link loadDnnl}: build, load and call the shim (forward, input and filter
 *   gradients); null with the reason where oneDNN's headers or a compiler are missing
 *
 * @example
 * ```ts
 * import { dnnlUnavailableReason, loadDnnl } from "./mod.ts";
 * console.log(loadDnnl()?.library ?? dnnlUnavailableReason()); // "oneDNN 2.6.3"
 * ```
 * @module
 */
export * from "./dnnl.ts";
