/**
 * Collection driven by the workspace configuration (`collect.*`, see lib/config.ts): which
 * provider, which artists, the protocol's counts and seed, the HTTP behaviour, and where the
 * dataset goes (`<paths.data>/<provider>/` with `cache/` and `previews/` inside). Whether a
 * collection can run now is decided in plan.ts.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../../config.ts";
 * import { attemptCollection } from "./from_config.ts";
 * const config = loadConfig({ overrides: { collect: { provider: "deezer", artists: "Air; Justice" } } });
 * const attempt = await attemptCollection(config, { log: console.log });
 * console.log(attempt.result?.status ?? attempt.stopped);
 * ```
 * @module
 */
import { type Config, resolvePath } from "../../../config.ts";
import { createDeezerProvider } from "../deezer/provider.ts";
import type { HttpClientOptions } from "../http/client.ts";
import { HttpStatusError, NetworkError } from "../http/errors.ts";
import {
  MissingCredentialsError,
  type ReadCredentialsOptions,
  readSpotifyCredentials,
  SpotifyAuthError,
} from "../spotify/auth.ts";
import { createSpotifyProvider } from "../spotify/provider.ts";
import { ArtistListError, readArtistList } from "./artists.ts";
import { collectDataset } from "./collect.ts";
import { type ArtistRef, CollectionError, type Provider } from "./provider.ts";
import type { CollectionResult } from "./result.ts";

/** A provider name. */
export type ProviderName = "deezer" | "spotify";

/** The provider a configuration collects from: `collect.provider`, else a collected `dataset.source`. */
export function configuredProvider(config: Config): ProviderName | null {
  if (config.collect.provider !== "none") return config.collect.provider;
  const source = config.dataset.source;
  return source === "deezer" || source === "spotify" ? source : null;
}

/** The dataset folder of a provider's collection: `<paths.data>/<provider>`. */
export function collectionDir(config: Config, provider: ProviderName): string {
  return `${resolvePath(config.paths.data)}/${provider}`;
}

/** The seed of the protocol's draw: `collect.seed`, or `seed` when it is -1. */
export function collectionSeed(config: Config): number {
  return config.collect.seed >= 0 ? config.collect.seed : config.seed;
}

/** The configured artist list (file first, then `collect.artists`). */
export function configuredArtists(config: Config): Promise<ArtistRef[]> {
  return readArtistList({
    artists: config.collect.artists,
    file: config.collect.artistsFile ? resolvePath(config.collect.artistsFile) : null,
  });
}

/**
 * What was asked for, recorded in the manifest: a stored collection with the same request is
 * read back instead of collected again.
 */
export function collectionRequest(
  config: Config,
  provider: ProviderName,
  artists: readonly ArtistRef[],
): Record<string, unknown> {
  const c = config.collect;
  return {
    provider,
    artists: artists.map((a) => a.query),
    seed: collectionSeed(config),
    topTracks: c.topTracks,
    randomTracks: c.randomTracks,
    market: provider === "spotify" ? c.market : null,
    downloadPreviews: c.downloadPreviews,
    requirePreviews: c.requirePreviews,
    allowMissingFields: c.allowMissingFields,
    localAudioDir: c.localAudioDir || null,
  };
}

/** The HTTP options of the configuration. */
function httpOptionsOf(config: Config, log?: (line: string) => void): HttpClientOptions {
  return {
    timeoutMs: config.collect.timeoutSeconds * 1000,
    retries: config.collect.retries,
    maxRetryAfterSeconds: config.collect.maxRetryAfterSeconds,
    minIntervalMs: config.collect.minIntervalMs,
    log,
  };
}

/** Options of {@link createProvider}. */
export interface CreateProviderOptions {
  /** Retry and rate-limit lines; default none. */
  log?: (line: string) => void;
  /** Where Spotify credentials are read; default the environment, then `<root>/.env`. */
  credentials?: ReadCredentialsOptions;
}

