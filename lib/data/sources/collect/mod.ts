/**
 * Collecting a dataset from a provider with the seed paper's protocol — per artist its
 * followers, its top 5 tracks and 15 drawn at random from its albums and singles, with details
 * and 30-s previews — resumable after an interruption without repeating a completed call.
 *
 * - provider.ts — the {@link Provider} interface every provider implements; errors
 * - collect.ts — {@link collectDataset}: the protocol, previews, resumption, storage
 * - artist_tracks.ts — {@link selectArtistTracks}: one artist's top and random tracks
 * - preview_fetch.ts — {@link PreviewFetcher}: previews downloaded once, checked, renewed
 * - result.ts — {@link CollectionResult}, {@link CollectionMeta} (the manifest's `meta`)
 * - from_config.ts — {@link collectFromConfig}, {@link attemptCollection}: driven by `collect.*`
 * - plan.ts — {@link planCollection}: can a collection run now, or what is missing
 * - protocol.ts — {@link candidatePool}, {@link drawOrder}: the seeded draw
 * - artists.ts — {@link parseArtistList}, {@link readArtistList}
 * - previews.ts, mp3.ts — {@link PreviewStore}, {@link scanMp3}: complete previews on disk
 * - release.ts — {@link releaseParts}
 * - report.ts — {@link collectionSummaryMarkdown}, {@link columnSourcesFrame}
 * - main.ts — the command line
 *
 * Providers live in ../deezer and ../spotify, the shared HTTP behaviour in ../http, matching of
 * local audio files in ../match.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../../config.ts";
 * import { collectFromConfig, collectionSummaryMarkdown, planCollection } from "./mod.ts";
 * const config = loadConfig({ overrides: { collect: { provider: "deezer", artists: "Daft Punk" } } });
 * if ((await planCollection(config)).ready) {
 *   console.log(collectionSummaryMarkdown(await collectFromConfig(config)));
 * }
 * ```
 * @module
 */
export * from "./artist_tracks.ts";
export * from "./artists.ts";
export * from "./collect.ts";
export * from "./from_config.ts";
export * from "./mp3.ts";
export * from "./plan.ts";
export * from "./preview_fetch.ts";
export * from "./previews.ts";
export * from "./protocol.ts";
export * from "./provider.ts";
export * from "./release.ts";
export * from "./report.ts";
export * from "./result.ts";
