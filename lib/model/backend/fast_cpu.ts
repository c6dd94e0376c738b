/**
 * The `fast-cpu` backend: tfjs's `cpu` backend (its tensors are plain TypedArrays) with the
 * heavy kernels replaced by native ones (see kernels/). Its base installs offline from Debian's
 * `libopenblas0` and needs no compiler: the glue is TypeScript and Deno's FFI.
 *
 * Convolutions and max pooling run on oneDNN (dnnl/: Debian's `libdnnl2`, through a C shim
 * compiled on first use, which needs `libdnnl-dev` and a C compiler) when it loads, else as
 * OpenBLAS matrix products over im2col patches and TypeScript loops. The environment variable
 * `FAST_CPU_CONVOLUTIONS` (`auto`, `onednn`, `openblas`) or the `convolutions` option forces
 * one; the registration says which runs. oneDNN's OpenMP threads follow `OMP_NUM_THREADS`, else
 * OpenBLAS's thread count. Measured here (one thread each, paper CNN, batch 32, 128×128): a
 * training step's convolutions take 207 ms on oneDNN against 493 ms as OpenBLAS products.
 *
 * Two kernels of the workspace's own run in the same shim when it loads (in TypeScript
 * otherwise): the backward pass of a convolution's bias and ReLU (`BiasActivationGrad`) and one
 * Adam step per variable (`AdamUpdate`, used by ./fused_adam.ts; bit for bit tfjs's Adam). On
 * the paper CNN they cut an epoch's element-wise work from ~385 ms (tfjs's Step, Multiply, Sum
 * and eleven Adam ops per variable) to ~100 ms.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { FAST_CPU, registerFastCpu } from "./fast_cpu.ts";
 * if (registerFastCpu().ok) await tf.setBackend(FAST_CPU);
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { type Dnnl, dnnlUnavailableReason, loadDnnl } from "./dnnl/dnnl.ts";
import { fastKernels } from "./kernels/mod.ts";
import type { CpuKernel } from "./kernels/tensors.ts";
import { loadOpenBlas, openBlasUnavailableReason } from "./openblas.ts";
import { PooledCpuBackend } from "./pooled_cpu.ts";

/** The name the backend is registered under: `tf.setBackend(FAST_CPU)`. */
export const FAST_CPU = "fast-cpu";

/** The engine behind the convolution kernels; `auto` takes oneDNN when it loads. */
export type ConvolutionEngine = "auto" | "onednn" | "openblas";

/** The convolution engines {@link registerFastCpu} accepts. */
const CONVOLUTION_ENGINES: readonly ConvolutionEngine[] = ["auto", "onednn", "openblas"];

/** How the OpenBLAS fallback is named in {@link FastCpuRegistration.convolutions}. */
export const OPENBLAS_IM2COL = "OpenBLAS im2col";

/** Options of {@link registerFastCpu}. */
export interface FastCpuOptions {
  /**
   * tfjs's name for the backend; default {@link FAST_CPU}. Another name registers a second
   * instance (e.g. to compare both convolution engines in one process).
   */
  name?: string;
  /**
   * Which engine runs the convolutions (and max pooling); default the environment variable
   * `FAST_CPU_CONVOLUTIONS`, else `auto`. `onednn` fails (ok: false) where oneDNN does not load.
   */
  convolutions?: ConvolutionEngine;
}

/** Outcome of {@link registerFastCpu}. */
export interface FastCpuRegistration {
  /** True when the backend is registered (now or before). */
  ok: boolean;
  /** Why it could not be registered; empty when ok. */
  reason: string;
  /** The OpenBLAS library in use, and its thread count. */
  library?: string;
  /** OpenBLAS's thread count. */
  threads?: number;
  /**
   * What runs the convolutions: e.g. "oneDNN 2.6.3, 2 threads" or {@link OPENBLAS_IM2COL};
   * with `auto` and no oneDNN, followed by why not.
   */
  convolutions?: string;
  /** Names of the kernels replaced. */
  kernels: string[];
}

const registrations = new Map<string, FastCpuRegistration>();

