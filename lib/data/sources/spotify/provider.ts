/**
 * The Spotify provider of the seed paper's protocol, for apps that still receive the paper's
 * fields (extended quota). Before the first artist is collected it checks what this app actually
 * receives — artist popularity and followers, top tracks, track popularity, preview URLs, audio
 * features — and reports every missing one in a single {@link MissingFieldsError} instead of
 * writing empty columns silently (unless missing fields are explicitly allowed, in which case
 * they are recorded in the manifest as missing).
 *
 * Spotify's Developer Terms forbid using Spotify content to train machine-learning models: a
 * dataset collected here may be described and analysed, not used to train the workspace's
 * models, without Spotify's permission.
 *
 * @example
 * ```ts
 * import { createSpotifyProvider } from "./provider.ts";
 * import { readSpotifyCredentials } from "./auth.ts";
 * const spotify = createSpotifyProvider({
 *   credentials: await readSpotifyCredentials(),
 *   cacheDir: "data/spotify/cache",
 *   market: "FR",
 * });
 * const artist = await spotify.resolveArtist({ query: "Daft Punk", id: null, name: "Daft Punk" });
 * if (artist) await spotify.prepare(artist); // throws when the app lacks the paper's fields
 * ```
 * @module
 */
import { type Authorizer, HttpClient, type HttpClientOptions } from "../http/client.ts";
import { ResponseCache } from "../http/cache.ts";
import { HttpStatusError } from "../http/errors.ts";
import {
  type ArtistRef,
  type CollectedTrack,
  type ColumnSource,
  MissingFieldsError,
  type Provider,
  PROVIDER_EXTRA_COLUMNS,
  type ProviderReadiness,
  type ResolvedArtist,
  type TrackCandidate,
} from "../collect/provider.ts";
import { releaseParts } from "../collect/release.ts";
import { normalizeArtist } from "../match/normalize.ts";
import { AUDIO_FEATURE_COLUMNS } from "../../schema.ts";
import { SpotifyApi } from "./api.ts";
import { detectSpotifyFields } from "./capabilities.ts";
import {
  ClientCredentialsAuth,
  MissingCredentialsError,
  SPOTIFY_TOKEN_URL,
  type SpotifyCredentials,
} from "./auth.ts";
import type { SpotifyArtist } from "./schemas.ts";

/** Extra track columns of the Spotify dataset, after the canonical ones. */
export const SPOTIFY_EXTRA_COLUMNS: typeof PROVIDER_EXTRA_COLUMNS = PROVIDER_EXTRA_COLUMNS;

/** The terms' restriction, in words, for notebooks and manifests. */
export const SPOTIFY_TERMS_NOTICE: string =
  "Spotify's Developer Terms forbid using Spotify content to train machine-learning models: " +
  "describe and analyse this dataset, but do not train models on it without Spotify's permission";

/** What to do about missing fields, appended to {@link MissingFieldsError}'s message. */
const SPOTIFY_MISSING_ADVICE: string =
  "Spotify withdrew these from development-mode apps (audio features and previews on 27 Nov " +
  "2024; popularity, followers, top tracks and batch look-ups in Feb–Mar 2026); apps with " +
  "extended quota still receive them. Collect from Deezer instead (HSS_COLLECT_PROVIDER=deezer), " +
  "bring your own audio (HSS_COLLECT_LOCAL_AUDIO_DIR), or set " +
  "HSS_COLLECT_ALLOW_MISSING_FIELDS=true to collect the remaining columns with these left empty.";

/** Raised when Spotify refuses access to an ordinary endpoint (403 on an artist or a search). */
export class SpotifyAccessError extends HttpStatusError {
  /**
   * Wraps the 403 answer `cause`, keeping its status and request and saying why access was refused.
   */
  constructor(cause: HttpStatusError) {
    super(
      cause.status,
      cause.request,
      cause.detail,
      "Spotify refuses this app: since 2026 the owner of a development-mode app needs a Premium " +
        "subscription, and the app must be active in the developer dashboard",
    );
    this.name = "SpotifyAccessError";
  }
}

