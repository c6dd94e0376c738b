/**
 * One epoch of training as recorded in the history, and the event a progress display receives
 * after every batch.
 *
 * @example
 * ```ts
 * import { formatEpoch } from "./history.ts";
 * console.log(formatEpoch({
 *   epoch: 0, epochs: 25, loss: 130.2, mae: 9.1, valLoss: 140.3, valMae: 9.5, accuracy: null,
 *   valAccuracy: null, seconds: 12.5, samplesPerSecond: 102, improved: true,
 * }));
 * ```
 * @module
 */
import { z } from "zod";

/** One epoch's record: losses in the loss's unit (MSE: popularity points²), MAE in points. */
export const EpochRecord: z.ZodObject<
  {
    epoch: z.ZodNumber;
    epochs: z.ZodNumber;
    loss: z.ZodNumber;
    mae: z.ZodNullable<z.ZodNumber>;
    valLoss: z.ZodNumber;
    valMae: z.ZodNullable<z.ZodNumber>;
    accuracy: z.ZodNullable<z.ZodNumber>;
    valAccuracy: z.ZodNullable<z.ZodNumber>;
    seconds: z.ZodNumber;
    samplesPerSecond: z.ZodNumber;
    improved: z.ZodBoolean;
  },
  z.core.$strip
> = z.object({
  /** 0-based epoch. */
  epoch: z.number().int().nonnegative(),
  /** Epochs planned. */
  epochs: z.number().int().positive(),
  /** Mean training loss over the epoch's batches (weights moving as they go). */
  loss: z.number(),
  /** Mean absolute training error over the epoch's batches (regression), else null. */
  mae: z.number().nullable(),
  /** Validation loss at the end of the epoch (the early-stopping monitor). */
  valLoss: z.number(),
  /** Validation mean absolute error (regression), else null. */
  valMae: z.number().nullable(),
  /** Training and validation accuracy (classification), else null. */
  accuracy: z.number().nullable(),
  valAccuracy: z.number().nullable(),
  /** Wall time of the epoch, training and validation, in seconds. */
  seconds: z.number().nonnegative(),
  /** Training examples per second of the epoch's training part. */
  samplesPerSecond: z.number().nonnegative(),
  /** Whether the validation loss improved on the best so far (early stopping's test). */
  improved: z.boolean(),
});
/** A validated epoch record. */
export type EpochRecord = z.infer<typeof EpochRecord>;

/** What a progress display is told after every training batch. */
export interface BatchProgress {
  /** 0-based epoch being trained. */
  epoch: number;
  /** Epochs planned in the run. */
  epochs: number;
  /** Training examples done in this epoch, of `total`. */
  done: number;
  /** Training examples in the epoch. */
  total: number;
  /** Running mean of the loss over this epoch's batches. */
  loss: number;
  /** Examples per second so far in this epoch. */
  samplesPerSecond: number;
  /** Seconds left in this epoch at the current rate (validation not included). */
  etaSeconds: number;
}

const num = (x: number | null, digits = 2) =>
  x === null ? "–" : Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(digits);

/** One line per epoch: losses, errors, time and rate, and a mark where the best epoch moved. */
export function formatEpoch(r: EpochRecord): string {
  const parts = [`loss ${num(r.loss)}`];
  if (r.mae !== null) parts.push(`MAE ${num(r.mae)}`);
  if (r.accuracy !== null) parts.push(`accuracy ${num(r.accuracy, 3)}`);
  parts.push(`val loss ${num(r.valLoss)}`);
  if (r.valMae !== null) parts.push(`val MAE ${num(r.valMae)}`);
  if (r.valAccuracy !== null) parts.push(`val accuracy ${num(r.valAccuracy, 3)}`);
  return `epoch ${r.epoch + 1}/${r.epochs}: ${parts.join(", ")} (${r.seconds.toFixed(1)} s, ${
    r.samplesPerSecond.toFixed(0)
  } samples/s)${r.improved ? " ← best" : ""}`;
}

/** Seconds as m:ss or h:mm:ss. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(r).padStart(2, "0")}`;
}
