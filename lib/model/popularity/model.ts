/**
 * A popularity model ready to use: the network (../cnn), the metadata encoder and spectrogram
 * scaler fitted on the training songs, the spectrogram settings it was trained with, and what
 * it predicts — popularity 0–100 (regression, the paper) or a popularity class (seed 004's three
 * classes). It trains from songs, predicts for songs, and saves to and loads from a folder
 * under outputs/models/, so `deno task predict` reads a new song exactly as training did.
 *
 * @example
 * ```ts
 * import { PopularityModel } from "./model.ts";
 * // const { model, result } = await PopularityModel.train(trainSongs, validationSongs, {
 * //   inputs: "both", audio: config.audio, epochs: 25, dir: "outputs/models/cnn-both" });
 * // const popularity = model.predict(testSongs); // Float32Array, 0–100 scale
 * // const again = await PopularityModel.load("outputs/models/cnn-both");
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import type { Config } from "../../config.ts";
import { buildCnn, type CnnOptions, type NetworkInputs } from "../cnn/architecture.ts";
import {
  CHECKPOINT_FILE,
  hasCheckpoint,
  loadCheckpoint,
  saveCheckpoint,
} from "../training/checkpoint.ts";
import { AudioScaler, type ModelData, withTimeDeltas } from "../training/data.ts";
import {
  DEFAULT_METADATA_COLUMNS,
  type MetadataColumnSpec,
  MetadataEncoder,
  MetadataEncoderState,
  type MetadataRow,
} from "../training/metadata_encoder.ts";
import {
  fingerprintMismatch,
  type RunFingerprint,
  runFingerprint,
  sha256Hex,
  type TrainingStart,
} from "../training/resume.ts";
import { DEFAULT_SEED } from "../../paper.ts";
import {
  predictNetwork,
  resumeFrom,
  TrainingState,
  trainNetwork,
  type TrainOptions,
  type TrainResult,
} from "../training/train.ts";

/** One song as the model sees it. */
export interface SongExample {
  /** [mel bands × frames] dB spectrogram, row-major (lib/audio's network input); null if none. */
  spectrogram?: Float32Array | null;
  /** The track's columns (consolidated table row): artist_popularity, followers, … */
  metadata?: MetadataRow;
  /** track_popularity, 0–100 (training and evaluation only). */
  popularity?: number | null;
}

/** How the spectrogram becomes the network's input channels. */
export type ChannelMode = "spectrogram" | "deltas";

/** What the model predicts. */
export type PopularityTask =
  | { kind: "regression" }
  | {
    kind: "classification";
    /**
     * Class boundaries in popularity points, ascending: class = number of edges ≤ popularity.
     * Default: the training songs' tertiles (three equal classes).
     */
    edges?: number[];
  };

/** Options of {@link PopularityModel.train}: the model's, then the training loop's. */
export interface PopularityModelOptions
  extends Omit<TrainOptions, "audioScaler" | "checkpoint" | "resume"> {
  /** `both` (default), `audio` or `metadata`. */
  inputs?: NetworkInputs;
  /** The spectrogram settings the inputs were made with (config.audio). */
  audio: Config["audio"];
  /** `spectrogram` (1 channel, default) or `deltas` (3: with its first and second time differences). */
  channels?: ChannelMode;
  /** Metadata columns; default {@link DEFAULT_METADATA_COLUMNS}. */
  metadataColumns?: readonly MetadataColumnSpec[];
  /** Architecture overrides (filters, dense units, batch norm, dropout …). */
  cnn?: Omit<CnnOptions, "inputs" | "audioShape" | "metadataFeatures" | "output" | "seed">;
  /** Default regression. */
  task?: PopularityTask;
  /** Save a checkpoint after every epoch (in `<dir>/training`) and the final model in `dir`. */
  dir?: string;
  /**
   * Continue the run saved in `<dir>/training` if there is one and its fingerprint (songs,
   * settings, backend, code version) matches this run's; otherwise start over, saying why in
   * the result's `start`. Default false.
   */
  resume?: boolean;
}

/** JSON with sorted keys, so that equal rows give equal text. */
function sortedJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v) =>
      v && typeof v === "object" && !Array.isArray(v) && !ArrayBuffer.isView(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
  );
}

