/**
 * Early stopping, the seed paper's eq. (1): monitor the validation loss, stop after `patience`
 * (7) epochs without a strict improvement (δ = 0), restore the best epoch's weights.
 *
 * - rule.ts — the rule as a pure function ({@link earlyStoppingStep}, {@link earlyStoppingTrace})
 * - callback.ts — {@link EarlyStoppingCallback}, the rule as a tfjs `model.fit` callback
 *
 * @example
 * ```ts
 * import { earlyStoppingTrace } from "./mod.ts";
 * earlyStoppingTrace([3, 2, 2, 2, 2, 2, 2, 2, 2]).stopEpoch; // 8: seven epochs after epoch 1
 * ```
 * @module
 */
export * from "./rule.ts";
export * from "./callback.ts";
