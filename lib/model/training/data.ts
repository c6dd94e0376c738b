/**
 * What training reads: for each example its spectrogram (a [mel bands × frames × channels]
 * row-major Float32Array, channels last), its standardised metadata vector and its target,
 * assembled into batch tensors in the order a network's inputs expect.
 *
 * Spectrograms are standardised by one mean and standard deviation over all training values
 * ({@link AudioScaler}), fitted on the training examples only.
 *
 * @example
 * ```ts
 * import { AudioScaler, batchInputs, type ModelData } from "./data.ts";
 * const data: ModelData = {
 *   audio: [new Float32Array(64 * 64), new Float32Array(64 * 64)], audioShape: [64, 64, 1],
 *   metadata: new Float32Array(2 * 3), metadataFeatures: 3, targets: Float32Array.of(40, 70),
 * };
 * const scaler = AudioScaler.fit(data.audio!);
 * const [x, m] = batchInputs(data, [0, 1], "both", scaler); // [2, 64, 64, 1], [2, 3]
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { NetworkInputs } from "../cnn/architecture.ts";

/** Examples for a network: any of audio and metadata, and the targets. */
export interface ModelData {
  /** One spectrogram per example, [height × width × channels] values, channels last. */
  audio?: readonly Float32Array[];
  /** [mel bands (height), frames (width), channels] of every spectrogram. */
  audioShape?: readonly [number, number, number];
  /** Row-major [examples × metadataFeatures] standardised features. */
  metadata?: Float32Array;
  /** Metadata features per example: the width of `metadata`. */
  metadataFeatures?: number;
  /**
   * Per example: the regression target (popularity 0–100), or the class index 0…k−1 of a
   * classifier.
   */
  targets: Float32Array;
}

/** Raised when data and network do not fit together; the message says what is missing. */
export class DataShapeError extends Error {
  /** Creates the error; `message` says what the network needs and the data lacks. */
  constructor(message: string) {
    super(message);
    this.name = "DataShapeError";
  }
}

/** Number of examples, checked to agree across audio, metadata and targets. */
export function exampleCount(data: ModelData): number {
  const n = data.targets.length;
  if (data.audio && data.audio.length !== n) {
    throw new DataShapeError(`${data.audio.length} spectrograms but ${n} targets`);
  }
  if (data.metadata && data.metadataFeatures) {
    const rows = data.metadata.length / data.metadataFeatures;
    if (rows !== n) throw new DataShapeError(`${rows} metadata rows but ${n} targets`);
  }
  return n;
}

/** Checks that `data` holds what a network reading `inputs` needs. */
export function checkData(data: ModelData, inputs: NetworkInputs): void {
  exampleCount(data);
  if (inputs !== "metadata") {
    if (!data.audio || !data.audioShape) {
      throw new DataShapeError(`a network with inputs "${inputs}" needs spectrograms`);
    }
    const size = data.audioShape[0] * data.audioShape[1] * data.audioShape[2];
    const bad = data.audio.findIndex((a) => a.length !== size);
    if (bad >= 0) {
      throw new DataShapeError(
        `spectrogram ${bad} has ${data.audio[bad].length} values; expected ${size} ` +
          `(${data.audioShape.join(" × ")})`,
      );
    }
  }
  if (inputs !== "audio" && (!data.metadata || !data.metadataFeatures)) {
    throw new DataShapeError(`a network with inputs "${inputs}" needs metadata features`);
  }
}

/** One mean and standard deviation over every training spectrogram value (dB). */
export class AudioScaler {
  /** A scaler with the given mean and standard deviation (dB; sd > 0). */
  constructor(readonly mean: number, readonly sd: number) {
    if (!Number.isFinite(mean) || !(sd > 0)) {
      throw new RangeError(`AudioScaler: expected a finite mean and sd > 0, found ${mean}, ${sd}`);
    }
  }

  /** Fits on training spectrograms (float64 sums). */
  static fit(audio: readonly Float32Array[]): AudioScaler {
    let n = 0, s = 0, s2 = 0;
    for (const a of audio) {
      for (let i = 0; i < a.length; i++) {
        s += a[i];
        s2 += a[i] * a[i];
      }
      n += a.length;
    }
    if (n === 0) throw new DataShapeError("cannot fit the audio scaler on no spectrogram");
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    return new AudioScaler(mean, variance > 0 ? Math.sqrt(variance) : 1);
  }
}

/**
 * The network inputs of the examples at `indices`, as tensors in the order of the network's
 * inputs (spectrogram, then metadata).
 */
export function batchInputs(
  data: ModelData,
  indices: readonly number[],
  inputs: NetworkInputs,
  scaler: AudioScaler | null,
): tf.Tensor[] {
  const out: tf.Tensor[] = [];
  if (inputs !== "metadata") {
    const [h, w, c] = data.audioShape!;
    const size = h * w * c;
    const values = new Float32Array(indices.length * size);
    const mean = scaler?.mean ?? 0, scale = 1 / (scaler?.sd ?? 1);
    indices.forEach((k, i) => {
      const src = data.audio![k], base = i * size;
      for (let j = 0; j < size; j++) values[base + j] = (src[j] - mean) * scale;
    });
    out.push(tf.tensor4d(values, [indices.length, h, w, c]));
  }
  if (inputs !== "audio") {
    const f = data.metadataFeatures!;
    const values = new Float32Array(indices.length * f);
    indices.forEach((k, i) => values.set(data.metadata!.subarray(k * f, (k + 1) * f), i * f));
    out.push(tf.tensor2d(values, [indices.length, f]));
  }
  return out;
}

/** Targets of the examples at `indices`: [n, 1] for regression, one-hot [n, classes] else. */
export function batchTargets(
  data: ModelData,
  indices: readonly number[],
  classes: number | null,
): tf.Tensor2D {
  const values = Float32Array.from(indices, (k) => data.targets[k]);
  if (classes === null) return tf.tensor2d(values, [indices.length, 1]);
  return tf.tidy(() => tf.oneHot(tf.tensor1d(values, "int32"), classes).toFloat() as tf.Tensor2D);
}

/**
 * A 3-channel input from a [height × width] spectrogram: the spectrogram, its first and its
 * second difference along time (frame t minus frame t−1, 0 in the first frame), channels last.
 */
export function withTimeDeltas(
  spectrogram: Float32Array,
  height: number,
  width: number,
): Float32Array {
  if (spectrogram.length !== height * width) {
    throw new DataShapeError(
      `expected ${height} × ${width} = ${height * width} values, found ${spectrogram.length}`,
    );
  }
  const out = new Float32Array(height * width * 3);
  for (let r = 0; r < height; r++) {
    let prev = spectrogram[r * width], prevDelta = 0;
    for (let t = 0; t < width; t++) {
      const v = spectrogram[r * width + t];
      const delta = t === 0 ? 0 : v - prev;
      const o = (r * width + t) * 3;
      out[o] = v;
      out[o + 1] = delta;
      out[o + 2] = t === 0 ? 0 : delta - prevDelta;
      prev = v;
      prevDelta = delta;
    }
  }
  return out;
}
