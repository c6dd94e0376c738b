/**
 * The one set of spectrogram defaults every caller reads: librosa's conventions for
 * `librosa.stft`, `librosa.feature.melspectrogram` and `librosa.power_to_db` (version 0.10+).
 *
 * | parameter  | default      | meaning                                                          |
 * | ---------- | ------------ | ---------------------------------------------------------------- |
 * | nFft       | 2048         | FFT size and frame length, in samples                            |
 * | hopLength  | 512          | hop between frame starts, in samples                             |
 * | center     | true         | frame t is centred on sample t·hop (the signal is padded)        |
 * | padMode    | `"constant"` | centring pads with zeros (`"reflect"` mirrors the edge samples)  |
 * | window     | periodic Hann| 0.5 − 0.5·cos(2πn/nFft), n = 0…nFft−1                            |
 * | power      | 2            | exponent of the magnitude: 2 power, 1 amplitude                  |
 * | nMels      | 128          | mel bands                                                        |
 * | fmin, fmax | 0, 0         | band edges in Hz; fmax 0 means sampleRate / 2                    |
 * | melScale   | `"slaney"`   | Slaney's mel scale (linear below 1 kHz, logarithmic above)       |
 * | melNorm    | `"slaney"`   | each triangle scaled by 2 / (its width in Hz): equal area        |
 * | ref, amin  | 1, 1e-10     | power_to_db: 10·log10(max(amin, S) / ref)                        |
 * | topDb      | 80           | power_to_db floors every value at (max − topDb) dB               |
 * | fft        | `"auto"`     | FFTW through FFI when it loads, else the TypeScript FFT          |
 *
 * @example
 * ```ts
 * import { resolveSpectrogramOptions } from "./defaults.ts";
 * const o = resolveSpectrogramOptions({ nMels: 64 }, 22_050);
 * console.log(o.nFft, o.fmax); // 2048 11025
 * ```
 * The sizes and ranges (nFft, hopLength, nMels, fmin, fmax, power, topDb) are the seed paper's
 * spectrogram settings, read from the workspace's one settings object (../../paper.ts), which the
 * configuration's audio defaults read too.
 *
 * @module
 */
import { PAPER_SETTINGS } from "../../paper.ts";

/** Mel scale formulas: Slaney's (librosa's default, `htk=False`) or HTK's 2595·log10(1 + f/700). */
export type MelScale = "slaney" | "htk";
/** Mel filter normalisation: `"slaney"` (equal area, librosa's default) or none (peak 1). */
export type MelNorm = "slaney" | "none";
/** How centred frames are padded at the signal's ends. */
export type PadMode = "constant" | "reflect";
/** Which FFT computes the STFT: FFTW when it loads (`auto`), FFTW or fail, or TypeScript only. */
export type FftBackend = "auto" | "fftw" | "js";

/** Every parameter of the STFT, the mel filterbank and power_to_db. */
export interface SpectrogramOptions {
  /** FFT size and frame length in samples (any size ≥ 2; powers of two are fastest). Default 2048. */
  nFft: number;
  /** Hop between successive frames in samples. Default 512. */
  hopLength: number;
  /** Centre frame t on sample t·hopLength by padding nFft/2 samples at both ends. Default true. */
  center: boolean;
  /** Padding used when `center` is true. Default `"constant"` (zeros), librosa ≥ 0.10's default. */
  padMode: PadMode;
  /** Exponent applied to the STFT magnitude: 2 gives power, 1 amplitude. Default 2. */
  power: number;
  /** Number of mel bands. Default 128. */
  nMels: number;
  /** Lowest filter edge in Hz. Default 0. */
  fmin: number;
  /** Highest filter edge in Hz; 0 means sampleRate / 2. Default 0. */
  fmax: number;
  /** Mel scale. Default `"slaney"`. */
  melScale: MelScale;
  /** Filter normalisation. Default `"slaney"` (area). */
  melNorm: MelNorm;
  /** power_to_db reference: values are expressed in dB relative to `ref`. Default 1. */
  ref: number;
  /** power_to_db floor before the logarithm (avoids log 0). Default 1e-10. */
  amin: number;
  /** power_to_db dynamic range in dB; values below (max − topDb) are raised to it; Infinity keeps all. Default 80. */
  topDb: number;
  /** FFT implementation; default `"auto"` (FFTW when available). Results agree to ~1e-12. */
  fft: FftBackend;
}

