/**
 * Decoding any audio file: the container is identified from its bytes (not its name); WAV is
 * read by the project's own parser, everything else by FFmpeg: the ffmpeg program (a hostile file
 * can only crash its own process; it also words every failure), or, with `inProcess`, FFmpeg's
 * libraries in this process (libav.ts) when the shim is available. Empty files, text or HTML saved
 * under an audio name, truncated and corrupt files fail with an {@link AudioFileError} whose
 * reason says what was found.
 *
 * @example
 * ```ts
 * import { decodeAudioFile } from "./decode.ts";
 * const audio = await decodeAudioFile("../shared/data/audio/hr3-caves.ogg");
 * console.log(audio.codec, audio.sampleRate, audio.channels.length);
 * ```
 * @module
 */
import { AudioFileError } from "./errors.ts";
import { decodeWithFfmpeg } from "./ffmpeg.ts";
import { decodeWithLibav } from "./libav.ts";
import { toMono } from "./mixdown.ts";
import { oggTruncation } from "./ogg.ts";
import { isAudioFormat, sniffFormat, textPreview } from "./sniff.ts";
import type { DecodedAudio } from "./types.ts";
import { parseWav, UnsupportedWavError } from "./wav.ts";

/** Options of {@link decodeAudio} and {@link decodeAudioFile}. */
export interface DecodeOptions {
  /** ffmpeg executable for non-WAV formats; default `ffmpeg` on PATH. */
  ffmpeg?: string;
  /** Return one channel, the mean of all, mixed while reading (saves a copy per channel). */
  mono?: boolean;
  /**
   * Decode compressed audio in this process through FFmpeg's libraries (libav.ts) when the shim
   * is available: the same samples without starting the ffmpeg program (~80 ms per file), but a
   * file that crashes libav then takes this process with it, and there is no timeout. Default
   * false: batches (extraction) keep the ffmpeg program, which isolates every file; `deno task
   * predict` sets it for its one file.
   */
  inProcess?: boolean;
}

/**
 * Throws when decoded audio holds NaN or ±inf samples: float WAV files can, and one such sample
 * turns every spectrogram frame, mean and level computed over it into NaN.
 *
 * @param channels planar channels
 * @throws {AudioFileError} kind `non-finite`, counting the NaN and infinite samples
 * @example
 * ```ts
 * import { assertFiniteSamples } from "./decode.ts";
 * assertFiniteSamples([new Float32Array([0, 0.5, -0.5])]); // passes
 * ```
 */
export function assertFiniteSamples(channels: readonly Float32Array[]): void {
  let nan = 0, inf = 0, total = 0;
  for (const channel of channels) {
    total += channel.length;
    for (let i = 0; i < channel.length; i++) {
      const x = channel[i];
      if (x - x !== 0) {
        if (x !== x) nan++;
        else inf++;
      }
    }
  }
  if (nan + inf > 0) {
    throw new AudioFileError(
      "non-finite",
      `non-finite samples: ${nan} NaN and ${inf} infinite of ${total} samples`,
    );
  }
}

function nameSays(name: string | undefined): string {
  const ext = name?.match(/\.([A-Za-z0-9]+)$/)?.[1];
  return ext ? ` although its name ends in .${ext}` : "";
}

/**
 * Decodes audio held in memory.
 *
 * @param bytes the whole file
 * @param options `name` (for messages and the extension check), `path` (lets ffmpeg read the
 *   file itself, which seekable containers such as MP4 need), `ffmpeg`
 * @returns planar float32 channels at the file's own sample rate
 * @throws {AudioFileError} with kind `empty`, `not-audio`, `truncated`, `corrupt`,
 *   `decoder-missing`, `decoder-failed` or `non-finite` (NaN or ±inf samples)
 */
export async function decodeAudio(
  bytes: Uint8Array,
  options: DecodeOptions & { name?: string; path?: string } = {},
): Promise<DecodedAudio> {
  const name = options.name ?? options.path;
  if (bytes.length === 0) throw new AudioFileError("empty", "empty file (0 bytes)");
  const { format, description } = sniffFormat(bytes.subarray(0, 1024));
  if (format === "text") {
    throw new AudioFileError(
      "not-audio",
      `not audio: the file holds ${description} ("${textPreview(bytes)}")${nameSays(name)}`,
    );
  }
  if (format === "image" || format === "archive") {
    throw new AudioFileError("not-audio", `not audio: the file is ${description}${nameSays(name)}`);
  }
  if (format === "wav") {
    try {
      const audio = parseWav(bytes, { mono: options.mono });
      if (audio.channels[0].length === 0) {
        throw new AudioFileError("empty", "the WAV file holds no samples (empty data chunk)");
      }
      assertFiniteSamples(audio.channels);
      return audio;
    } catch (error) {
      if (!(error instanceof UnsupportedWavError)) throw error;
      // A-law, μ-law, ADPCM…: ffmpeg reads them
    }
  }
  const ffmpegInput = options.path !== undefined ? { path: options.path } : { bytes };
  try {
    // FFmpeg's libraries in this process when available (same samples, no program start);
    // a named ffmpeg executable is always honoured
    const fast = options.inProcess && options.path !== undefined && options.ffmpeg === undefined
      ? await decodeWithLibav(options.path)
      : null;
    const audio = fast === null
      ? await decodeWithFfmpeg({ ...ffmpegInput, ffmpeg: options.ffmpeg, mono: options.mono })
      : options.mono
      ? { ...fast, channels: [toMono(fast.channels)] }
      : fast;
    if (format === "ogg") {
      const cut = oggTruncation(bytes);
      if (cut) throw new AudioFileError("truncated", cut);
    }
    assertFiniteSamples(audio.channels);
    return audio;
  } catch (error) {
    if (
      error instanceof AudioFileError && !isAudioFormat(format) &&
      (error.kind === "not-audio" || error.kind === "decoder-failed")
    ) {
      throw new AudioFileError(
        "not-audio",
        `not audio: ${description} in its first bytes${nameSays(name)} (${error.reason})`,
      );
    }
    throw error;
  }
}

/**
 * Reads and decodes an audio file.
 *
 * @param path the file
 * @throws {AudioFileError} `missing` when there is no such file, or any kind of {@link decodeAudio}
 */
export async function decodeAudioFile(
  path: string,
  options: DecodeOptions = {},
): Promise<DecodedAudio> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new AudioFileError("missing", "no such file", path);
    }
    if (error instanceof Deno.errors.IsADirectory) {
      throw new AudioFileError("missing", "a directory, not a file", path);
    }
    throw error;
  }
  try {
    return await decodeAudio(bytes, { ...options, path });
  } catch (error) {
    throw error instanceof AudioFileError ? error.withPath(path) : error;
  }
}
