/**
 * A plain TypeScript `sgemm` with the same signature as {@link OpenBlas.sgemm}: the fallback
 * the `wasm` backend's filter gradient uses where OpenBLAS is missing, and an independent
 * reference for tests. Loop order i-k-j with float64 accumulation; slow (about 1 GFLOP/s) but
 * simple enough to trust.
 *
 * @example
 * ```ts
 * import { jsBlas } from "./js_blas.ts";
 * const c = new Float32Array(4);
 * jsBlas.sgemm(false, false, 2, 2, 2, 1, Float32Array.of(1, 2, 3, 4), 2,
 *   Float32Array.of(5, 6, 7, 8), 2, 0, c, 2); // c = [19, 22, 43, 50]
 * ```
 * @module
 */
import type { OpenBlas } from "./openblas.ts";

/** Row-major C ← alpha·op(A)·op(B) + beta·C in TypeScript (see {@link OpenBlas.sgemm}). */
export const jsBlas: OpenBlas = {
  library: "TypeScript",
  sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) {
    const row = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      row.fill(0);
      for (let p = 0; p < k; p++) {
        const av = transA ? a[p * lda + i] : a[i * lda + p];
        if (av === 0) continue;
        if (transB) { for (let j = 0; j < n; j++) row[j] += av * b[j * ldb + p]; }
        else {
          const base = p * ldb;
          for (let j = 0; j < n; j++) row[j] += av * b[base + j];
        }
      }
      const base = i * ldc;
      for (let j = 0; j < n; j++) {
        c[base + j] = alpha * row[j] + (beta === 0 ? 0 : beta * c[base + j]);
      }
    }
  },
  threads: () => 1,
  setThreads: () => {},
};
