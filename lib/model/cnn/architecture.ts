/**
 * The seed paper's network, configurable: an audio branch of convolution blocks over the mel
 * spectrogram (16, 32, 64, 128 filters, 3×3, stride 1, same padding, ReLU, then 2×2 max pooling
 * with stride 2), flattened; a metadata branch of dense layers (32 units); both concatenated and
 * passed through dense layers (64 units) to one linear output, the predicted popularity.
 *
 * Variants for the ablation and for seed 004: `inputs: "audio"` (spectrogram only) and
 * `inputs: "metadata"` (tabular features only); {@link SEED_004_CLASSIFIER}, the audio-only
 * 3-class classifier (batch norm in the conv blocks, dropout 0.4 after the first dense layer,
 * softmax), 1- or 3-channel input.
 *
 * A regression network ends in one linear unit (`dense_out`) and a fixed rescaling (`output`) by
 * the training targets' standard deviation and mean: the unit learns the standardised target.
 *
 * Layers are named (`conv1`, `pool1`, `meta_dense1`, `concat`, `dense1`, `output`, …) and every
 * initialiser is seeded, so the same options give the same network, weight for weight.
 *
 * @example
 * ```ts
 * import { buildCnn } from "./architecture.ts";
 * const model = buildCnn({ inputs: "both", audioShape: [128, 128, 1], metadataFeatures: 8 });
 * model.summary();
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { deriveSeed } from "../../data/random.ts";
import { FusedConv2D, SeededDropout } from "./layers.ts";

/** Which inputs a network reads. */
export type NetworkInputs = "both" | "audio" | "metadata";

/** What the network outputs. */
export type NetworkOutput =
  | {
    kind: "regression";
    /**
     * The training targets' mean and standard deviation: the last dense unit learns the
     * standardised target and a fixed rescaling layer (`output`) returns it to the target's
     * scale, so Adam's steps of ~1e-3 suffice whatever the unit of the target. Default 0 and 1.
     */
    targetMean?: number;
    targetSd?: number;
  }
  | { kind: "classification"; classes: number };

/** Options of {@link buildCnn}; defaults are the paper's. */
export interface CnnOptions {
  /** `both` (default, the paper), `audio` or `metadata`. */
  inputs?: NetworkInputs;
  /** Spectrogram input [mel bands, frames, channels]; needed unless `inputs` is `metadata`. */
  audioShape?: readonly [number, number, number];
  /** Number of metadata features; needed unless `inputs` is `audio`. */
  metadataFeatures?: number;
  /** Filters of each conv block; default [16, 32, 64, 128]. */
  convFilters?: readonly number[];
  /** Square kernel size in pixels; default 3. */
  kernelSize?: number;
  /** Batch normalisation between each convolution and its ReLU; default false. */
  batchNorm?: boolean;
  /** Units of the metadata branch's dense layers; default [32]. */
  metadataUnits?: readonly number[];
  /** Units of the dense layers after the concatenation; default [64]. */
  denseUnits?: readonly number[];
  /** Dropout rate after the first dense layer (0 = none); default 0. */
  dropout?: number;
  /** Default: regression, one linear unit, rescaled to the target's mean and spread. */
  output?: NetworkOutput;
  /** Seed of every initialiser and dropout mask; default 42. */
  seed?: number;
}

/** The paper's defaults. */
export const PAPER_CNN: Readonly<Omit<ResolvedCnnOptions, "audioShape" | "metadataFeatures">> = {
  inputs: "both",
  convFilters: [16, 32, 64, 128],
  kernelSize: 3,
  batchNorm: false,
  metadataUnits: [32],
  denseUnits: [64],
  dropout: 0,
  output: { kind: "regression", targetMean: 0, targetSd: 1 },
  seed: 42,
};

/**
 * Seed 004's audio-only classifier: three popularity classes, batch norm in the conv blocks,
 * dropout 0.4 on the first dense layer, softmax (seed 004 trained it with Adam at learning rate
 * 5e-4, batch 16).
 */
export const SEED_004_CLASSIFIER: Readonly<CnnOptions> = {
  inputs: "audio",
  convFilters: [16, 32, 64, 128],
  batchNorm: true,
  denseUnits: [64],
  dropout: 0.4,
  output: { kind: "classification", classes: 3 },
};

/** Raised when options do not describe a network; the message names the option. */
export class CnnOptionsError extends Error {
  /** Creates the error; `message` names the option and the value found. */
  constructor(message: string) {
    super(message);
    this.name = "CnnOptionsError";
  }
}

/** {@link CnnOptions} with every default filled in. */
export type ResolvedCnnOptions =
  & Required<Omit<CnnOptions, "audioShape" | "metadataFeatures">>
  & Pick<CnnOptions, "audioShape" | "metadataFeatures">;

