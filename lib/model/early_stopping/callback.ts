/**
 * The early-stopping rule (./rule.ts) as a tfjs callback for `model.fit`: monitors `val_loss`,
 * keeps a copy of the best epoch's weights, stops training when the rule says so and puts the
 * best weights back at the end. (tfjs's own `tf.callbacks.earlyStopping` cannot restore weights.)
 * The workspace's epoch loop (../training/epochs.ts) applies the same rule itself.
 *
 * @example
 * ```ts
 * import { EarlyStoppingCallback } from "./callback.ts";
 * // await model.fit(x, y, { validationData: [xv, yv], callbacks: [new EarlyStoppingCallback()] });
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { PAPER_SETTINGS } from "../../paper.ts";
import {
  type EarlyStoppingOptions,
  type EarlyStoppingState,
  earlyStoppingStep,
  initialEarlyStopping,
} from "./rule.ts";

/** Options of {@link EarlyStoppingCallback}. */
export interface EarlyStoppingCallbackOptions extends EarlyStoppingOptions {
  /** The log entry monitored; default `val_loss`. */
  monitor?: string;
  /** Put the best epoch's weights back when training ends; default true (the paper's). */
  restoreBestWeights?: boolean;
}

/** A tfjs callback applying the paper's early-stopping rule and restoring the best weights. */
export class EarlyStoppingCallback extends tf.Callback {
  /** The rule's state after the epochs seen. */
  state: EarlyStoppingState = initialEarlyStopping();
  readonly #options: EarlyStoppingCallbackOptions;
  #best: tf.Tensor[] | null = null;

  /**
   * A callback watching `options.monitor` (default `val_loss`) with the paper's patience and δ
   * unless given.
   */
  constructor(options: EarlyStoppingCallbackOptions = {}) {
    super();
    this.#options = options;
  }

  /** Resets the rule and forgets any saved weights. */
  override onTrainBegin(): Promise<void> {
    this.state = initialEarlyStopping();
    this.#dispose();
    return Promise.resolve();
  }

  /**
   * Applies the rule to the epoch's monitored value, keeps a copy of the weights when it improved,
   * and stops training when patience runs out.
   */
  override async onEpochEnd(_epoch: number, logs?: tf.Logs): Promise<void> {
    const monitor = this.#options.monitor ?? "val_loss";
    const raw = logs?.[monitor];
    if (raw === undefined) {
      throw new Error(
        `EarlyStoppingCallback: expected "${monitor}" in the epoch logs (pass validationData ` +
          `to fit), found ${Object.keys(logs ?? {}).join(", ") || "nothing"}`,
      );
    }
    const value = typeof raw === "number" ? raw : (await (raw as tf.Scalar).data())[0];
    const step = earlyStoppingStep(this.state, value, this.#options);
    this.state = step.state;
    if (step.improved) {
      this.#dispose();
      this.#best = this.model.getWeights().map((w) => w.clone());
    }
    if (step.stop) this.model.stopTraining = true;
  }

  /** Restores the best weights (when asked) and releases the saved copy. */
  override onTrainEnd(): Promise<void> {
    const restore = this.#options.restoreBestWeights ?? PAPER_SETTINGS.training.restoreBestWeights;
    if (restore && this.#best) {
      this.model.setWeights(this.#best);
    }
    this.#dispose();
    return Promise.resolve();
  }

  #dispose() {
    this.#best?.forEach((t) => t.dispose());
    this.#best = null;
  }
}
