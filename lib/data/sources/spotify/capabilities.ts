/**
 * Which of the seed paper's fields this Spotify app actually receives, checked on one artist
 * before anything is collected: artist popularity and followers (present on the artist object),
 * top tracks (the endpoint answers, not 403/404/410), track popularity (present on the tracks),
 * preview audio (a non-null `preview_url` on some track) and audio features (the endpoint
 * answers). Since 27 Nov 2024 and Feb–Mar 2026 a development-mode app receives none of them;
 * an app with extended quota receives them all. The probe's answers are cached like any other,
 * so a resumed run does not probe again.
 *
 * @example
 * ```ts
 * import { detectSpotifyFields } from "./capabilities.ts";
 * // const fields = await detectSpotifyFields(api, artist);
 * // console.log(fields.missing.map((m) => `${m.field}: ${m.observed}`));
 * ```
 * @module
 */
import type { MissingField, ResolvedArtist } from "../collect/provider.ts";
import type { SpotifyApi } from "./api.ts";
import type { SpotifyTrack } from "./schemas.ts";

/** What an app receives. */
export interface SpotifyFields {
  /** The paper's fields it does not receive, with what was observed. */
  missing: MissingField[];
  /** The top-tracks endpoint answers. */
  topTracks: boolean;
  /** Tracks come with preview URLs. */
  previews: boolean;
  /** The audio-features endpoint answers. */
  audioFeatures: boolean;
}

/** Probes the app's fields on a resolved artist; see the module documentation. */
export async function detectSpotifyFields(
  api: SpotifyApi,
  artist: ResolvedArtist,
): Promise<SpotifyFields> {
  const missing: MissingField[] = [];
  if (artist.popularity === null) {
    missing.push({ field: "artist_popularity", observed: "absent from the artist object" });
  }
  if (artist.followers === null) {
    missing.push({ field: "followers", observed: "absent from the artist object" });
  }
  const top = await api.topTracks(artist.id);
  let probes: SpotifyTrack[] = [];
  if (top.available) probes = top.value;
  else {
    missing.push({
      field: "top tracks",
      observed: `GET /artists/{id}/top-tracks answered HTTP ${top.status}`,
    });
    // Probe an ordinary track of the catalogue instead.
    const albums = await api.albums(artist.id);
    const first = albums.length > 0 ? (await api.albumTracks(albums[0].id))[0] : undefined;
    const probe = first ? await api.track(first.id) : null;
    if (probe) probes = [probe];
  }
  if (probes.length > 0 && probes.every((t) => t.popularity === undefined)) {
    missing.push({
      field: "track_popularity",
      observed: "absent from the track objects (the paper's target)",
    });
  }
  const previews = probes.some((t) => typeof t.preview_url === "string" && t.preview_url !== "");
  if (probes.length > 0 && !previews) {
    missing.push({
      field: "preview audio",
      observed: `preview_url is null on ${probes.length} track(s)`,
    });
  }
  let audioFeatures = false;
  if (probes.length > 0) {
    const features = await api.audioFeatures(probes[0].id);
    audioFeatures = features.available;
    if (!features.available) {
      missing.push({
        field: "audio features",
        observed: `GET /audio-features/{id} answered HTTP ${features.status}`,
      });
    }
  }
  return { missing, topTracks: top.available, previews, audioFeatures };
}
