/**
 * Saliency over spectrograms for a trained popularity model: which mel bands and frames of a
 * song move its prediction. Two methods, both on any tfjs backend (fast-cpu, tensorflow, cpu):
 *
 * - **gradient × input**: the gradient of the prediction with respect to the standardised
 *   spectrogram the network reads ((dB − training mean) / training sd), times that input, summed
 *   over the input channels. Positive where the value pushes the prediction up.
 * - **occlusion**: the spectrogram cut into mel-band × frame patches; each patch in turn is
 *   replaced by the clip's mean dB (or a fixed dB fill) and the drop in the prediction
 *   (prediction with the song − prediction with the patch hidden) is written over the patch.
 *
 * Maps are [mel bands × frames], row-major, band 0 the lowest. {@link bandProfile} and
 * {@link timeProfile} aggregate |saliency| by band and by frame; {@link melBandCentres} gives the
 * bands' centre frequencies in Hz. For a classification model the saliency is of the expected
 * class index's score, the probability-weighted class (see {@link PopularityModel.predict}).
 *
 * @example
 * ```ts
 * import { bandProfile, gradientTimesInput } from "./saliency.ts";
 * // const maps = gradientTimesInput(model, songs.test.slice(0, 4));
 * // const byBand = bandProfile(maps); // mean |saliency| per mel band, summing to 1
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { melFrequencies } from "../../audio/spectrogram/mel.ts";
import type { Config } from "../../config.ts";
import { AudioScaler, batchInputs } from "../training/data.ts";
import type { PopularityModel, SongExample } from "./model.ts";

/** A saliency map over one song's spectrogram. */
export interface SaliencyMap {
  /** Mel bands (rows). */
  bands: number;
  /** Frames (columns). */
  frames: number;
  /** [bands × frames] row-major; band 0 the lowest. */
  values: Float32Array;
}

/** Options of {@link occlusionSaliency}. */
export interface OcclusionOptions {
  /** Mel bands per patch; default 16. */
  bandPatch?: number;
  /** Frames per patch; default 16. */
  framePatch?: number;
  /** What replaces a patch: `"mean"` (the clip's mean dB, default) or a fixed value in dB. */
  fill?: "mean" | number;
  /** Occluded copies predicted at once; default 64. */
  batchSize?: number;
}

/** Raised when a model has no spectrogram input to explain. */
export class SaliencyError extends Error {
  /** Creates the error; `message` says why there is nothing to explain. */
  constructor(message: string) {
    super(message);
    this.name = "SaliencyError";
  }
}

function audioModelShape(model: PopularityModel): [number, number, number] {
  if (model.meta.inputs === "metadata") {
    throw new SaliencyError("saliency: the model reads no spectrogram (a metadata-only model)");
  }
  return model.audioShape;
}

function scalerOf(model: PopularityModel): AudioScaler | null {
  const s = model.meta.audioScaler;
  return s ? new AudioScaler(s.mean, s.sd) : null;
}

/** The scalar the maps explain: the regression output, or the expected class under softmax. */
function score(model: PopularityModel, out: tf.Tensor): tf.Tensor {
  if (model.meta.task.kind === "regression") return out.reshape([-1]);
  const k = model.meta.task.edges.length + 1;
  return out.mul(tf.range(0, k).reshape([1, k])).sum(1);
}

/**
 * Gradient × input maps of each song (see the module's description), computed one song at a
 * time with `tf.grad` through the network.
 *
 * @throws {SaliencyError} for a metadata-only model
 */
export function gradientTimesInput(
  model: PopularityModel,
  songs: readonly SongExample[],
): SaliencyMap[] {
  const [h, w, c] = audioModelShape(model);
  const data = model.data(songs, false);
  const scaler = scalerOf(model);
  const hasMetadata = model.meta.inputs === "both";
  return songs.map((_, i) => {
    const values = tf.tidy(() => {
      const inputs = batchInputs(data, [i], model.meta.inputs, scaler);
      const f = (x: tf.Tensor) => {
        const out = model.network.apply(hasMetadata ? [x, inputs[1]] : x, {
          training: false,
        }) as tf.Tensor;
        return score(model, out).sum();
      };
      const grad = tf.grad(f)(inputs[0]);
      return grad.mul(inputs[0]).reshape([h, w, c]).sum(2).dataSync() as Float32Array;
    });
    return { bands: h, frames: w, values: Float32Array.from(values) };
  });
}

