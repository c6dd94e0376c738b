/**
 * The network input of an audio file: decode → mono → resample → {@link networkInput}. Kept
 * apart from network_input.ts because it resolves paths through the configuration, which the
 * extraction workers do not need to load.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { networkInputFromFile } from "./from_file.ts";
 * const audio = loadConfig().audio;
 * const x = await networkInputFromFile("data/demo-tiny-seed42-44100hz/audio/demo-t00001.wav", audio);
 * console.log(x.length === audio.nMels * audio.frames); // true
 * ```
 * @module
 */
import { resolvePath } from "../../config.ts";
import type { DecodeOptions } from "../decode/decode.ts";
import { loadAudio } from "../decode/load.ts";
import { type AudioConfig, networkInputResampled } from "./network_input.ts";

/** Options of {@link networkInputFromFile}. */
export interface FileInputOptions extends DecodeOptions {
  /** Seed of a random crop; default 0. */
  seed?: number;
  /** Silence threshold in dBFS (RMS); default −90. */
  silenceDb?: number;
}

/**
 * Decode → mono → resample to `audio.sampleRate` → {@link networkInput}.
 *
 * @param path an audio file in any format the decoder reads; a relative path is relative to the
 *   project root, like the dataset's `audio_path`
 * @param audio the configuration's audio section
 * @throws {AudioFileError} for a missing, empty, non-audio, truncated, corrupt or silent file
 */
export async function networkInputFromFile(
  path: string,
  audio: AudioConfig,
  options: FileInputOptions = {},
): Promise<Float32Array> {
  const clip = await loadAudio(resolvePath(path), {
    silenceDb: options.silenceDb,
    ffmpeg: options.ffmpeg,
    inProcess: options.inProcess,
  });
  return networkInputResampled(clip.samples, clip.sampleRate, audio, options.seed ?? 0);
}
