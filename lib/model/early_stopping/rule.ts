/**
 * Early stopping as the seed paper's eq. (1), a pure function of the validation losses seen so
 * far. After epoch t with validation loss L_t:
 *
 * ```
 * improved_t = L_t < L_best − δ          (strictly: an equal loss is no improvement)
 * if improved_t:  L_best ← L_t, best ← t, wait ← 0
 * else:           wait ← wait + 1
 * stop after epoch t  ⇔  wait ≥ patience
 * ```
 *
 * with the seed paper's patience 7 and δ = 0 by default (../../paper.ts); training then restores the weights of epoch `best`. A
 * NaN loss is never an improvement.
 *
 * @example
 * ```ts
 * import { earlyStoppingTrace } from "./rule.ts";
 * const trace = earlyStoppingTrace([5, 4, 4, 4.5], { patience: 2 });
 * console.log(trace.stopEpoch, trace.bestEpoch); // 3 1  (epoch 2's equal loss is no improvement)
 * ```
 * @module
 */
import { PAPER_SETTINGS } from "../../paper.ts";

/** Options of the rule. */
export interface EarlyStoppingOptions {
  /** Epochs without improvement after which training stops; default the paper's (7). Must be ≥ 1. */
  patience?: number;
  /** Decrease of the loss below the best so far that counts as improvement; default the paper's (0). */
  minDelta?: number;
}

/** The rule's state after some epochs. */
export interface EarlyStoppingState {
  /** Lowest validation loss so far (Infinity before the first epoch). */
  bestLoss: number;
  /** Epoch (0-based) of `bestLoss`; −1 before the first epoch. */
  bestEpoch: number;
  /** Epochs since the last improvement. */
  wait: number;
  /** Epochs seen. */
  epochs: number;
  /** Epoch after which training stops, or null while it goes on. */
  stopEpoch: number | null;
}

/** The state before any epoch. */
export function initialEarlyStopping(): EarlyStoppingState {
  return { bestLoss: Infinity, bestEpoch: -1, wait: 0, epochs: 0, stopEpoch: null };
}

/** Raised for an invalid patience or δ. */
export class EarlyStoppingError extends Error {
  /** Creates the error; `message` names the invalid setting and its value. */
  constructor(message: string) {
    super(message);
    this.name = "EarlyStoppingError";
  }
}

function validated(options: EarlyStoppingOptions): Required<EarlyStoppingOptions> {
  const {
    patience = PAPER_SETTINGS.training.patience,
    minDelta = PAPER_SETTINGS.training.minDelta,
  } = options;
  if (!Number.isInteger(patience) || patience < 1) {
    throw new EarlyStoppingError(`patience must be an integer ≥ 1, found ${patience}`);
  }
  if (!(minDelta >= 0)) throw new EarlyStoppingError(`minDelta must be ≥ 0, found ${minDelta}`);
  return { patience, minDelta };
}

/** The state after one more epoch, whether it improved, and whether training stops now. */
export function earlyStoppingStep(
  state: EarlyStoppingState,
  validationLoss: number,
  options: EarlyStoppingOptions = {},
): { state: EarlyStoppingState; improved: boolean; stop: boolean } {
  const { patience, minDelta } = validated(options);
  if (state.stopEpoch !== null) {
    throw new EarlyStoppingError(`training already stopped after epoch ${state.stopEpoch}`);
  }
  const epoch = state.epochs;
  const improved = validationLoss < state.bestLoss - minDelta;
  const wait = improved ? 0 : state.wait + 1;
  const stop = wait >= patience;
  return {
    improved,
    stop,
    state: {
      bestLoss: improved ? validationLoss : state.bestLoss,
      bestEpoch: improved ? epoch : state.bestEpoch,
      wait,
      epochs: epoch + 1,
      stopEpoch: stop ? epoch : null,
    },
  };
}

/** The rule run over a whole sequence of validation losses (stops reading at the stop). */
export interface EarlyStoppingTrace {
  /** Per epoch read: improved or not. */
  improved: boolean[];
  /** Epoch after which training stops, or null if it never does. */
  stopEpoch: number | null;
  /** Epoch whose weights are restored (−1 for an empty sequence). */
  bestEpoch: number;
  /** The final state. */
  state: EarlyStoppingState;
}

/** Runs {@link earlyStoppingStep} over `losses` in order, as training would. */
export function earlyStoppingTrace(
  losses: readonly number[],
  options: EarlyStoppingOptions = {},
): EarlyStoppingTrace {
  let state = initialEarlyStopping();
  const improved: boolean[] = [];
  for (const loss of losses) {
    const step = earlyStoppingStep(state, loss, options);
    state = step.state;
    improved.push(step.improved);
    if (step.stop) break;
  }
  return { improved, stopEpoch: state.stopEpoch, bestEpoch: state.bestEpoch, state };
}
