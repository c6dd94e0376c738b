/**
 * The interface every data provider implements for the seed paper's protocol, and the errors a
 * collection can stop with. A provider resolves an artist line (a name or an id), lists the
 * artist's top tracks and the tracks of their albums and singles, fetches one track's details
 * (canonical columns plus its own extra columns and the URL of a 30-s preview), and says, before
 * the first artist is collected, which of the paper's fields it actually delivers.
 *
 * The protocol itself (which tracks to keep), the previews, resumption and storage live in
 * collect.ts, the same for every provider.
 *
 * @example
 * ```ts
 * import type { Provider } from "./provider.ts";
 * async function firstTopTrack(provider: Provider, name: string) {
 *   const artist = await provider.resolveArtist({ query: name, id: null, name });
 *   if (!artist) return null;
 *   const top = await provider.topTracks(artist, 1);
 *   return top?.[0] ? await provider.track(top[0], artist) : null;
 * }
 * ```
 * @module
 */
import type { HttpClient } from "../http/client.ts";

/** One line of the artist list: a name to search for, or a provider id. */
export interface ArtistRef {
  /** The line as given, for reports. */
  query: string;
  /** The provider id when the line names one (`id:27`, a provider URL or URI); else null. */
  id: string | null;
  /** The name to search for when no id is given; else null. */
  name: string | null;
}

/** An artist as the provider knows it. */
export interface ResolvedArtist {
  /** Provider id. */
  id: string;
  /** Name as the provider spells it. */
  name: string;
  /** Followers (Spotify) or fans (Deezer `nb_fan`); null when the provider does not give it. */
  followers: number | null;
  /** 0–100 popularity index; null when the provider does not give it. */
  popularity: number | null;
  /** Main genre label; null when unknown. */
  genre: string | null;
  /** How the line was resolved: by id, by an exact (normalised) name, or the closest search hit. */
  matchedBy: "id" | "name" | "closest";
}

/** A track as listed among top tracks or on a release, before its details are fetched. */
export interface TrackCandidate {
  /** Provider track id. */
  id: string;
  /** Title as listed. */
  title: string;
  /** Release it was listed on, when known. */
  albumId: string | null;
  /** `album`, `single`, `ep`, … when known. */
  releaseType: string | null;
  /** Whether the listing shows a preview; null when the listing does not say. */
  hasPreview: boolean | null;
}

/** A track with its details. */
export interface CollectedTrack {
  /**
   * Canonical columns (see lib/data/schema.ts TrackRow) and the provider's extra columns; the
   * collector adds `is_top_track` and `audio_path`.
   */
  row: Record<string, unknown> & { track_id: string };
  /** URL of the 30-s preview; null when the provider gives none. */
  previewUrl: string | null;
  /** ISRC when known, for matching local audio. */
  isrc: string | null;
}

/** One of the paper's fields a provider does not deliver, in words. */
export interface MissingField {
  /** The column or ingredient (`track_popularity`, `top tracks`, `audio features`, …). */
  field: string;
  /** What was observed (`absent from GET /tracks/{id}`, `HTTP 403`, …). */
  observed: string;
}

/** What a provider delivers, as checked on the first artist. */
export interface ProviderReadiness {
  /** The paper's fields this provider does not deliver for this app. */
  missing: MissingField[];
  /** Whether the provider lists an artist's top tracks. */
  topTracks: boolean;
  /** Whether tracks come with preview audio. */
  previews: boolean;
  /** Further facts to report (one line each). */
  notices: string[];
}

/** Where a column's values come from. */
export type ColumnOrigin = "provider" | "derived" | "protocol" | "local" | "missing";

/** One column of the collected tracks or artists table and its origin. */
export interface ColumnSource {
  /** Column name. */
  column: string;
  /**
   * `provider`: as the provider gives it; `derived`: computed here from provider values (a
   * documented mapping); `protocol`: set by the collection protocol; `local`: measured or
   * estimated here from the audio; `missing`: null, the provider does not give it.
   */
  origin: ColumnOrigin;
  /** The provider field or the computation it comes from. */
  from: string;
}

/** The extra track columns every streaming provider writes (ISRC, explicitness, album, preview). */
export const PROVIDER_EXTRA_COLUMNS = [
  "isrc",
  "explicit",
  "album_id",
  "album_title",
  "release_type",
  "preview_url",
] as const;

/** A data provider for the paper's protocol. */
export interface Provider {
  /** Short name: `deezer`, `spotify`; also the dataset's name. */
  readonly name: string;
  /** Market the answers are for (Spotify's `market`); null when the provider takes none. */
  readonly market: string | null;
  /** Extra track columns this provider adds after the canonical ones, in order. */
  readonly extraColumns: readonly string[];
  /** The HTTP client (requests, cache, downloads, counters). */
  readonly client: HttpClient;
  /** Finds an artist by id or name; null when there is none. */
  resolveArtist(ref: ArtistRef): Promise<ResolvedArtist | null>;
  /**
   * Checks, on the first resolved artist, which of the paper's fields the provider delivers.
   * Throws {@link MissingFieldsError} (one message listing them all) unless missing fields were
   * allowed; a provider without missing fields returns `missing: []`.
   */
  prepare(artist: ResolvedArtist): Promise<ProviderReadiness>;
  /** The artist's top tracks, most popular first, at most `count`; null when not available. */
  topTracks(artist: ResolvedArtist, count: number): Promise<TrackCandidate[] | null>;
  /** Every track of the artist's albums and singles (their own releases), in listing order. */
  catalogue(artist: ResolvedArtist): Promise<TrackCandidate[]>;
  /** One track's details; null when the provider has no data for it. */
  track(candidate: TrackCandidate, artist: ResolvedArtist): Promise<CollectedTrack | null>;
  /** A fresh preview URL (signed URLs expire), fetched past the cache; null when none. */
  refreshPreviewUrl?(trackId: string): Promise<string | null>;
  /** Where each column comes from, given what {@link prepare} found. */
  columns(readiness: ProviderReadiness): ColumnSource[];
  /** The mapping of the provider's popularity signal to 0–100, in words, for the manifest. */
  readonly popularityMapping: string;
}

/** Base class of the errors that stop a collection. */
export class CollectionError extends Error {
  /** Creates the error; `message` says what stopped the collection. */
  constructor(message: string) {
    super(message);
    this.name = "CollectionError";
  }
}

/** The provider does not deliver some of the paper's fields: one message lists them all. */
export class MissingFieldsError extends CollectionError {
  /** The fields not delivered. */
  readonly missing: readonly MissingField[];
  /**
   * One error for all of a provider's missing fields: `provider` names it, `missing` lists the
   * fields and what was observed, `advice` says what to do.
   */
  constructor(provider: string, missing: readonly MissingField[], advice: string) {
    super(
      `${provider} does not deliver ${missing.length} of the paper's fields for this app: ` +
        missing.map((m) => `${m.field} (${m.observed})`).join("; ") + `. ${advice}`,
    );
    this.name = "MissingFieldsError";
    this.missing = missing;
  }
}
