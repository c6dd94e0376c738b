/**
 * Probes of the demo corpus's hidden factors: does a popularity network hear the brightness and
 * hook strength the generator planted in each clip (lib/data/sources/demo)? For each test song,
 * the correlation (95 % Fisher-z interval) of the model's prediction, and of a linear probe
 * (ridge regression fitted on the training songs' penultimate-layer activations), with the
 * song's brightness and hook — beside the same for a **control**: the same network trained on
 * shuffled popularity, so that anything it "hears" comes from the architecture and the audio
 * alone. Brightness raises the harmonic content and the low-pass cutoff of the clip, so a
 * network that uses it should put more of its saliency in the upper mel bands than the control:
 * {@link upperBandShare} is the statistic.
 *
 * @example
 * ```ts
 * import { demoHiddenFactors, probeHiddenFactors } from "./probes.ts";
 * const factors = demoHiddenFactors({ size: "tiny", seed: 42 });
 * // const study = probeHiddenFactors({ trained, control, songs, factors, audio: config.audio });
 * ```
 * @module
 */
import type { Config } from "../config.ts";
import { type DemoSize, drawDemoCatalogue } from "../data/sources/demo/corpus.ts";
import { Rng } from "../data/random.ts";
import { PopularityModel, type SongExample } from "../model/popularity/model.ts";
import { modelDir } from "../model/popularity/paths.ts";
import { trainingEpochs } from "../model/popularity/variants.ts";
import type { TrainingProgress } from "../model/training/progress.ts";
import {
  bandProfile,
  gradientTimesInput,
  melBandCentres,
  penultimateActivations,
  timeProfile,
} from "../model/popularity/saliency.ts";
import type { DatasetSong } from "../model/popularity/songs.ts";
import { type CorrelationInterval, fisherInterval, pearson } from "../data/stats.ts";

/** The generator's hidden values of one track. */
export interface HiddenFactors {
  /** Timbre brightness, 0–1 (harmonic content and low-pass cutoff). */
  brightness: number;
  /** Hook strength, 0–1 (how often the melodic motif repeats). */
  hook: number;
}

/** The hidden factors' names, in table order. */
export const HIDDEN_FACTORS = ["brightness", "hook"] as const;

/**
 * The hidden brightness and hook of every kept track of the demo corpus of that size and seed,
 * by `track_id` — recomputed from the seed exactly as the generator draws them (no audio made).
 */
export function demoHiddenFactors(
  options: { size: DemoSize; seed: number },
): Map<string, HiddenFactors> {
  const drawn = drawDemoCatalogue(options);
  return new Map(
    drawn.tracks.map((t) => [t.id!, {
      brightness: t.attributes.brightness,
      hook: t.attributes.hook,
    }]),
  );
}

/**
 * Ridge regression on standardised columns: fits on `trainX` [n × d] → `trainY` and predicts
 * for `testX` [m × d]. `alpha` is the penalty on the standardised weights (default 1); the
 * intercept is not penalised. Solved by Cholesky on (XᵀX + αI).
 */
export function ridgeProbe(
  trainX: Float32Array | Float64Array,
  trainY: readonly number[],
  testX: Float32Array | Float64Array,
  d: number,
  alpha = 1,
): Float64Array {
  const n = trainY.length, m = testX.length / d;
  if (trainX.length !== n * d) throw new RangeError(`ridgeProbe: ${trainX.length} ≠ ${n} × ${d}`);
  const mean = new Float64Array(d), sd = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += trainX[i * d + j] / n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) sd[j] += (trainX[i * d + j] - mean[j]) ** 2 / n;
  }
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) || 1;
  const yMean = trainY.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const z = (x: Float32Array | Float64Array, i: number, j: number) =>
    (x[i * d + j] - mean[j]) / sd[j];
  const a = new Float64Array(d * d), b = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const zj = z(trainX, i, j);
      b[j] += zj * (trainY[i] - yMean);
      for (let k = 0; k <= j; k++) a[j * d + k] += zj * z(trainX, i, k);
    }
  }
  for (let j = 0; j < d; j++) a[j * d + j] += alpha;
  // Cholesky: a = L Lᵀ (lower triangle), then two triangular solves.
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    for (let k = 0; k <= j; k++) {
      let s = a[j * d + k];
      for (let p = 0; p < k; p++) s -= l[j * d + p] * l[k * d + p];
      l[j * d + k] = j === k ? Math.sqrt(Math.max(s, 1e-12)) : s / l[k * d + k];
    }
  }
  const w = Float64Array.from(b);
  for (let j = 0; j < d; j++) {
    for (let p = 0; p < j; p++) w[j] -= l[j * d + p] * w[p];
    w[j] /= l[j * d + j];
  }
  for (let j = d - 1; j >= 0; j--) {
    for (let p = j + 1; p < d; p++) w[j] -= l[p * d + j] * w[p];
    w[j] /= l[j * d + j];
  }
  return Float64Array.from({ length: m }, (_, i) => {
    let s = yMean;
    for (let j = 0; j < d; j++) s += w[j] * z(testX, i, j);
    return s;
  });
}

