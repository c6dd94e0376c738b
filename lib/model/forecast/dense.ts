/**
 * The affine map y = x·W + b over a row-major batch and its gradients, written once for every
 * dense product of the forecasters: the recurrent layers' input projection (./lstm.ts,
 * ./gru.ts) and the head's ReLU and output layers (./head.ts).
 *
 * @example
 * ```ts
 * import { affineForward } from "./dense.ts";
 * // affineForward(blas, x, W, b, y, rows, inputs, outputs); // y = x·W + b
 * ```
 * @module
 */
import type { OpenBlas } from "../backend/openblas.ts";

/** y = x·W + b: x [rows, inputs], W [inputs, outputs], b [outputs] added to every row of y. */
export function affineForward(
  blas: OpenBlas,
  x: Float32Array,
  W: Float32Array,
  b: Float32Array,
  y: Float32Array,
  rows: number,
  inputs: number,
  outputs: number,
): void {
  blas.sgemm(false, false, rows, outputs, inputs, 1, x, inputs, W, outputs, 0, y, outputs);
  for (let r = 0; r < rows; r++) {
    const o = r * outputs;
    for (let j = 0; j < outputs; j++) y[o + j] += b[j];
  }
}

/**
 * Gradients of {@link affineForward} given dy [rows, outputs]: adds xᵀ·dy into gW and the
 * column sums of dy into gb; when `dx` is given, sets dx = dy·Wᵀ [rows, inputs].
 */
export function affineBackward(
  blas: OpenBlas,
  x: Float32Array,
  dy: Float32Array,
  W: Float32Array,
  gW: Float32Array,
  gb: Float32Array,
  dx: Float32Array | null,
  rows: number,
  inputs: number,
  outputs: number,
): void {
  blas.sgemm(true, false, inputs, outputs, rows, 1, x, inputs, dy, outputs, 1, gW, outputs);
  for (let r = 0; r < rows; r++) {
    const o = r * outputs;
    for (let j = 0; j < outputs; j++) gb[j] += dy[o + j];
  }
  if (dx) blas.sgemm(false, true, rows, inputs, outputs, 1, dy, outputs, W, outputs, 0, dx, inputs);
}
