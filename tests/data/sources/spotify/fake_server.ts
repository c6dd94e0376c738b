/**
 * A local server that answers like the Spotify Web API and its token endpoint, in the shapes of
 * Spotify's OpenAPI description, over the generated catalogue. Modes: `extended` (an app with
 * extended quota: every field, top tracks, audio features, previews), `development` (a new app
 * after Nov 2024 / Feb–Mar 2026: no popularity, followers or genres, null preview_url, 403 on top
 * tracks, audio features and batch look-ups, 400 for search or album pages above 10) and
 * `no-premium` (403 everywhere). Tokens can be revoked (401 until a new one is fetched) and a
 * daily quota can answer 429 `QUOTA_EXCEEDED` with a Retry-After of hours.
 * @module
 */
import {
  type FakeAlbum,
  type FakeCatalogue,
  fakeCatalogue,
  type FakeTrack,
} from "../collect/fake_catalogue.ts";
import { silentMp3 } from "../collect/mp3_fixture.ts";
import { type Answer, json, type Loopback, serveLoopback } from "../http/loopback.ts";

/**
 * What kind of app the server plays against: `extended` (every field), `development-2025` (a
 * development-mode app between Nov 2024 and Feb 2026: no audio features, null previews),
 * `development` (since Feb–Mar 2026: none of the paper's fields), `no-premium` (403 everywhere).
 */
export type SpotifyMode = "extended" | "development-2025" | "development" | "no-premium";

/** Options of {@link startFakeSpotify}. */
export interface FakeSpotifyOptions {
  mode?: SpotifyMode;
  /** Artists in the catalogue; default 4. */
  artists?: number;
  clientId?: string;
  clientSecret?: string;
  /** Replaces the answer to a request when it returns one. */
  fault?: (target: string, n: number, normal: Response) => Answer | undefined;
  /** The daily quota runs out at this API request (1-based): 429 QUOTA_EXCEEDED from then on. */
  quotaAfter?: number;
  /** Retry-After of the quota's 429, in seconds; default 86,400. */
  quotaRetryAfter?: number;
}

/** A running fake Spotify. */
export interface FakeSpotify extends Loopback {
  catalogue: FakeCatalogue;
  /** Tokens issued so far (every one is listed, for secret checks). */
  tokens: string[];
  /** Makes every token issued so far invalid (401 until the client fetches a new one). */
  revokeTokens(): void;
  /** From the next API request on, answer 429 QUOTA_EXCEEDED with this Retry-After (s); null lifts it. */
  setQuota(retryAfterSeconds: number | null): void;
  /** Switches the kind of app. */
  setMode(mode: SpotifyMode): void;
}

/** Spotify-style ids of the catalogue's numeric ids. */
export const spotifyId = {
  artist: (id: number) => `art${id}`,
  album: (id: number) => `alb${id}`,
  track: (id: number) => `trk${id}`,
};

const error = (status: number, message: string, extra: Record<string, unknown> = {}) =>
  json({ error: { status, message, ...extra } }, status);

