/**
 * Short-time Fourier transform magnitudes, librosa's framing: with `center`, frame t covers
 * samples t·hop − nFft/2 … t·hop + nFft/2 − 1 of the signal padded by nFft/2 at both ends (zeros
 * by default), so there are 1 + ⌊len / hop⌋ frames; without it, frame t starts at t·hop and
 * there are 1 + ⌊(len − nFft) / hop⌋ frames (none when the signal is shorter than nFft).
 *
 * @example
 * ```ts
 * import { frameCount, stftPower } from "./stft.ts";
 * const tone = Float32Array.from({ length: 22_050 }, (_, i) => Math.sin(2 * Math.PI * 440 * i / 22_050));
 * const s = stftPower(tone, 22_050);
 * console.log(s.rows, s.frames === frameCount(tone.length)); // 1025 true
 * ```
 * @module
 */
import {
  type ResolvedSpectrogramOptions,
  resolveSpectrogramOptions,
  SPECTROGRAM_DEFAULTS,
  type SpectrogramOptions,
} from "./defaults.ts";
import { RealFft } from "./fft.ts";
import { fftwBatch, fftwStatus } from "./fftw.ts";
import type { Spectrogram } from "./types.ts";
import { hannWindow } from "./window.ts";

/**
 * Number of STFT frames for a signal of `length` samples.
 *
 * @param length signal length in samples
 * @param options nFft, hopLength, center (defaults: 2048, 512, true)
 */
export function frameCount(
  length: number,
  options: Partial<Pick<SpectrogramOptions, "nFft" | "hopLength" | "center">> = {},
): number {
  const nFft = options.nFft ?? SPECTROGRAM_DEFAULTS.nFft;
  const hop = options.hopLength ?? SPECTROGRAM_DEFAULTS.hopLength;
  if (options.center ?? SPECTROGRAM_DEFAULTS.center) return 1 + Math.floor(length / hop);
  return length < nFft ? 0 : 1 + Math.floor((length - nFft) / hop);
}

/** Copies frame samples begin … begin + n − 1 into `out` at `at`, padding past the ends. */
function fillPadded(
  samples: ArrayLike<number>,
  begin: number,
  out: Float64Array | Float32Array,
  at: number,
  n: number,
  padMode: string,
): void {
  const len = samples.length;
  for (let i = 0; i < n; i++) {
    let j = begin + i;
    if (j < 0 || j >= len) {
      if (padMode === "constant") {
        out[at + i] = 0;
        continue;
      }
      // reflect without repeating the edge sample: x[-1] = x[1], x[n] = x[n-2]
      while (j < 0 || j >= len) j = j < 0 ? -j : 2 * (len - 1) - j;
    }
    out[at + i] = samples[j];
  }
}

/** What {@link forEachSpectrum} needs to know about the frames it transforms. */
export interface SpectrumOptions {
  /** Frame length and FFT size in samples. */
  nFft: number;
  /** The analysis window, `nFft` values (e.g. {@link hannWindow}). */
  window: Float64Array;
  /** Exponent applied to the magnitude: 2 gives power, 1 amplitude. */
  power: number;
  /** How samples before 0 and past the end are filled. */
  padMode: ResolvedSpectrogramOptions["padMode"];
  /** Which FFT: FFTW when it loads (`auto`), FFTW or fail, TypeScript only. */
  fft: ResolvedSpectrogramOptions["fft"];
}

/**
 * Calls `visit(t, spectrum)` with |X_t[k]|^power (bins 0…nFft/2) of the windowed frame t that
 * starts at sample `begin(t)`, for t = 0…frames − 1; `spectrum` is reused between calls. Samples
 * outside the signal are padded (`padMode`). The one FFT path of the workspace: FFTW in batches
 * of frames when its library loads (`fft: "auto"`), the TypeScript FFT (fft.ts) only when it
 * cannot (no libfftw3, no FFI permission) or when `fft: "js"` asks for it.
 *
 * @returns the number of frames
 * @throws {RangeError} when `fft: "fftw"` is asked for and FFTW cannot be loaded
 */
