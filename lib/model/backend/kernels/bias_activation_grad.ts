/**
 * `BiasActivationGrad`, a kernel of this workspace (not of tfjs): the backward pass of a fused
 * convolution's bias and activation in one sweep. Given the output gradient `dy` and the fused
 * kernel's output `y` ([… × channels]), it returns the gradient before the activation
 * (`dy · step(y)` for ReLU, `dy` for linear) and its sum per channel (the bias gradient). The
 * unfused path takes a Step, a Multiply and a Sum over the activation, three passes and two
 * temporaries.
 *
 * @example
 * ```ts
 * import { biasActivationGrad } from "./bias_activation_grad.ts";
 * const { dyActivation, dBias } = biasActivationGrad(
 *   new Float32Array([1, 2, 3, 4]), new Float32Array([0, 5, 1, 0]), 2, "relu",
 * ); // dyActivation [0, 2, 3, 0], dBias [3, 2]
 * ```
 * @module
 */
import type { Dnnl } from "../dnnl/dnnl.ts";
import { allocate, type CpuKernel, type FastKernel, floatValues, output } from "./tensors.ts";

/** Name under which the kernel is registered. */
export const BIAS_ACTIVATION_GRAD = "BiasActivationGrad";

/** Activations whose gradient the kernel computes. */
export type GradActivation = "relu" | "linear";

/**
 * The gradient before the activation and the per-channel bias gradient (float64 sums).
 *
 * @param dy gradient of the loss with respect to the fused output, `channels` per row
 * @param y the fused output (after the activation)
 * @param channels values per row (the last dimension)
 * @param dyActivation where to write the gradient before the activation (default: new array)
 */
export function biasActivationGrad(
  dy: Float32Array,
  y: Float32Array,
  channels: number,
  activation: GradActivation,
  dyActivation: Float32Array = new Float32Array(dy.length),
): { dyActivation: Float32Array; dBias: Float32Array } {
  const sums = new Float64Array(channels);
  const n = dy.length;
  if (activation === "relu") {
    // dy · step(y). `+(v > 0)` compiles to a flag, not a branch (the sign of an activation is
    // a coin toss no branch predictor learns); NaN is only noted here, and handled below.
    let nan = 0;
    for (let s = 0; s < n; s += channels) {
      for (let c = 0; c < channels; c++) {
        const v = y[s + c];
        nan |= +(v !== v);
        const g = dy[s + c] * +(v > 0);
        dyActivation[s + c] = g;
        sums[c] += g;
      }
    }
    if (nan) {
      // step(NaN) = NaN in tfjs: redo the rare case exactly.
      sums.fill(0);
      for (let s = 0; s < n; s += channels) {
        for (let c = 0; c < channels; c++) {
          const v = y[s + c];
          const g = dy[s + c] * (v !== v ? NaN : v > 0 ? 1 : 0);
          dyActivation[s + c] = g;
          sums[c] += g;
        }
      }
    }
  } else {
    for (let s = 0; s < n; s += channels) {
      for (let c = 0; c < channels; c++) {
        const g = dy[s + c];
        dyActivation[s + c] = g;
        sums[c] += g;
      }
    }
  }
  return { dyActivation, dBias: Float32Array.from(sums) };
}

/**
 * The kernel for the fast backend; other backends use the unfused ops (see fused_conv.ts). With
 * the oneDNN shim loaded, the sweep runs there (vectorised C on its OpenMP threads), else in
 * {@link biasActivationGrad}.
 */
export function biasActivationGradKernel(dnnl: Dnnl | null = null): FastKernel {
  return {
    kernelName: BIAS_ACTIVATION_GRAD,
    make: (fallback: CpuKernel): CpuKernel => (args) => {
      const dy = floatValues(args.backend, args.inputs.dy);
      const y = floatValues(args.backend, args.inputs.y);
      const activation = (args.attrs?.activation ?? "linear") as string;
      if (!dy || !y || (activation !== "relu" && activation !== "linear")) return fallback(args);
      const shape = args.inputs.dy.shape;
      const channels = shape[shape.length - 1];
      const dx = allocate(args.backend, dy.length);
      let dBias: Float32Array = new Float32Array(channels);
      if (!dnnl?.biasActivationGrad(dy, y, channels, activation === "relu", dx, dBias)) {
        dBias = biasActivationGrad(dy, y, channels, activation, dx).dBias;
      }
      return [output(args.backend, shape, dx), output(args.backend, [channels], dBias)];
    },
  };
}
