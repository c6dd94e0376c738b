/**
 * Matching local audio files to collected tracks, by ISRC or normalised title + artist.
 *
 * - normalize.ts — {@link normalizeTitle}, {@link normalizeArtist}, {@link normalizeIsrc}
 * - tags.ts — {@link readAudioTags} (ID3v2, FLAC/Ogg Vorbis comments), {@link parseAudioFileName}
 * - match.ts — {@link scanLocalAudio}, {@link matchLocalAudio}
 *
 * @example
 * ```ts
 * import { matchLocalAudio, scanLocalAudio } from "./mod.ts";
 * const report = matchLocalAudio(
 *   [{ track_id: "1", track_name: "Digital Love", artist_name: "Daft Punk", isrc: null }],
 *   await scanLocalAudio("my-music"),
 * );
 * console.log(report.matches.length, report.unmatchedFiles.length, report.unmatchedTracks.length);
 * ```
 * @module
 */
export * from "./match.ts";
export * from "./normalize.ts";
export * from "./tags.ts";
