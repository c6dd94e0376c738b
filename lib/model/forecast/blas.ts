/**
 * The matrix product the forecasters use: OpenBLAS's `sgemm` through Deno's FFI (the training
 * engine's loader, ../backend/openblas.ts) when the library is there, else the plain TypeScript
 * one (../backend/js_blas.ts) — same results to float32 rounding, 20–50× slower.
 *
 * @example
 * ```ts
 * import { forecastBlas } from "./blas.ts";
 * const blas = forecastBlas();
 * console.log(blas.library);
 * ```
 * @module
 */
import { jsBlas } from "../backend/js_blas.ts";
import { loadOpenBlas, type OpenBlas } from "../backend/openblas.ts";

/** The product in use: OpenBLAS when it loads, the TypeScript one otherwise. */
export function forecastBlas(): OpenBlas {
  return loadOpenBlas() ?? jsBlas;
}
