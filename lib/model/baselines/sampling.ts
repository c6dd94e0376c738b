/**
 * Seeded, stratified row sampling for the models that hold rows out (early stopping in boosting
 * and the MLP) or learn from a subset (the RBF SVM above its row cap): each class keeps its share.
 *
 * @example
 * ```ts
 * import { stratifiedHoldout } from "./sampling.ts";
 * const { train, test } = stratifiedHoldout(Uint8Array.of(0, 0, 0, 0, 1, 1, 1, 1), 0.25, 1);
 * console.log(train.length, test.length); // 6 2 (one row of each class held out)
 * ```
 * @module
 */
import { Rng } from "../../data/random.ts";
import type { Labels } from "./matrix.ts";

/**
 * A stratified hold-out: `fraction` of each class's rows (at least one each), drawn with the seed.
 *
 * @returns row indices for training and for the hold-out, each in increasing order.
 */
export function stratifiedHoldout(
  y: Labels,
  fraction: number,
  seed: number,
): { train: Int32Array; test: Int32Array } {
  const rng = new Rng(seed);
  const test = new Uint8Array(y.length);
  for (const label of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === label) rows.push(i);
    const take = Math.min(Math.max(1, Math.round(fraction * rows.length)), rows.length - 1);
    for (const i of rng.shuffle(rows).slice(0, Math.max(take, 0))) test[i] = 1;
  }
  const train: number[] = [], held: number[] = [];
  for (let i = 0; i < y.length; i++) (test[i] ? held : train).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(held) };
}

/** `size` row indices drawn without replacement, each class in its share, increasing order. */
export function stratifiedSubset(y: Labels, size: number, seed: number): Int32Array {
  const rng = new Rng(seed);
  const chosen: number[] = [];
  let ones = 0;
  for (let i = 0; i < y.length; i++) ones += y[i];
  for (const label of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === label) rows.push(i);
    const share = (label === 1 ? ones : y.length - ones) / y.length;
    const take = label === 1 ? Math.round(size * share) : size - Math.round(size * (1 - share));
    chosen.push(...rng.shuffle(rows).slice(0, Math.min(take, rows.length)));
  }
  return Int32Array.from(chosen.sort((a, b) => a - b));
}