/**
 * Share of the |saliency| mass in the mel bands whose centre is at or above `cutoffHz` (band
 * profile from {@link bandProfile}, centres from {@link melBandCentres}).
 */
export function upperBandShare(
  profile: ArrayLike<number>,
  centresHz: ArrayLike<number>,
  cutoffHz: number,
): number {
  let above = 0, total = 0;
  for (let b = 0; b < profile.length; b++) {
    total += profile[b];
    if (centresHz[b] >= cutoffHz) above += profile[b];
  }
  return total > 0 ? above / total : NaN;
}

/**
 * Where brightness acts by default: the upper half of the mel scale (the centre frequency of
 * the middle mel band), e.g. about 4.4 kHz for 128 bands up to 22 050 Hz.
 */
export function defaultBrightnessCutoffHz(audio: Config["audio"]): number {
  const centres = melBandCentres(audio);
  return centres[Math.floor(centres.length / 2)];
}

/** Popularity permuted across the songs (the control's labels); spectrograms and metadata kept. */
export function shuffledLabels<T extends SongExample>(songs: readonly T[], seed: number): T[] {
  const labels = new Rng(seed).shuffle(songs.map((s) => s.popularity));
  return songs.map((s, i) => ({ ...s, popularity: labels[i] }));
}

/** One row of the probe study. */
export interface ProbeRow {
  /** `trained` or `control` (shuffled labels). */
  model: "trained" | "control";
  /** `prediction` (the model's output) or `probe` (ridge on the penultimate layer). */
  measure: "prediction" | "probe";
  /** The hidden factor. */
  factor: typeof HIDDEN_FACTORS[number];
  /** Test songs with a known factor. */
  n: number;
  /** Pearson's r with its Fisher-z 95 % interval. */
  correlation: CorrelationInterval;
}

/** The probe study: correlations and the band statistic for the trained model and its control. */
export interface ProbeStudy {
  /** Every model × measure × factor correlation, trained rows first. */
  rows: ProbeRow[];
  /** |gradient × input| share per mel band ({@link bandProfile}), trained and control. */
  bands: { trained: Float64Array; control: Float64Array; centresHz: Float64Array };
  /** |gradient × input| share per frame, trained and control. */
  time: { trained: Float64Array; control: Float64Array };
  /** Share of |gradient × input| above `cutoffHz` on the test songs, trained vs control. */
  upperShare: { trained: number; control: number; cutoffHz: number };
  /** Songs the saliency was averaged over. */
  saliencySongs: number;
}

/** Inputs of {@link probeHiddenFactors}. */
export interface ProbeStudyInputs {
  /** The model trained on the real labels (audio only, so that only the sound can explain it). */
  trained: PopularityModel;
  /** The same network trained on shuffled labels. */
  control: PopularityModel;
  /** Training songs (the probe's fit) and test songs (where everything is measured). */
  songs: { train: readonly DatasetSong[]; test: readonly DatasetSong[] };
  /** Hidden factors by track id ({@link demoHiddenFactors}). */
  factors: ReadonlyMap<string, HiddenFactors>;
  /** The spectrogram settings (for the bands' centre frequencies). */
  audio: Config["audio"];
  /** Frequency above which the upper-band share counts; default {@link defaultBrightnessCutoffHz}. */
  cutoffHz?: number;
  /** Test songs whose saliency is averaged; default all. */
  saliencySongs?: number;
  /** Ridge penalty of the probe; default 1. */
  alpha?: number;
}

