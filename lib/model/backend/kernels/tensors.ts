/**
 * What the fast kernels share: reading a tensor's values from the `cpu` backend's storage
 * (plain TypedArrays), making output tensors, reusable scratch memory, and the signature of a
 * kernel that may hand an unsupported case back to the `cpu` backend's own kernel.
 *
 * @example
 * ```ts
 * import { scratch } from "./tensors.ts";
 * const cols = scratch("im2col", 1024); // a Float32Array of at least 1024 elements, reused
 * ```
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import { PooledCpuBackend } from "../pooled_cpu.ts";

/** The `cpu` backend class, whose storage the fast kernels read and write. */
export type CpuBackend = tf.MathBackendCPU;

/** What a kernel receives: its input tensors, the backend and the attributes. */
export interface KernelArgs {
  /** Input tensors by name; optional inputs (a fused kernel's bias) may be absent. */
  inputs: Record<string, tf.TensorInfo>;
  /** The `cpu` backend that holds the tensors' values. */
  backend: CpuBackend;
  /** The operation's attributes (strides, padding…), by name. */
  attrs?: tf.NamedAttrMap;
}

/** A kernel function over the `cpu` backend's storage. */
export type CpuKernel = (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[];

/**
 * A fast kernel: given the `cpu` backend's kernel for the same operation (called for cases the
 * fast path does not cover, such as NCHW data or int32 tensors), returns the kernel to register.
 */
export interface FastKernel {
  /** tfjs kernel name, e.g. `Conv2D`. */
  kernelName: string;
  /**
   * Returns the kernel to register; it calls `fallback` for the cases the fast path does not cover.
   */
  make(fallback: CpuKernel): CpuKernel;
}

/** The float32 values of a tensor in the `cpu` backend, or null when it is not float32. */
export function floatValues(backend: CpuBackend, t: tf.TensorInfo): Float32Array | null {
  if (t.dtype !== "float32") return null;
  const values = backend.data.get(t.dataId).values;
  return values instanceof Float32Array ? values : null;
}

/**
 * A float32 array of `length` values for a kernel's output: recycled memory when the backend is
 * a {@link PooledCpuBackend} (contents left over unless `zeroed`), else a fresh zeroed array.
 */
export function allocate(backend: CpuBackend, length: number, zeroed = false): Float32Array {
  return backend instanceof PooledCpuBackend
    ? backend.allocate(length, zeroed)
    : new Float32Array(length);
}

/** A float32 output tensor holding `values` (which the backend takes over). */
export function output(backend: CpuBackend, shape: number[], values: Float32Array): tf.TensorInfo {
  return backend.makeTensorInfo(shape, "float32", values);
}

const pools = new Map<string, Float32Array>();

/**
 * Scratch memory named `name`, at least `length` elements, reused between calls (its contents
 * are whatever the last user left). Kernels run one at a time, so one buffer per name suffices.
 */
export function scratch(name: string, length: number): Float32Array {
  const current = pools.get(name);
  if (current && current.length >= length) return current;
  const fresh = new Float32Array(Math.max(length, Math.ceil((current?.length ?? 0) * 1.5)));
  pools.set(name, fresh);
  return fresh;
}
