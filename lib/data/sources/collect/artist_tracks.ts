/**
 * One artist's tracks under the seed paper's protocol: the provider's top tracks, then candidates
 * in the seeded draw order until enough random picks are kept. A candidate is skipped (and the
 * next one drawn) when the provider has no data for it, when its answer is malformed (both
 * reported as issues), or when it has no preview while previews are required. Without top
 * tracks from the provider, every pick is random.
 *
 * @example
 * ```ts
 * import { selectArtistTracks } from "./artist_tracks.ts";
 * // const { kept, notes, issues } = await selectArtistTracks(provider, artist, readiness, {
 * //   seed: 42, topTracks: 5, randomTracks: 15, requirePreviews: true, line: 1,
 * // });
 * ```
 * @module
 */
import type { DataIssue } from "../../dataset.ts";
import { ResponseShapeError } from "../http/errors.ts";
import { candidatePool, drawOrder } from "./protocol.ts";
import type {
  CollectedTrack,
  Provider,
  ProviderReadiness,
  ResolvedArtist,
  TrackCandidate,
} from "./provider.ts";

/** Options of {@link selectArtistTracks}. */
export interface SelectionOptions {
  /** Seed of the draw. */
  seed: number;
  /** Top tracks kept. */
  topTracks: number;
  /** Tracks drawn at random. */
  randomTracks: number;
  /** Skip candidates without a preview (when the provider gives previews). */
  requirePreviews: boolean;
  /** The artist's line in the list, for issues. */
  line: number;
}

/** The tracks kept for one artist, with what went short (notes) and what went wrong (issues). */
export interface TrackSelection {
  /** Kept tracks, top tracks first; `isTop` null when the provider lists no top tracks. */
  kept: { track: CollectedTrack; isTop: boolean | null }[];
  /** Shortfalls in words (fewer top tracks or candidates than asked). */
  notes: string[];
  /** Tracks excluded, with reasons. */
  issues: DataIssue[];
}

/**
 * Selects and fetches one artist's tracks; see the module documentation.
 *
 * @throws {ResponseShapeError} when the top tracks or the catalogue cannot be read (the caller
 *   excludes the artist); errors other than a track's malformed answer propagate.
 */
export async function selectArtistTracks(
  provider: Provider,
  artist: ResolvedArtist,
  readiness: ProviderReadiness,
  options: SelectionOptions,
): Promise<TrackSelection> {
  const { line } = options;
  const issues: DataIssue[] = [];
  const notes: string[] = [];
  const top = !readiness.topTracks
    ? null
    : options.topTracks > 0
    ? await provider.topTracks(artist, options.topTracks)
    : [];
  const catalogue = await provider.catalogue(artist);
  const pool = drawOrder(
    candidatePool(top ?? [], catalogue),
    options.seed,
    provider.name,
    artist.id,
  );

  const details = async (c: TrackCandidate): Promise<CollectedTrack | null> => {
    try {
      const t = await provider.track(c, artist);
      if (t === null) {
        issues.push({
          row: line,
          column: "track_id",
          reason: `track ${c.id} ("${c.title}"): no data from ${provider.name}`,
          action: "excluded",
        });
      }
      return t;
    } catch (error) {
      if (!(error instanceof ResponseShapeError)) throw error;
      issues.push({
        row: line,
        column: "track_id",
        reason: `track ${c.id}: ${error.message}`,
        action: "excluded",
      });
      return null;
    }
  };

  const kept: TrackSelection["kept"] = [];
  for (const c of (top ?? []).slice(0, options.topTracks)) {
    const t = await details(c);
    if (t) kept.push({ track: t, isTop: true });
  }
  const needPreview = options.requirePreviews && readiness.previews;
  const toDraw = top === null ? options.topTracks + options.randomTracks : options.randomTracks;
  let drawn = 0;
  let withoutPreview = 0;
  for (const c of pool) {
    if (drawn >= toDraw) break;
    if (needPreview && c.hasPreview === false) {
      withoutPreview++; // the listing already says so: no call
      continue;
    }
    const t = await details(c);
    if (!t) continue;
    if (needPreview && !t.previewUrl) {
      withoutPreview++;
      continue;
    }
    kept.push({ track: t, isTop: top === null ? null : false });
    drawn++;
  }
  if (top !== null && top.length < options.topTracks) notes.push(`${top.length} top tracks listed`);
  if (drawn < toDraw) {
    notes.push(
      `${drawn} of ${toDraw} random tracks: ${pool.length} other tracks in the discography` +
        (withoutPreview > 0 ? `, ${withoutPreview} without preview` : ""),
    );
  }
  return { kept, notes, issues };
}