/**
 * The configured provider with its cache in `<dataset folder>/cache`.
 *
 * @throws {MissingCredentialsError} for Spotify without credentials
 */
async function createProvider(
  config: Config,
  provider: ProviderName,
  options: CreateProviderOptions = {},
): Promise<Provider> {
  const cacheDir = `${collectionDir(config, provider)}/cache`;
  const http = httpOptionsOf(config, options.log);
  const root = config.collect.apiBaseUrl.replace(/\/+$/, "");
  if (provider === "deezer") {
    return createDeezerProvider({ cacheDir, http, baseUrl: root || undefined });
  }
  return createSpotifyProvider({
    credentials: await readSpotifyCredentials(options.credentials),
    cacheDir,
    http,
    // A mirror serves the Web API under /v1 and the token endpoint under /api/token.
    baseUrl: root ? `${root}/v1` : undefined,
    tokenUrl: root ? `${root}/api/token` : undefined,
    market: config.collect.market,
    allowMissingFields: config.collect.allowMissingFields,
  });
}

/** Options of {@link collectFromConfig}. */
export interface CollectFromConfigOptions extends CreateProviderOptions {
  /** Provider to use; default {@link configuredProvider}. */
  provider?: ProviderName;
}

/**
 * Collects the configured artists from the configured provider into its dataset folder; see
 * collectDataset for resumption and the result.
 */
export async function collectFromConfig(
  config: Config,
  options: CollectFromConfigOptions = {},
): Promise<CollectionResult> {
  const name = options.provider ?? configuredProvider(config);
  if (name === null) {
    throw new Error(
      "no provider configured: set collect.provider (HSS_COLLECT_PROVIDER) to deezer or spotify",
    );
  }
  const artists = await configuredArtists(config);
  const provider = await createProvider(config, name, options);
  const seed = collectionSeed(config);
  return await collectDataset({
    provider,
    artists,
    dir: collectionDir(config, name),
    seed,
    topTracks: config.collect.topTracks,
    randomTracks: config.collect.randomTracks,
    downloadPreviews: config.collect.downloadPreviews,
    requirePreviews: config.collect.requirePreviews,
    split: {
      testFraction: config.split.testFraction,
      validationFraction: config.split.validationFraction,
      seed: config.seed,
    },
    popularityThreshold: config.dataset.popularityThreshold,
    localAudioDir: config.collect.localAudioDir ? resolvePath(config.collect.localAudioDir) : null,
    request: collectionRequest(config, name, artists),
    log: options.log,
  });
}

/** The outcome of {@link attemptCollection}: a result, or why the collection stopped. */
export interface CollectionAttempt {
  /** The collection (complete or paused), or null when it stopped. */
  result: CollectionResult | null;
  /** Why it stopped, in words (what to fix, how to resume); null when there is a result. */
  stopped: string | null;
}

/**
 * Whether an error is one a user acts on rather than a defect: missing or refused credentials,
 * refused access, missing fields, an unreachable provider, an unreadable artist list.
 */
function isActionableStop(error: unknown): error is Error {
  return error instanceof CollectionError || error instanceof ArtistListError ||
    error instanceof MissingCredentialsError || error instanceof SpotifyAuthError ||
    error instanceof NetworkError ||
    (error instanceof HttpStatusError && [401, 403].includes(error.status));
}

/**
 * {@link collectFromConfig} for notebooks: the errors a user acts on come back as a message
 * (the notebook goes on with the configured offline source); any other error is thrown.
 */
export async function attemptCollection(
  config: Config,
  options: CollectFromConfigOptions = {},
): Promise<CollectionAttempt> {
  try {
    return { result: await collectFromConfig(config, options), stopped: null };
  } catch (error) {
    if (!isActionableStop(error)) throw error;
    const resume = error instanceof NetworkError
      ? " Every completed call is cached: run again to resume."
      : "";
    return { result: null, stopped: `${error.message}${resume}` };
  }
}
