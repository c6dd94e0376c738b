/**
 * The Deezer provider of the seed paper's protocol. Artists are resolved by id or by name (the
 * exact normalised name with the most fans, else the closest search hit, flagged); the artist's
 * fans (`nb_fan`) fill the followers column; top tracks come from `/artist/{id}/top`; the random
 * picks from the tracks of the artist's albums, EPs and singles (compilations and other artists'
 * tracks left out); each track's `rank` is the popularity signal (kept raw as `deezer_rank`, and
 * mapped to 0–100, see popularity.ts), with `bpm`, `gain`, `isrc`, release date, duration,
 * explicitness and the 30-s MP3 preview. No key is needed.
 *
 * @example
 * ```ts
 * import { createDeezerProvider } from "./provider.ts";
 * const deezer = createDeezerProvider({ cacheDir: "data/deezer/cache", http: { minIntervalMs: 110 } });
 * const artist = await deezer.resolveArtist({ query: "Daft Punk", id: null, name: "Daft Punk" });
 * console.log(artist?.id, artist?.followers);
 * ```
 * @module
 */
import { AUDIO_FEATURE_COLUMNS } from "../../schema.ts";
import { HttpClient, type HttpClientOptions } from "../http/client.ts";
import { ResponseCache } from "../http/cache.ts";
import type {
  ArtistRef,
  CollectedTrack,
  ColumnSource,
  Provider,
  ProviderReadiness,
  ResolvedArtist,
  TrackCandidate,
} from "../collect/provider.ts";
import { PROVIDER_EXTRA_COLUMNS } from "../collect/provider.ts";
import { releaseParts } from "../collect/release.ts";
import { normalizeArtist } from "../match/normalize.ts";
import { DeezerApi } from "./api.ts";
import { DEEZER_POPULARITY_MAPPING, deezerRankToPopularity } from "./popularity.ts";
import type { DeezerArtist, DeezerTrackItem } from "./schemas.ts";

/** Extra track columns of the Deezer dataset, after the canonical ones. */
export const DEEZER_EXTRA_COLUMNS = [
  "deezer_rank",
  "bpm",
  "gain",
  ...PROVIDER_EXTRA_COLUMNS,
] as const;

/** Release types whose tracks the random picks are drawn from (the paper: albums and singles). */
const DEEZER_RELEASE_TYPES = ["album", "ep", "single"] as const;

/** Options of {@link createDeezerProvider}. */
export interface DeezerProviderOptions {
  /** A ready client; otherwise one is made from `http` and `cacheDir`. */
  client?: HttpClient;
  /** The raw-response cache folder; default none (not resumable). */
  cacheDir?: string;
  /** HTTP options (timeout, retries, pacing, …) for the client made here. */
  http?: HttpClientOptions;
  /** API root; default https://api.deezer.com. */
  baseUrl?: string;
  /** Release types drawn from; default album, ep, single. */
  releaseTypes?: readonly string[];
}

/** The Deezer provider; see the module documentation. */
export class DeezerProvider implements Provider {
  readonly name = "deezer";
  /** Deezer takes no market: it answers for the country of the requesting address. */
  readonly market = null;
  readonly extraColumns: typeof DEEZER_EXTRA_COLUMNS = DEEZER_EXTRA_COLUMNS;
  readonly popularityMapping: string = DEEZER_POPULARITY_MAPPING;
  readonly client: HttpClient;
  /** The API calls. */
  readonly api: DeezerApi;
  readonly #releaseTypes: Set<string>;

  /**
   * A provider over `api` that keeps the releases whose `record_type` is one of `releaseTypes`
   * (album, EP and single by default).
   */
  constructor(api: DeezerApi, releaseTypes: readonly string[] = DEEZER_RELEASE_TYPES) {
    this.api = api;
    this.client = api.client;
    this.#releaseTypes = new Set(releaseTypes);
  }

