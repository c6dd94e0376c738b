/**
 * The seed paper's selection of tracks per artist: the provider's top tracks (5) plus tracks
 * drawn at random (15) from the rest of the artist's albums and singles. The pool excludes the
 * top tracks and repeats of one song on several releases (same normalised title); it is ordered
 * by track id before a seeded shuffle, so the draw depends only on the seed, the provider, the
 * artist and the catalogue, not on the order answers arrive in or on the other artists.
 *
 * @example
 * ```ts
 * import { candidatePool, drawOrder } from "./protocol.ts";
 * const top = [{ id: "1", title: "Hit", albumId: null, releaseType: null, hasPreview: true }];
 * const catalogue = [
 *   { id: "1", title: "Hit", albumId: "a", releaseType: "album", hasPreview: true },
 *   { id: "2", title: "Hit (Radio Edit)", albumId: "s", releaseType: "single", hasPreview: true },
 *   { id: "3", title: "Deep Cut", albumId: "a", releaseType: "album", hasPreview: true },
 * ];
 * const order = drawOrder(candidatePool(top, catalogue), 42, "deezer", "27");
 * console.log(order.map((c) => c.id)); // ["3"]
 * ```
 * @module
 */
import { deriveSeed, Rng } from "../../random.ts";
import { normalizeTitle } from "../match/normalize.ts";
import type { TrackCandidate } from "./provider.ts";

/** The protocol's counts, as in the seed paper. */
export const PAPER_PROTOCOL = { topTracks: 5, randomTracks: 15 } as const;

/** Orders ids: numerically when both are digit strings, by code units otherwise. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The tracks random picks are drawn from: the catalogue without the top tracks, without a second
 * release of one song (same normalised title; the lowest id is kept), ordered by id.
 */
export function candidatePool(
  top: readonly TrackCandidate[],
  catalogue: readonly TrackCandidate[],
): TrackCandidate[] {
  const ids = new Set(top.map((t) => t.id));
  const titles = new Set(top.map((t) => normalizeTitle(t.title)));
  const pool: TrackCandidate[] = [];
  const seenIds = new Set<string>();
  for (const c of [...catalogue].sort((a, b) => compareIds(a.id, b.id))) {
    const title = normalizeTitle(c.title);
    if (ids.has(c.id) || seenIds.has(c.id) || titles.has(title)) continue;
    seenIds.add(c.id);
    titles.add(title);
    pool.push(c);
  }
  return pool;
}

/**
 * The pool in the seeded random order the picks are taken in (the first 15 usable ones are
 * kept). The stream is derived from `seed`, the provider and the artist id.
 */
export function drawOrder(
  pool: readonly TrackCandidate[],
  seed: number,
  provider: string,
  artistId: string,
): TrackCandidate[] {
  return new Rng(deriveSeed(seed, "protocol", provider, artistId)).shuffle(pool);
}
