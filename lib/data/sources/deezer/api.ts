/**
 * The calls of Deezer's key-free public API that the protocol needs, with pagination, Deezer's
 * error bodies (HTTP 200 with `{"error": …}`) read as what they mean, and every answer validated:
 * artist, artist search, artist top tracks, artist albums, album tracks, track.
 *
 * @example
 * ```ts
 * import { HttpClient } from "../http/client.ts";
 * import { DeezerApi } from "./api.ts";
 * const api = new DeezerApi(new HttpClient());
 * const artist = await api.artist("27");
 * console.log(artist?.nb_fan, (await api.topTracks("27", 5)).map((t) => t.title));
 * ```
 * @module
 */
import type { z } from "zod";
import type { BodyInterpreter, BodyVerdict, HttpClient } from "../http/client.ts";
import { HttpError } from "../http/errors.ts";
import { collectPages } from "../http/paginate.ts";
import {
  DEEZER_NO_DATA,
  DEEZER_QUOTA,
  type DeezerAlbumItem,
  DeezerAlbumPage,
  DeezerArtist,
  DeezerArtistSearch,
  DeezerErrorBody,
  deezerPage,
  DeezerTrack,
  type DeezerTrackItem,
  DeezerTrackPage,
} from "./schemas.ts";

/** The public API's root. */
export const DEEZER_API_URL = "https://api.deezer.com";

/** An error body other than "no data" and "quota": the message names the request and the code. */
export class DeezerApiError extends HttpError {
  /** Deezer's error code. */
  readonly code: number | null;
  /**
   * Names the request (`what`), Deezer's error `code`, its error `type` and its `message`.
   */
  constructor(what: string, code: number | null, type: string, message: string) {
    super(`${what}: Deezer answered error ${code ?? "?"} (${type}): ${message}`);
    this.name = "DeezerApiError";
    this.code = code;
  }
}

/**
 * Reads Deezer's error bodies: quota (code 4) is retried with backoff and never cached; "no data"
 * (code 800) is a definitive answer, cached and returned as not found; any other is an error.
 */
export const deezerInterpreter: BodyInterpreter = (_status, body, what): BodyVerdict | null => {
  const parsed = DeezerErrorBody.safeParse(body);
  if (!parsed.success) return null;
  const { code, type, message } = parsed.data.error;
  if (code === DEEZER_QUOTA) {
    return { kind: "retry", reason: "Deezer quota exceeded (error code 4)" };
  }
  if (code === DEEZER_NO_DATA) return { kind: "accept" };
  return {
    kind: "fail",
    error: new DeezerApiError(what, code ?? null, type ?? "unknown", message ?? "no message"),
  };
};

/** Options of {@link DeezerApi}. */
export interface DeezerApiOptions {
  /** API root; default {@link DEEZER_API_URL}. A local mirror or test server in tests. */
  baseUrl?: string;
  /** Items asked per page of a list; default 100. */
  pageSize?: number;
}

/** The Deezer calls of the protocol; see the module documentation. */
export class DeezerApi {
  /** The client the calls go through (cache, retries, counters). */
  readonly client: HttpClient;
  /** API root, without trailing slash. */
  readonly baseUrl: string;
  readonly #pageSize: number;

  /**
   * Calls Deezer through `client` (retries, cache, rate limits); `options` sets the API root and
   * the page size.
   */
  constructor(client: HttpClient, options: DeezerApiOptions = {}) {
    this.client = client;
    this.baseUrl = (options.baseUrl || DEEZER_API_URL).replace(/\/+$/, "");
    this.#pageSize = options.pageSize ?? 100;
  }

  /** The URL of a path with query parameters. */
  url(path: string, query: Record<string, string | number> = {}): string {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const search = params.toString();
    return `${this.baseUrl}${path}${search ? `?${search}` : ""}`;
  }

  async #one<S extends z.ZodType>(
    path: string,
    schema: S,
    what: string,
    options: { refresh?: boolean } = {},
  ): Promise<z.output<S> | null> {
    const answer = await this.client.getJson(this.url(path), schema, {
      interpret: deezerInterpreter,
      what,
      refresh: options.refresh,
    });
    return answer.ok ? answer.body : null;
  }

  async #list<T extends z.ZodType>(
    path: string,
    item: T,
    what: string,
  ): Promise<z.output<T>[]> {
    const schema = deezerPage(item);
    const limit = this.#pageSize;
    return await collectPages(this.url(path, { index: 0, limit }), async (url) => {
      const index = Number(new URL(url).searchParams.get("index"));
      const answer = await this.client.getJson(url, schema, {
        interpret: deezerInterpreter,
        what: `${what} (from ${index})`,
      });
      if (!answer.ok) return { items: [], next: null };
      const page = answer.body;
      const next = page.next ? this.url(path, { index: index + page.data.length, limit }) : null;
      return { items: page.data, next };
    });
  }

  /** An artist by id (`/artist/{id}`); null when Deezer has no such artist. */
  artist(id: string): Promise<DeezerArtist | null> {
    if (!/^\d+$/.test(id)) return Promise.resolve(null);
    return this.#one(`/artist/${id}`, DeezerArtist, `Deezer artist ${id}`);
  }

  /** The first page of artists matching a name (`/search/artist`). */
  async searchArtists(name: string): Promise<DeezerArtist[]> {
    const answer = await this.client.getJson(
      this.url("/search/artist", { q: name, limit: 25 }),
      DeezerArtistSearch,
      { interpret: deezerInterpreter, what: `Deezer artist search "${name}"` },
    );
    return answer.ok ? answer.body.data : [];
  }

  /** The artist's top tracks, most popular first (`/artist/{id}/top`). */
  async topTracks(id: string, limit: number): Promise<DeezerTrackItem[]> {
    const answer = await this.client.getJson(
      this.url(`/artist/${id}/top`, { limit }),
      DeezerTrackPage,
      { interpret: deezerInterpreter, what: `Deezer top tracks of artist ${id}` },
    );
    return answer.ok ? answer.body.data.slice(0, limit) : [];
  }

  /** Every release of the artist (`/artist/{id}/albums`, all pages). */
  albums(id: string): Promise<DeezerAlbumItem[]> {
    return this.#list(
      `/artist/${id}/albums`,
      DeezerAlbumPage.shape.data.element,
      `Deezer albums of artist ${id}`,
    );
  }

  /** Every track of a release (`/album/{id}/tracks`, all pages). */
  albumTracks(id: string): Promise<DeezerTrackItem[]> {
    return this.#list(
      `/album/${id}/tracks`,
      DeezerTrackPage.shape.data.element,
      `Deezer tracks of album ${id}`,
    );
  }

  /**
   * A track's details (`/track/{id}`); null when Deezer has no data. `refresh` fetches past the
   * cache (a fresh signed preview URL) and replaces the cached answer.
   */
  track(id: string, options: { refresh?: boolean } = {}): Promise<DeezerTrack | null> {
    return this.#one(`/track/${id}`, DeezerTrack, `Deezer track ${id}`, options);
  }
}