/** SHA-256 of songs as training reads them: spectrograms, metadata and popularity, in order. */
export function songsFingerprint(...parts: (readonly SongExample[])[]): Promise<string> {
  const chunks: (string | ArrayBufferView)[] = [];
  for (const songs of parts) {
    chunks.push(`part of ${songs.length}`);
    for (const s of songs) {
      chunks.push(s.spectrogram ?? "-", sortedJson(s.metadata ?? {}), String(s.popularity));
    }
  }
  return sha256Hex(chunks);
}

/** The settings of a run that decide its numbers (what its fingerprint compares). */
function runSettings(options: PopularityModelOptions, backend: string): Record<string, unknown> {
  const { progress: _p, dir: _d, resume: _r, ...settings } = options;
  return {
    ...settings,
    inputs: options.inputs ?? "both",
    seed: options.seed ?? DEFAULT_SEED,
    backend,
  };
}

const AudioSettings = z.object({
  sampleRate: z.number(),
  nFft: z.number(),
  hopLength: z.number(),
  nMels: z.number(),
  fmin: z.number(),
  fmax: z.number(),
  power: z.number(),
  topDb: z.number(),
  cropSeconds: z.number(),
  cropMode: z.enum(["center", "random"]),
  frames: z.number(),
});

/** What is stored with a model besides the network. */
export const PopularityModelMeta: z.ZodObject<
  {
    kind: z.ZodLiteral<"popularity-model">;
    version: z.ZodLiteral<1>;
    inputs: z.ZodEnum<{ audio: "audio"; both: "both"; metadata: "metadata" }>;
    channels: z.ZodEnum<{ spectrogram: "spectrogram"; deltas: "deltas" }>;
    audio: z.ZodObject<
      {
        sampleRate: z.ZodNumber;
        nFft: z.ZodNumber;
        hopLength: z.ZodNumber;
        nMels: z.ZodNumber;
        fmin: z.ZodNumber;
        fmax: z.ZodNumber;
        power: z.ZodNumber;
        topDb: z.ZodNumber;
        cropSeconds: z.ZodNumber;
        cropMode: z.ZodEnum<{ center: "center"; random: "random" }>;
        frames: z.ZodNumber;
      },
      z.core.$strip
    >;
    audioScaler: z.ZodNullable<z.ZodObject<{ mean: z.ZodNumber; sd: z.ZodNumber }, z.core.$strip>>;
    metadataEncoder: z.ZodNullable<typeof MetadataEncoderState>;
    task: z.ZodDiscriminatedUnion<
      [
        z.ZodObject<{ kind: z.ZodLiteral<"regression"> }, z.core.$strip>,
        z.ZodObject<
          { kind: z.ZodLiteral<"classification">; edges: z.ZodArray<z.ZodNumber> },
          z.core.$strip
        >,
      ],
      "kind"
    >;
    seed: z.ZodNumber;
    trainedAt: z.ZodString;
    trainingExamples: z.ZodNumber;
  },
  z.core.$strip
> = z.object({
  kind: z.literal("popularity-model"),
  version: z.literal(1),
  inputs: z.enum(["both", "audio", "metadata"]),
  channels: z.enum(["spectrogram", "deltas"]),
  audio: AudioSettings,
  audioScaler: z.object({ mean: z.number(), sd: z.number() }).nullable(),
  metadataEncoder: MetadataEncoderState.nullable(),
  task: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("regression") }),
    z.object({ kind: z.literal("classification"), edges: z.array(z.number()) }),
  ]),
  seed: z.number().int(),
  trainedAt: z.string(),
  trainingExamples: z.number().int().nonnegative(),
});
/** A validated model description. */
export type PopularityModelMeta = z.infer<typeof PopularityModelMeta>;

/** Raised when songs lack what the model reads; names the song and what is missing. */
export class SongInputError extends Error {
  /** Creates the error; `message` names the song and what it lacks. */
  constructor(message: string) {
    super(message);
    this.name = "SongInputError";
  }
}

/** The class of each popularity value: the number of `edges` at or below it. */
export function popularityClass(popularity: number, edges: readonly number[]): number {
  let k = 0;
  for (const e of edges) if (popularity >= e) k++;
  return k;
}

/** Tertile edges of popularity values (three classes of about equal size). */
export function tertileEdges(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return [q(1 / 3), q(2 / 3)];
}

/** A trained popularity model (see the module's description). */
export class PopularityModel {
  private constructor(
    /** The network. */
    readonly network: tf.LayersModel,
    /** Everything else needed to read a song as training did. */
    readonly meta: PopularityModelMeta,
  ) {}

  /** The metadata encoder, or null for an audio-only model. */
  get encoder(): MetadataEncoder | null {
    return this.meta.metadataEncoder ? new MetadataEncoder(this.meta.metadataEncoder) : null;
  }

