/**
 * Time pooling of a [rows × frames] matrix to a fixed number of columns: column j is the mean of
 * source frames ⌊j·F/W⌋ … max(⌊j·F/W⌋ + 1, ⌊(j+1)·F/W⌋) − 1 (equal spans, differing by at most
 * one frame). With fewer source frames than columns, frames repeat (nearest neighbour).
 *
 * @example
 * ```ts
 * import { timePool } from "./time_pool.ts";
 * const pooled = timePool(Float64Array.of(1, 2, 3, 4), 1, 4, 2); // [1.5, 3.5]
 * ```
 * @module
 */

/**
 * Pools a row-major [rows × frames] matrix to [rows × width] by the mean over equal spans.
 *
 * @param data values, `data[row * frames + t]`
 * @param rows number of rows
 * @param frames source columns (≥ 1)
 * @param width wanted columns (≥ 1)
 */
export function timePool(
  data: Float64Array,
  rows: number,
  frames: number,
  width: number,
): Float64Array {
  if (!Number.isInteger(width) || width < 1) {
    throw new RangeError(`timePool: expected a positive width, found ${width}`);
  }
  if (frames < 1) throw new RangeError(`timePool: expected at least one frame, found ${frames}`);
  const out = new Float64Array(rows * width);
  for (let j = 0; j < width; j++) {
    const a = Math.floor((j * frames) / width);
    const b = Math.max(a + 1, Math.floor(((j + 1) * frames) / width));
    const inv = 1 / (b - a);
    for (let r = 0; r < rows; r++) {
      let s = 0;
      const base = r * frames;
      for (let t = a; t < b; t++) s += data[base + t];
      out[r * width + j] = s * inv;
    }
  }
  return out;
}
