/**
 * OpenBLAS's single-precision matrix product, `cblas_sgemm`, called through Deno's FFI. The
 * system library (Debian's `libopenblas0`, installed by `deno task setup`) is opened once; when
 * it cannot be found {@link loadOpenBlas} returns null with the reason, so callers can fall back.
 *
 * Matrices are row-major `Float32Array`s (views with an offset are fine). OpenBLAS runs its own
 * threads (one per core by default) and splits a product by output blocks, so a product gives
 * the same bits on every run with the same thread count.
 *
 * @example
 * ```ts
 * import { loadOpenBlas } from "./openblas.ts";
 * const blas = loadOpenBlas();
 * if (blas) {
 *   const a = new Float32Array([1, 2, 3, 4]), b = new Float32Array([5, 6, 7, 8]);
 *   const c = new Float32Array(4);
 *   blas.sgemm(false, false, 2, 2, 2, 1, a, 2, b, 2, 0, c, 2); // c = a·b = [19, 22, 43, 50]
 * }
 * ```
 * @module
 */

/** Shared-library names tried in order: Debian's runtime package first, then generic names. */
const OPENBLAS_LIBRARIES = [
  "libopenblas.so.0",
  "libopenblas.so",
  "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
  "/usr/lib/aarch64-linux-gnu/libopenblas.so.0",
  "libopenblas.dylib",
  "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
  "/usr/local/opt/openblas/lib/libopenblas.dylib",
] as const;

const SYMBOLS = {
  cblas_sgemm: {
    parameters: [
      "i32", // order (101 row-major)
      "i32", // transA (111 no, 112 yes)
      "i32", // transB
      "i32", // M
      "i32", // N
      "i32", // K
      "f32", // alpha
      "buffer", // A
      "i32", // lda
      "buffer", // B
      "i32", // ldb
      "f32", // beta
      "buffer", // C
      "i32", // ldc
    ],
    result: "void",
  },
  openblas_get_num_threads: { parameters: [], result: "i32", optional: true },
  openblas_set_num_threads: { parameters: ["i32"], result: "void", optional: true },
} as const satisfies Deno.ForeignLibraryInterface;

const ROW_MAJOR = 101;
const NO_TRANS = 111;
const TRANS = 112;

/** The loaded library: a row-major `sgemm` and its thread count. */
export interface OpenBlas {
  /** The file that was opened. */
  library: string;
  /**
   * C ← alpha · op(A) · op(B) + beta · C, row-major; op(A) is M × K, op(B) is K × N, C is M × N.
   *
   * @param transA use Aᵀ (A stored K × M) instead of A (stored M × K)
   * @param transB use Bᵀ (B stored N × K) instead of B (stored K × N)
   * @param lda row stride of A as stored, in elements (likewise ldb, ldc)
   */
  sgemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: Float32Array,
    lda: number,
    b: Float32Array,
    ldb: number,
    beta: number,
    c: Float32Array,
    ldc: number,
  ): void;
  /** Threads OpenBLAS uses (1 when the library does not say). */
  threads(): number;
  /** Sets the number of threads OpenBLAS uses, when the library allows it. */
  setThreads(n: number): void;
}

let cached: { blas: OpenBlas | null; reason: string } | null = null;

/**
 * Opens OpenBLAS once and returns it, or null when no candidate library loads (the reason is
 * in {@link openBlasUnavailableReason}). Needs the FFI permission (`--allow-ffi` or `-A`).
 */
export function loadOpenBlas(): OpenBlas | null {
  if (cached) return cached.blas;
  const errors: string[] = [];
  for (const library of OPENBLAS_LIBRARIES) {
    try {
      const lib = Deno.dlopen(library, SYMBOLS);
      const s = lib.symbols;
      const blas: OpenBlas = {
        library,
        sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) {
          if (m === 0 || n === 0) return;
          s.cblas_sgemm(
            ROW_MAJOR,
            transA ? TRANS : NO_TRANS,
            transB ? TRANS : NO_TRANS,
            m,
            n,
            k,
            alpha,
            a,
            lda,
            b,
            ldb,
            beta,
            c,
            ldc,
          );
        },
        threads: () => s.openblas_get_num_threads ? s.openblas_get_num_threads() : 1,
        setThreads: (n) => s.openblas_set_num_threads?.(n),
      };
      cached = { blas, reason: "" };
      return blas;
    } catch (error) {
      errors.push(`${library}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  cached = {
    blas: null,
    reason: `OpenBLAS could not be loaded (install Debian's libopenblas0: ` +
      `apt-get install libopenblas0); tried ${errors.join("; ")}`,
  };
  return null;
}

/** Why {@link loadOpenBlas} returned null; empty when it loaded (or was not tried yet). */
export function openBlasUnavailableReason(): string {
  return cached?.reason ?? "";
}
