/**
 * A prepared daily series with a weekly rhythm for the forecast evaluation tests, and a
 * hand-made forecast over its test days.
 * @module
 */
import {
  DAY_STATUS,
  type PreparedStreams,
  prepareStreamTable,
} from "../../../lib/data/charts/gaps.ts";
import { Rng } from "../../../lib/data/random.ts";
import type { StreamPredictions } from "../../../lib/model/forecast/experiment.ts";

export const WEEKDAY = [0.9, 0.88, 0.91, 0.95, 1.22, 1.12, 1.02];

/** `songs` songs × `days` days, level 1000·(song + 1) times the weekday factor, with noise. */
export function weekly(songs = 5, days = 98, seed = 1): PreparedStreams {
  const rng = new Rng(seed);
  return prepareStreamTable({
    trackIds: Array.from({ length: songs }, (_, s) => `s${s}`),
    dates: Array.from(
      { length: days },
      (_, d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10),
    ),
    values: Float64Array.from(
      { length: songs * days },
      (_, i) =>
        Math.round(
          1000 * (Math.floor(i / days) + 1) * WEEKDAY[(i % days) % 7] *
            Math.exp(rng.normal(0, 0.02)),
        ),
    ),
  });
}

/** A forecast for every song on days [from, days) computed by `fn(song, day)`. */
export function forecastOver(
  prepared: PreparedStreams,
  from: number,
  fn: (song: number, day: number) => number,
): StreamPredictions {
  const days = prepared.table.dates.length, songs = prepared.table.trackIds.length;
  const song: number[] = [], day: number[] = [], predicted: number[] = [];
  for (let d = from; d < days; d++) {
    for (let s = 0; s < songs; s++) {
      song.push(s);
      day.push(d);
      predicted.push(fn(s, d));
    }
  }
  return {
    song: Int32Array.from(song),
    day: Int32Array.from(day),
    predicted: Float64Array.from(predicted),
  };
}

export { DAY_STATUS };
