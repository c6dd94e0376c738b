/**
 * The `fast-cpu` backend: tfjs's `cpu` backend (its tensors are plain TypedArrays) with the
 * heavy kernels replaced by OpenBLAS-backed ones (see kernels/). It installs offline from
 * Debian's `libopenblas0` and needs no compiler: the glue is TypeScript and Deno's FFI.
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
import { fastKernels } from "./kernels/mod.ts";
import type { CpuKernel } from "./kernels/tensors.ts";
import { loadOpenBlas, openBlasUnavailableReason } from "./openblas.ts";
import { PooledCpuBackend } from "./pooled_cpu.ts";

/** The name the backend is registered under: `tf.setBackend(FAST_CPU)`. */
export const FAST_CPU = "fast-cpu";

/** Outcome of {@link registerFastCpu}. */
export interface FastCpuRegistration {
  /** True when the backend is registered (now or before). */
  ok: boolean;
  /** Why it could not be registered; empty when ok. */
  reason: string;
  /** The OpenBLAS library in use, and its thread count. */
  library?: string;
  threads?: number;
  /** Names of the kernels replaced. */
  kernels: string[];
}

let registration: FastCpuRegistration | null = null;

/**
 * Registers the `fast-cpu` backend (once): a `cpu` backend instance under its own name, every
 * `cpu` kernel registered for it, and the fast kernels in place of their `cpu` versions (which
 * they call for the cases they do not cover). Returns `ok: false` with the reason when OpenBLAS
 * cannot be loaded.
 */
export function registerFastCpu(): FastCpuRegistration {
  if (registration) return registration;
  const blas = loadOpenBlas();
  if (!blas) {
    registration = { ok: false, reason: openBlasUnavailableReason(), kernels: [] };
    return registration;
  }
  const replacements = new Map(fastKernels(blas).map((k) => [k.kernelName, k]));
  tf.registerBackend(FAST_CPU, () => new PooledCpuBackend(), 0);
  const cpuKernels = tf.getKernelsForBackend("cpu");
  for (const config of cpuKernels) {
    const fast = replacements.get(config.kernelName);
    const kernelFunc = fast
      ? fast.make(config.kernelFunc as unknown as CpuKernel) as unknown as tf.KernelFunc
      : config.kernelFunc;
    tf.registerKernel({ ...config, backendName: FAST_CPU, kernelFunc });
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
      backendName: FAST_CPU,
      kernelFunc: fast.make(unsupported) as unknown as tf.KernelFunc,
    });
  }
  registration = {
    ok: true,
    reason: "",
    library: blas.library,
    threads: blas.threads(),
    kernels: [...replacements.keys()],
  };
  return registration;
}
