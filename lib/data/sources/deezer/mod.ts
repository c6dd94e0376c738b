/**
 * Deezer's key-free public API as a data provider for the seed paper's protocol.
 *
 * - provider.ts — {@link createDeezerProvider}, {@link DeezerProvider}, {@link DEEZER_EXTRA_COLUMNS}
 * - api.ts — {@link DeezerApi}: artist, search, top tracks, albums, album tracks, track
 * - schemas.ts — zod schemas of the answers
 * - popularity.ts — {@link deezerRankToPopularity}: rank 0–1,000,000 → 0–100
 *
 * @example
 * ```ts
 * import { createDeezerProvider } from "./mod.ts";
 * import { collectDataset } from "../collect/mod.ts";
 * const result = await collectDataset({
 *   provider: createDeezerProvider({ cacheDir: "data/deezer/cache" }),
 *   artists: [{ query: "Angèle", id: null, name: "Angèle" }],
 *   dir: "data/deezer",
 *   seed: 42,
 * });
 * ```
 * @module
 */
export * from "./api.ts";
export * from "./popularity.ts";
export * from "./provider.ts";
export * from "./schemas.ts";
