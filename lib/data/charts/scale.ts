/**
 * Per-song scaling of the stream counts, fitted on the training days only
 * ({@link fitSongScaler}): seed 003's min–max scaling (`minmax`: (v − min) / (max − min), the
 * training days' range mapped to [0, 1]) or a log scale (`log-standard`: log(1 + v) standardised
 * to mean 0 and standard deviation 1). Predictions go back to streams with
 * {@link inverseScale}, so errors are reported in streams.
 *
 * @example
 * ```ts
 * import { fitSongScaler, inverseScale, scaleTable } from "./scale.ts";
 * const table = { trackIds: ["a"], dates: ["2024-01-01", "2024-01-02", "2024-01-03"], values: Float64Array.of(10, 20, 40) };
 * const scaler = fitSongScaler(table, { fitDays: 2 }); // min 10, max 20 from the first two days
 * scaleTable(table, scaler); // [0, 1, 3]: the test day may leave [0, 1]
 * inverseScale(scaler, 0, 3); // 40
 * ```
 * @module
 */
import { StreamSeriesError } from "./errors.ts";
import type { StreamTable } from "./table.ts";

/** The scalings offered. */
export const SCALINGS = ["minmax", "log-standard"] as const;
/** One scaling's name. */
export type Scaling = typeof SCALINGS[number];

/** A fitted per-song scaler: scaled = (f(v) − offset) / scale, f = identity or log1p. */
export interface SongScaler {
  /** Which scaling was fitted. */
  kind: Scaling;
  /** Per song: min (minmax) or mean of log1p (log-standard), over the fitted days. */
  offset: Float64Array;
  /** Per song: max − min (minmax) or standard deviation (log-standard); 1 where that is 0. */
  scale: Float64Array;
  /** The fit used days [0, fitDays). */
  fitDays: number;
}

/** Options of {@link fitSongScaler}. */
export interface FitScalerOptions {
  /** Scaling; default `minmax`. */
  kind?: Scaling;
  /** Days [0, fitDays) the scaler is fitted on: the training days. */
  fitDays: number;
}

/**
 * Fits one scaler per song on days [0, fitDays) of a complete table (no NaN there).
 *
 * @throws {StreamSeriesError} for an invalid `fitDays` or a missing value in the fitted days.
 */
export function fitSongScaler(table: StreamTable, options: FitScalerOptions): SongScaler {
  const kind = options.kind ?? "minmax";
  const days = table.dates.length;
  const fitDays = options.fitDays;
  if (!(Number.isInteger(fitDays) && fitDays >= 1 && fitDays <= days)) {
    throw new StreamSeriesError(`fitDays must be a whole number in 1…${days}; found ${fitDays}`);
  }
  const songs = table.trackIds.length;
  const offset = new Float64Array(songs);
  const scale = new Float64Array(songs);
  for (let s = 0; s < songs; s++) {
    let min = Infinity, max = -Infinity, sum = 0, sum2 = 0;
    for (let d = 0; d < fitDays; d++) {
      const raw = table.values[s * days + d];
      if (Number.isNaN(raw)) {
        throw new StreamSeriesError(
          `expected a complete series to fit the scaler; ${table.trackIds[s]} is missing ${
            table.dates[d]
          } (prepare the table first)`,
        );
      }
      const v = kind === "minmax" ? raw : Math.log1p(raw);
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
      sum2 += v * v;
    }
    if (kind === "minmax") {
      offset[s] = min;
      scale[s] = max > min ? max - min : 1;
    } else {
      const mean = sum / fitDays;
      const sd = Math.sqrt(Math.max(0, sum2 / fitDays - mean * mean));
      offset[s] = mean;
      scale[s] = sd > 0 ? sd : 1;
    }
  }
  return { kind, offset, scale, fitDays };
}

/** The whole table scaled, same layout (songs × days), as float32 for the models. */
export function scaleTable(table: StreamTable, scaler: SongScaler): Float32Array {
  const days = table.dates.length;
  const out = new Float32Array(table.values.length);
  for (let s = 0; s < table.trackIds.length; s++) {
    const o = scaler.offset[s], k = scaler.scale[s];
    for (let d = 0; d < days; d++) {
      const v = table.values[s * days + d];
      out[s * days + d] = ((scaler.kind === "minmax" ? v : Math.log1p(v)) - o) / k;
    }
  }
  return out;
}

/** A scaled value of song `song` back in streams. */
export function inverseScale(scaler: SongScaler, song: number, scaled: number): number {
  const v = scaled * scaler.scale[song] + scaler.offset[song];
  return scaler.kind === "minmax" ? v : Math.expm1(v);
}
