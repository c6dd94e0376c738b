/**
 * The Spotify Web API as a data provider for the seed paper's protocol, for apps that still
 * receive its fields; it says which fields this app lacks before collecting. Spotify's Developer
 * Terms forbid training machine-learning models on Spotify content ({@link SPOTIFY_TERMS_NOTICE}).
 *
 * - provider.ts — {@link createSpotifyProvider}, {@link SpotifyProvider}
 * - capabilities.ts — {@link detectSpotifyFields}: which of the paper's fields this app receives
 * - auth.ts — {@link readSpotifyCredentials} (environment or .env), {@link ClientCredentialsAuth}
 * - api.ts — {@link SpotifyApi}: one request per id, list limits ≤ 10, closed endpoints
 * - schemas.ts — zod schemas of the answers
 *
 * @example
 * ```ts
 * import { createSpotifyProvider, readSpotifyCredentials } from "./mod.ts";
 * const spotify = createSpotifyProvider({ credentials: await readSpotifyCredentials(), cacheDir: "data/spotify/cache" });
 * ```
 * @module
 */
export * from "./api.ts";
export * from "./auth.ts";
export * from "./capabilities.ts";
export * from "./provider.ts";
export * from "./schemas.ts";