  /** [mel bands, frames, channels] of the network's spectrogram input. */
  get audioShape(): [number, number, number] {
    return [this.meta.audio.nMels, this.meta.audio.frames, this.meta.channels === "deltas" ? 3 : 1];
  }

  /** Turns songs into the network's data; throws naming the first song lacking an input. */
  data(songs: readonly SongExample[], withTargets: boolean): ModelData {
    const { inputs, task } = this.meta;
    const [h, w, c] = this.audioShape;
    const data: ModelData = { targets: new Float32Array(songs.length) };
    if (inputs !== "metadata") {
      data.audioShape = [h, w, c];
      data.audio = songs.map((s, i) => {
        if (!s.spectrogram) throw new SongInputError(`song ${i} has no spectrogram`);
        if (s.spectrogram.length !== h * w) {
          throw new SongInputError(
            `song ${i}: spectrogram of ${s.spectrogram.length} values; the model was trained on ` +
              `${h} mel bands × ${w} frames = ${h * w}`,
          );
        }
        return c === 3 ? withTimeDeltas(s.spectrogram, h, w) : s.spectrogram;
      });
    }
    if (inputs !== "audio") {
      const encoder = this.encoder!;
      data.metadata = encoder.transform(songs.map((s) => s.metadata ?? {}));
      data.metadataFeatures = encoder.inputs.length;
    }
    if (withTargets) {
      songs.forEach((s, i) => {
        if (typeof s.popularity !== "number" || !Number.isFinite(s.popularity)) {
          throw new SongInputError(`song ${i} has no popularity to train or score on`);
        }
        data.targets[i] = task.kind === "regression"
          ? s.popularity
          : popularityClass(s.popularity, task.edges);
      });
    }
    return data;
  }