/** One batch of copies of a song's network input with patches filled. */
function occludedBatch(
  base: Float32Array,
  shape: [number, number, number],
  patches: readonly [number, number][],
  size: [number, number],
  fill: number,
): Float32Array {
  const [h, w, c] = shape;
  const n = h * w * c;
  const out = new Float32Array(patches.length * n);
  patches.forEach(([b0, f0], p) => {
    const copy = out.subarray(p * n, (p + 1) * n);
    copy.set(base);
    for (let b = b0; b < Math.min(h, b0 + size[0]); b++) {
      for (let f = f0; f < Math.min(w, f0 + size[1]); f++) {
        for (let k = 0; k < c; k++) copy[(b * w + f) * c + k] = fill;
      }
    }
  });
  return out;
}

/**
 * Occlusion maps of each song (see the module's description): the drop in the prediction, in
 * the model's output unit (popularity points for regression), when each patch is hidden.
 *
 * @throws {SaliencyError} for a metadata-only model or a patch size below 1
 */
export function occlusionSaliency(
  model: PopularityModel,
  songs: readonly SongExample[],
  options: OcclusionOptions = {},
): SaliencyMap[] {
  const [h, w, c] = audioModelShape(model);
  const bandPatch = options.bandPatch ?? 16, framePatch = options.framePatch ?? 16;
  if (!(bandPatch >= 1 && framePatch >= 1)) {
    throw new SaliencyError(
      `occlusion: patch sizes must be ≥ 1; found ${bandPatch} bands × ${framePatch} frames`,
    );
  }
  const batchSize = options.batchSize ?? 64;
  const data = model.data(songs, false);
  const scaler = scalerOf(model);
  const mean = scaler?.mean ?? 0, sd = scaler?.sd ?? 1;
  const patches: [number, number][] = [];
  for (let b = 0; b < h; b += bandPatch) {
    for (let f = 0; f < w; f += framePatch) patches.push([b, f]);
  }
  return songs.map((_, i) => {
    const inputs = batchInputs(data, [i], model.meta.inputs, scaler);
    const base = inputs[0].dataSync() as Float32Array;
    const raw = data.audio![i];
    const fillDb = options.fill === undefined || options.fill === "mean"
      ? raw.reduce((a, v) => a + v, 0) / raw.length
      : options.fill;
    const fill = (fillDb - mean) / sd;
    const predictions = (batch: Float32Array, n: number): Float32Array =>
      tf.tidy(() => {
        const x = tf.tensor4d(batch, [n, h, w, c]);
        const others = inputs.slice(1).map((t) => t.tile([n, 1]));
        const out = model.network.apply(others.length ? [x, ...others] : x, {
          training: false,
        }) as tf.Tensor;
        return score(model, out).dataSync() as Float32Array;
      });
    const reference = predictions(base, 1)[0];
    const values = new Float32Array(h * w);
    for (let start = 0; start < patches.length; start += batchSize) {
      const chunk = patches.slice(start, start + batchSize);
      const out = predictions(
        occludedBatch(base, [h, w, c], chunk, [bandPatch, framePatch], fill),
        chunk.length,
      );
      chunk.forEach(([b0, f0], p) => {
        for (let b = b0; b < Math.min(h, b0 + bandPatch); b++) {
          for (let f = f0; f < Math.min(w, f0 + framePatch); f++) {
            values[b * w + f] = reference - out[p];
          }
        }
      });
    }
    tf.dispose(inputs);
    return { bands: h, frames: w, values };
  });
}

function profile(maps: readonly SaliencyMap[], byBand: boolean): Float64Array {
  if (maps.length === 0) return new Float64Array(0);
  const { bands, frames } = maps[0];
  const out = new Float64Array(byBand ? bands : frames);
  for (const m of maps) {
    if (m.bands !== bands || m.frames !== frames) {
      throw new SaliencyError(
        `saliency maps of different shapes: ${bands}×${frames} and ${m.bands}×${m.frames}`,
      );
    }
    let total = 0;
    for (const v of m.values) total += Math.abs(v);
    if (total === 0) continue;
    for (let b = 0; b < bands; b++) {
      for (let f = 0; f < frames; f++) {
        out[byBand ? b : f] += Math.abs(m.values[b * frames + f]) / total / maps.length;
      }
    }
  }
  return out;
}

