/**
 * Training the CNN: Adam over the tfjs model's variables, the loss after every batch and the
 * validation loss and error after every epoch, run by the workspace's one epoch loop
 * (./epochs.ts: seeded batch order, early stopping by the paper's rule with the best epoch's
 * weights restored at the end, progress), with a checkpoint after every epoch from which an
 * interrupted run resumes exactly where it stopped.
 *
 * Same data, options, seed and backend → the same weights and metrics, bit for bit: the batch
 * order of epoch e is drawn from (seed, e), dropout masks from (seed, step), initial weights
 * from the seed (see ../cnn/architecture.ts), and every kernel is deterministic.
 *
 * @example
 * ```ts
 * import { trainNetwork } from "./train.ts";
 * // const result = await trainNetwork(model, train, validation, { epochs: config.model.epochs });
 * // console.log(result.bestEpoch, result.history.at(-1)?.valMae);
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { adam } from "../backend/fused_adam.ts";
import { dropoutLayers, type NetworkInputs } from "../cnn/architecture.ts";
import type { EarlyStoppingState } from "../early_stopping/rule.ts";
import { type NamedTensor, saveCheckpoint } from "./checkpoint.ts";
import {
  type AudioScaler,
  batchInputs,
  batchTargets,
  checkData,
  exampleCount,
  type ModelData,
} from "./data.ts";
import {
  type EpochLoopState,
  epochRecord,
  resolveTrainingSettings,
  runEpochs,
  type TrainerOptions,
  type TrainerResult,
  trainerResult,
} from "./epochs.ts";
import { EpochRecord } from "./history.ts";
import { terminalProgress } from "./progress.ts";

/** Options of {@link trainNetwork}: the shared ones ({@link TrainerOptions}) and the CNN's own. */
export interface TrainOptions extends TrainerOptions {
  /** Standardisation of the spectrograms (fitted on the training examples). */
  audioScaler?: AudioScaler | null;
  /** Save a checkpoint into `dir` after every epoch, with `meta` for the loader. */
  checkpoint?: { dir: string; meta: Record<string, unknown> };
  /** Continue a run from its saved state (see {@link resumeFrom}). */
  resume?: ResumeState | null;
}

/** The training state stored in checkpoints. */
export const TrainingState: z.ZodObject<
  {
    version: z.ZodLiteral<1>;
    epochsDone: z.ZodNumber;
    history: z.ZodArray<typeof EpochRecord>;
    earlyStopping: z.ZodObject<
      {
        bestLoss: z.ZodNullable<z.ZodNumber>;
        bestEpoch: z.ZodNumber;
        wait: z.ZodNumber;
        epochs: z.ZodNumber;
        stopEpoch: z.ZodNullable<z.ZodNumber>;
      },
      z.core.$strip
    >;
    options: z.ZodObject<
      {
        epochs: z.ZodNumber;
        batchSize: z.ZodNumber;
        learningRate: z.ZodNumber;
        patience: z.ZodNumber;
        minDelta: z.ZodNumber;
        seed: z.ZodNumber;
      },
      z.core.$strip
    >;
    finished: z.ZodBoolean;
  },
  z.core.$strip
> = z.object({
  version: z.literal(1),
  /** Epochs completed. */
  epochsDone: z.number().int().nonnegative(),
  history: z.array(EpochRecord),
  earlyStopping: z.object({
    bestLoss: z.number().nullable(), // JSON has no Infinity: null before the first epoch
    bestEpoch: z.number().int(),
    wait: z.number().int().nonnegative(),
    epochs: z.number().int().nonnegative(),
    stopEpoch: z.number().int().nullable(),
  }),
  /** The options the run was started with (a resumed run must use the same). */
  options: z.object({
    epochs: z.number().int().positive(),
    batchSize: z.number().int().positive(),
    learningRate: z.number().positive(),
    patience: z.number().int().positive(),
    minDelta: z.number().nonnegative(),
    seed: z.number().int(),
  }),
  /** True once the run has ended (stopped early or ran all epochs). */
  finished: z.boolean(),
});
/** A validated training state. */
export type TrainingState = z.infer<typeof TrainingState>;