  /**
   * Trains a model on `train`, monitoring `validation` (early stopping), and returns it with the
   * run's result. With `dir`, checkpoints go to `<dir>/training` after every epoch and the
   * final model (best weights) to `dir`; with `resume` too, a run saved there continues.
   */
  static async train(
    train: readonly SongExample[],
    validation: readonly SongExample[],
    options: PopularityModelOptions,
  ): Promise<{ model: PopularityModel; result: TrainResult; start: TrainingStart }> {
    const inputs = options.inputs ?? "both";
    const seed = options.seed ?? DEFAULT_SEED;
    const task = options.task ?? { kind: "regression" };
    const trainingDir = options.dir ? `${options.dir}/training` : null;
    const popularities = train.map((s) => s.popularity).filter((p): p is number =>
      typeof p === "number"
    );
    let model: PopularityModel | null = null;
    let resume = null;
    let fingerprint: RunFingerprint | null = null;
    let start: TrainingStart = { kind: "started", reason: "no model folder to resume from" };
    if (trainingDir) {
      fingerprint = await runFingerprint({
        data: await songsFingerprint(train, validation),
        settings: runSettings(options, tf.getBackend()),
      });
      start = await PopularityModel.#resumable(trainingDir, options.resume ?? false, fingerprint);
    }
    if (start.kind === "resumed") {
      try {
        const loaded = await loadCheckpoint(trainingDir!);
        model = new PopularityModel(loaded.model, PopularityModelMeta.parse(loaded.meta));
        resume = resumeFrom(loaded);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        start = { kind: "started", reason: `the checkpoint could not be read: ${why}` };
      }
    }
    if (!model) {
      const meta: PopularityModelMeta = {
        kind: "popularity-model",
        version: 1,
        inputs,
        channels: options.channels ?? "spectrogram",
        audio: AudioSettings.parse(options.audio),
        audioScaler: null,
        metadataEncoder: inputs === "audio" ? null : MetadataEncoder.fit(
          train.map((s) => s.metadata ?? {}),
          options.metadataColumns ?? DEFAULT_METADATA_COLUMNS,
        ).toJSON(),
        task: task.kind === "regression"
          ? task
          : { kind: "classification", edges: task.edges ?? tertileEdges(popularities) },
        seed,
        trainedAt: new Date().toISOString(),
        trainingExamples: train.length,
      };
      // A scaler-less model to turn the songs into data, then the scaler fitted on them.
      const draft = new PopularityModel(null as unknown as tf.LayersModel, meta);
      if (inputs !== "metadata") {
        const scaler = AudioScaler.fit(draft.data(train, false).audio!);
        meta.audioScaler = { mean: scaler.mean, sd: scaler.sd };
      }
      const mean = popularities.reduce((a, b) => a + b, 0) / Math.max(1, popularities.length);
      const sd = Math.sqrt(
        popularities.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, popularities.length),
      ) || 1;
      const network = buildCnn({
        ...options.cnn,
        inputs,
        audioShape: inputs === "metadata" ? undefined : draft.audioShape,
        metadataFeatures: meta.metadataEncoder?.features.length,
        output: meta.task.kind === "regression"
          ? { kind: "regression", targetMean: mean, targetSd: sd }
          : { kind: "classification", classes: meta.task.edges.length + 1 },
        seed,
      });
      model = new PopularityModel(network, meta);
    }
    const scaler = model.meta.audioScaler
      ? new AudioScaler(model.meta.audioScaler.mean, model.meta.audioScaler.sd)
      : null;
    const result = await trainNetwork(
      model.network,
      model.data(train, true),
      model.data(validation, true),
      {
        ...options,
        seed,
        audioScaler: scaler,
        resume,
        checkpoint: trainingDir
          ? { dir: trainingDir, meta: { ...model.meta, fingerprint } }
          : undefined,
      },
    );
    if (options.dir) await model.save(options.dir);
    return { model, result, start };
  }

  /** Whether the run saved in `dir` can be continued by a run of fingerprint `now`. */
  static async #resumable(
    dir: string,
    wanted: boolean,
    now: RunFingerprint,
  ): Promise<TrainingStart> {
    if (!await hasCheckpoint(dir)) return { kind: "started", reason: "no checkpoint yet" };
    if (!wanted) {
      return {
        kind: "started",
        reason: "resuming was not asked for (--fresh, model.resume=false)",
      };
    }
    let pointer: { meta?: { fingerprint?: unknown }; training?: unknown };
    try {
      pointer = JSON.parse(await Deno.readTextFile(`${dir}/${CHECKPOINT_FILE}`));
    } catch (error) {
      return { kind: "started", reason: `the checkpoint is unreadable (${String(error)})` };
    }
    const mismatch = fingerprintMismatch(pointer.meta?.fingerprint, now);
    if (mismatch) return { kind: "started", reason: mismatch };
    const training = TrainingState.safeParse(pointer.training);
    if (!training.success) {
      return { kind: "started", reason: "the checkpoint holds no resumable training state" };
    }
    return {
      kind: "resumed",
      epoch: training.data.epochsDone,
      finished: training.data.finished,
    };
  }

  /**
   * Predictions for songs: popularity (regression), or the expected class index under the
   * predicted probabilities (classification; see {@link PopularityModel.predictProba}).
   */
  predict(songs: readonly SongExample[]): Float32Array {
    const out = this.#raw(songs);
    if (this.meta.task.kind === "regression") return out;
    const k = this.meta.task.edges.length + 1;
    return Float32Array.from({ length: songs.length }, (_, i) => {
      let best = 0;
      for (let j = 1; j < k; j++) if (out[i * k + j] > out[i * k + best]) best = j;
      return best;
    });
  }

  /** Class probabilities, row-major [songs × classes] (classification models only). */
  predictProba(songs: readonly SongExample[]): Float32Array {
    if (this.meta.task.kind !== "classification") {
      throw new TypeError("predictProba: this model predicts popularity, not classes");
    }
    return this.#raw(songs);
  }

  #raw(songs: readonly SongExample[]): Float32Array {
    const scaler = this.meta.audioScaler
      ? new AudioScaler(this.meta.audioScaler.mean, this.meta.audioScaler.sd)
      : null;
    return predictNetwork(this.network, this.data(songs, false), { audioScaler: scaler });
  }

  /** Saves the model (network and description) into `dir`. */
  async save(dir: string): Promise<void> {
    await saveCheckpoint(dir, { model: this.network, meta: this.meta, tag: "final" });
  }

  /** Loads a model saved by {@link PopularityModel.save} (or a training checkpoint). */
  static async load(dir: string): Promise<PopularityModel> {
    const loaded = await loadCheckpoint(dir);
    const meta = PopularityModelMeta.safeParse(loaded.meta);
    if (!meta.success) {
      throw new SongInputError(
        `${dir} holds a model this workspace cannot use: ${meta.error.issues[0].path.join(".")}: ${
          meta.error.issues[0].message
        }`,
      );
    }
    return new PopularityModel(loaded.model, meta.data);
  }

  /** Frees the network's weights. */
  dispose(): void {
    this.network.dispose();
  }
}
