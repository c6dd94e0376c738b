/**
 * The seed paper's Table 1/2 audio quantities computed from the audio itself (Spotify's
 * audio-features endpoint is closed to new apps since November 2024), plus meyda descriptors.
 * Column names match the dataset's where they mean the same thing.
 *
 * | field            | definition                                                                 |
 * | ---------------- | -------------------------------------------------------------------------- |
 * | duration_ms      | decoded length / sample rate, ms                                           |
 * | loudness         | integrated loudness, ITU-R BS.1770-4, LUFS (≈ dB; see loudness.ts)         |
 * | rms_db           | RMS level, dBFS (the demo corpus's `loudness` is this)                     |
 * | tempo            | BPM from the onset envelope's autocorrelation, 120 BPM prior (tempo.ts)    |
 * | tempo_confidence | autocorrelation at the chosen period, 0–1                                  |
 * | key, mode        | Krumhansl–Schmuckler (harmonic profiles) on a high-resolution chroma, its  |
 * |                  | values square-rooted; key 0 = C … 11 = B, −1 none (chroma.ts, key.ts)      |
 * | key_confidence   | correlation of the best key profile, −1–1                                  |
 * | energy           | documented proxy from loudness, flatness and onset strength, 0–1           |
 * | spectral_*, zcr, mfcc_*, chroma | meyda descriptors summarised over the clip (meyda.ts)       |
 *
 * @example
 * ```ts
 * import { audioDescriptors } from "./audio_descriptors.ts";
 * const y = Float32Array.from({ length: 5 * 44_100 }, (_, i) => 0.1 * Math.sin(2 * Math.PI * 440 * i / 44_100));
 * const f = audioDescriptors(y, 44_100);
 * console.log(f.loudness.toFixed(1), f.key, f.duration_ms); // about -23.0, 9 (A), 5000
 * ```
 * @module
 */
import { rmsDbfs } from "../decode/load.ts";
import { powerToDb } from "../spectrogram/db.ts";
import { melSpectrogram } from "../spectrogram/mel_spectrogram.ts";
import { meydaDescriptors, type MeydaOptions } from "./meyda.ts";
import { energyProxy } from "./energy.ts";
import { pitchClassProfile } from "./chroma.ts";
import { estimateKey } from "./key.ts";
import { integratedLoudness } from "./loudness.ts";
import { onsetStrength } from "./onset.ts";
import { estimateTempo, type TempoOptions } from "./tempo.ts";

/** Audio descriptors of one clip (definitions in the module documentation). */
export interface AudioDescriptors {
  /** Duration of the decoded file, ms. */
  duration_ms: number;
  /** Integrated loudness (ITU-R BS.1770-4), LUFS; −Infinity for near-silence. */
  loudness: number;
  /** RMS level, dBFS. */
  rms_db: number;
  /** Tempo, BPM; 0 when no periodicity is found. */
  tempo: number;
  /** Autocorrelation of the onset envelope at the tempo's period, 0–1. */
  tempo_confidence: number;
  /** Tonic pitch class, 0 = C … 11 = B; −1 when there is no key. */
  key: number;
  /** 1 major, 0 minor. */
  mode: number;
  /** Correlation of the best key profile, −1–1. */
  key_confidence: number;
  /** Energy proxy, 0–1 (energy.ts). */
  energy: number;
  /** Mean spectral centroid, Hz. */
  spectral_centroid: number;
  /** Mean 99 % roll-off frequency, Hz. */
  spectral_rolloff: number;
  /** Mean spectral flatness, 0–1. */
  spectral_flatness: number;
  /** Mean zero-crossing rate, crossings per sample. */
  zcr: number;
  /** Mean onset strength, dB per frame (hop 512). */
  onset_strength: number;
  /** Mean of each of 13 MFCCs (meyda). */
  mfcc_mean: number[];
  /** Standard deviation of each of 13 MFCCs. */
  mfcc_std: number[];
  /** Mean meyda chroma, 12 pitch classes from C. */
  chroma: number[];
}

/** The scalar fields of {@link AudioDescriptors}, in table order. */
export const SCALAR_DESCRIPTORS = [
  "duration_ms",
  "loudness",
  "rms_db",
  "tempo",
  "tempo_confidence",
  "key",
  "mode",
  "key_confidence",
  "energy",
  "spectral_centroid",
  "spectral_rolloff",
  "spectral_flatness",
  "zcr",
  "onset_strength",
] as const;

/** Options of {@link audioDescriptors}. */
export interface AudioDescriptorOptions {
  /** Tempo estimation options. */
  tempo?: TempoOptions;
  /** meyda descriptor options. */
  meyda?: MeydaOptions;
  /** Duration to report when the samples are a crop of a longer file, ms; default their own. */
  durationMs?: number;
}

/**
 * Computes every descriptor of a mono clip.
 *
 * @param samples mono signal, full scale = 1
 * @param sampleRate its rate in Hz
 */
export function audioDescriptors(
  samples: Float32Array,
  sampleRate: number,
  options: AudioDescriptorOptions = {},
): AudioDescriptors {
  const hop = 512;
  const db = powerToDb(melSpectrogram(samples, sampleRate, { hopLength: hop }));
  const onset = onsetStrength(db);
  const tempo = estimateTempo(onset, sampleRate / hop, options.tempo);
  let onsetMean = 0;
  for (const v of onset) onsetMean += v;
  onsetMean /= Math.max(1, onset.length);
  const d = meydaDescriptors(samples, sampleRate, options.meyda);
  // square roots compress the dominance of the loudest pitch classes (measured: better on the
  // demo corpus than the magnitudes themselves)
  const key = estimateKey(Array.from(pitchClassProfile(samples, sampleRate), Math.sqrt));
  const loudness = integratedLoudness(samples, sampleRate);
  return {
    duration_ms: options.durationMs ?? (1000 * samples.length) / sampleRate,
    loudness,
    rms_db: rmsDbfs(samples),
    tempo: tempo.bpm,
    tempo_confidence: tempo.confidence,
    key: key.key,
    mode: key.mode,
    key_confidence: key.confidence,
    energy: energyProxy({
      loudness,
      spectralFlatness: d.spectralFlatness,
      onsetStrength: onsetMean,
    }),
    spectral_centroid: d.spectralCentroid,
    spectral_rolloff: d.spectralRolloff,
    spectral_flatness: d.spectralFlatness,
    zcr: d.zcr,
    onset_strength: onsetMean,
    mfcc_mean: d.mfccMean,
    mfcc_std: d.mfccStd,
    chroma: d.chroma,
  };
}