/** What resuming needs: the saved state, the optimizer's state and the best weights so far. */
export interface ResumeState {
  /** The saved training state: settings, epochs done, history and early-stopping state. */
  training: TrainingState;
  /** The optimizer's saved state; null to start it afresh. */
  optimizer: NamedTensor[] | null;
  /** The best epoch's weights so far; null when none were saved. */
  bestWeights: tf.Tensor[] | null;
}

/** Validates a checkpoint's training part for {@link TrainOptions.resume}. */
export function resumeFrom(loaded: {
  training: unknown;
  optimizer: NamedTensor[] | null;
  bestWeights: tf.Tensor[] | null;
}): ResumeState {
  const parsed = TrainingState.safeParse(loaded.training);
  if (!parsed.success) {
    throw new Error(
      `the checkpoint holds no resumable training state (${parsed.error.issues[0].message})`,
    );
  }
  return { training: parsed.data, optimizer: loaded.optimizer, bestWeights: loaded.bestWeights };
}

/**
 * What a run produced; the history includes the epochs of a resumed run's first part, and the
 * best epoch's weights are in the model.
 */
export interface TrainResult extends TrainerResult<EpochRecord> {
  /** Epochs already done when this call started (0 for a fresh run). */
  resumedAt: number;
}

/** Raised when options are invalid or a resume does not match the run. */
export class TrainingError extends Error {
  /** Creates the error; `message` names the invalid option or the missing data. */
  constructor(message: string) {
    super(message);
    this.name = "TrainingError";
  }
}

/** The network's inputs, read from its input layers' names. */
function networkInputs(model: tf.LayersModel): NetworkInputs {
  const names = model.inputNames;
  const audio = names.some((n) => n.startsWith("spectrogram"));
  const meta = names.some((n) => n.startsWith("metadata"));
  if (audio && meta) return "both";
  if (audio) return "audio";
  if (meta) return "metadata";
  throw new TrainingError(
    `expected inputs named "spectrogram" and/or "metadata" (see buildCnn), found ${
      names.join(", ")
    }`,
  );
}

/** Classes of a classifier's softmax output, or null for a single regression output. */
function outputClasses(model: tf.LayersModel): number | null {
  const shape = model.outputs[0].shape;
  const units = shape[shape.length - 1] ?? 1;
  return units > 1 ? units : null;
}

function lossOf(y: tf.Tensor, pred: tf.Tensor, classes: number | null): tf.Scalar {
  return classes === null
    ? tf.losses.meanSquaredError(y, pred) as tf.Scalar
    : tf.mean(tf.metrics.categoricalCrossentropy(y, pred)) as tf.Scalar;
}

/** Per-example sum of the batch's error statistic: |error| (regression) or correct (classes). */
function statSum(y: tf.Tensor, pred: tf.Tensor, classes: number | null): tf.Scalar {
  return classes === null
    ? tf.sum(tf.abs(tf.sub(pred, y)))
    : tf.sum(tf.cast(tf.equal(tf.argMax(pred, 1), tf.argMax(y, 1)), "float32"));
}

/**
 * Evaluates loss and error statistic over `data` in batches (no training). Results are read
 * asynchronously, so that backends whose tensors live on a device (webgpu) can train too.
 */
async function evaluate(
  model: tf.LayersModel,
  data: ModelData,
  inputs: NetworkInputs,
  classes: number | null,
  batchSize: number,
  scaler: AudioScaler | null,
): Promise<{ loss: number; stat: number }> {
  const n = exampleCount(data);
  let lossSum = 0, statTotal = 0;
  for (let start = 0; start < n; start += batchSize) {
    const idx = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
    const [l, s] = tf.tidy(() => {
      const xs = batchInputs(data, idx, inputs, scaler);
      const y = batchTargets(data, idx, classes);
      const pred = model.apply(xs, { training: false }) as tf.Tensor;
      return [lossOf(y, pred, classes), statSum(y, pred, classes)];
    });
    const [loss, stat] = await readScalars(l, s);
    lossSum += loss * idx.length;
    statTotal += stat;
  }
  return { loss: lossSum / n, stat: statTotal / n };
}

