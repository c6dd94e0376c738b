/**
 * Deezer's popularity signal and its mapping to the 0–100 scale of the seed paper's target.
 * Deezer gives each track a `rank` between 0 and 1,000,000 (documented as "the track's rank",
 * higher is more popular); it is kept raw in the `deezer_rank` column, and
 * `track_popularity = rank / 10,000`, rounded to 0.1 and clipped to [0, 100] — a linear,
 * monotone, invertible mapping that keeps ties and order, so rank-based metrics (Spearman,
 * top-k) read the same on either column.
 *
 * @example
 * ```ts
 * import { deezerRankToPopularity } from "./popularity.ts";
 * console.log(deezerRankToPopularity(760_033)); // 76
 * ```
 * @module
 */

/** Largest value of Deezer's `rank`. */
const DEEZER_RANK_MAX = 1_000_000;

/** The mapping in words, recorded in the manifest. */
export const DEEZER_POPULARITY_MAPPING: string =
  "track_popularity = deezer_rank / 10,000 (Deezer's rank 0–1,000,000 → 0–100, linear, rounded " +
  "to 0.1, clipped); deezer_rank keeps the raw value";

/**
 * Deezer `rank` (0–1,000,000) → popularity 0–100, rounded to one decimal; null for a missing or
 * non-finite rank.
 */
export function deezerRankToPopularity(rank: number | null | undefined): number | null {
  if (rank === null || rank === undefined || !Number.isFinite(rank)) return null;
  const clipped = Math.min(DEEZER_RANK_MAX, Math.max(0, rank));
  return Math.round((clipped / DEEZER_RANK_MAX) * 1000) / 10;
}