/** The options with defaults filled in and checked. */
function resolveCnnOptions(options: CnnOptions): ResolvedCnnOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o = { ...PAPER_CNN, ...given } as ResolvedCnnOptions;
  const usesAudio = o.inputs !== "metadata", usesMeta = o.inputs !== "audio";
  if (usesAudio) {
    const s = o.audioShape;
    if (!s || s.length !== 3 || s.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new CnnOptionsError(
        `audioShape must be [mel bands, frames, channels] of positive integers, found ${
          JSON.stringify(s)
        }`,
      );
    }
    const shrink = 2 ** o.convFilters.length;
    if (s[0] < shrink || s[1] < shrink) {
      throw new CnnOptionsError(
        `audioShape ${s[0]}×${s[1]} is too small for ${o.convFilters.length} pooling blocks ` +
          `(each halves it): need at least ${shrink}×${shrink}`,
      );
    }
  }
  if (usesMeta && !(Number.isInteger(o.metadataFeatures) && o.metadataFeatures! >= 1)) {
    throw new CnnOptionsError(
      `metadataFeatures must be a positive integer for inputs "${o.inputs}", found ${o.metadataFeatures}`,
    );
  }
  if (!(o.dropout >= 0 && o.dropout < 1)) {
    throw new CnnOptionsError(`dropout must be in [0, 1), found ${o.dropout}`);
  }
  return o;
}

/** The names of the network's inputs, in the order `model.apply` takes them. */
export function inputNames(inputs: NetworkInputs): string[] {
  return inputs === "both"
    ? ["spectrogram", "metadata"]
    : inputs === "audio"
    ? ["spectrogram"]
    : ["metadata"];
}

/** Builds the network (see the module's description). */
export function buildCnn(options: CnnOptions): tf.LayersModel {
  const o = resolveCnnOptions(options);
  const seed = (name: string) => deriveSeed(o.seed, name);
  const glorot = (name: string) => tf.initializers.glorotUniform({ seed: seed(name) });
  const inputs: tf.SymbolicTensor[] = [];
  const branches: tf.SymbolicTensor[] = [];

  if (o.inputs !== "metadata") {
    const spectrogram = tf.input({ shape: [...o.audioShape!], name: "spectrogram" });
    inputs.push(spectrogram);
    let h = spectrogram;
    o.convFilters.forEach((filters, i) => {
      const k = i + 1;
      h = new FusedConv2D({
        filters,
        kernelSize: o.kernelSize,
        padding: "same",
        activation: o.batchNorm ? "linear" : "relu",
        seed: seed(`conv${k}`),
        name: `conv${k}`,
      }).apply(h) as tf.SymbolicTensor;
      if (o.batchNorm) {
        h = tf.layers.batchNormalization({ name: `bn${k}` }).apply(h) as tf.SymbolicTensor;
        h = tf.layers.activation({ activation: "relu", name: `relu${k}` }).apply(
          h,
        ) as tf.SymbolicTensor;
      }
      h = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `pool${k}` }).apply(
        h,
      ) as tf.SymbolicTensor;
    });
    branches.push(tf.layers.flatten({ name: "flatten" }).apply(h) as tf.SymbolicTensor);
  }
  if (o.inputs !== "audio") {
    const metadata = tf.input({ shape: [o.metadataFeatures!], name: "metadata" });
    inputs.push(metadata);
    let m = metadata;
    o.metadataUnits.forEach((units, i) => {
      const name = `meta_dense${i + 1}`;
      m = tf.layers.dense({ units, activation: "relu", kernelInitializer: glorot(name), name })
        .apply(m) as tf.SymbolicTensor;
    });
    branches.push(m);
  }
  let h = branches.length > 1
    ? tf.layers.concatenate({ name: "concat" }).apply(branches) as tf.SymbolicTensor
    : branches[0];
  o.denseUnits.forEach((units, i) => {
    const name = `dense${i + 1}`;
    h = tf.layers.dense({ units, activation: "relu", kernelInitializer: glorot(name), name })
      .apply(h) as tf.SymbolicTensor;
    if (i === 0 && o.dropout > 0) {
      h = new SeededDropout({ rate: o.dropout, seed: seed("dropout1"), name: "dropout1" })
        .apply(h) as tf.SymbolicTensor;
    }
  });
  let output: tf.SymbolicTensor;
  if (o.output.kind === "regression") {
    const sd = o.output.targetSd ?? 1, mean = o.output.targetMean ?? 0;
    if (!(sd > 0) || !Number.isFinite(mean)) {
      throw new CnnOptionsError(`targetSd must be > 0 and targetMean finite, found ${sd}, ${mean}`);
    }
    const z = tf.layers.dense({ units: 1, kernelInitializer: glorot("output"), name: "dense_out" })
      .apply(h) as tf.SymbolicTensor;
    output = tf.layers.rescaling({ scale: sd, offset: mean, name: "output" })
      .apply(z) as tf.SymbolicTensor;
  } else {
    output = tf.layers.dense({
      units: o.output.classes,
      activation: "softmax",
      kernelInitializer: glorot("output"),
      name: "output",
    }).apply(h) as tf.SymbolicTensor;
  }
  return tf.model({
    inputs,
    outputs: output,
    name: `cnn_${o.inputs}`,
  });
}

/** The {@link SeededDropout} layers of a model (training sets their step). */
export function dropoutLayers(model: tf.LayersModel): SeededDropout[] {
  return model.layers.filter((l): l is SeededDropout => l instanceof SeededDropout);
}
