/**
 * The mel spectrogram, librosa's `feature.melspectrogram(y=y, sr=sr)` with every default
 * configurable: the STFT magnitude^power (see stft.ts) projected on a mel filterbank (mel.ts).
 * The projection is sparse (each FFT bin feeds at most two Slaney filters), so the cost is the
 * FFT's.
 *
 * @example
 * ```ts
 * import { melSpectrogram, powerToDb } from "./mod.ts";
 * const y = Float32Array.from({ length: 44_100 }, (_, i) => Math.sin(2 * Math.PI * 440 * i / 44_100));
 * const mel = melSpectrogram(y, 44_100);         // 128 × 87, power
 * const db = powerToDb(mel);                      // dB re 1, floored at max − 80
 * console.log(mel.rows, mel.frames, Math.max(...db.data));
 * ```
 * @module
 */
import { resolveSpectrogramOptions, type SpectrogramOptions } from "./defaults.ts";
import { melFilterbank } from "./mel.ts";
import { forEachFrame, frameCount } from "./stft.ts";
import type { Spectrogram } from "./types.ts";

/**
 * Mel spectrogram of a mono signal.
 *
 * @param samples mono signal, full scale = 1 (any length; an empty signal gives one zero frame
 *   when centred)
 * @param sampleRate sample rate in Hz
 * @param options any of {@link SpectrogramOptions}; defaults are librosa's (n_fft 2048, hop 512,
 *   centred zero-padded frames, periodic Hann, power 2, 128 Slaney mels with area normalisation,
 *   fmin 0, fmax sampleRate/2)
 * @returns [nMels × frames] values in (full-scale units)^power, rows from low to high frequency
 */
export function melSpectrogram(
  samples: ArrayLike<number>,
  sampleRate: number,
  options: Partial<SpectrogramOptions> = {},
): Spectrogram {
  const o = resolveSpectrogramOptions(options, sampleRate);
  const fb = melFilterbank({
    sampleRate,
    nFft: o.nFft,
    nMels: o.nMels,
    fmin: o.fmin,
    fmax: o.fmax,
    scale: o.melScale,
    norm: o.melNorm,
  });
  const frames = frameCount(samples.length, o);
  const data = new Float64Array(o.nMels * frames);
  const { start, length, offset, weights } = fb;
  const nMels = o.nMels;
  forEachFrame(samples, o, (t, s) => {
    for (let m = 0; m < nMels; m++) {
      let acc = 0;
      const w0 = offset[m], k0 = start[m], len = length[m];
      for (let i = 0; i < len; i++) acc += weights[w0 + i] * s[k0 + i];
      data[m * frames + t] = acc;
    }
  });
  return {
    data,
    rows: nMels,
    frames,
    sampleRate,
    hopLength: o.hopLength,
    rowHz: fb.centerHz,
    scale: o.power === 2 ? "power" : "magnitude",
  };
}
