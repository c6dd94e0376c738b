/**
 * An optional native FFT: FFTW 3 (Debian's `libfftw3-double3`, which `deno task setup` installs)
 * called through Deno's FFI with a batched real-to-complex plan over many frames at once. The
 * STFT uses it when it loads and falls back to the pure-TypeScript FFT (fft.ts) when it cannot:
 * no library, no `--allow-ffi` permission, or another platform. Both compute the same transform
 * in float64; they agree to about 1e-12 relative.
 *
 * FFTW's planner is not thread-safe; the extraction workers share one process, so the planner is
 * made thread-safe (`fftw_make_planner_thread_safe`) before the first plan. Plans use
 * FFTW_ESTIMATE (no timing runs) and are kept for the life of the thread.
 *
 * @example
 * ```ts
 * import { fftwBatch } from "./fftw.ts";
 * const batch = fftwBatch(2048, 64); // null when FFTW cannot be loaded
 * if (batch) {
 *   batch.input.fill(0);
 *   batch.execute();
 *   console.log(batch.output.length); // 64 × 1025 × 2 (re, im interleaved)
 * }
 * ```
 * @module
 */

/** File names tried, in order. */
const FFTW_LIBRARIES = ["libfftw3.so.3", "libfftw3.3.dylib", "libfftw3-3.dll"];
const THREADS_LIBRARIES = ["libfftw3_threads.so.3", "libfftw3_threads.3.dylib"];
const FFTW_ESTIMATE = 1 << 6;

const SYMBOLS = {
  fftw_malloc: { parameters: ["usize"], result: "pointer" },
  fftw_plan_many_dft_r2c: {
    parameters: [
      "i32", // rank
      "buffer", // const int *n
      "i32", // howmany
      "pointer", // double *in
      "pointer", // const int *inembed
      "i32", // istride
      "i32", // idist
      "pointer", // fftw_complex *out
      "pointer", // const int *onembed
      "i32", // ostride
      "i32", // odist
      "u32", // flags
    ],
    result: "pointer",
  },
  fftw_execute: { parameters: ["pointer"], result: "void" },
} as const;

type Fftw = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];

let library: Fftw | null | undefined;
/** Why FFTW is not used, when it is not. */
let unavailable = "";

function load(): Fftw | null {
  if (library !== undefined) return library;
  library = null;
  try {
    if (typeof Deno.dlopen !== "function") throw new Error("no FFI in this runtime");
    let lib: Deno.DynamicLibrary<typeof SYMBOLS> | null = null;
    for (const name of FFTW_LIBRARIES) {
      try {
        lib = Deno.dlopen(name, SYMBOLS);
        break;
      } catch (error) {
        unavailable = error instanceof Error ? error.message : String(error);
      }
    }
    if (!lib) return null;
    for (const name of THREADS_LIBRARIES) {
      try {
        const threads = Deno.dlopen(
          name,
          {
            fftw_make_planner_thread_safe: { parameters: [], result: "void" },
          } as const,
        );
        threads.symbols.fftw_make_planner_thread_safe();
        library = lib.symbols;
        return library;
      } catch (error) {
        unavailable = `FFTW's planner cannot be made thread-safe (${
          error instanceof Error ? error.message : error
        })`;
      }
    }
    return null;
  } catch (error) {
    unavailable = error instanceof Error ? error.message : String(error);
    return null;
  }
}

/** Whether FFTW can be used in this thread, and why not when it cannot. */
export function fftwStatus(): { available: boolean; reason: string } {
  const ok = load() !== null;
  return { available: ok, reason: ok ? "" : unavailable };
}

/** A batched real-to-complex FFT: `frames` transforms of `size` samples in one call. */
export interface FftwBatch {
  /** Transform length. */
  size: number;
  /** Frames per call. */
  frames: number;
  /** Input: frame f occupies [f·size, (f+1)·size). Write the (windowed) samples here. */
  input: Float64Array;
  /** Output: frame f's bin k is (re, im) at 2·(f·bins + k), bins = size/2 + 1. */
  output: Float64Array;
  /** Transforms every frame of `input` into `output`. */
  execute(): void;
}

const plans = new Map<string, FftwBatch>();

function view(pointer: Deno.PointerObject, bytes: number): Float64Array {
  return new Float64Array(new Deno.UnsafePointerView(pointer).getArrayBuffer(bytes));
}

/**
 * A batched FFTW plan for frames of `size` samples, `frames` at a time (cached per thread);
 * null when FFTW cannot be loaded (see {@link fftwStatus}).
 */
export function fftwBatch(size: number, frames: number): FftwBatch | null {
  const key = `${size}×${frames}`;
  const cached = plans.get(key);
  if (cached) return cached;
  const fftw = load();
  if (!fftw) return null;
  const bins = Math.floor(size / 2) + 1;
  const inBytes = size * frames * 8, outBytes = bins * frames * 16;
  const inPtr = fftw.fftw_malloc(BigInt(inBytes));
  const outPtr = fftw.fftw_malloc(BigInt(outBytes));
  if (!inPtr || !outPtr) return null;
  const plan = fftw.fftw_plan_many_dft_r2c(
    1,
    Int32Array.of(size),
    frames,
    inPtr,
    null,
    1,
    size,
    outPtr,
    null,
    1,
    bins,
    FFTW_ESTIMATE,
  );
  if (!plan) return null;
  const batch: FftwBatch = {
    size,
    frames,
    input: view(inPtr, inBytes),
    output: view(outPtr, outBytes),
    execute: () => fftw.fftw_execute(plan),
  };
  plans.set(key, batch);
  return batch;
}
