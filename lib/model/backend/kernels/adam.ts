/**
 * `AdamUpdate`, a kernel of this workspace (not of tfjs): one Adam step for one variable in one
 * sweep — the new value and both moments — where tfjs's `AdamOptimizer` runs eleven element-wise
 * ops (Multiply, Add, Square, RealDiv, Sqrt…), each a pass over the variable with its own
 * temporary. The arithmetic is tfjs's, in its order, with every intermediate rounded to float32
 * as each of those ops stores it, so the results are bit for bit those of `tf.train.adam` on the
 * `cpu` backend (tests/model/backend/adam_test.ts checks it).
 *
 * @example
 * ```ts
 * import { adamUpdate } from "./adam.ts";
 * const value = Float32Array.of(1), m = Float32Array.of(0), v = Float32Array.of(0);
 * const out = { value: new Float32Array(1), m: new Float32Array(1), v: new Float32Array(1) };
 * adamUpdate({ value, m, v, gradient: Float32Array.of(2) }, out, {
 *   beta1: 0.9, beta2: 0.999, epsilon: 1e-7, learningRate: 0.1,
 *   oneMinusAccBeta1: 0.1, oneMinusAccBeta2: 0.001,
 * }); // out.value ≈ [0.9]: the first step moves by the learning rate
 * ```
 * @module
 */
import type { Dnnl } from "../dnnl/dnnl.ts";
import { allocate, type CpuKernel, type FastKernel, floatValues, output } from "./tensors.ts";

/** Name under which the kernel is registered. */
export const ADAM_UPDATE = "AdamUpdate";

/** Adam's hyper-parameters and this step's bias corrections, as tfjs's optimizer holds them. */
export interface AdamStep {
  /** Decay of the first moment, β₁. */
  beta1: number;
  /** Decay of the second moment, β₂. */
  beta2: number;
  /** ε added to the root of the second moment. */
  epsilon: number;
  /** The step size. */
  learningRate: number;
  /** 1 − β₁ᵗ (float32, the optimizer's `1 - accBeta1`). */
  oneMinusAccBeta1: number;
  /** 1 − β₂ᵗ. */
  oneMinusAccBeta2: number;
}

/** One variable's arrays (all the same length). */
export interface AdamArrays {
  /** The variable's values. */
  value: Float32Array;
  /** Its first moment (running mean of the gradient). */
  m: Float32Array;
  /** Its second moment (running mean of the squared gradient). */
  v: Float32Array;
}

const f = Math.fround;

/**
 * The step's scalars as tfjs's optimizer makes them (numbers become float32 tensors): β₁,
 * 1 − β₁, β₂, 1 − β₂, ε, −learning rate, 1 − β₁ᵗ, 1 − β₂ᵗ — the order the shim's
 * `hss_adam_update` reads them in.
 */
export function adamScalars(step: AdamStep): Float32Array {
  return Float32Array.of(
    step.beta1,
    1 - step.beta1,
    step.beta2,
    1 - step.beta2,
    step.epsilon,
    -step.learningRate,
    step.oneMinusAccBeta1,
    step.oneMinusAccBeta2,
  );
}

/**
 * One Adam step: `out` receives the new value, first and second moments of `state` given
 * `gradient` (`out` may be `state` itself: each element is read before it is written).
 */
export function adamUpdate(
  state: AdamArrays & { gradient: Float32Array },
  out: AdamArrays,
  step: AdamStep,
): void {
  const [b1, c1, b2, c2, eps, rate, o1, o2] = adamScalars(step);
  const { value, m, v, gradient } = state;
  for (let i = 0; i < value.length; i++) {
    const g = gradient[i];
    const m1 = f(f(m[i] * b1) + f(g * c1));
    const v1 = f(f(v[i] * b2) + f(f(g * g) * c2));
    const mHat = f(m1 / o1), vHat = f(v1 / o2);
    out.value[i] = f(f(mHat / f(f(Math.sqrt(vHat)) + eps)) * rate) + value[i];
    out.m[i] = m1;
    out.v[i] = v1;
  }
}

/**
 * The kernel for the fast backend (in C in the oneDNN shim when it is loaded): inputs `value`,
 * `m`, `v`, `gradient` and the scalars `oneMinusAccBeta1`, `oneMinusAccBeta2`; attributes
 * `beta1`, `beta2`, `epsilon`, `learningRate`; outputs [value, m, v]. Other backends run tfjs's
 * own optimizer (see ../fused_adam.ts).
 */
export function adamUpdateKernel(dnnl: Dnnl | null = null): FastKernel {
  return {
    kernelName: ADAM_UPDATE,
    make: (fallback: CpuKernel): CpuKernel => (args) => {
      const { backend, inputs } = args;
      const read = (name: string) => floatValues(backend, inputs[name]);
      const value = read("value"), m = read("m"), v = read("v"), gradient = read("gradient");
      const o1 = read("oneMinusAccBeta1"), o2 = read("oneMinusAccBeta2");
      if (!value || !m || !v || !gradient || !o1 || !o2) return fallback(args);
      const n = value.length;
      if (m.length !== n || v.length !== n || gradient.length !== n) {
        throw new Error(
          `${ADAM_UPDATE}: value, moments and gradient differ in size (${n}, ${m.length}, ` +
            `${v.length}, ${gradient.length})`,
        );
      }
      const attrs = args.attrs ?? {};
      const out = { value: allocate(backend, n), m: allocate(backend, n), v: allocate(backend, n) };
      (dnnl ? dnnl.adamUpdate : adamUpdate)({ value, m, v, gradient }, out, {
        beta1: attrs.beta1 as number,
        beta2: attrs.beta2 as number,
        epsilon: attrs.epsilon as number,
        learningRate: attrs.learningRate as number,
        oneMinusAccBeta1: o1[0],
        oneMinusAccBeta2: o2[0],
      });
      const shape = inputs.value.shape;
      return [
        output(backend, shape, out.value),
        output(backend, shape, out.m),
        output(backend, shape, out.v),
      ];
    },
  };
}