/** The engine asked for: the option, else `FAST_CPU_CONVOLUTIONS`, else auto. */
function requestedEngine(option: ConvolutionEngine | undefined): ConvolutionEngine {
  if (option) return option;
  let fromEnv: string | undefined;
  try {
    fromEnv = Deno.env.get("FAST_CPU_CONVOLUTIONS")?.trim().toLowerCase();
  } catch { /* no env permission: auto */ }
  if (!fromEnv) return "auto";
  if (!(CONVOLUTION_ENGINES as readonly string[]).includes(fromEnv)) {
    throw new Error(
      `FAST_CPU_CONVOLUTIONS: expected one of ${
        CONVOLUTION_ENGINES.join(", ")
      }, found "${fromEnv}"`,
    );
  }
  return fromEnv as ConvolutionEngine;
}

/** oneDNN with its thread count set, or null with the reason. */
function convolutionEngine(
  engine: ConvolutionEngine,
  blasThreads: number,
): { dnnl: Dnnl | null; reason: string } {
  if (engine === "openblas") return { dnnl: null, reason: "" };
  const dnnl = loadDnnl();
  if (!dnnl) return { dnnl: null, reason: dnnlUnavailableReason() };
  let omp: string | undefined;
  try {
    omp = Deno.env.get("OMP_NUM_THREADS");
  } catch { /* no env permission */ }
  if (!omp) dnnl.setThreads(blasThreads);
  return { dnnl, reason: "" };
}

/**
 * Registers the `fast-cpu` backend (once per name): a `cpu` backend instance under its own name,
 * every `cpu` kernel registered for it, and the fast kernels in place of their `cpu` versions
 * (which they call for the cases they do not cover). Returns `ok: false` with the reason when
 * OpenBLAS cannot be loaded, or oneDNN when `convolutions` is `onednn`. Synchronous: a oneDNN
 * shim not yet built is compiled here (about a second, once per source version).
 *
 * @throws Error when `FAST_CPU_CONVOLUTIONS` names no engine
 */
export function registerFastCpu(options: FastCpuOptions = {}): FastCpuRegistration {
  const name = options.name ?? FAST_CPU;
  const known = registrations.get(name);
  if (known) return known;
  const registration = register(name, requestedEngine(options.convolutions));
  registrations.set(name, registration);
  return registration;
}

function register(name: string, engine: ConvolutionEngine): FastCpuRegistration {
  const blas = loadOpenBlas();
  if (!blas) return { ok: false, reason: openBlasUnavailableReason(), kernels: [] };
  const { dnnl, reason } = convolutionEngine(engine, blas.threads());
  if (engine === "onednn" && !dnnl) return { ok: false, reason, kernels: [] };
  const replacements = new Map(fastKernels(blas, dnnl).map((k) => [k.kernelName, k]));
  tf.registerBackend(name, () => new PooledCpuBackend(), 0);
  const cpuKernels = tf.getKernelsForBackend("cpu");
  for (const config of cpuKernels) {
    const fast = replacements.get(config.kernelName);
    const kernelFunc = fast
      ? fast.make(config.kernelFunc as unknown as CpuKernel) as unknown as tf.KernelFunc
      : config.kernelFunc;
    tf.registerKernel({ ...config, backendName: name, kernelFunc });
  }
  // Kernels of this workspace's own (no cpu version): unsupported inputs are an error.
  const known = new Set(cpuKernels.map((k) => k.kernelName));
  for (const fast of replacements.values()) {
    if (known.has(fast.kernelName)) continue;
    const unsupported: CpuKernel = (args) => {
      throw new Error(
        `${fast.kernelName}: expected float32 inputs, found ${
          Object.values(args.inputs).map((t) => t.dtype).join(", ")
        }`,
      );
    };
    tf.registerKernel({
      kernelName: fast.kernelName,
      backendName: name,
      kernelFunc: fast.make(unsupported) as unknown as tf.KernelFunc,
    });
  }
  return {
    ok: true,
    reason: "",
    library: blas.library,
    threads: blas.threads(),
    convolutions: dnnl
      ? `${dnnl.library}, ${dnnl.threads()} thread${dnnl.threads() === 1 ? "" : "s"}`
      : engine === "auto"
      ? `${OPENBLAS_IM2COL} (oneDNN: ${reason})`
      : OPENBLAS_IM2COL,
    kernels: [...replacements.keys()],
  };
}
