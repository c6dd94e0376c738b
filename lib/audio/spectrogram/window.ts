/**
 * Analysis windows.
 *
 * @example
 * ```ts
 * import { hannWindow } from "./window.ts";
 * const w = hannWindow(2048); // periodic, as librosa's get_window("hann", 2048, fftbins=True)
 * console.log(w[0], w[1024]); // 0 1
 * ```
 * @module
 */

/**
 * The Hann window w[n] = 0.5 − 0.5·cos(2πn/D), n = 0…length−1, with D = length for the
 * periodic window (librosa's and scipy's `fftbins=True`, the one for spectral analysis) or
 * D = length − 1 for the symmetric one (both ends zero).
 *
 * @param length number of samples
 * @param options `periodic` (default true)
 * @returns the window, float64
 */
export function hannWindow(length: number, options: { periodic?: boolean } = {}): Float64Array {
  if (!Number.isInteger(length) || length < 1) {
    throw new RangeError(`hannWindow: expected a positive integer length, found ${length}`);
  }
  const w = new Float64Array(length);
  if (length === 1) {
    w[0] = 1;
    return w;
  }
  const d = (options.periodic ?? true) ? length : length - 1;
  for (let n = 0; n < length; n++) w[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / d);
  return w;
}
