/**
 * The calls of the Spotify Web API that the protocol needs, one id per request (the batch
 * look-ups `/tracks?ids=`, `/artists?ids=`, `/albums?ids=` are gone for development-mode apps),
 * with the list limits development-mode apps are held to (search and artist albums ≤ 10 per
 * page), pagination, and the endpoints Spotify has closed (top tracks, audio features: 403)
 * returned as "unavailable" and cached, so that a resumed run does not ask again.
 *
 * @example
 * ```ts
 * import { HttpClient } from "../http/client.ts";
 * import { SpotifyApi } from "./api.ts";
 * import { ClientCredentialsAuth, readSpotifyCredentials } from "./auth.ts";
 * const credentials = await readSpotifyCredentials();
 * const auth = credentials && new ClientCredentialsAuth(credentials, { client: new HttpClient() });
 * const api = new SpotifyApi(new HttpClient({ auth }), { market: "FR" });
 * const top = await api.topTracks("4tZwfgrHOc3mvqYlEYSvVi");
 * console.log(top.available ? top.value.length : `closed (HTTP ${top.status})`);
 * ```
 * @module
 */
import type { z } from "zod";
import type { HttpClient } from "../http/client.ts";
import { collectPages } from "../http/paginate.ts";
import {
  SpotifyAlbum,
  SpotifyArtist,
  SpotifyArtistSearch,
  SpotifyAudioFeatures,
  spotifyPage,
  SpotifySimplifiedTrack,
  SpotifyTopTracks,
  SpotifyTrack,
} from "./schemas.ts";

/** The Web API's root. */
export const SPOTIFY_API_URL = "https://api.spotify.com/v1";
/** Largest search page a development-mode app may ask for (since Feb 2026). */
const SPOTIFY_SEARCH_LIMIT = 10;
/** Largest artist-albums page a development-mode app may ask for (since Feb 2026). */
const SPOTIFY_ALBUMS_LIMIT = 10;
/** Page size of album tracks. */
const SPOTIFY_ALBUM_TRACKS_LIMIT = 50;
/** Statuses of an endpoint Spotify has closed for this app. */
const CLOSED_STATUSES = [403, 410] as const;

/** An endpoint's answer, or the status that says it is closed for this app. */
export type Availability<T> = { available: true; value: T } | { available: false; status: number };

/** Options of {@link SpotifyApi}. */
export interface SpotifyApiOptions {
  /** API root; default {@link SPOTIFY_API_URL}. */
  baseUrl?: string;
  /** ISO 3166-1 alpha-2 market for track relinking and top tracks; default US. */
  market?: string;
  /** Release groups of the discography; default album, single (the paper). */
  includeGroups?: readonly string[];
}

/** The Spotify calls of the protocol; see the module documentation. */
export class SpotifyApi {
  /** The client the calls go through (authorised, cached). */
  readonly client: HttpClient;
  /** API root, without trailing slash. */
  readonly baseUrl: string;
  /** The market asked for. */
  readonly market: string;
  readonly #groups: string;

  /**
   * Calls the Web API through `client` (token, retries, cache, rate limits); `options` sets the API
   * root, market and release groups.
   */
  constructor(client: HttpClient, options: SpotifyApiOptions = {}) {
    this.client = client;
    this.baseUrl = (options.baseUrl || SPOTIFY_API_URL).replace(/\/+$/, "");
    this.market = options.market ?? "US";
    this.#groups = (options.includeGroups ?? ["album", "single"]).join(",");
  }

  /** The URL of a path with query parameters. */
  url(path: string, query: Record<string, string | number> = {}): string {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const search = params.toString();
    return `${this.baseUrl}${path}${search ? `?${search}` : ""}`;
  }