/** Reads and disposes scalar tensors, without a synchronous read (webgpu has none). */
async function readScalars(...scalars: tf.Tensor[]): Promise<number[]> {
  const values = await Promise.all(scalars.map((t) => t.data()));
  tf.dispose(scalars);
  return values.map((v) => v[0]);
}

/**
 * Predictions for every example of `data`: popularity per example (regression), or class
 * probabilities, row-major [examples × classes] (classification).
 */
export function predictNetwork(
  model: tf.LayersModel,
  data: Omit<ModelData, "targets"> & { targets?: Float32Array },
  options: { batchSize?: number; audioScaler?: AudioScaler | null } = {},
): Float32Array {
  const inputs = networkInputs(model);
  const n = data.audio?.length ??
    (data.metadata && data.metadataFeatures ? data.metadata.length / data.metadataFeatures : 0);
  const full: ModelData = { ...data, targets: data.targets ?? new Float32Array(n) };
  checkData(full, inputs);
  const batchSize = options.batchSize ?? 64;
  const width = outputClasses(model) ?? 1;
  const out = new Float32Array(n * width);
  for (let start = 0; start < n; start += batchSize) {
    const idx = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
    const values = tf.tidy(() =>
      (model.apply(batchInputs(full, idx, inputs, options.audioScaler ?? null), {
        training: false,
      }) as tf.Tensor).dataSync()
    );
    out.set(values, start * width);
  }
  return out;
}

function toJsonState(s: EarlyStoppingState): TrainingState["earlyStopping"] {
  return { ...s, bestLoss: Number.isFinite(s.bestLoss) ? s.bestLoss : null };
}

function fromJsonState(s: TrainingState["earlyStopping"]): EarlyStoppingState {
  return { ...s, bestLoss: s.bestLoss ?? Infinity };
}

/** A resumed run's state, as the epoch loop takes it. */
type ResumedEpochs = Omit<EpochLoopState<tf.Tensor[], EpochRecord>, "finished">;

/**
 * Puts back Adam's bias-correction powers β₁ᵗ and β₂ᵗ as training accumulated them. tfjs's
 * `setWeights` recomputes them with `pow(β, t + 1)`, which can differ in the last bit from the
 * float32 product `β·β·…·β` that the optimizer builds step by step, and a resumed run would then
 * drift from an uninterrupted one (measured: up to 6e-6 in the weights after one epoch).
 */
function replayAdamPowers(optimizer: tf.AdamOptimizer): void {
  const adam = optimizer as unknown as {
    iterations_: number;
    beta1: number;
    beta2: number;
    accBeta1: tf.Variable;
    accBeta2: tf.Variable;
  };
  const b1 = Math.fround(adam.beta1), b2 = Math.fround(adam.beta2);
  let acc1 = b1, acc2 = b2;
  for (let step = 0; step < adam.iterations_; step++) {
    acc1 = Math.fround(acc1 * b1);
    acc2 = Math.fround(acc2 * b2);
  }
  tf.tidy(() => {
    adam.accBeta1.assign(tf.scalar(acc1));
    adam.accBeta2.assign(tf.scalar(acc2));
  });
}

/**
 * Trains `model` on `train`, monitoring `validation` (see the module's description). The model
 * is left with the best epoch's weights (unless `restoreBestWeights` is false).
 */
