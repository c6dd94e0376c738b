/**
 * Whether a configured collection can run now, and what to tell the reader: nothing configured,
 * an empty artist list, no Spotify credentials, an unreachable provider — each explained with
 * what to set — or ready, or already complete on disk (then no request at all). Only the
 * reachability check touches the network (5 s at most), and only when everything else is there.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../../config.ts";
 * import { planCollection } from "./plan.ts";
 * const plan = await planCollection(loadConfig());
 * console.log(plan.ready, plan.explanation);
 * ```
 * @module
 */
import { type Config, displayPath } from "../../../config.ts";
import { readManifest } from "../../store.ts";
import { DEEZER_API_URL } from "../deezer/api.ts";
import { checkReachable } from "../http/reachable.ts";
import { SPOTIFY_API_URL } from "../spotify/api.ts";
import {
  type ReadCredentialsOptions,
  readSpotifyCredentials,
  SPOTIFY_CREDENTIALS_HOWTO,
} from "../spotify/auth.ts";
import { SPOTIFY_TERMS_NOTICE } from "../spotify/provider.ts";
import {
  collectionDir,
  collectionRequest,
  collectionSeed,
  configuredArtists,
  configuredProvider,
  type ProviderName,
} from "./from_config.ts";
import type { ArtistRef } from "./provider.ts";

/** Whether a collection can run now, and what to tell the reader. */
export interface CollectionPlan {
  /** The provider, or null when none is configured. */
  provider: ProviderName | null;
  /** The artist lines. */
  artists: ArtistRef[];
  /** True when provider, artists, credentials and network are all there. */
  ready: boolean;
  /** Markdown: what will be collected, or what is missing and how to provide it. */
  explanation: string;
}

/** Options of {@link planCollection}. */
export interface PlanOptions {
  /** Check that the provider answers (5 s at most); default true. */
  checkNetwork?: boolean;
  /** Where Spotify credentials are read. */
  credentials?: ReadCredentialsOptions;
}

const HOWTO_DEEZER =
  '`HSS_COLLECT_PROVIDER=deezer HSS_COLLECT_ARTISTS="Daft Punk; Angèle; Stromae" deno task run --only 01` ' +
  "(or `HSS_COLLECT_ARTISTS_FILE=artists.txt`, one artist per line); then " +
  "`--dataset deezer` studies the collected data in every notebook";

/**
 * Decides whether the configured collection can run: a provider is configured, the artist list
 * is not empty, Spotify credentials are present (Spotify only) and the provider answers — or the
 * same collection is already complete on disk, in which case nothing is asked of the network.
 */
export async function planCollection(
  config: Config,
  options: PlanOptions = {},
): Promise<CollectionPlan> {
  const provider = configuredProvider(config);
  const offline = `The notebooks use the configured offline source \`${config.dataset.source}\`.`;
  if (provider === null) {
    return {
      provider,
      artists: [],
      ready: false,
      explanation: `No provider is configured (\`collect.provider\` is \`none\`). ${offline} ` +
        `To collect with the paper's protocol from Deezer (no key needed): ${HOWTO_DEEZER}.`,
    };
  }
  const artists = await configuredArtists(config);
  if (artists.length === 0) {
    return {
      provider,
      artists,
      ready: false,
      explanation:
        `Provider \`${provider}\` is configured but the artist list is empty. ${offline} ` +
        `Set \`HSS_COLLECT_ARTISTS\` (\`;\`-separated names or \`id:…\`) or \`HSS_COLLECT_ARTISTS_FILE\`.`,
    };
  }
  const c = config.collect;
  const dir = collectionDir(config, provider);
  const stored = await readManifest(dir).catch(() => null);
  const request = JSON.stringify(collectionRequest(config, provider, artists));
  const failedPreviews = (stored?.meta.previews as { failed?: number } | undefined)?.failed ?? 0;
  if (stored && JSON.stringify(stored.meta.request ?? null) === request && failedPreviews === 0) {
    // Already collected: the run replays the cache and the previews, with no request at all.
    return {
      provider,
      artists,
      ready: true,
      explanation:
        `This collection from **${provider}** (${artists.length} artist(s)) was completed on ` +
        `${String(stored.meta.collected ?? stored.created).slice(0, 10)} in \`${
          displayPath(dir)
        }\`; it is ` +
        `assembled again from its cache and previews, without a request.`,
    };
  }
  if (provider === "spotify") {
    const credentials = await readSpotifyCredentials(options.credentials);
    if (!credentials) {
      return {
        provider,
        artists,
        ready: false,
        explanation:
          `Spotify needs the app's credentials, and none are set: ${SPOTIFY_CREDENTIALS_HOWTO}. ` +
          `${offline} Note: ${SPOTIFY_TERMS_NOTICE}.`,
      };
    }
  }
  if (options.checkNetwork ?? true) {
    const root = config.collect.apiBaseUrl ||
      (provider === "deezer" ? DEEZER_API_URL : SPOTIFY_API_URL);
    const problem = await checkReachable(root, { timeoutMs: 5_000 });
    if (problem) {
      return {
        provider,
        artists,
        ready: false,
        explanation: `The ${provider} API does not answer (${problem}). ${offline} ` +
          `Run again with a network connection; an interrupted collection resumes where it stopped.`,
      };
    }
  }
  return {
    provider,
    artists,
    ready: true,
    explanation:
      `Collecting from **${provider}**: ${artists.length} artist(s), top ${c.topTracks} + ` +
      `${c.randomTracks} random tracks each (seed ${collectionSeed(config)})` +
      (provider === "spotify" ? `, market ${c.market}` : "") +
      `, previews ${c.downloadPreviews ? "downloaded" : "not downloaded"}, into ` +
      `\`${displayPath(dir)}\`. Answers are cached there: an interrupted ` +
      `run resumes without repeating a completed call.` +
      (provider === "spotify" ? ` Note: ${SPOTIFY_TERMS_NOTICE}.` : ""),
  };
}
