/**
 * The patch matrices (im2col) of convolutions run while gradients are recorded, kept until the
 * filter gradient of the same input asks for them, so backpropagation does not unfold every
 * input a second time. Entries are keyed by the input tensor's data id and the convolution's
 * geometry, used once, and their memory is recycled for the next forward pass; an entry no
 * gradient asks for goes when its input tensor does (a WeakMap).
 *
 * @example
 * ```ts
 * import { recallPatches, rememberPatches, patchBuffer } from "./patch_cache.ts";
 * const id = {}, cols = patchBuffer(1024);
 * rememberPatches(id, "geometry", cols);
 * console.log(recallPatches(id, "geometry") === cols, recallPatches(id, "geometry")); // true null
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";

const entries = new WeakMap<object, { key: string; cols: Float32Array }>();
const spare = new Map<number, Float32Array[]>();
let spareBytes = 0;
/** Most bytes of patch memory kept for reuse between training steps. */
const MAX_SPARE_BYTES = 768 << 20;

/** Whether tfjs is recording operations for a gradient (inside tf.grad, minimize, …). */
export function recordingGradients(): boolean {
  return (tf.engine().state as unknown as { gradientDepth: number }).gradientDepth > 0;
}

/** A buffer of `length` values for patches: recycled when one is spare (contents undefined). */
export function patchBuffer(length: number): Float32Array {
  const stack = spare.get(length);
  const buffer = stack?.pop();
  if (buffer) {
    spareBytes -= buffer.byteLength;
    return buffer;
  }
  return new Float32Array(length);
}

/** Keeps `cols` for the filter gradient of the input with data id `dataId`. */
export function rememberPatches(dataId: object, key: string, cols: Float32Array): void {
  const old = entries.get(dataId);
  if (old) release(old.cols);
  entries.set(dataId, { key, cols });
}

/**
 * The patches remembered for `dataId` with this geometry, removed from the cache (the caller
 * hands them back with {@link releasePatches}); null when there are none.
 */
export function recallPatches(dataId: object, key: string): Float32Array | null {
  const entry = entries.get(dataId);
  if (!entry || entry.key !== key) return null;
  entries.delete(dataId);
  return entry.cols;
}

function release(cols: Float32Array) {
  if (spareBytes + cols.byteLength > MAX_SPARE_BYTES) return;
  const stack = spare.get(cols.length);
  if (stack) stack.push(cols);
  else spare.set(cols.length, [cols]);
  spareBytes += cols.byteLength;
}

/** Returns patches taken with {@link recallPatches} for reuse. */
export function releasePatches(cols: Float32Array): void {
  release(cols);
}
