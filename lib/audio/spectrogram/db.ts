/**
 * Decibels, librosa's `power_to_db`: 10·log10(max(amin, S) / ref), then every value below
 * (max − topDb) raised to it. Defaults ref 1, amin 1e-10, topDb 80.
 *
 * @example
 * ```ts
 * import { powerToDb, powerToDbInPlace } from "./db.ts";
 * const x = Float64Array.of(1, 1e-3, 0);
 * powerToDbInPlace(x); // [0, −30, −80]
 * ```
 * @module
 */
import { SPECTROGRAM_DEFAULTS } from "./defaults.ts";
import type { Spectrogram } from "./types.ts";

/** Options of power_to_db; defaults ref 1, amin 1e-10, topDb 80 (Infinity: no floor). */
export interface DbOptions {
  /** Reference power: 0 dB = `ref`. */
  ref?: number;
  /** Smallest power taken into account (avoids log 0). */
  amin?: number;
  /** Dynamic range kept below the maximum, in dB. */
  topDb?: number;
}

/**
 * Converts powers to dB in place and returns the same array.
 *
 * @param values powers (≥ 0), any layout: the floor is relative to the maximum over all of them
 */
export function powerToDbInPlace<T extends Float64Array | Float32Array>(
  values: T,
  options: DbOptions = {},
): T {
  const ref = options.ref ?? SPECTROGRAM_DEFAULTS.ref;
  const amin = options.amin ?? SPECTROGRAM_DEFAULTS.amin;
  const topDb = options.topDb ?? SPECTROGRAM_DEFAULTS.topDb;
  if (!(amin > 0)) throw new RangeError(`powerToDb: expected amin > 0, found ${amin}`);
  if (!(ref > 0)) throw new RangeError(`powerToDb: expected ref > 0, found ${ref}`);
  if (!(topDb > 0)) throw new RangeError(`powerToDb: expected topDb > 0 dB, found ${topDb}`);
  const offset = 10 * Math.log10(Math.max(amin, ref));
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const db = 10 * Math.log10(values[i] > amin ? values[i] : amin) - offset;
    values[i] = db;
    if (db > max) max = db;
  }
  if (Number.isFinite(topDb)) {
    const floor = max - topDb;
    for (let i = 0; i < values.length; i++) if (values[i] < floor) values[i] = floor;
  }
  return values;
}

/** power_to_db of a power spectrogram, as a new spectrogram with scale `"db"`. */
export function powerToDb(spectrogram: Spectrogram, options: DbOptions = {}): Spectrogram {
  return {
    ...spectrogram,
    data: powerToDbInPlace(spectrogram.data.slice(), options),
    scale: "db",
  };
}
