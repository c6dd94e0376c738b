/**
 * Band-limited resampling by a rational factor up/down with a polyphase FIR filter: the same
 * filter and alignment as scipy's `signal.resample_poly(x, up, down)` (the numpy reference's
 * resampler), so spectrograms of resampled clips agree with it.
 *
 * The filter is a Kaiser-windowed sinc (β = 5) of 2·10·max(up, down) + 1 taps with its cut-off
 * at the lower of the two Nyquist frequencies, normalised to unit DC gain and multiplied by `up`.
 * Samples beyond the signal's ends count as zeros. The output has ⌈len·up/down⌉ samples.
 *
 * @example
 * ```ts
 * import { resample } from "./resample.ts";
 * const y48 = new Float32Array(48_000);
 * const y441 = resample(y48, 48_000, 44_100); // up 147, down 160
 * console.log(y441.length); // 44100
 * ```
 * @module
 */

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Modified Bessel function of the first kind, order 0 (power series; exact to double precision for the β used here). */
export function besselI0(x: number): number {
  let sum = 1, term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/**
 * Low-pass FIR design by the window method, as scipy's `firwin(numtaps, cutoff,
 * window=("kaiser", beta))`: h[n] = c·sinc(c·(n − (N−1)/2))·w[n], scaled to unit gain at DC.
 *
 * @param numTaps number of taps N (odd for a type I filter)
 * @param cutoff cut-off relative to Nyquist, in (0, 1)
 * @param beta Kaiser window shape parameter
 */
export function kaiserLowpass(numTaps: number, cutoff: number, beta: number): Float64Array {
  const h = new Float64Array(numTaps);
  const alpha = (numTaps - 1) / 2;
  const i0b = besselI0(beta);
  let sum = 0;
  for (let n = 0; n < numTaps; n++) {
    const m = n - alpha;
    const x = cutoff * m;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    const r = numTaps > 1 ? (2 * n) / (numTaps - 1) - 1 : 0;
    const w = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0b;
    h[n] = cutoff * sinc * w;
    sum += h[n];
  }
  for (let n = 0; n < numTaps; n++) h[n] /= sum;
  return h;
}

/** Options of {@link resamplePoly}. */
export interface ResamplePolyOptions {
  /** Kaiser β of the anti-aliasing filter; default 5 (scipy's default). */
  beta?: number;
  /** Zero crossings of the sinc on each side, per max(up, down); default 10 (scipy's). */
  halfLengthFactor?: number;
  /**
   * Compute only output samples [from, to) of the full result (default all): the same values,
   * without the cost of the rest — e.g. a crop of a long clip.
   */
  from?: number;
  /** End (exclusive) of the output range; default ⌈len·up/down⌉. */
  to?: number;
}

/**
 * Resamples by up/down (reduced by their gcd) with a polyphase Kaiser-sinc filter, exactly as
 * scipy's `resample_poly` with its defaults.
 *
 * @param x the signal
 * @param up interpolation factor, a positive integer
 * @param down decimation factor, a positive integer
 * @returns ⌈len·up/down⌉ samples (or `to − from`), float32
 */
export function resamplePoly(
  x: ArrayLike<number>,
  up: number,
  down: number,
  options: ResamplePolyOptions = {},
): Float32Array {
  if (!Number.isInteger(up) || !Number.isInteger(down) || up < 1 || down < 1) {
    throw new RangeError(`resamplePoly: expected positive integers up, down; found ${up}, ${down}`);
  }
  const g = gcd(up, down);
  up /= g;
  down /= g;
  const nIn = x.length;
  const total = Math.ceil((nIn * up) / down);
  const from = options.from ?? 0, to = options.to ?? total;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > total || from > to) {
    throw new RangeError(
      `resamplePoly: expected 0 ≤ from ≤ to ≤ ${total} output samples, found [${from}, ${to})`,
    );
  }
  if (up === 1 && down === 1) return Float32Array.from(Array.prototype.slice.call(x, from, to));
  const nOut = to - from;
  const maxRate = Math.max(up, down);
  const halfLen = (options.halfLengthFactor ?? 10) * maxRate;
  const h = kaiserLowpass(2 * halfLen + 1, 1 / maxRate, options.beta ?? 5);
  for (let i = 0; i < h.length; i++) h[i] *= up;
  // scipy pads the filter in front so that output sample i sits at the filter's centre
  const nPrePad = down - (halfLen % down);
  const nPreRemove = Math.floor((halfLen + nPrePad) / down);
  const hp = new Float64Array(nPrePad + h.length);
  hp.set(h, nPrePad);
  const L = hp.length;
  // y[i] = Σ_n x[n]·hp[(i + nPreRemove)·down − n·up] over the n that index inside hp. With
  // p = (i + nPreRemove)·down = n0·up + φ, the taps are x[n0 − j]·hp[φ + j·up]: one contiguous
  // sub-filter per phase φ.
  const phases: Float64Array[] = [];
  for (let phi = 0; phi < up; phi++) {
    const len = phi < L ? Math.ceil((L - phi) / up) : 0;
    const f = new Float64Array(len);
    for (let j = 0; j < len; j++) f[j] = hp[phi + j * up];
    phases.push(f);
  }
  const out = new Float32Array(nOut);
  for (let i = 0; i < nOut; i++) {
    const p = (from + i + nPreRemove) * down;
    const n0 = Math.floor(p / up);
    const f = phases[p - n0 * up];
    // j ranges over the taps with 0 ≤ n0 − j < nIn
    const jLo = n0 - (nIn - 1) > 0 ? n0 - (nIn - 1) : 0;
    const jHi = n0 < f.length - 1 ? n0 : f.length - 1;
    let acc = 0;
    for (let j = jLo; j <= jHi; j++) acc += x[n0 - j] * f[j];
    out[i] = acc;
  }
  return out;
}

/**
 * Resamples from one rate to another (integer Hz) with {@link resamplePoly}; returns the input
 * itself when the rates are equal.
 *
 * @param x the signal at `fromRate`
 * @param fromRate its sample rate in Hz
 * @param toRate the wanted rate in Hz
 */
export function resample(x: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate) || fromRate < 1 || toRate < 1) {
    throw new RangeError(
      `resample: expected positive integer rates in Hz, found ${fromRate} → ${toRate}`,
    );
  }
  if (fromRate === toRate) return x;
  const g = gcd(fromRate, toRate);
  return resamplePoly(x, toRate / g, fromRate / g);
}