/** Options of {@link createSpotifyProvider}. */
export interface SpotifyProviderOptions {
  /** The app's credentials (see readSpotifyCredentials); null: cached answers only. */
  credentials: SpotifyCredentials | null;
  /** The raw-response cache folder; default none (not resumable). */
  cacheDir?: string;
  /** HTTP options (timeout, retries, pacing, …). */
  http?: HttpClientOptions;
  /** API root; default https://api.spotify.com/v1. */
  baseUrl?: string;
  /** Token endpoint; default https://accounts.spotify.com/api/token. */
  tokenUrl?: string;
  /** Market (ISO 3166-1 alpha-2); default US. */
  market?: string;
  /** Collect even when some of the paper's fields are missing (left empty, recorded); default false. */
  allowMissingFields?: boolean;
}

/** The Spotify provider; see the module documentation. */
export class SpotifyProvider implements Provider {
  readonly name = "spotify";
  readonly market: string;
  readonly extraColumns: typeof SPOTIFY_EXTRA_COLUMNS = SPOTIFY_EXTRA_COLUMNS;
  readonly popularityMapping = "track_popularity = Spotify's popularity (0–100), as given";
  readonly client: HttpClient;
  /** The API calls. */
  readonly api: SpotifyApi;
  readonly #allowMissing: boolean;
  #features = false;

  /**
   * A provider over `api`; with `allowMissingFields` a collection continues with the fields this
   * app is not given left empty.
   */
  constructor(api: SpotifyApi, options: { allowMissingFields?: boolean } = {}) {
    this.api = api;
    this.client = api.client;
    this.market = api.market;
    this.#allowMissing = options.allowMissingFields ?? false;
  }

  #resolved(a: SpotifyArtist, matchedBy: ResolvedArtist["matchedBy"]): ResolvedArtist {
    return {
      id: a.id,
      name: a.name,
      followers: a.followers?.total ?? null,
      popularity: a.popularity ?? null,
      genre: a.genres?.[0] ?? null,
      matchedBy,
    };
  }

  async #guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof HttpStatusError && error.status === 403) {
        throw new SpotifyAccessError(error);
      }
      throw error;
    }
  }

  async resolveArtist(ref: ArtistRef): Promise<ResolvedArtist | null> {
    if (ref.id !== null) {
      const a = await this.#guard(() => this.api.artist(ref.id!));
      return a ? this.#resolved(a, "id") : null;
    }
    const name = ref.name ?? ref.query;
    const hits = await this.#guard(() => this.api.searchArtists(name));
    if (hits.length === 0) return null;
    const wanted = normalizeArtist(name);
    const exact = hits.filter((h) => normalizeArtist(h.name) === wanted);
    if (exact.length === 0) return this.#resolved(hits[0], "closest");
    // Most followers when the app receives them, else Spotify's own order.
    const best = exact.reduce((
      a,
      b,
    ) => ((b.followers?.total ?? -1) > (a.followers?.total ?? -1) ? b : a));
    return this.#resolved(best, "name");
  }

  async prepare(artist: ResolvedArtist): Promise<ProviderReadiness> {
    const { missing, topTracks, previews, audioFeatures } = await detectSpotifyFields(
      this.api,
      artist,
    );
    this.#features = audioFeatures;
    if (missing.length > 0 && !this.#allowMissing) {
      throw new MissingFieldsError("Spotify", missing, SPOTIFY_MISSING_ADVICE);
    }
    const notices = [`Spotify (market ${this.market}): ${SPOTIFY_TERMS_NOTICE}`];
    if (missing.length > 0) {
      notices.push(
        `Spotify does not deliver, and the dataset leaves empty: ${
          missing.map((m) => m.field).join(", ")
        }`,
      );
    }
    return { missing, topTracks, previews, notices };
  }

  #candidate(
    t: { id: string; name: string; preview_url?: string | null },
    albumId: string | null,
    type: string | null,
  ): TrackCandidate {
    return {
      id: t.id,
      title: t.name,
      albumId,
      releaseType: type,
      hasPreview: t.preview_url === undefined
        ? null
        : t.preview_url !== null && t.preview_url !== "",
    };
  }

  async topTracks(artist: ResolvedArtist, count: number): Promise<TrackCandidate[] | null> {
    const top = await this.api.topTracks(artist.id);
    if (!top.available) return null;
    return top.value.slice(0, count).map((t) =>
      this.#candidate(t, t.album.id, t.album.album_type ?? null)
    );
  }

  async catalogue(artist: ResolvedArtist): Promise<TrackCandidate[]> {
    const out: TrackCandidate[] = [];
    for (const album of await this.api.albums(artist.id)) {
      const group = album.album_group ?? album.album_type;
      if (group !== "album" && group !== "single") continue;
      for (const t of await this.api.albumTracks(album.id)) {
        if (!t.artists.some((a) => a.id === artist.id)) continue;
        out.push(this.#candidate(t, album.id, album.album_type));
      }
    }
    return out;
  }

  async track(candidate: TrackCandidate, artist: ResolvedArtist): Promise<CollectedTrack | null> {
    const t = await this.api.track(candidate.id);
    if (t === null) return null;
    const features: Record<string, number | null> = {};
    if (this.#features) {
      const answer = await this.api.audioFeatures(t.id);
      const f = answer.available ? answer.value : null;
      for (const c of AUDIO_FEATURE_COLUMNS) features[c] = f ? f[c] : null;
    }
    const preview = t.preview_url || null;
    const isrc = t.external_ids?.isrc || null;
    return {
      row: {
        track_id: t.id,
        track_name: t.name,
        artist_id: artist.id,
        artist_name: artist.name,
        track_popularity: t.popularity ?? null,
        ...releaseParts(t.album.release_date),
        duration_ms: t.duration_ms,
        ...features,
        isrc,
        explicit: t.explicit === undefined ? null : t.explicit ? 1 : 0,
        album_id: t.album.id,
        album_title: t.album.name,
        release_type: candidate.releaseType ?? t.album.album_type ?? null,
        preview_url: preview,
      },
      previewUrl: preview,
      isrc,
    };
  }

  columns(readiness: ProviderReadiness): ColumnSource[] {
    const gone = new Set(readiness.missing.map((m) => m.field));
    const col = (column: string, from: string, field = column): ColumnSource => ({
      column,
      origin: gone.has(field) ? "missing" : "provider",
      from: gone.has(field) ? `${from}: not delivered to this app` : from,
    });
    return [
      col("artist_id", "artist.id"),
      col("artist_name", "artist.name"),
      col("artist_popularity", "artist.popularity"),
      col("followers", "artist.followers.total"),
      col("genre", "artist.genres[0]"),
      col("track_id", "track.id"),
      col("track_name", "track.name"),
      col("track_popularity", "track.popularity"),
      col("release_date", "track.album.release_date"),
      { column: "release_year", origin: "derived", from: "release_date" },
      { column: "release_month", origin: "derived", from: "release_date" },
      col("duration_ms", "track.duration_ms"),
      ...AUDIO_FEATURE_COLUMNS.map((c) => col(c, `audio-features.${c}`, "audio features")),
      col("isrc", "track.external_ids.isrc"),
      { column: "explicit", origin: "derived", from: "track.explicit (1/0)" },
      col("album_id", "track.album.id"),
      col("album_title", "track.album.name"),
      col("release_type", "album.album_type"),
      col("preview_url", "track.preview_url", "preview audio"),
    ];
  }
}