/**
 * Share of |saliency| per mel band, each map normalised to total 1 and then averaged over the
 * maps (so every song weighs the same); sums to 1 unless every map is zero. Empty for no maps.
 *
 * @throws {SaliencyError} when the maps differ in shape
 */
export function bandProfile(maps: readonly SaliencyMap[]): Float64Array {
  return profile(maps, true);
}

/** Share of |saliency| per frame, as {@link bandProfile} but summed over bands. */
export function timeProfile(maps: readonly SaliencyMap[]): Float64Array {
  return profile(maps, false);
}

/**
 * Centre frequency in Hz of each mel band of the spectrogram settings (librosa's filterbank:
 * `nMels + 2` points equally spaced in mel from fmin to fmax, the inner ones are the centres).
 */
export function melBandCentres(audio: Config["audio"]): Float64Array {
  const fmax = audio.fmax > 0 ? audio.fmax : audio.sampleRate / 2;
  return melFrequencies(audio.nMels + 2, audio.fmin, fmax).slice(1, audio.nMels + 1);
}

/**
 * The activations of the layer before the output (the last dense layer, after its ReLU) for
 * each song: [songs × units] row-major, with the unit count. Dropout is off (inference).
 */
export function penultimateActivations(
  model: PopularityModel,
  songs: readonly SongExample[],
): { values: Float32Array; units: number } {
  const dense = model.network.layers.filter((l) => /^dense\d+$/.test(l.name));
  const layer = dense.at(-1);
  if (!layer) throw new SaliencyError("the network has no hidden dense layer to probe");
  const sub = tf.model({
    inputs: model.network.inputs,
    outputs: layer.output as tf.SymbolicTensor,
  });
  const data = model.data(songs, false);
  const scaler = scalerOf(model);
  const units = (layer.outputShape as number[]).at(-1)!;
  const values = new Float32Array(songs.length * units);
  for (let start = 0; start < songs.length; start += 64) {
    const idx = Array.from({ length: Math.min(64, songs.length - start) }, (_, k) => start + k);
    const out = tf.tidy(() =>
      (sub.apply(batchInputs(data, idx, model.meta.inputs, scaler), {
        training: false,
      }) as tf.Tensor)
        .dataSync()
    );
    values.set(out, start * units);
  }
  return { values, units };
}

/** One test song explained: its spectrogram with both maps, and how well it was predicted. */
export interface SaliencyExample {
  /** `best` (smallest absolute error) or `worst` (largest). */
  kind: "best" | "worst";
  /** The song's track id. */
  trackId: string;
  /** Its popularity. */
  actual: number;
  /** The model's prediction. */
  predicted: number;
  /** The network input, [bands × frames] dB. */
  spectrogram: Float32Array;
  /** Gradient × input map. */
  gradient: SaliencyMap;
  /** Occlusion map. */
  occlusion: SaliencyMap;
}

/**
 * The best- and worst-predicted songs (absolute error) among `songs`, each with its gradient ×
 * input and occlusion maps; empty for no songs with a spectrogram and a popularity.
 */
export function saliencyExamples(
  model: PopularityModel,
  songs: readonly (SongExample & { trackId: string })[],
  options: { occlusion?: OcclusionOptions } = {},
): SaliencyExample[] {
  const usable = songs.filter((s) => s.spectrogram && typeof s.popularity === "number");
  if (usable.length === 0) return [];
  const predicted = model.predict(usable);
  const errors = usable.map((s, i) => Math.abs(predicted[i] - s.popularity!));
  const best = errors.indexOf(Math.min(...errors)), worst = errors.indexOf(Math.max(...errors));
  const picked = usable.length > 1 ? [best, worst] : [best];
  const chosen = picked.map((i) => usable[i]);
  const gradient = gradientTimesInput(model, chosen);
  const occlusion = occlusionSaliency(model, chosen, options.occlusion);
  return picked.map((i, k) => ({
    kind: k === 0 ? "best" : "worst",
    trackId: usable[i].trackId,
    actual: usable[i].popularity!,
    predicted: predicted[i],
    spectrogram: usable[i].spectrogram!,
    gradient: gradient[k],
    occlusion: occlusion[k],
  }));
}