  async #one<S extends z.ZodType>(
    url: string,
    schema: S,
    what: string,
  ): Promise<z.output<S> | null> {
    const answer = await this.client.getJson(url, schema, { accept: [400, 404], what });
    return answer.ok ? answer.body : null;
  }

  async #closable<S extends z.ZodType>(
    url: string,
    schema: S,
    what: string,
    closed: readonly number[] = CLOSED_STATUSES,
  ): Promise<Availability<z.output<S> | null>> {
    const answer = await this.client.getJson(url, schema, { accept: [...closed, 404], what });
    if (answer.ok) return { available: true, value: answer.body };
    if (closed.includes(answer.status)) {
      return { available: false, status: answer.status };
    }
    return { available: true, value: null };
  }

  async #list<T extends z.ZodType>(
    path: string,
    item: T,
    query: Record<string, string | number>,
    limit: number,
    what: string,
  ): Promise<z.output<T>[]> {
    const schema = spotifyPage(item);
    return await collectPages(this.url(path, { ...query, limit, offset: 0 }), async (url) => {
      const offset = Number(new URL(url).searchParams.get("offset"));
      const answer = await this.client.getJson(url, schema, {
        accept: [404],
        what: `${what} (from ${offset})`,
      });
      if (!answer.ok) return { items: [], next: null };
      const page = answer.body;
      const next = page.next
        ? this.url(path, { ...query, limit, offset: offset + page.items.length })
        : null;
      return { items: page.items, next };
    });
  }

  /** An artist by id; null when there is none. */
  artist(id: string): Promise<SpotifyArtist | null> {
    return this.#one(
      this.url(`/artists/${encodeURIComponent(id)}`),
      SpotifyArtist,
      `Spotify artist ${id}`,
    );
  }

  /** The first page (≤ 10) of artists matching a name. */
  async searchArtists(name: string): Promise<SpotifyArtist[]> {
    const answer = await this.client.getJson(
      this.url("/search", {
        q: name,
        type: "artist",
        limit: SPOTIFY_SEARCH_LIMIT,
        market: this.market,
      }),
      SpotifyArtistSearch,
      { what: `Spotify artist search "${name}"` },
    );
    return answer.ok ? answer.body.artists.items : [];
  }

  /** The artist's top tracks in the market, or the status of a closed endpoint (403, 404, 410). */
  async topTracks(id: string): Promise<Availability<z.output<typeof SpotifyTrack>[]>> {
    const answer = await this.#closable(
      this.url(`/artists/${encodeURIComponent(id)}/top-tracks`, { market: this.market }),
      SpotifyTopTracks,
      `Spotify top tracks of artist ${id}`,
      [...CLOSED_STATUSES, 404], // the artist exists: a 404 here is the endpoint gone
    );
    return answer.available ? { available: true, value: answer.value?.tracks ?? [] } : answer;
  }

  /** The artist's albums and singles (all pages of ≤ 10). */
  albums(id: string): Promise<SpotifyAlbum[]> {
    return this.#list(
      `/artists/${encodeURIComponent(id)}/albums`,
      SpotifyAlbum,
      { include_groups: this.#groups, market: this.market },
      SPOTIFY_ALBUMS_LIMIT,
      `Spotify albums of artist ${id}`,
    );
  }

  /** Every track of a release (all pages). */
  albumTracks(id: string): Promise<SpotifySimplifiedTrack[]> {
    return this.#list(
      `/albums/${encodeURIComponent(id)}/tracks`,
      SpotifySimplifiedTrack,
      { market: this.market },
      SPOTIFY_ALBUM_TRACKS_LIMIT,
      `Spotify tracks of album ${id}`,
    );
  }

  /** One track (one request per id); null when there is none. */
  track(id: string): Promise<SpotifyTrack | null> {
    return this.#one(
      this.url(`/tracks/${encodeURIComponent(id)}`, { market: this.market }),
      SpotifyTrack,
      `Spotify track ${id}`,
    );
  }

  /** One track's audio features; unavailable (403) for development-mode apps; null for none. */
  audioFeatures(id: string): Promise<Availability<SpotifyAudioFeatures | null>> {
    return this.#closable(
      this.url(`/audio-features/${encodeURIComponent(id)}`),
      SpotifyAudioFeatures,
      `Spotify audio features of track ${id}`,
    );
  }
}