export function forEachSpectrum(
  samples: ArrayLike<number>,
  frames: number,
  begin: (t: number) => number,
  o: SpectrumOptions,
  visit: (t: number, spectrum: Float64Array) => void,
): number {
  const { nFft, window, padMode } = o;
  const n = samples.length;
  const bins = Math.floor(nFft / 2) + 1;
  const spectrum = new Float64Array(bins);
  const perCall = Math.max(1, Math.min(64, Math.floor(131_072 / nFft)));
  const batch = o.fft === "js" ? null : fftwBatch(nFft, perCall);
  if (!batch && o.fft === "fftw") {
    throw new RangeError(`spectrogram option fft: "fftw" requested, ${fftwStatus().reason}`);
  }
  if (batch) {
    const input = batch.input, output = batch.output;
    const half = o.power / 2;
    for (let t0 = 0; t0 < frames; t0 += perCall) {
      const count = Math.min(perCall, frames - t0);
      for (let f = 0; f < count; f++) {
        const start = begin(t0 + f), base = f * nFft;
        if (start >= 0 && start + nFft <= n) {
          for (let i = 0; i < nFft; i++) input[base + i] = samples[start + i] * window[i];
        } else {
          fillPadded(samples, start, input, base, nFft, padMode);
          for (let i = 0; i < nFft; i++) input[base + i] *= window[i];
        }
      }
      batch.execute();
      for (let f = 0; f < count; f++) {
        const base = 2 * f * bins;
        for (let k = 0; k < bins; k++) {
          const re = output[base + 2 * k], im = output[base + 2 * k + 1];
          spectrum[k] = re * re + im * im;
        }
        if (half !== 1) {
          for (let k = 0; k < bins; k++) {
            spectrum[k] = half === 0.5 ? Math.sqrt(spectrum[k]) : spectrum[k] ** half;
          }
        }
        visit(t0 + f, spectrum);
      }
    }
    return frames;
  }
  const fft = new RealFft(nFft);
  // same element type as the samples, so the FFT's read of its input stays monomorphic
  const edge = samples instanceof Float32Array ? new Float32Array(nFft) : new Float64Array(nFft);
  for (let t = 0; t < frames; t++) {
    const start = begin(t);
    if (start >= 0 && start + nFft <= n) {
      fft.power(samples, start, window, spectrum, o.power);
    } else {
      fillPadded(samples, start, edge, 0, nFft, padMode);
      fft.power(edge, 0, window, spectrum, o.power);
    }
    visit(t, spectrum);
  }
  return frames;
}

/**
 * Calls `visit(t, spectrum)` with |X_t[k]|^power for every STFT frame t (bins 0…nFft/2, periodic
 * Hann window, librosa's framing); `spectrum` is reused between calls. The building block of
 * {@link stftPower} and the mel spectrogram; the FFT is {@link forEachSpectrum}'s.
 *
 * @returns the number of frames
 */
export function forEachFrame(
  samples: ArrayLike<number>,
  o: ResolvedSpectrogramOptions,
  visit: (t: number, spectrum: Float64Array) => void,
): number {
  const { nFft, hopLength: hop, center, padMode } = o;
  const n = samples.length;
  const pad = center ? Math.floor(nFft / 2) : 0;
  if (center && padMode === "reflect" && n <= pad) {
    throw new RangeError(
      `reflect padding needs a signal longer than nFft/2 = ${pad} samples, found ${n}`,
    );
  }
  return forEachSpectrum(
    samples,
    frameCount(n, o),
    (t) => t * hop - pad,
    { nFft, window: hannWindow(nFft), power: o.power, padMode, fft: o.fft },
    visit,
  );
}

/**
 * The STFT magnitude raised to `power` (librosa: `np.abs(librosa.stft(y)) ** power`) as a
 * [bins × frames] spectrogram, bins = nFft/2 + 1 at k·sampleRate/nFft Hz.
 *
 * @param samples mono signal, full scale = 1
 * @param sampleRate its sample rate in Hz
 * @param options any of {@link SpectrogramOptions} (mel fields are ignored)
 */
export function stftPower(
  samples: ArrayLike<number>,
  sampleRate: number,
  options: Partial<SpectrogramOptions> = {},
): Spectrogram {
  const o = resolveSpectrogramOptions(options, sampleRate);
  const bins = Math.floor(o.nFft / 2) + 1;
  const frames = frameCount(samples.length, o);
  const data = new Float64Array(bins * frames);
  forEachFrame(samples, o, (t, s) => {
    for (let k = 0; k < bins; k++) data[k * frames + t] = s[k];
  });
  const rowHz = Float64Array.from({ length: bins }, (_, k) => (k * sampleRate) / o.nFft);
  return {
    data,
    rows: bins,
    frames,
    sampleRate,
    hopLength: o.hopLength,
    rowHz,
    scale: o.power === 2 ? "power" : "magnitude",
  };
}
