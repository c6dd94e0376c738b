/**
 * Frame-level descriptors from meyda, summarised over a clip: spectral centroid, roll-off and
 * flatness, zero-crossing rate, RMS, MFCC (mean and standard deviation per coefficient) and
 * chroma (mean). meyda analyses frames of `frameSize` samples (Hann window, its own FFT); to
 * bound the cost on long tracks at most `maxFrames` frames are analysed, evenly spaced, and
 * frames below −80 dBFS RMS are skipped (their log-spectra are undefined).
 *
 * Units: centroid and roll-off in Hz (roll-off: the frequency below which 99 % of the amplitude
 * spectrum lies, meyda's definition); flatness 0–1 (geometric / arithmetic mean of the amplitude
 * spectrum); zcr in crossings per sample (0–1, librosa's unit); RMS in full-scale units; MFCC
 * from meyda's 26 mel bands (its own mel scale, not librosa's); chroma per pitch class
 * (index 0 = C), each frame scaled to a maximum of 1.
 *
 * @example
 * ```ts
 * import { meydaDescriptors } from "./descriptors.ts";
 * const y = Float32Array.from({ length: 44_100 }, (_, i) => Math.sin(2 * Math.PI * 440 * i / 44_100));
 * console.log(meydaDescriptors(y, 44_100).spectralCentroid); // ≈ 440
 * ```
 * @module
 */
import meydaDefault from "meyda";
import type { MeydaAudioFeature, MeydaFeaturesObject } from "meyda";

/** The part of meyda's default export used here. Its CommonJS build exports the object itself,
 * while its type declarations describe an ES module; this interface states what is there. */
interface MeydaApi {
  bufferSize: number;
  sampleRate: number;
  numberOfMFCCCoefficients: number;
  windowingFunction: string;
  extract(features: MeydaAudioFeature[], signal: Float32Array): Partial<MeydaFeaturesObject> | null;
}
const Meyda = meydaDefault as unknown as MeydaApi;

/** Clip-level summary of meyda's frame descriptors. */
export interface MeydaDescriptors {
  /** Mean spectral centroid, Hz. */
  spectralCentroid: number;
  /** Mean 99 % roll-off frequency, Hz. */
  spectralRolloff: number;
  /** Mean spectral flatness, 0–1. */
  spectralFlatness: number;
  /** Mean zero-crossing rate, crossings per sample. */
  zcr: number;
  /** Mean frame RMS, full-scale units. */
  rms: number;
  /** Mean of each MFCC coefficient (13). */
  mfccMean: number[];
  /** Standard deviation of each MFCC coefficient (13). */
  mfccStd: number[];
  /** Mean chroma, 12 pitch classes from C. */
  chroma: number[];
  /** Frames analysed (after skipping silent ones). */
  frames: number;
}

/** Options of {@link meydaDescriptors}. */
export interface DescriptorOptions {
  /** Frame length in samples, a power of two; default 2048. */
  frameSize?: number;
  /** Most frames analysed, evenly spaced; default 256. */
  maxFrames?: number;
  /** Number of MFCC coefficients; default 13. */
  mfccCoefficients?: number;
}

const SILENT_RMS = 1e-4; // −80 dBFS

/**
 * Summarises meyda's descriptors over a mono clip.
 *
 * @param samples mono signal, full scale = 1
 * @param sampleRate its rate in Hz
 */
export function meydaDescriptors(
  samples: Float32Array,
  sampleRate: number,
  options: DescriptorOptions = {},
): MeydaDescriptors {
  const size = options.frameSize ?? 2048;
  const maxFrames = options.maxFrames ?? 256;
  const nMfcc = options.mfccCoefficients ?? 13;
  Meyda.bufferSize = size;
  Meyda.sampleRate = sampleRate;
  Meyda.numberOfMFCCCoefficients = nMfcc;
  Meyda.windowingFunction = "hanning";
  const available = samples.length >= size ? 1 + Math.floor((samples.length - size) / size) : 0;
  const count = Math.min(available, maxFrames);
  const step = count > 1 ? (samples.length - size) / (count - 1) : 0;
  const frame = new Float32Array(size);
  let n = 0;
  const sum = { centroid: 0, rolloff: 0, flatness: 0, zcr: 0, rms: 0 };
  const mfccSum = new Float64Array(nMfcc), mfccSq = new Float64Array(nMfcc);
  const chroma = new Float64Array(12);
  for (let i = 0; i < count; i++) {
    const start = Math.round(i * step);
    frame.set(samples.subarray(start, start + size));
    let energy = 0;
    for (let j = 0; j < size; j++) energy += frame[j] * frame[j];
    const rms = Math.sqrt(energy / size);
    if (rms < SILENT_RMS) continue;
    const f = Meyda.extract(
      ["spectralCentroid", "spectralRolloff", "spectralFlatness", "zcr", "mfcc", "chroma"],
      frame,
    );
    if (!f) continue;
    const mfcc = f.mfcc ?? [];
    if (!mfcc.every(Number.isFinite) || !(f.chroma ?? []).every(Number.isFinite)) continue;
    n++;
    sum.centroid += ((f.spectralCentroid ?? 0) * sampleRate) / size;
    sum.rolloff += f.spectralRolloff ?? 0;
    sum.flatness += f.spectralFlatness ?? 0;
    sum.zcr += (f.zcr ?? 0) / (size - 1);
    sum.rms += rms;
    for (let c = 0; c < nMfcc; c++) {
      mfccSum[c] += mfcc[c];
      mfccSq[c] += mfcc[c] * mfcc[c];
    }
    (f.chroma ?? []).forEach((v: number, c: number) => (chroma[c] += v));
  }
  const mean = (x: number) => (n ? x / n : NaN);
  return {
    spectralCentroid: mean(sum.centroid),
    spectralRolloff: mean(sum.rolloff),
    spectralFlatness: mean(sum.flatness),
    zcr: mean(sum.zcr),
    rms: mean(sum.rms),
    mfccMean: Array.from(mfccSum, mean),
    mfccStd: Array.from(
      mfccSum,
      (s, c) => n ? Math.sqrt(Math.max(0, mfccSq[c] / n - (s / n) ** 2)) : NaN,
    ),
    chroma: Array.from(chroma, mean),
    frames: n,
  };
}