  #resolved(a: DeezerArtist, matchedBy: ResolvedArtist["matchedBy"]): ResolvedArtist {
    return {
      id: String(a.id),
      name: a.name,
      followers: a.nb_fan,
      popularity: null,
      genre: null,
      matchedBy,
    };
  }

  async resolveArtist(ref: ArtistRef): Promise<ResolvedArtist | null> {
    if (ref.id !== null) {
      const a = await this.api.artist(ref.id);
      return a ? this.#resolved(a, "id") : null;
    }
    const name = ref.name ?? ref.query;
    const hits = await this.api.searchArtists(name);
    if (hits.length === 0) return null;
    const wanted = normalizeArtist(name);
    const exact = hits.filter((h) => normalizeArtist(h.name) === wanted);
    if (exact.length === 0) return this.#resolved(hits[0], "closest");
    const best = exact.reduce((a, b) => (b.nb_fan > a.nb_fan ? b : a));
    return this.#resolved(best, "name");
  }

  prepare(_artist: ResolvedArtist): Promise<ProviderReadiness> {
    return Promise.resolve({
      missing: [],
      topTracks: true,
      previews: true,
      notices: [
        "Deezer: followers = fans (nb_fan); track_popularity = rank / 10,000; Deezer gives no " +
        "artist popularity index or genre per artist (those columns stay empty)",
      ],
    });
  }

  #candidate(t: DeezerTrackItem, releaseType: string | null): TrackCandidate {
    return {
      id: String(t.id),
      title: t.title,
      albumId: t.album ? String(t.album.id) : null,
      releaseType,
      hasPreview: t.preview === undefined ? null : t.preview !== "",
    };
  }

  async topTracks(artist: ResolvedArtist, count: number): Promise<TrackCandidate[]> {
    return (await this.api.topTracks(artist.id, count)).map((t) => this.#candidate(t, null));
  }

  async catalogue(artist: ResolvedArtist): Promise<TrackCandidate[]> {
    const out: TrackCandidate[] = [];
    for (const album of await this.api.albums(artist.id)) {
      if (!this.#releaseTypes.has(album.record_type)) continue;
      for (const t of await this.api.albumTracks(String(album.id))) {
        if (String(t.artist.id) !== artist.id) continue; // a guest's track on the artist's release
        out.push({ ...this.#candidate(t, album.record_type), albumId: String(album.id) });
      }
    }
    return out;
  }

  async track(candidate: TrackCandidate, artist: ResolvedArtist): Promise<CollectedTrack | null> {
    const t = await this.api.track(candidate.id);
    if (t === null) return null;
    const own = releaseParts(t.release_date);
    const date = own.release_date ? own : releaseParts(t.album.release_date);
    const preview = t.preview || null;
    return {
      row: {
        track_id: String(t.id),
        track_name: t.title,
        artist_id: artist.id,
        artist_name: artist.name,
        track_popularity: deezerRankToPopularity(t.rank),
        ...date,
        duration_ms: t.duration * 1000,
        deezer_rank: t.rank,
        bpm: t.bpm !== undefined && t.bpm > 0 ? t.bpm : null,
        gain: t.gain ?? null,
        isrc: t.isrc || null,
        explicit: t.explicit_lyrics === undefined ? null : t.explicit_lyrics ? 1 : 0,
        album_id: String(t.album.id),
        album_title: t.album.title,
        release_type: candidate.releaseType ?? t.album.type ?? null,
        preview_url: preview,
      },
      previewUrl: preview,
      isrc: t.isrc || null,
    };
  }

  async refreshPreviewUrl(trackId: string): Promise<string | null> {
    const t = await this.api.track(trackId, { refresh: true });
    return t?.preview || null;
  }

  columns(_readiness: ProviderReadiness): ColumnSource[] {
    const p = (column: string, from: string): ColumnSource => ({
      column,
      origin: "provider",
      from,
    });
    const d = (column: string, from: string): ColumnSource => ({ column, origin: "derived", from });
    const m = (column: string, from: string): ColumnSource => ({ column, origin: "missing", from });
    return [
      p("artist_id", "artist.id"),
      p("artist_name", "artist.name"),
      m("artist_popularity", "Deezer has no artist popularity index"),
      p("followers", "artist.nb_fan (fans)"),
      m("genre", "not per artist on Deezer"),
      p("track_id", "track.id"),
      p("track_name", "track.title"),
      d("track_popularity", "track.rank / 10,000"),
      p("release_date", "track.release_date (else album.release_date)"),
      d("release_year", "release_date"),
      d("release_month", "release_date"),
      d("duration_ms", "track.duration (s) × 1000"),
      ...AUDIO_FEATURE_COLUMNS.map((c) =>
        m(c, "Spotify audio feature; estimate locally from the preview (audio pipeline)")
      ),
      p("deezer_rank", "track.rank (0–1,000,000)"),
      p("bpm", "track.bpm (0 → empty)"),
      p("gain", "track.gain (dB)"),
      p("isrc", "track.isrc"),
      d("explicit", "track.explicit_lyrics (1/0)"),
      p("album_id", "track.album.id"),
      p("album_title", "track.album.title"),
      p("release_type", "album.record_type"),
      p("preview_url", "track.preview (30-s MP3)"),
    ];
  }
}

/** A Deezer provider with its own client and cache; see {@link DeezerProviderOptions}. */
export function createDeezerProvider(options: DeezerProviderOptions = {}): DeezerProvider {
  const client = options.client ?? new HttpClient({
    ...options.http,
    cache: options.cacheDir ? new ResponseCache(options.cacheDir) : options.http?.cache ?? null,
  });
  return new DeezerProvider(
    new DeezerApi(client, { baseUrl: options.baseUrl }),
    options.releaseTypes,
  );
}
