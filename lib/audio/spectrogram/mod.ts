/**
 * Spectrograms with librosa's conventions: STFT (centred, zero-padded frames, periodic Hann),
 * Slaney mel filterbank with area normalisation, mel spectrogram and power_to_db. Pure functions
 * over sample arrays; every parameter is in {@link SpectrogramOptions} with librosa's defaults.
 *
 * - defaults.ts — {@link SPECTROGRAM_DEFAULTS}, option checking
 * - window.ts, fft.ts — Hann window, real and complex FFTs; fftw.ts — FFTW through FFI (optional)
 * - mel.ts — mel scales and filterbank
 * - stft.ts — frame counting and |STFT|^power
 * - mel_spectrogram.ts — {@link melSpectrogram}
 * - db.ts — {@link powerToDb}
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