/** librosa's defaults; the sizes come from the seed paper's settings, as the configuration's. */
export const SPECTROGRAM_DEFAULTS: Readonly<SpectrogramOptions> = Object.freeze({
  nFft: PAPER_SETTINGS.audio.nFft,
  hopLength: PAPER_SETTINGS.audio.hopLength,
  center: true,
  padMode: "constant",
  power: PAPER_SETTINGS.audio.power,
  nMels: PAPER_SETTINGS.audio.nMels,
  fmin: PAPER_SETTINGS.audio.fmin,
  fmax: PAPER_SETTINGS.audio.fmax,
  melScale: "slaney",
  melNorm: "slaney",
  ref: 1,
  amin: 1e-10,
  topDb: PAPER_SETTINGS.audio.topDb,
  fft: "auto",
});

/** Raised for an impossible spectrogram parameter; the message names it, expected and found. */
export class SpectrogramOptionsError extends RangeError {
  /**
   * An invalid option.
   *
   * @param message names the parameter, what was expected and what was found
   */
  constructor(message: string) {
    super(message);
    this.name = "SpectrogramOptionsError";
  }
}

/** Options after defaults are filled in and `fmax` is resolved to Hz for a sample rate. */
export type ResolvedSpectrogramOptions = SpectrogramOptions & { sampleRate: number };

/**
 * Fills in defaults, resolves `fmax = 0` to sampleRate / 2 and checks every value.
 *
 * @param options any subset of {@link SpectrogramOptions}
 * @param sampleRate sample rate of the signal in Hz
 * @throws {SpectrogramOptionsError} naming the first invalid parameter
 */
export function resolveSpectrogramOptions(
  options: Partial<SpectrogramOptions>,
  sampleRate: number,
): ResolvedSpectrogramOptions {
  const o: SpectrogramOptions = { ...SPECTROGRAM_DEFAULTS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined && key in SPECTROGRAM_DEFAULTS) {
      (o as unknown as Record<string, unknown>)[key] = value;
    }
  }
  const fail = (name: string, expected: string, found: unknown): never => {
    throw new SpectrogramOptionsError(
      `spectrogram option ${name}: expected ${expected}, found ${JSON.stringify(found)}`,
    );
  };
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
    fail("sampleRate", "a positive number of Hz", sampleRate);
  }
  if (!Number.isInteger(o.nFft) || o.nFft < 2) fail("nFft", "an integer ≥ 2", o.nFft);
  if (!Number.isInteger(o.hopLength) || o.hopLength < 1) {
    fail("hopLength", "a positive integer", o.hopLength);
  }
  if (!Number.isInteger(o.nMels) || o.nMels < 1) fail("nMels", "a positive integer", o.nMels);
  if (!(o.power > 0)) fail("power", "a positive exponent", o.power);
  const nyquist = sampleRate / 2;
  const fmax = o.fmax === 0 ? nyquist : o.fmax;
  if (!(o.fmin >= 0)) fail("fmin", "≥ 0 Hz", o.fmin);
  if (!(fmax > o.fmin) || fmax > nyquist) {
    fail("fmax", `a frequency in (fmin = ${o.fmin}, ${nyquist}] Hz, or 0 for sampleRate / 2`, fmax);
  }
  if (o.melScale !== "slaney" && o.melScale !== "htk") {
    fail("melScale", `"slaney" or "htk"`, o.melScale);
  }
  if (o.melNorm !== "slaney" && o.melNorm !== "none") {
    fail("melNorm", `"slaney" or "none"`, o.melNorm);
  }
  if (o.padMode !== "constant" && o.padMode !== "reflect") {
    fail("padMode", `"constant" or "reflect"`, o.padMode);
  }
  if (!(o.ref > 0)) fail("ref", "a positive reference power", o.ref);
  if (!(o.amin > 0)) fail("amin", "a positive floor", o.amin);
  if (o.fft !== "auto" && o.fft !== "fftw" && o.fft !== "js") {
    fail("fft", `"auto", "fftw" or "js"`, o.fft);
  }
  if (!(o.topDb > 0)) fail("topDb", "a positive range in dB (Infinity: no floor)", o.topDb);
  return { ...o, fmax, sampleRate };
}
