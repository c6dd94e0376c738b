/**
 * Mel scales and the triangular mel filterbank, following librosa's `hz_to_mel`, `mel_to_hz`,
 * `mel_frequencies` and `filters.mel`.
 *
 * Slaney's scale (librosa's default): mel = f / (200/3) below 1 kHz (15 mel at 1 kHz), and
 * 15 + ln(f / 1000) / (ln 6.4 / 27) above it. HTK's scale: mel = 2595·log10(1 + f/700).
 * Filter m rises linearly from edge m to the peak at edge m+1 and falls to edge m+2, where the
 * nMels + 2 edges are equally spaced in mel between fmin and fmax. With Slaney normalisation each
 * triangle is scaled by 2 / (edge[m+2] − edge[m]) in Hz, so every filter has the same area.
 *
 * @example
 * ```ts
 * import { hzToMel, melFilterbank } from "./mel.ts";
 * console.log(hzToMel(1000)); // 15
 * const fb = melFilterbank({ sampleRate: 22_050, nFft: 2048, nMels: 128 });
 * console.log(fb.nMels, fb.bins, fb.centerHz[0]);
 * ```
 * @module
 */
import { type MelNorm, type MelScale, SPECTROGRAM_DEFAULTS } from "./defaults.ts";

const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOGSTEP = Math.log(6.4) / 27;

/**
 * Hz → mel.
 *
 * @param hz frequency in Hz (≥ 0)
 * @param scale `"slaney"` (default) or `"htk"`
 */
export function hzToMel(hz: number, scale: MelScale = "slaney"): number {
  if (scale === "htk") return 2595 * Math.log10(1 + hz / 700);
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOGSTEP : hz / F_SP;
}

/**
 * mel → Hz, the inverse of {@link hzToMel}.
 *
 * @param mel value on the chosen mel scale
 * @param scale `"slaney"` (default) or `"htk"`
 */
export function melToHz(mel: number, scale: MelScale = "slaney"): number {
  if (scale === "htk") return 700 * (10 ** (mel / 2595) - 1);
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOGSTEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}

/**
 * `n` frequencies in Hz equally spaced on the mel scale from fmin to fmax (both included),
 * as librosa's `mel_frequencies`.
 */
export function melFrequencies(
  n: number,
  fmin: number,
  fmax: number,
  scale: MelScale = "slaney",
): Float64Array {
  const lo = hzToMel(fmin, scale), hi = hzToMel(fmax, scale);
  const out = new Float64Array(n);
  const step = n > 1 ? (hi - lo) / (n - 1) : 0;
  for (let i = 0; i < n; i++) out[i] = melToHz(i === n - 1 && n > 1 ? hi : lo + i * step, scale);
  return out;
}

/** Options of {@link melFilterbank}; defaults are librosa's. */
export interface MelFilterbankOptions {
  /** Sample rate in Hz. */
  sampleRate: number;
  /** FFT size; the filterbank spans bins 0…nFft/2. */
  nFft: number;
  /** Number of filters; default 128. */
  nMels?: number;
  /** Lowest edge in Hz; default 0. */
  fmin?: number;
  /** Highest edge in Hz; default (and 0 means) sampleRate / 2. */
  fmax?: number;
  /** Default `"slaney"`. */
  scale?: MelScale;
  /** Default `"slaney"` (equal area). */
  norm?: MelNorm;
}

/**
 * A mel filterbank stored sparsely: filter m has non-zero weights only on FFT bins
 * start[m] … start[m] + length[m] − 1, found at weights[offset[m] …].
 */
export interface MelFilterbank {
  /** Number of filters. */
  nMels: number;
  /** Number of FFT bins, nFft/2 + 1. */
  bins: number;
  /** First bin of each filter's support. */
  start: Int32Array;
  /** Number of bins in each filter's support (0 for a filter narrower than a bin). */
  length: Int32Array;
  /** Where each filter's weights begin in `weights`. */
  offset: Int32Array;
  /** All non-zero weights, filter after filter. */
  weights: Float64Array;
  /** The nMels + 2 edge frequencies in Hz (edge m+1 is filter m's peak). */
  edgesHz: Float64Array;
  /** Centre (peak) frequency of each filter in Hz. */
  centerHz: Float64Array;
}

/**
 * Builds the mel filterbank (librosa's `filters.mel`), sparse.
 *
 * @returns weights W[m][k] for filter m and FFT bin k at frequency k·sampleRate/nFft Hz
 */
export function melFilterbank(options: MelFilterbankOptions): MelFilterbank {
  const { sampleRate, nFft } = options;
  const nMels = options.nMels ?? SPECTROGRAM_DEFAULTS.nMels;
  const fmin = options.fmin ?? SPECTROGRAM_DEFAULTS.fmin;
  const fmax = options.fmax || sampleRate / 2;
  const scale = options.scale ?? "slaney";
  const norm = options.norm ?? "slaney";
  const bins = Math.floor(nFft / 2) + 1;
  const fftFreq = new Float64Array(bins);
  // numpy.linspace(0, sr/2, bins), as librosa's fft_frequencies
  const df = sampleRate / 2 / (bins - 1);
  for (let k = 0; k < bins; k++) fftFreq[k] = k === bins - 1 ? sampleRate / 2 : k * df;
  const edges = melFrequencies(nMels + 2, fmin, fmax, scale);
  const start = new Int32Array(nMels), length = new Int32Array(nMels);
  const offset = new Int32Array(nMels);
  const all: number[] = [];
  for (let m = 0; m < nMels; m++) {
    const lowerWidth = edges[m + 1] - edges[m], upperWidth = edges[m + 2] - edges[m + 1];
    const enorm = norm === "slaney" ? 2 / (edges[m + 2] - edges[m]) : 1;
    offset[m] = all.length;
    let first = -1;
    for (let k = 0; k < bins; k++) {
      const lower = (fftFreq[k] - edges[m]) / lowerWidth;
      const upper = (edges[m + 2] - fftFreq[k]) / upperWidth;
      const w = Math.max(0, Math.min(lower, upper));
      if (w > 0) {
        if (first < 0) first = k;
        // fill any interior zero so the support stays contiguous
        while (first + (all.length - offset[m]) < k) all.push(0);
        all.push(w * enorm);
      }
    }
    start[m] = first < 0 ? 0 : first;
    length[m] = all.length - offset[m];
  }
  const centerHz = edges.slice(1, nMels + 1);
  return {
    nMels,
    bins,
    start,
    length,
    offset,
    weights: Float64Array.from(all),
    edgesHz: edges,
    centerHz,
  };
}

/** The filterbank as a dense [nMels × bins] row-major matrix (for inspection and tests). */
export function denseFilterbank(fb: MelFilterbank): Float64Array {
  const out = new Float64Array(fb.nMels * fb.bins);
  for (let m = 0; m < fb.nMels; m++) {
    for (let i = 0; i < fb.length[m]; i++) {
      out[m * fb.bins + fb.start[m] + i] = fb.weights[fb.offset[m] + i];
    }
  }
  return out;
}
