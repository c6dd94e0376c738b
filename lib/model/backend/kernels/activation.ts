/**
 * The fused kernels' bias and activation, applied in place on a row-major [rows × channels]
 * buffer, with the same formulas as the `cpu` backend's kernels (so results match it).
 *
 * @example
 * ```ts
 * import { addBiasAndActivate } from "./activation.ts";
 * const y = new Float32Array([-1, 2, 3, -4]);
 * addBiasAndActivate(y, 2, new Float32Array([0.5, 0]), "relu"); // [0, 2, 3.5, 0]
 * ```
 * @module
 */

/** Fused activations the fast kernels apply themselves; others go to the `cpu` backend. */
const FUSED_ACTIVATIONS = [
  "linear",
  "relu",
  "relu6",
  "leakyrelu",
  "sigmoid",
  "elu",
] as const;

/** Whether the fast kernels apply `activation` themselves (undefined means none). */
export function supportsActivation(activation: unknown): boolean {
  return activation === undefined || activation === null ||
    (FUSED_ACTIVATIONS as readonly unknown[]).includes(activation);
}

/**
 * max(0, v) for every value, in place. Written as (v + |v|) / 2, which is exact (2v and the
 * halving are exact in float64) and compiles without a branch: activations are negative about
 * half the time at random, and a branch mispredicted that often made this loop 6× slower.
 * NaN stays NaN, as with Math.max.
 */
export function reluInPlace(y: Float32Array, out: Float32Array = y): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    out[i] = (v + Math.abs(v)) * 0.5;
  }
}

/**
 * Adds `bias` (one value per channel, or a single value) to every row, then applies the
 * activation, in place.
 *
 * @param y row-major values, `channels` per row
 * @param channels values per row (the last dimension)
 * @param bias per-channel bias of length `channels` or 1, or null
 * @param activation one of {@link FUSED_ACTIVATIONS}; undefined = linear
 * @param alpha slope for x < 0 of `leakyrelu` (default 0.2, as tfjs)
 */
export function addBiasAndActivate(
  y: Float32Array,
  channels: number,
  bias: Float32Array | null,
  activation: string | undefined,
  alpha = 0.2,
): void {
  const n = y.length;
  if (bias) {
    if (bias.length === 1) {
      const b = bias[0];
      for (let i = 0; i < n; i++) y[i] += b;
    } else {
      for (let i = 0; i < n; i += channels) {
        for (let c = 0; c < channels; c++) y[i + c] += bias[c];
      }
    }
  }
  switch (activation ?? "linear") {
    case "linear":
      return;
    case "relu":
      reluInPlace(y);
      return;
    case "relu6":
      for (let i = 0; i < n; i++) y[i] = Math.min(Math.max(0, y[i]), 6);
      return;
    case "leakyrelu":
      for (let i = 0; i < n; i++) y[i] = y[i] < 0 ? alpha * y[i] : y[i];
      return;
    case "sigmoid":
      for (let i = 0; i < n; i++) y[i] = 1 / (1 + Math.exp(-y[i]));
      return;
    case "elu":
      for (let i = 0; i < n; i++) y[i] = y[i] >= 0 ? y[i] : Math.exp(y[i]) - 1;
      return;
    default:
      throw new Error(`activation "${activation}" is not applied by the fast kernels`);
  }
}
