/**
 * A 2-D convolution with bias and activation that stays fused while training. tfjs's own
 * `tf.fused.conv2d` falls back to separate Conv2D, Add and Relu ops whenever gradients are
 * recorded, and their backward passes add a Step, a Multiply and a Sum over every activation;
 * on a CPU those element-wise passes cost as much as the convolutions. Here the forward pass
 * runs tfjs's `FusedConv2D` kernel (every backend has one) and a gradient registered for that
 * kernel computes the bias and activation backward in one pass (`BiasActivationGrad` on the
 * fast backend, the unfused ops elsewhere), then the standard input and filter gradients, each
 * only when the input needs one.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { conv2dBiasActivation } from "./fused_conv.ts";
 * const x = tf.randomNormal([1, 8, 8, 1]) as tf.Tensor4D;
 * const w = tf.randomNormal([3, 3, 1, 4]) as tf.Tensor4D;
 * const y = conv2dBiasActivation(x, w, tf.zeros([4]), { activation: "relu" }); // [1, 8, 8, 4]
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { BIAS_ACTIVATION_GRAD, type GradActivation } from "./kernels/bias_activation_grad.ts";

/** Options of {@link conv2dBiasActivation}. */
export interface Conv2DBiasActivationOptions {
  /** Stride in pixels (rows, columns); default 1. */
  strides?: number | [number, number];
  /** `same` keeps the spatial size at stride 1; `valid` uses no padding. Default `same`. */
  padding?: "same" | "valid";
  /** `relu` or `linear`; default `linear`. */
  activation?: GradActivation;
}

let gradientRegistered = false;

/** Registers the gradient of tfjs's `FusedConv2D` kernel (once; idempotent). */
function registerFusedConvGradient(): void {
  if (gradientRegistered) return;
  gradientRegistered = true;
  if (tf.getGradient(tf.FusedConv2D)) return;
  tf.registerGradient({
    kernelName: tf.FusedConv2D,
    inputsToSave: ["x", "filter"],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      const a = attrs as unknown as tf.FusedConv2DAttrs;
      const activation = a.activation ?? "linear";
      if (activation !== "relu" && activation !== "linear") {
        throw new Error(
          `FusedConv2D gradient: expected activation relu or linear, found ${activation}`,
        );
      }
      const dilations = typeof a.dilations === "number" ? [a.dilations, a.dilations] : a.dilations;
      if (dilations.some((d) => d !== 1) || a.dataFormat === "NCHW") {
        throw new Error(
          `FusedConv2D gradient: expected dilation 1 and NHWC, found ${dilations} and ${a.dataFormat}`,
        );
      }
      const [dyActivation, dBias] = biasActivationGrad(dy as tf.Tensor4D, y, activation);
      return {
        x: () =>
          tf.engine().runKernel(tf.Conv2DBackpropInput, { dy: dyActivation, filter }, {
            strides: a.strides,
            pad: a.pad,
            dataFormat: "NHWC",
            dimRoundingMode: a.dimRoundingMode,
            inputShape: x.shape,
          } as unknown as tf.NamedAttrMap) as tf.Tensor,
        filter: () =>
          tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy: dyActivation }, {
            strides: a.strides,
            pad: a.pad,
            dataFormat: "NHWC",
            dimRoundingMode: a.dimRoundingMode,
            filterShape: filter.shape,
          } as unknown as tf.NamedAttrMap) as tf.Tensor,
        bias: () => dBias,
      };
    },
  });
}

/** [gradient before the activation, bias gradient], fused where the backend has the kernel. */
function biasActivationGrad(
  dy: tf.Tensor4D,
  y: tf.Tensor4D,
  activation: GradActivation,
): [tf.Tensor4D, tf.Tensor1D] {
  if (tf.getKernel(BIAS_ACTIVATION_GRAD, tf.getBackend())) {
    return tf.engine().runKernel(BIAS_ACTIVATION_GRAD, { dy, y }, { activation }) as [
      tf.Tensor4D,
      tf.Tensor1D,
    ];
  }
  const dyActivation = activation === "relu" ? tf.mul(dy, tf.step(y)) : dy;
  return [dyActivation as tf.Tensor4D, tf.sum(dyActivation, [0, 1, 2])];
}

/**
 * `activation(conv2d(x, filter) + bias)` for NHWC tensors, as one `FusedConv2D` kernel in both
 * inference and training.
 *
 * @param x input [batch, height, width, inChannels]
 * @param filter [filterHeight, filterWidth, inChannels, outChannels]
 * @param bias [outChannels]
 */
export function conv2dBiasActivation(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor1D,
  options: Conv2DBiasActivationOptions = {},
): tf.Tensor4D {
  registerFusedConvGradient();
  return tf.engine().runKernel(tf.FusedConv2D, { x, filter, bias }, {
    strides: options.strides ?? 1,
    pad: options.padding ?? "same",
    dataFormat: "NHWC",
    dilations: 1,
    dimRoundingMode: undefined,
    activation: options.activation ?? "linear",
  } as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}