export async function trainNetwork(
  model: tf.LayersModel,
  train: ModelData,
  validation: ModelData,
  options: TrainOptions = {},
): Promise<TrainResult> {
  const started = performance.now();
  const opts = resolveTrainingSettings(options);
  const parsedOpts = TrainingState.shape.options.safeParse(opts);
  if (!parsedOpts.success) {
    const issue = parsedOpts.error.issues[0];
    throw new TrainingError(`option ${issue.path.join(".")}: ${issue.message}`);
  }
  const inputs = networkInputs(model);
  const classes = outputClasses(model);
  checkData(train, inputs);
  checkData(validation, inputs);
  const n = exampleCount(train);
  if (n === 0 || exampleCount(validation) === 0) {
    throw new TrainingError(
      `need training and validation examples; found ${n} and ${exampleCount(validation)}`,
    );
  }
  const scaler = options.audioScaler ?? null;
  const progress = options.progress ?? terminalProgress();
  const optimizer = adam(opts.learningRate);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);

  let resume: ResumedEpochs | null = null;
  if (options.resume) {
    const saved = options.resume.training;
    for (const key of Object.keys(opts) as (keyof typeof opts)[]) {
      if (key !== "epochs" && saved.options[key] !== opts[key]) {
        throw new TrainingError(
          `cannot resume: ${key} was ${saved.options[key]} in the saved run, now ${opts[key]}`,
        );
      }
    }
    resume = {
      epochsDone: saved.epochsDone,
      history: [...saved.history],
      stopping: fromJsonState(saved.earlyStopping),
      best: options.resume.bestWeights?.map((t) => t.clone()) ?? null,
    };
    if (options.resume.optimizer) {
      await optimizer.setWeights(options.resume.optimizer);
      replayAdamPowers(optimizer);
    }
    await progress.onMessage?.(
      `resuming after epoch ${resume.epochsDone} (best so far: epoch ${
        resume.stopping.bestEpoch + 1
      })`,
    );
  }

  const dropouts = dropoutLayers(model);
  const checkpoint = options.checkpoint;
  const run = await runEpochs<tf.Tensor[], EpochRecord>({
    examples: n,
    settings: opts,
    orderLabel: "batch order",
    onEpochStart(epoch, batchesPerEpoch) {
      for (const d of dropouts) d.step = epoch * batchesPerEpoch;
    },
    async trainBatch(idx) {
      const kept: tf.Scalar[] = [];
      const cost = tf.tidy(() => {
        const xs = batchInputs(train, idx, inputs, scaler);
        const y = batchTargets(train, idx, classes);
        return optimizer.minimize(
          () => {
            const pred = model.apply(xs, { training: true }) as tf.Tensor;
            // The batch's error statistic from the same forward pass, kept past the tidy.
            kept.push(tf.keep(statSum(y, pred, classes)));
            return lossOf(y, pred, classes);
          },
          true,
          variables,
        )!;
      });
      const [loss, stat] = await readScalars(cost, ...kept);
      return { loss, statSum: stat };
    },
    validate: () => evaluate(model, validation, inputs, classes, opts.batchSize, scaler),
    snapshot: () => model.getWeights().map((w) => w.clone()),
    restore: (weights) => model.setWeights(weights),
    release: (weights) => weights.forEach((t) => t.dispose()),
    record: (s) => epochRecord(s, classes !== null),
    onEpochEnd: checkpoint
      ? async (state) => {
        const training: TrainingState = {
          version: 1,
          epochsDone: state.epochsDone,
          history: state.history,
          earlyStopping: toJsonState(state.stopping),
          options: opts,
          finished: state.finished,
        };
        await saveCheckpoint(checkpoint.dir, {
          model,
          meta: checkpoint.meta,
          training,
          bestWeights: state.best,
          optimizer: await optimizer.getWeights(),
          tag: `e${String(state.epochsDone).padStart(3, "0")}`,
        });
      }
      : undefined,
    progress,
    resume,
    restoreBestWeights: options.restoreBestWeights,
  });
  optimizer.dispose();
  return { ...trainerResult(run, started), resumedAt: run.resumedAt };
}
