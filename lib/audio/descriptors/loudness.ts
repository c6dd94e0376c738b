/**
 * Integrated loudness after ITU-R BS.1770-4 (LUFS): K-weighting (a high shelf of about +4 dB
 * above 1.5 kHz and a high-pass at 38 Hz), mean square over 400 ms blocks overlapping by 75 %,
 * an absolute gate at −70 LUFS and a relative gate 10 LU below the mean of the blocks that pass
 * it. Block loudness is −0.691 + 10·log10(mean square), so a 1 kHz sine of amplitude A reads
 * 20·log10(A) − 3.01 LUFS.
 *
 * The filter coefficients are derived for any sample rate from the analog prototype (as
 * libebur128 does); at 48 kHz they equal the standard's table.
 *
 * Mono convention: the signal is treated as one channel of weight 1. BS.1770 sums the channels'
 * energies, so a stereo track whose two channels both equal this mono signal reads 3.01 LU more.
 *
 * @example
 * ```ts
 * import { integratedLoudness } from "./loudness.ts";
 * const sr = 48_000;
 * const tone = Float32Array.from({ length: 5 * sr }, (_, i) => 0.1 * Math.sin(2 * Math.PI * 1000 * i / sr));
 * console.log(integratedLoudness(tone, sr).toFixed(2)); // "-23.01"
 * ```
 * @module
 */

/** Biquad coefficients [b0, b1, b2, a1, a2] (a0 = 1) of the two K-weighting stages. */
export function kWeightingCoefficients(sampleRate: number): [number[], number[]] {
  // stage 1: high shelf
  let f0 = 1681.974450955533;
  const g = 3.999843853973347;
  let q = 0.7071752369554196;
  let k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = 10 ** (g / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf = [
    (vh + (vb * k) / q + k * k) / a0,
    (2 * (k * k - vh)) / a0,
    (vh - (vb * k) / q + k * k) / a0,
    (2 * (k * k - 1)) / a0,
    (1 - k / q + k * k) / a0,
  ];
  // stage 2: high-pass
  f0 = 38.13547087602444;
  q = 0.5003270373238773;
  k = Math.tan((Math.PI * f0) / sampleRate);
  a0 = 1 + k / q + k * k;
  const highpass = [1, -2, 1, (2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0];
  return [shelf, highpass];
}

function biquad(x: Float64Array, c: number[]): void {
  const [b0, b1, b2, a1, a2] = c;
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const y = b0 * xi + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = xi;
    y2 = y1;
    y1 = y;
    x[i] = y;
  }
}

/** Loudness of each 400 ms gating block (step 100 ms), in LUFS; one block for shorter signals. */
export function blockLoudness(samples: ArrayLike<number>, sampleRate: number): Float64Array {
  const y = Float64Array.from(samples);
  for (const c of kWeightingCoefficients(sampleRate)) biquad(y, c);
  const block = Math.round(0.4 * sampleRate);
  const step = Math.round(0.1 * sampleRate);
  if (y.length < block) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i] * y[i];
    return Float64Array.of(y.length ? -0.691 + 10 * Math.log10(s / y.length) : -Infinity);
  }
  const nBlocks = 1 + Math.floor((y.length - block) / step);
  // prefix sums of squares make each block O(1)
  const prefix = new Float64Array(y.length + 1);
  for (let i = 0; i < y.length; i++) prefix[i + 1] = prefix[i] + y[i] * y[i];
  const out = new Float64Array(nBlocks);
  for (let j = 0; j < nBlocks; j++) {
    const z = (prefix[j * step + block] - prefix[j * step]) / block;
    out[j] = -0.691 + 10 * Math.log10(z);
  }
  return out;
}

/**
 * Integrated (gated) loudness in LUFS; −Infinity when every block is below −70 LUFS.
 *
 * @param samples mono signal, full scale = 1
 * @param sampleRate its rate in Hz
 */
export function integratedLoudness(samples: ArrayLike<number>, sampleRate: number): number {
  const blocks = blockLoudness(samples, sampleRate);
  const meanEnergy = (keep: (l: number) => boolean) => {
    let s = 0, n = 0;
    for (const l of blocks) {
      if (keep(l)) {
        s += 10 ** ((l + 0.691) / 10);
        n++;
      }
    }
    return n ? s / n : 0;
  };
  const absolute = meanEnergy((l) => l > -70);
  if (absolute === 0) return -Infinity;
  const relativeGate = -0.691 + 10 * Math.log10(absolute) - 10;
  const gated = meanEnergy((l) => l > -70 && l > relativeGate);
  return -0.691 + 10 * Math.log10(gated);
}