/** Stands in for credentials that are not set: fine while the cache answers, an error at the first request. */
const NO_CREDENTIALS: Authorizer = {
  header: () =>
    Promise.reject(
      new MissingCredentialsError(
        "neither SPOTIFY_CLIENT_ID/SECRET in the environment nor a .env file with them",
      ),
    ),
  invalidate: () => {},
};

/**
 * A Spotify provider with its own authorised client and cache. Without credentials it still
 * replays a cached collection; the first request that needs a token throws
 * {@link MissingCredentialsError}.
 */
export function createSpotifyProvider(options: SpotifyProviderOptions): SpotifyProvider {
  // The token client shares the redactor, so the secret never shows in either client's messages.
  const tokenClient = new HttpClient({ ...options.http, cache: null, auth: null });
  const auth = options.credentials
    ? new ClientCredentialsAuth(options.credentials, {
      client: tokenClient,
      tokenUrl: options.tokenUrl ?? SPOTIFY_TOKEN_URL,
      now: options.http?.now,
    })
    : NO_CREDENTIALS;
  const client = new HttpClient({
    ...options.http,
    redactor: tokenClient.redactor,
    auth,
    cache: options.cacheDir ? new ResponseCache(options.cacheDir) : options.http?.cache ?? null,
  });
  return new SpotifyProvider(
    new SpotifyApi(client, { baseUrl: options.baseUrl, market: options.market }),
    { allowMissingFields: options.allowMissingFields },
  );
}
