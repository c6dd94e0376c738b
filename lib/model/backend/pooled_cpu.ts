/**
 * The `cpu` backend with recycled output memory. A training step of the paper's CNN writes
 * about half a gigabyte of fresh activations and gradients; fresh memory from the operating
 * system costs a page fault per 4 KiB on first touch, which took longer than the arithmetic.
 * This backend keeps the float32 arrays of disposed tensors and hands them to the next kernel
 * that asks for the same length.
 *
 * An array is recycled only when nothing else can still see it: it came from {@link
 * PooledCpuBackend.allocate}, was given to exactly one tensor whole, that tensor's data was
 * freed, and nobody read it out (`dataSync`, `data`, `bufferSync`) or wrapped a view or a second
 * tensor around it — any of those marks it as shared for good.
 *
 * @example
 * ```ts
 * import { PooledCpuBackend } from "./pooled_cpu.ts";
 * const backend = new PooledCpuBackend({ maxBytes: 1 << 30 });
 * const values = backend.allocate(1024); // recycled when possible, contents undefined
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** Options of {@link PooledCpuBackend}. */
export interface PoolOptions {
  /** Most bytes kept for reuse; default 1 GiB. Arrays beyond it are left to the collector. */
  maxBytes?: number;
}

type State = "fresh" | "attached" | "shared" | "pooled";

/** The `cpu` backend plus a pool of float32 arrays recycled between tensors. */
export class PooledCpuBackend extends tf.MathBackendCPU {
  readonly #states = new WeakMap<ArrayBufferLike, State>();
  readonly #pool = new Map<number, Float32Array[]>();
  readonly #maxBytes: number;
  #pooledBytes = 0;
  /** Arrays handed out again instead of allocated, and arrays allocated fresh. */
  readonly stats = { reused: 0, allocated: 0 };

  /** A `cpu` backend that pools at most `options.maxBytes` of freed arrays (default 1 GiB). */
  constructor(options: PoolOptions = {}) {
    super();
    this.#maxBytes = options.maxBytes ?? 1 << 30;
    // tfjs prints an advert for tfjs-node on the first write of a Node-like runtime; the
    // workspace chooses its backend itself and says so once.
    (this as unknown as { firstUse: boolean }).firstUse = false;
  }

  /**
   * A float32 array of `length` values for a kernel's output: a recycled one when available
   * (its contents are left over; pass `zeroed` when the kernel accumulates into it).
   */
  allocate(length: number, zeroed = false): Float32Array {
    const stack = this.#pool.get(length);
    const recycled = stack?.pop();
    if (recycled) {
      this.#pooledBytes -= recycled.byteLength;
      this.#states.set(recycled.buffer, "fresh");
      this.stats.reused++;
      if (zeroed) recycled.fill(0);
      return recycled;
    }
    const values = new Float32Array(length);
    this.#states.set(values.buffer, "fresh");
    this.stats.allocated++;
    return values;
  }

  /** Bytes currently kept for reuse. */
  pooledBytes(): number {
    return this.#pooledBytes;
  }

  #note(values: unknown) {
    if (!ArrayBuffer.isView(values)) return;
    const state = this.#states.get(values.buffer);
    if (state === undefined) return;
    const whole = values instanceof Float32Array && values.byteOffset === 0 &&
      values.byteLength === values.buffer.byteLength;
    this.#states.set(values.buffer, state === "fresh" && whole ? "attached" : "shared");
  }

  /** Stores new values, noting whether their buffer may be recycled when the tensor is freed. */
  override write(
    values: tf.backend_util.BackendValues,
    shape: number[],
    dtype: tf.DataType,
  ): tf.DataId {
    this.#note(values);
    return super.write(values, shape, dtype);
  }

  /** Moves values under an existing data id, noting whether their buffer may be recycled. */
  override move(
    dataId: tf.DataId,
    values: tf.backend_util.BackendValues,
    shape: number[],
    dtype: tf.DataType,
    refCount: number,
  ): void {
    this.#note(values);
    super.move(dataId, values, shape, dtype, refCount);
  }

  /** Returns a tensor's values; a buffer read out is shared from then on and never recycled. */
  override readSync(dataId: tf.DataId): tf.backend_util.BackendValues {
    const values = this.data.get(dataId)?.values;
    if (ArrayBuffer.isView(values) && this.#states.get(values.buffer) === "attached") {
      this.#states.set(values.buffer, "shared");
    }
    return super.readSync(dataId);
  }

  /** Frees a tensor's data and keeps its float32 array for reuse when the pool has room. */
  override disposeData(dataId: tf.DataId, force = false): boolean {
    const values = this.data.has(dataId) ? this.data.get(dataId).values : undefined;
    const released = super.disposeData(dataId, force);
    if (
      released && values instanceof Float32Array && !this.data.has(dataId) &&
      this.#states.get(values.buffer) === "attached" &&
      this.#pooledBytes + values.byteLength <= this.#maxBytes
    ) {
      this.#states.set(values.buffer, "pooled");
      const stack = this.#pool.get(values.length);
      if (stack) stack.push(values);
      else this.#pool.set(values.length, [values]);
      this.#pooledBytes += values.byteLength;
    }
    return released;
  }

  /** Empties the pool and disposes of the backend. */
  override dispose(): void {
    this.#pool.clear();
    this.#pooledBytes = 0;
    super.dispose();
  }
}
