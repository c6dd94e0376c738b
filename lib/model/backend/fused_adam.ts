/**
 * Adam as tfjs's `tf.train.adam` builds it — same state, same checkpoints, same numbers — but
 * stepping each variable with one fused `AdamUpdate` kernel on a backend that has it (the
 * workspace's `fast-cpu`), where tfjs runs eleven element-wise ops per variable. Elsewhere it is
 * tfjs's optimizer unchanged. On the paper CNN these ops took ~14 % of a fast-cpu training step.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { adam } from "./fused_adam.ts";
 * const w = tf.variable(tf.scalar(1));
 * const optimizer = adam(0.1);
 * optimizer.minimize(() => tf.square(w) as tf.Scalar); // w ≈ 0.9
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { ADAM_UPDATE } from "./kernels/adam.ts";

/** What the subclass reads of tfjs's optimizer (private there, stable across tfjs 4). */
interface AdamInternals {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
  incrementIterations(): void;
}

class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(
    variableGradients: Parameters<tf.AdamOptimizer["applyGradients"]>[0],
  ): void {
    if (!tf.getKernel(ADAM_UPDATE, tf.getBackend())) {
      super.applyGradients(variableGradients);
      return;
    }
    const self = this as unknown as AdamInternals;
    const list = Array.isArray(variableGradients);
    const names = list ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    tf.tidy(() => {
      const oneMinusAccBeta1 = tf.sub(1, self.accBeta1);
      const oneMinusAccBeta2 = tf.sub(1, self.accBeta2);
      const attrs = {
        beta1: self.beta1,
        beta2: self.beta2,
        epsilon: self.epsilon,
        learningRate: self.learningRate,
      };
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        self.accumulatedFirstMoment[i] ??= {
          originalName: `${name}/m`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        };
        self.accumulatedSecondMoment[i] ??= {
          originalName: `${name}/v`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        };
        const gradient: tf.Tensor | undefined = list
          ? variableGradients[i].tensor
          : variableGradients[name];
        if (gradient == null) return;
        const m = self.accumulatedFirstMoment[i].variable;
        const v = self.accumulatedSecondMoment[i].variable;
        const [newValue, newM, newV] = tf.engine().runKernel(
          ADAM_UPDATE,
          { value, m, v, gradient, oneMinusAccBeta1, oneMinusAccBeta2 },
          attrs,
        ) as tf.Tensor[];
        m.assign(newM);
        v.assign(newV);
        value.assign(newValue);
      });
      self.accBeta1.assign(tf.mul(self.accBeta1, self.beta1));
      self.accBeta2.assign(tf.mul(self.accBeta2, self.beta2));
    });
    self.incrementIterations();
  }
}

/**
 * An Adam optimizer with tfjs's defaults (β₁ 0.9, β₂ 0.999, ε the backend's), fused where the
 * backend has the `AdamUpdate` kernel; an instance of `tf.AdamOptimizer` either way.
 */
export function adam(learningRate: number): tf.AdamOptimizer {
  return new FusedAdamOptimizer(learningRate, 0.9, 0.999);
}
