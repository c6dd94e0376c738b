/**
 * Mixdown to mono by the mean of the channels (as librosa's `to_mono` and the numpy reference).
 *
 * @example
 * ```ts
 * import { toMono } from "./mixdown.ts";
 * const mono = toMono([Float32Array.of(1, 0), Float32Array.of(0, 1)]); // [0.5, 0.5]
 * ```
 * @module
 */

/**
 * The mean of the channels, sample by sample (computed in float64, stored as float32).
 * A single channel is returned as is (not copied).
 *
 * @param channels one array per channel, equal lengths
 */
export function toMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) throw new RangeError("toMono: expected at least one channel");
  if (channels.length === 1) return channels[0];
  const n = channels[0].length;
  for (const c of channels) {
    if (c.length !== n) {
      throw new RangeError(`toMono: channels of unequal length (${n} and ${c.length})`);
    }
  }
  const out = new Float32Array(n);
  if (channels.length === 2) {
    const [a, b] = channels;
    for (let i = 0; i < n; i++) out[i] = (a[i] + b[i]) / 2;
    return out;
  }
  const k = channels.length;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += channels[c][i];
    out[i] = s / k;
  }
  return out;
}
