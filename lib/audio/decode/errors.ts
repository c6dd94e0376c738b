/**
 * Why an audio file could not be used. Every failure of the audio pipeline is an
 * {@link AudioFileError} with a {@link AudioFailureKind} and a message a person can act on, so
 * a batch can list its failures and carry on.
 *
 * @example
 * ```ts
 * import { AudioFileError } from "./errors.ts";
 * const e = new AudioFileError("empty", "empty file (0 bytes)", "clips/a.mp3");
 * console.log(e.message); // "clips/a.mp3: empty file (0 bytes)"
 * ```
 * @module
 */

/** The kinds of failure, for grouping a failures table. */
export const AUDIO_FAILURE_KINDS = [
  "missing",
  "empty",
  "not-audio",
  "truncated",
  "corrupt",
  "unsupported",
  "decoder-missing",
  "decoder-failed",
  "silent",
  "non-finite",
] as const;

/** One kind of failure: `missing` file, `empty` file, `not-audio` content (text, HTML, an
 * image), `truncated` audio, `corrupt` structure, `unsupported` encoding, `decoder-missing`
 * (ffmpeg not installed), `decoder-failed`, `silent` audio, or `non-finite` samples (NaN or ±inf, which float WAV files
 * can hold and which would poison every spectrogram and mean computed from them). */
export type AudioFailureKind = typeof AUDIO_FAILURE_KINDS[number];

/** An audio file that cannot be decoded or used; `reason` is the message without the path. */
export class AudioFileError extends Error {
  /** What went wrong, for grouping. */
  readonly kind: AudioFailureKind;
  /** Human-readable reason, without the path. */
  readonly reason: string;
  /** The file, when known. */
  readonly path: string | undefined;

  /**
   * A failure of one file.
   *
   * @param kind what went wrong
   * @param reason the reason in words, without the path
   * @param path the file, prefixed to the message when given
   */
  constructor(kind: AudioFailureKind, reason: string, path?: string) {
    super(path ? `${path}: ${reason}` : reason);
    this.name = "AudioFileError";
    this.kind = kind;
    this.reason = reason;
    this.path = path;
  }

  /** The same error attributed to a file. */
  withPath(path: string): AudioFileError {
    return new AudioFileError(this.kind, this.reason, path);
  }
}
