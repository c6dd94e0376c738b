/**
 * Frame-level descriptors from meyda, summarised over a clip: spectral centroid, roll-off and
 * flatness, zero-crossing rate, RMS, MFCC (mean and standard deviation per coefficient) and
 * chroma (mean), from frames of `frameSize` samples; to bound the cost on long tracks at most
 * `maxFrames` frames are analysed, evenly spaced, and frames below −80 dBFS RMS are skipped
 * (their log-spectra are undefined).
 *
 * The spectra are the workspace's (forEachSpectrum in lib/audio/spectrogram/stft.ts: FFTW, or the
 * TypeScript FFT where FFTW cannot load), with meyda's window (the symmetric Hann, in float32)
 * and meyda's amplitude spectrum (bins 0…frameSize/2 − 1, float32); meyda's per-feature
 * extractors then read them, with meyda's own mel and chroma filter banks, so the values are
 * meyda's (`Meyda.extract` would compute the same spectrum with its own FFT, fftjs).
 *
 * Units: centroid and roll-off in Hz (roll-off: the frequency below which 99 % of the amplitude
 * spectrum lies, meyda's definition); flatness 0–1 (geometric / arithmetic mean of the amplitude
 * spectrum); zcr in crossings per sample (0–1, librosa's unit); RMS in full-scale units; MFCC
 * from meyda's 26 mel bands (its own mel scale, not librosa's); chroma per pitch class
 * (index 0 = C), each frame scaled to a maximum of 1.
 *
 * @example
 * ```ts
 * import { meydaDescriptors } from "./meyda.ts";
 * const y = Float32Array.from({ length: 44_100 }, (_, i) => Math.sin(2 * Math.PI * 440 * i / 44_100));
 * console.log(meydaDescriptors(y, 44_100).spectralCentroid); // ≈ 440
 * ```
 * @module
 */
import meydaDefault from "meyda";
import { forEachSpectrum } from "../spectrogram/stft.ts";
import { hannWindow } from "../spectrogram/window.ts";

/** What meyda's per-feature extractors read (each reads only the fields it needs). */
interface ExtractorInput {
  ampSpectrum: Float32Array;
  signal: Float64Array;
  sampleRate: number;
  bufferSize: number;
  melFilterBank: number[][];
  chromaFilterBank: number[][];
  numberOfMFCCCoefficients: number;
}

/** The part of meyda's default export used here. Its CommonJS build exports the object itself,
 * while its type declarations describe an ES module; this interface states what is there. */
interface MeydaApi {
  bufferSize: number;
  sampleRate: number;
  numberOfMFCCCoefficients: number;
  windowingFunction: string;
  barkScale?: Float32Array;
  melFilterBank?: number[][];
  chromaFilterBank?: number[][];
  featureExtractors: {
    spectralCentroid(input: ExtractorInput): number;
    spectralRolloff(input: ExtractorInput): number;
    spectralFlatness(input: ExtractorInput): number;
    zcr(input: ExtractorInput): number;
    mfcc(input: ExtractorInput): number[];
    chroma(input: ExtractorInput): number[];
  };
  extract(feature: "rms", signal: Float32Array): number;
}
const Meyda = meydaDefault as unknown as MeydaApi;

const filterBanks = new Map<string, { mel: number[][]; chroma: number[][] }>();

/**
 * meyda's own mel and chroma filter banks for a frame size and rate. meyda builds them inside
 * `extract` and, in 5.6, keeps the first ones it built even when the rate or frame size changes;
 * its caches are cleared so that it builds the ones asked for.
 */
function meydaFilterBanks(size: number, sampleRate: number, nMfcc: number) {
  const key = `${size}/${sampleRate}/${nMfcc}`;
  let banks = filterBanks.get(key);
  if (!banks) {
    Object.assign(Meyda, { bufferSize: size, sampleRate, numberOfMFCCCoefficients: nMfcc });
    Object.assign(Meyda, {
      barkScale: undefined,
      melFilterBank: undefined,
      chromaFilterBank: undefined,
    });
    Meyda.extract("rms", new Float32Array(size));
    banks = { mel: Meyda.melFilterBank!, chroma: Meyda.chromaFilterBank! };
    filterBanks.set(key, banks);
  }
  return banks;
}

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
export interface MeydaOptions {
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
  options: MeydaOptions = {},
): MeydaDescriptors {
  const size = options.frameSize ?? 2048;
  const maxFrames = options.maxFrames ?? 256;
  const nMfcc = options.mfccCoefficients ?? 13;
  const banks = meydaFilterBanks(size, sampleRate, nMfcc);
  const available = samples.length >= size ? 1 + Math.floor((samples.length - size) / size) : 0;
  const count = Math.min(available, maxFrames);
  const step = count > 1 ? (samples.length - size) / (count - 1) : 0;
  const starts: number[] = [], levels: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.round(i * step);
    let energy = 0;
    for (let j = start; j < start + size; j++) energy += samples[j] * samples[j];
    const rms = Math.sqrt(energy / size);
    if (rms < SILENT_RMS) continue;
    starts.push(start);
    levels.push(rms);
  }
  // meyda's window: the symmetric Hann, in float32 as meyda stores it
  const window = Float64Array.from(Float32Array.from(hannWindow(size, { periodic: false })));
  const input: ExtractorInput = {
    ampSpectrum: new Float32Array(size / 2),
    signal: new Float64Array(size),
    sampleRate,
    bufferSize: size,
    melFilterBank: banks.mel,
    chromaFilterBank: banks.chroma,
    numberOfMFCCCoefficients: nMfcc,
  };
  const extract = Meyda.featureExtractors;
  let n = 0;
  const sum = { centroid: 0, rolloff: 0, flatness: 0, zcr: 0, rms: 0 };
  const mfccSum = new Float64Array(nMfcc), mfccSq = new Float64Array(nMfcc);
  const chroma = new Float64Array(12);
  const opts = { nFft: size, window, power: 1, padMode: "constant", fft: "auto" } as const;
  forEachSpectrum(samples, starts.length, (t) => starts[t], opts, (t, amplitude) => {
    input.ampSpectrum.set(amplitude.subarray(0, size / 2)); // meyda's spectrum stops below Nyquist
    for (let j = 0; j < size; j++) input.signal[j] = samples[starts[t] + j] * window[j];
    const mfcc = extract.mfcc(input), frameChroma = extract.chroma(input);
    if (!mfcc.every(Number.isFinite) || !frameChroma.every(Number.isFinite)) return;
    n++;
    sum.centroid += (extract.spectralCentroid(input) * sampleRate) / size;
    sum.rolloff += extract.spectralRolloff(input);
    sum.flatness += extract.spectralFlatness(input);
    sum.zcr += extract.zcr(input) / (size - 1);
    sum.rms += levels[t];
    for (let c = 0; c < nMfcc; c++) {
      mfccSum[c] += mfcc[c];
      mfccSq[c] += mfcc[c] * mfcc[c];
    }
    frameChroma.forEach((v, c) => (chroma[c] += v));
  });
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