/**
 * Runs the probe study (see the module's description) on the test songs whose hidden factors are
 * known; the probe is fitted on the training songs whose factors are known.
 */
export function probeHiddenFactors(inputs: ProbeStudyInputs): ProbeStudy {
  const known = (s: DatasetSong) => inputs.factors.has(s.trackId);
  const train = inputs.songs.train.filter(known), test = inputs.songs.test.filter(known);
  const factor = (songs: readonly DatasetSong[], f: typeof HIDDEN_FACTORS[number]) =>
    songs.map((s) => inputs.factors.get(s.trackId)![f]);
  const rows: ProbeRow[] = [];
  const centres = melBandCentres(inputs.audio);
  const cutoffHz = inputs.cutoffHz ?? defaultBrightnessCutoffHz(inputs.audio);
  const shown = test.slice(0, inputs.saliencySongs ?? test.length);
  const upper: Record<"trained" | "control", number> = { trained: NaN, control: NaN };
  const empty = (): Float64Array => new Float64Array(0);
  const bands = { trained: empty(), control: empty(), centresHz: centres };
  const time = { trained: empty(), control: empty() };
  for (const which of ["trained", "control"] as const) {
    const model = inputs[which];
    const predicted = model.predict(test);
    const trainActs = penultimateActivations(model, train);
    const testActs = penultimateActivations(model, test).values;
    for (const f of HIDDEN_FACTORS) {
      const truth = factor(test, f);
      const probe = ridgeProbe(
        trainActs.values,
        factor(train, f),
        testActs,
        trainActs.units,
        inputs.alpha,
      );
      for (const [measure, values] of [["prediction", predicted], ["probe", probe]] as const) {
        const r = pearson(values, truth);
        rows.push({
          model: which,
          measure,
          factor: f,
          n: test.length,
          correlation: fisherInterval(r, test.length),
        });
      }
    }
    const maps = gradientTimesInput(model, shown);
    bands[which] = bandProfile(maps);
    time[which] = timeProfile(maps);
    upper[which] = shown.length > 0 ? upperBandShare(bands[which], centres, cutoffHz) : NaN;
  }
  return { rows, bands, time, upperShare: { ...upper, cutoffHz }, saliencySongs: shown.length };
}

/** A row of the study by model, measure and factor (undefined if absent). */
export function probeRow(
  study: ProbeStudy,
  model: ProbeRow["model"],
  measure: ProbeRow["measure"],
  factor: ProbeRow["factor"],
): ProbeRow | undefined {
  return study.rows.find((r) => r.model === model && r.measure === measure && r.factor === factor);
}

/**
 * The hidden factors of the configured dataset: {@link demoHiddenFactors} for a demo corpus
 * (same size and seed), null for any other dataset (nothing was planted).
 */
export function configuredHiddenFactors(config: Config): Map<string, HiddenFactors> | null {
  if (config.dataset.source !== "demo") return null;
  return demoHiddenFactors({ size: config.dataset.demoSize, seed: config.seed });
}

/**
 * The control: the audio-only network trained exactly as the ablation's (configured epochs,
 * batch size, learning rate, early stopping, seed) but on popularity shuffled across the
 * training songs (validation songs keep theirs, so early stopping sees that nothing
 * generalises). Saved to `modelDir(config, "cnn-audio-shuffled")`, resumable like the others.
 */
export async function trainShuffledControl(
  songs: { train: readonly DatasetSong[]; validation: readonly DatasetSong[] },
  config: Config,
  options: { progress?: TrainingProgress } = {},
): Promise<PopularityModel> {
  const run = await PopularityModel.train(
    shuffledLabels(songs.train, config.seed + 1),
    songs.validation,
    {
      inputs: "audio",
      audio: config.audio,
      epochs: trainingEpochs(config),
      batchSize: config.model.batchSize,
      learningRate: config.model.learningRate,
      patience: config.model.patience,
      minDelta: config.model.minDelta,
      seed: config.seed,
      dir: modelDir(config, "cnn-audio-shuffled"),
      progress: options.progress,
      resume: config.model.resume,
    },
  );
  return run.model;
}