/** Starts the fake server. */
export function startFakeSpotify(options: FakeSpotifyOptions = {}): FakeSpotify {
  const catalogue = fakeCatalogue({ artists: options.artists ?? 4 });
  const clientId = options.clientId ?? "test-client-id-0001";
  const clientSecret = options.clientSecret ?? "test-client-secret-abcdef0123456789";
  let mode: SpotifyMode = options.mode ?? "extended";
  const tokens: string[] = [];
  const valid = new Set<string>();
  let quota: number | null = null;
  let apiRequests = 0;
  let base = "";
  const byId = new Map(catalogue.artists.map((a) => [spotifyId.artist(a.id), a]));
  const tracks = new Map([...catalogue.tracks.values()].map((t) => [spotifyId.track(t.id), t]));
  const albums = new Map([...catalogue.albums.values()].map((a) => [spotifyId.album(a.id), a]));
  const dev = () => mode === "development";
  /** Audio features and previews withdrawn (since Nov 2024). */
  const noAudio = () => mode === "development" || mode === "development-2025";

  const artistObject = (
    id: number,
    name: string,
    fans: number,
    popularity: number,
    genre: string,
  ) => ({
    external_urls: { spotify: `https://open.spotify.com/artist/${spotifyId.artist(id)}` },
    href: `${base}/v1/artists/${spotifyId.artist(id)}`,
    id: spotifyId.artist(id),
    images: [],
    name,
    type: "artist",
    uri: `spotify:artist:${spotifyId.artist(id)}`,
    ...(dev() ? {} : { followers: { href: null, total: fans }, genres: [genre], popularity }),
  });
  const simpleArtist = (id: number) => {
    const a = catalogue.artists.find((x) => x.id === id);
    return {
      id: spotifyId.artist(id),
      name: a?.name ?? `Guest ${id}`,
      type: "artist",
      uri: `spotify:artist:${spotifyId.artist(id)}`,
    };
  };
  const albumType = (al: FakeAlbum) => (al.recordType === "ep" ? "single" : al.recordType);
  const albumObject = (al: FakeAlbum) => ({
    album_type: albumType(al),
    album_group: albumType(al),
    total_tracks: al.tracks.length,
    available_markets: ["FR", "US"],
    external_urls: {},
    href: `${base}/v1/albums/${spotifyId.album(al.id)}`,
    id: spotifyId.album(al.id),
    images: [],
    name: al.title,
    release_date: al.releaseDate,
    release_date_precision: "day",
    type: "album",
    uri: `spotify:album:${spotifyId.album(al.id)}`,
    artists: [simpleArtist(al.artistId)],
  });
  const simpleTrack = (t: FakeTrack) => ({
    artists: [simpleArtist(t.artistId)],
    disc_number: 1,
    duration_ms: t.duration * 1000,
    explicit: t.explicit,
    external_urls: {},
    href: `${base}/v1/tracks/${spotifyId.track(t.id)}`,
    id: spotifyId.track(t.id),
    name: t.title,
    preview_url: !noAudio() && t.preview ? `${base}/preview/${t.id}.mp3` : null,
    track_number: 1,
    type: "track",
    uri: `spotify:track:${spotifyId.track(t.id)}`,
    is_local: false,
  });
  const trackObject = (t: FakeTrack) => {
    const al = catalogue.albums.get(t.albumId)!;
    const { artists: _a, ...album } = albumObject(al);
    return {
      ...simpleTrack(t),
      album: { ...album, artists: [simpleArtist(al.artistId)] },
      external_ids: { isrc: t.isrc },
      ...(dev() ? {} : { popularity: Math.round(t.rank / 10_000) }),
    };
  };
  const page = (items: unknown[], url: URL, max: number) => {
    const limit = Number(url.searchParams.get("limit") ?? 20);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    if (limit > max) return error(400, "Invalid limit");
    const next = offset + limit < items.length
      ? `${base}${url.pathname}?offset=${offset + limit}&limit=${limit}`
      : null;
    return json({
      href: `${base}${url.pathname}${url.search}`,
      items: items.slice(offset, offset + limit),
      limit,
      next,
      offset,
      previous: null,
      total: items.length,
    });
  };

  const api = (req: Request, url: URL): Response => {
    const bearer = req.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    if (!valid.has(bearer)) return error(401, "The access token expired");
    if (mode === "no-premium") {
      return error(403, "Active premium subscription required for the owner of the app.");
    }
    if (++apiRequests === options.quotaAfter) quota = options.quotaRetryAfter ?? 86_400;
    if (quota !== null) return error(429, "API rate limit exceeded", { reason: "QUOTA_EXCEEDED" });
    const path = url.pathname.slice(3);
    let m: RegExpMatchArray | null;
    if (path === "/search") {
      const limit = Number(url.searchParams.get("limit") ?? 5);
      if (limit > 10) return error(400, "Invalid limit");
      const q = (url.searchParams.get("q") ?? "").toLowerCase();
      const hits = catalogue.artists.filter((a) => a.name.toLowerCase().includes(q));
      const items = hits.flatMap((a) => [
        artistObject(a.id + 9000, `${a.name} Tribute Band`, 12, 5, a.genre),
        artistObject(a.id, a.name, a.fans, a.popularity, a.genre),
      ]).slice(0, limit);
      return json({
        artists: {
          href: url.href,
          items,
          limit,
          next: null,
          offset: 0,
          previous: null,
          total: items.length,
        },
      });
    }
    if (path === "/tracks" || path === "/artists" || path === "/albums") {
      return dev() ? error(403, "Forbidden") : json({ tracks: [] });
    }
    if ((m = path.match(/^\/artists\/([^/]+)$/))) {
      const a = byId.get(m[1]);
      return a
        ? json(artistObject(a.id, a.name, a.fans, a.popularity, a.genre))
        : error(404, "Resource not found");
    }
    if ((m = path.match(/^\/artists\/([^/]+)\/top-tracks$/))) {
      if (dev()) return error(403, "Forbidden");
      const a = byId.get(m[1]);
      return a
        ? json({ tracks: a.ranked.slice(0, 10).map(trackObject) })
        : error(404, "Resource not found");
    }
    if ((m = path.match(/^\/artists\/([^/]+)\/albums$/))) {
      const a = byId.get(m[1]);
      if (!a) return error(404, "Resource not found");
      const groups = (url.searchParams.get("include_groups") ?? "album,single,compilation").split(
        ",",
      );
      return page(
        a.albums.filter((al) => groups.includes(albumType(al))).map(albumObject),
        url,
        10,
      );
    }
    if ((m = path.match(/^\/albums\/([^/]+)\/tracks$/))) {
      const al = albums.get(m[1]);
      return al ? page(al.tracks.map(simpleTrack), url, 50) : error(404, "Resource not found");
    }
    if ((m = path.match(/^\/tracks\/([^/]+)$/))) {
      const t = tracks.get(m[1]);
      return t && !t.noData ? json(trackObject(t)) : error(404, "Resource not found");
    }
    if ((m = path.match(/^\/audio-features\/([^/]+)$/))) {
      if (noAudio()) return error(403, "Forbidden");
      const t = tracks.get(m[1]);
      if (!t) return error(404, "Resource not found");
      const f = (k: number) => Math.round(((t.id * k) % 997) / 997 * 1000) / 1000;
      return json({
        id: spotifyId.track(t.id),
        danceability: f(3),
        energy: f(5),
        key: t.id % 12,
        loudness: -5 - f(7) * 10,
        mode: t.id % 2,
        speechiness: f(11),
        acousticness: f(13),
        instrumentalness: f(17),
        liveness: f(19),
        valence: f(23),
        tempo: t.bpm || 120,
        time_signature: 4,
        type: "audio_features",
      });
    }
    return error(404, "Service not found");
  };

  const server = serveLoopback(async (req, url, n) => {
    let answer: Response;
    if (url.pathname === "/api/token" && req.method === "POST") {
      const form = new URLSearchParams(await req.text());
      const expected = `Basic ${btoa(`${clientId}:${clientSecret}`)}`;
      if (
        req.headers.get("authorization") !== expected ||
        form.get("grant_type") !== "client_credentials"
      ) {
        answer = json({ error: "invalid_client", error_description: "Invalid client" }, 400);
      } else {
        const token = `BQ-token-${tokens.length + 1}-${crypto.randomUUID()}`;
        tokens.push(token);
        valid.add(token);
        answer = json({ access_token: token, token_type: "Bearer", expires_in: 3600 });
      }
    } else if (url.pathname.startsWith("/v1/")) {
      answer = api(req, url);
      if (answer.status === 429) {
        answer = new Response(answer.body, {
          status: 429,
          headers: { "content-type": "application/json", "retry-after": String(quota) },
        });
      }
    } else if (url.pathname.startsWith("/preview/")) {
      const t = catalogue.tracks.get(Number(url.pathname.match(/(\d+)\.mp3$/)?.[1]));
      answer = t
        ? new Response(silentMp3(t.frames), { headers: { "content-type": "audio/mpeg" } })
        : error(404, "Not found");
    } else answer = error(404, "Service not found");
    return options.fault?.(url.pathname + url.search, n, answer) ?? answer;
  });
  base = server.url;
  return {
    ...server,
    catalogue,
    tokens,
    revokeTokens: () => valid.clear(),
    setQuota: (s) => {
      quota = s;
    },
    setMode: (m) => {
      mode = m;
    },
  };
}

/** The client credentials the fake server accepts by default. */
export const FAKE_CREDENTIALS = {
  clientId: "test-client-id-0001",
  clientSecret: "test-client-secret-abcdef0123456789",
  source: "test",
};
