/**
 * Audio decoding: every common format to mono float samples at the configured rate.
 *
 * - sniff.ts — the container from the first bytes (a text file named .mp3 is text)
 * - wav.ts — the project's own WAV reader (8/16/24/32-bit integer, 32/64-bit float, any layout)
 * - ffmpeg.ts — MP3, Ogg, FLAC, AAC/M4A, … through Debian's ffmpeg; ogg.ts — Ogg completeness
 * - libav.ts — the same decoding in process through FFmpeg's libraries (a C shim, libav_decode.c,
 *   compiled on first use; bit-identical samples without ffmpeg's ~80 ms program start)
 * - decode.ts — {@link decodeAudioFile}: picks the decoder, reports bad files
 * - mixdown.ts, resample.ts — mean of channels; scipy-compatible polyphase resampling
 * - load.ts — {@link loadAudio}: decode → mono → resample, silence check
 * - errors.ts — {@link AudioFileError} and its kinds
 * - types.ts — {@link DecodedAudio}: what every decoder returns
 *
 * @example
 * ```ts
 * import { loadAudio } from "./mod.ts";
 * const { samples, sampleRate } = await loadAudio("clip.flac", { sampleRate: 44_100 });
 * ```
 * @module
 */
export * from "./errors.ts";
export * from "./types.ts";
export * from "./sniff.ts";
export * from "./wav.ts";
export * from "./ogg.ts";
export * from "./ffmpeg.ts";
export * from "./libav.ts";
export * from "./decode.ts";
export * from "./mixdown.ts";
export * from "./resample.ts";
export * from "./load.ts";
