/**
 * Where FMA keeps a track's audio and which tracks a subset holds: `<audio dir>/<first 3 digits>/
 * <6-digit id>.mp3` ({@link fmaAudioPath}), and the nested subsets small ⊂ medium ⊂ large, `full`
 * being every track untrimmed ({@link inFmaSubset}).
 *
 * @example
 * ```ts
 * import { fmaAudioPath, inFmaSubset } from "./paths.ts";
 * fmaAudioPath("fma_small", 2); // "fma_small/000/000002.mp3"
 * inFmaSubset("small", "medium"); // true: fma_medium holds fma_small's tracks
 * ```
 * @module
 */

/** FMA's subsets: 8,000 / 25,000 / 106,574 30-s clips, and `full` (106,574 untrimmed tracks). */
export const FMA_SUBSETS = ["small", "medium", "large", "full"] as const;
/** One FMA subset. */
export type FmaSubset = typeof FMA_SUBSETS[number];

const NESTED: Readonly<Record<string, number>> = { small: 0, medium: 1, large: 2 };

/**
 * The audio file of a track in FMA's layout.
 *
 * @param audioDir the folder of one subset's audio (`fma_small/`, `fma_full/`…), no trailing `/`
 * @param trackId FMA's track id, a non-negative integer below 1,000,000
 * @returns `<audioDir>/<first 3 digits>/<6-digit id>.mp3`
 * @throws {RangeError} for an id that is not an integer in [0, 999999]
 */
export function fmaAudioPath(audioDir: string, trackId: number): string {
  if (!Number.isInteger(trackId) || trackId < 0 || trackId > 999_999) {
    throw new RangeError(
      `fmaAudioPath: expected an integer track id in [0, 999999], found ${trackId}`,
    );
  }
  const id = String(trackId).padStart(6, "0");
  return `${audioDir.replace(/\/+$/, "")}/${id.slice(0, 3)}/${id}.mp3`;
}

/**
 * Whether a track whose `set/subset` cell reads `trackSubset` belongs to `subset`. tracks.csv
 * names the smallest subset holding each track; the subsets nest, so `medium` keeps small and
 * medium tracks, `large` every track with a subset, `full` every row.
 */
export function inFmaSubset(trackSubset: string, subset: FmaSubset): boolean {
  if (subset === "full") return true;
  const rank = NESTED[trackSubset];
  return rank !== undefined && rank <= NESTED[subset];
}
