/**
 * The seed paper's reported numbers, quoted beside ours, with what they mean. Seed 000
 * (arXiv 2505.07280) trained a CNN on mel spectrograms plus metadata for ~2,000 Spotify songs
 * (100 artists × their top 5 + 15 random tracks) and judged it at a popularity threshold:
 * precision 0.9587, recall 0.9979, hence F1 ≈ 0.978. Those numbers are what "predict every song
 * popular" scores when 95.9 % of the test songs are popular: precision = the popular share,
 * recall = 1, F1 = 2p / (1 + p).
 *
 * @example
 * ```ts
 * import { allPositiveScores, SEED_PAPER } from "./paper.ts";
 * allPositiveScores(SEED_PAPER.precision).f1; // 0.9789…: the constant "popular" answer
 * ```
 * @module
 */

/** The seed paper's reported classification figures, as quoted in this workspace. */
export const SEED_PAPER = {
  source: "seed 000 (Falah, Yousefimehr & Ghatee 2025, arXiv 2505.07280)",
  model: "CNN on mel spectrograms + metadata, ~2,000 Spotify songs, popularity threshold",
  precision: 0.9587,
  recall: 0.9979,
  /** 2PR / (P + R) from the two above. */
  f1: (2 * 0.9587 * 0.9979) / (0.9587 + 0.9979),
  /** Standard deviation of popularity the paper's regression baseline refers to. */
  popularitySd: 11.65,
  /** The mean predictor's MAE for that spread (≈ 0.8 σ for a normal target). */
  meanPredictorMae: 9.3,
} as const;

/** Scores of the constant answer "positive" when a share `p` of the test rows is positive. */
export function allPositiveScores(p: number): {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
} {
  return { precision: p, recall: p > 0 ? 1 : 0, f1: p > 0 ? (2 * p) / (1 + p) : 0, accuracy: p };
}
