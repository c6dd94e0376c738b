/**
 * Audio descriptors computed from the audio itself: the paper's Table 1/2 quantities (duration,
 * loudness, tempo, key, mode, an energy proxy) and meyda's descriptors. (Spotify's "audio
 * features" are the dataset's columns, lib/data/schema.ts; these are computed here.)
 *
 * - audio_descriptors.ts — {@link audioDescriptors}: everything for one clip
 * - loudness.ts — ITU-R BS.1770-4 integrated loudness
 * - onset.ts, tempo.ts — onset envelope and tempo
 * - chroma.ts, key.ts — high-resolution pitch-class profile; Krumhansl–Schmuckler key and mode
 * - energy.ts — the energy proxy
 * - meyda.ts — meyda's spectral descriptors, MFCC and chroma summarised
 *
 * @example
 * ```ts
 * import { audioDescriptors } from "./mod.ts";
 * import { loadAudio } from "../decode/mod.ts";
 * const clip = await loadAudio("clip.mp3", { sampleRate: 44_100 });
 * console.log(audioDescriptors(clip.samples, clip.sampleRate).tempo);
 * ```
 * @module
 */
export * from "./audio_descriptors.ts";
export * from "./loudness.ts";
export * from "./onset.ts";
export * from "./tempo.ts";
export * from "./chroma.ts";
export * from "./key.ts";
export * from "./energy.ts";
export * from "./meyda.ts";
