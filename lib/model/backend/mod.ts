/**
 * Where tfjs runs: the backend choice and the workspace's fast CPU backend.
 *
 * - select.ts — {@link selectBackend}: `auto` picks the fastest backend that loads for the kind
 *   of network ({@link autoOrder}: `fast-cpu` on oneDNN before tfjs-node for plain CNNs, after it
 *   for batch-normalised ones); a named backend is used or fails with the reason
 * - fast_cpu.ts — the `fast-cpu` backend: tfjs's `cpu` backend with oneDNN and OpenBLAS kernels
 * - kernels/ — the replaced kernels (convolutions, products, pooling, element-wise, sums, slices)
 * - dnnl/ — oneDNN's convolution primitives through a C shim, which `fast-cpu` uses when it builds
 * - fused_conv.ts — {@link conv2dBiasActivation}: convolution + bias + ReLU fused in training too
 * - pooled_cpu.ts — recycled tensor memory for the cpu backends
 * - openblas.ts, js_blas.ts — `sgemm` through Deno's FFI, and a TypeScript reference
 * - native.ts, wasm.ts — tfjs-node(-gpu) when built (`deno task setup` builds tfjs-node); the
 *   `wasm` backend with its missing filter gradient
 * - webgpu.ts — `webgpu` (tfjs-backend-webgpu on Deno's navigator.gpu), only when named
 * - node_util_shim.ts — the `node:util` functions tfjs-node 4.22 needs, defined before it loads
 *
 * @example
 * ```ts
 * import { selectBackend } from "./mod.ts";
 * const choice = await selectBackend("auto"); // logs e.g. "backend: tensorflow (…)"
 * ```
 * @module
 */
export * from "./select.ts";
export * from "./fast_cpu.ts";
export * from "./fused_adam.ts";
export * from "./fused_conv.ts";
export * from "./pooled_cpu.ts";
export * from "./openblas.ts";
export * from "./js_blas.ts";
export * from "./native.ts";
export * from "./node_util_shim.ts";
export * from "./wasm.ts";
export * from "./webgpu.ts";
