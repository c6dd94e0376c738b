/**
 * Spectrograms with librosa's conventions: STFT (centred, zero-padded frames, periodic Hann),
 * Slaney mel filterbank with area normalisation, mel spectrogram and power_to_db. Pure functions
 * over sample arrays; every parameter is in {@link SpectrogramOptions} with librosa's defaults.
 *
 * - defaults.ts — {@link SPECTROGRAM_DEFAULTS}, option checking
 * - window.ts — Hann window (periodic or symmetric)
 * - stft.ts — frame counting, |STFT|^power, and {@link forEachSpectrum}: the one FFT path of the
 *   workspace (spectrograms, chroma, meyda's descriptors)
 * - fftw.ts — FFTW 3 through FFI, the FFT used wherever its library loads
 * - fft.ts — the TypeScript FFT, the documented fallback: used only where FFTW cannot be loaded
 *   (no libfftw3, no `--allow-ffi`, another platform) or when `fft: "js"` asks for it
 * - mel.ts — mel scales and filterbank
 * - mel_spectrogram.ts — {@link melSpectrogram}
 * - db.ts — {@link powerToDb}
 * - types.ts — {@link Spectrogram}: the type every step returns and the viewers draw
 *
 * @example
 * ```ts
 * import { melSpectrogram, powerToDb } from "./mod.ts";
 * const y = new Float32Array(44_100 * 3);
 * const db = powerToDb(melSpectrogram(y, 44_100, { nMels: 64 }));
 * console.log(db.rows, db.frames); // 64 259
 * ```
 * @module
 */
export * from "./defaults.ts";
export * from "./types.ts";
export * from "./window.ts";
export * from "./fft.ts";
export * from "./fftw.ts";
export * from "./mel.ts";
export * from "./stft.ts";
export * from "./mel_spectrogram.ts";
export * from "./db.ts";
