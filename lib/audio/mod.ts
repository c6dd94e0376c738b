/**
 * The audio layer: decoding every common format, librosa-compatible spectrograms, the CNN's
 * fixed-size input, batch extraction with a cache, and audio descriptors computed locally.
 *
 * - decode/ — WAV (own reader), MP3/Ogg/FLAC/… (ffmpeg), mixdown, resampling, bad-file reasons
 * - spectrogram/ — STFT, mel filterbank, mel spectrogram, power_to_db (librosa's conventions)
 * - input/ — {@link networkInput}, {@link networkInputFromFile}, crop, time pooling
 * - extract/ — {@link extractNetworkInputs}, {@link extractAudioDescriptors}: workers, cache
 * - descriptors/ — loudness, tempo, key/mode, energy proxy, meyda descriptors
 * - clips.ts — the clips a study looks at: tracks with audio, files described, mel dB of a file
 *
 * Layering: imports only lib/data, lib/config.ts and lib/paper.ts (the seed paper's settings).
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { loadAudio, melSpectrogram, powerToDb } from "./mod.ts";
 * const clip = await loadAudio("../shared/data/audio/hr3-caves.ogg", { sampleRate: 44_100 });
 * const db = powerToDb(melSpectrogram(clip.samples, clip.sampleRate, loadConfig().audio));
 * console.log(db.rows, db.frames);
 * ```
 * @module
 */
export * from "./decode/mod.ts";
export * from "./spectrogram/mod.ts";
export * from "./descriptors/mod.ts";
export * from "./extract/mod.ts";
export * from "./input/mod.ts";
export * from "./clips.ts";
