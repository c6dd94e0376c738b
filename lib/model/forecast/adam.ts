/**
 * Adam (Kingma & Ba 2015) over a flat parameter array, with tfjs's and Keras's defaults
 * (β₁ 0.9, β₂ 0.999, ε 1e-7):
 *
 * ```
 * m ← β₁·m + (1 − β₁)·g      v ← β₂·v + (1 − β₂)·g²
 * θ ← θ − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * ```
 *
 * @example
 * ```ts
 * import { Adam } from "./adam.ts";
 * const params = Float32Array.of(1), adam = new Adam(1, { learningRate: 0.1 });
 * adam.step(params, Float32Array.of(2)); // params[0] = 0.9
 * ```
 * @module
 */
import { PAPER_SETTINGS } from "../../paper.ts";

/** Options of {@link Adam}. */
export interface AdamOptions {
  /** Step size; default the seed paper's (1e-3, ../../paper.ts). */
  learningRate?: number;
  /** Decay of the running mean of the gradient; default 0.9. */
  beta1?: number;
  /** Decay of the running mean of the squared gradient; default 0.999. */
  beta2?: number;
  /** Added to the denominator's square root for stability; default 1e-7 (Keras's). */
  epsilon?: number;
}

/** The Adam optimiser's state for `size` parameters. */
export class Adam {
  /** Step size. */
  readonly learningRate: number;
  /** Decay of the running mean of the gradient. */
  readonly beta1: number;
  /** Decay of the running mean of the squared gradient. */
  readonly beta2: number;
  /** Added to the denominator for stability. */
  readonly epsilon: number;
  /** Steps taken. */
  steps = 0;
  readonly #m: Float64Array;
  readonly #v: Float64Array;

  /** Zero moments for `size` parameters, with the given step size and decays. */
  constructor(size: number, options: AdamOptions = {}) {
    this.learningRate = options.learningRate ?? PAPER_SETTINGS.training.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    if (!(this.learningRate > 0)) {
      throw new RangeError(`learningRate must be > 0; found ${this.learningRate}`);
    }
    this.#m = new Float64Array(size);
    this.#v = new Float64Array(size);
  }

  /** Updates `params` in place from their gradient `grads`. */
  step(params: Float32Array, grads: Float32Array): void {
    if (params.length !== this.#m.length || grads.length !== this.#m.length) {
      throw new RangeError(
        `Adam holds ${this.#m.length} parameters; found ${params.length} parameters and ${grads.length} gradients`,
      );
    }
    this.steps++;
    const { beta1: b1, beta2: b2, epsilon: eps } = this;
    const c1 = 1 - Math.pow(b1, this.steps), c2 = 1 - Math.pow(b2, this.steps);
    const lr = this.learningRate;
    const m = this.#m, v = this.#v;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      params[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
    }
  }
}
