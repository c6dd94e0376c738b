/**
 * Two layers the workspace's networks use in place of tfjs's own, both serialisable
 * (registered with tfjs, so a saved model loads back):
 *
 * - {@link FusedConv2D}: a 2-D convolution with bias and activation (ReLU or linear), the same
 *   maths and weights (`kernel` [k, k, in, filters], `bias` [filters]) as `tf.layers.conv2d`,
 *   but trained through one fused kernel instead of three ops (see ../backend/fused_conv.ts).
 * - {@link SeededDropout}: dropout whose mask is drawn from the workspace's seed and the
 *   training step, so a run is repeatable and a resumed run draws the masks an uninterrupted one
 *   would have. (`tf.layers.dropout` draws from Math.random, or with a seed the same mask at
 *   every step.)
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { FusedConv2D } from "./layers.ts";
 * const conv = new FusedConv2D({ filters: 16, kernelSize: 3, activation: "relu", seed: 1 });
 * const y = conv.apply(tf.zeros([2, 32, 32, 1])) as tf.Tensor; // [2, 32, 32, 16]
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { deriveSeed } from "../../data/random.ts";
import { conv2dBiasActivation } from "../backend/fused_conv.ts";

/** Options of {@link FusedConv2D}. */
export interface FusedConv2DArgs {
  /** Output channels. */
  filters: number;
  /** Square window size in pixels; default 3. */
  kernelSize?: number;
  /** Stride in pixels; default 1. */
  strides?: number;
  /** `same` (default) keeps the size at stride 1; `valid` uses no padding. */
  padding?: "same" | "valid";
  /** `relu` or `linear` (default). */
  activation?: "relu" | "linear";
  /** Seed of the Glorot-uniform kernel initialisation; default 0. */
  seed?: number;
  /** Layer name. */
  name?: string;
  /** Whether the weights are trained; default true. */
  trainable?: boolean;
}

/** Convolution + bias + activation as one layer (see the module's description). */
export class FusedConv2D extends tf.layers.Layer {
  /** Name under which tfjs serialises the layer. */
  static className = "FusedConv2D";
  /** Output channels. */
  readonly filters: number;
  /** Side of the square kernel, in pixels. */
  readonly kernelSize: number;
  /** Step of the kernel in both directions. */
  readonly strides: number;
  /** `same` keeps the spatial size (at stride 1); `valid` uses only whole windows. */
  readonly padding: "same" | "valid";
  /** Activation applied after the bias. */
  readonly activation: "relu" | "linear";
  /** Seed of the Glorot-uniform initial kernel. */
  readonly seed: number;
  #kernel: tf.LayerVariable | null = null;
  #bias: tf.LayerVariable | null = null;

  /** A layer with the given filters, kernel, strides, padding, activation and seed. */
  constructor(args: FusedConv2DArgs) {
    super({ name: args.name, trainable: args.trainable });
    if (!Number.isInteger(args.filters) || args.filters < 1) {
      throw new RangeError(
        `FusedConv2D: filters must be a positive integer, found ${args.filters}`,
      );
    }
    this.filters = args.filters;
    this.kernelSize = args.kernelSize ?? 3;
    this.strides = args.strides ?? 1;
    this.padding = args.padding ?? "same";
    this.activation = args.activation ?? "linear";
    this.seed = args.seed ?? 0;
  }

  /**
   * Creates the kernel (kernel × kernel × channels × filters, Glorot uniform) and the zero bias.
   */
  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1];
    if (typeof channels !== "number") {
      throw new Error(`FusedConv2D: the input's channel count must be known, found ${shape}`);
    }
    this.#kernel = this.addWeight(
      "kernel",
      [this.kernelSize, this.kernelSize, channels, this.filters],
      "float32",
      tf.initializers.glorotUniform({ seed: this.seed }),
    );
    this.#bias = this.addWeight("bias", [this.filters], "float32", tf.initializers.zeros());
    this.built = true;
  }

  /** `[batch, height, width, filters]` after the convolution with this padding and stride. */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [n, h, w] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const size = (d: number | null) =>
      d === null
        ? null
        : this.padding === "same"
        ? Math.ceil(d / this.strides)
        : Math.ceil((d - this.kernelSize + 1) / this.strides);
    return [n, size(h), size(w), this.filters];
  }

  /** Convolves the (first) input, adds the bias and applies the activation in one kernel. */
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      return conv2dBiasActivation(
        x,
        this.#kernel!.read() as tf.Tensor4D,
        this.#bias!.read() as tf.Tensor1D,
        { strides: this.strides, padding: this.padding, activation: this.activation },
      );
    });
  }

  /** The layer's settings, for tfjs serialisation. */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      activation: this.activation,
      seed: this.seed,
    };
  }
}
tf.serialization.registerClass(FusedConv2D);

/** Options of {@link SeededDropout}. */
export interface SeededDropoutArgs {
  /** Share of values zeroed while training, in [0, 1). */
  rate: number;
  /** Seed of the masks; default 0. */
  seed?: number;
  /** Layer name. */
  name?: string;
}

/**
 * Dropout with masks drawn from (seed, step): training sets {@link SeededDropout.step} before
 * each batch, so masks depend on where training is, not on how many calls happened before.
 * Identity outside training.
 */
export class SeededDropout extends tf.layers.Layer {
  /** Name under which tfjs serialises the layer. */
  static className = "SeededDropout";
  /** Share of values zeroed while training, in [0, 1). */
  readonly rate: number;
  /** Seed of the masks, combined with the training step. */
  readonly seed: number;
  /** The training step whose mask the next training call draws; advanced after each call. */
  step = 0;

  /** A dropout layer with the given rate and seed. */
  constructor(args: SeededDropoutArgs) {
    super({ name: args.name });
    if (!(args.rate >= 0 && args.rate < 1)) {
      throw new RangeError(`SeededDropout: rate must be in [0, 1), found ${args.rate}`);
    }
    this.rate = args.rate;
    this.seed = args.seed ?? 0;
  }

  /** The input's shape: dropout does not change it. */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  /**
   * While training (`kwargs.training`), zeroes a seeded random share `rate` of the values and
   * scales the rest by 1 / (1 − rate); otherwise a copy of the input.
   */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: tf.serialization.ConfigDict): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs?.training || this.rate === 0) return tf.clone(x);
    // tfjs seeds are numbers below 2^32 as well; one per (layer seed, step).
    const seed = deriveSeed(this.seed, "dropout", this.step++);
    return tf.dropout(x, this.rate, undefined, seed);
  }

  /** The layer's settings (rate and seed), for tfjs serialisation. */
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}
tf.serialization.registerClass(SeededDropout);
