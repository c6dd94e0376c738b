/**
 * Daily stream counts of the demo corpus's tracks over a window of days ending on
 * {@link DEMO_STREAM_END}. For track `i` on day `d` (null when the track is off the chart):
 *
 * ```
 * streams = round(level · weekday[d] · bump(d) · exp(drift_d + ε_d))
 * level   = 10^(1.5 + 0.04 · track_popularity)          (≈ 32 a day at 0, 3 162 at 50, 316 228 at 100)
 * weekday = Mon 0.90, Tue 0.88, Wed 0.91, Thu 0.95, Fri 1.22, Sat 1.12, Sun 1.02   (mean 1)
 * bump    = 1 + 4 · exp(−(d − release) / 14 days)        for a release inside the window, else 1
 * drift   = AR(1) in log space: drift_d = 0.95 · drift_{d−1} + N(0, 0.03);  ε_d ~ N(0, 0.12)
 * ```
 *
 * Days before a release inside the window are null (the track did not exist), and so are days
 * off the chart: each day alone with probability 0.02 (isolated single gaps, for one-day
 * interpolation) and, for 35 % of tracks, one run of 3–14 consecutive days.
 *
 * @example
 * ```ts
 * import { streamsFrame } from "./streams.ts";
 * const streams = streamsFrame([{ trackId: "t1", popularity: 70, releaseDate: "2024-11-01" }], {
 *   days: 120, seed: 42,
 * });
 * console.log(streams.columns, streams.height); // ["track_id", "date", "streams"] 120
 * ```
 * @module
 */
import pl from "nodejs-polars";
import type { DEMO_SIZES } from "../../../config.ts";
import { deriveSeed, Rng } from "../../random.ts";

/** Length in days of the stream window for each demo size. */
export const DEMO_STREAM_DAYS: Readonly<Record<typeof DEMO_SIZES[number], number>> = {
  tiny: 120,
  default: 365,
  paper: 365,
};

/** Last day of the stream window (YYYY-MM-DD, UTC). */
export const DEMO_STREAM_END = "2024-12-31";

/** Multiplicative day-of-week profile indexed by `Date.getUTCDay()` (0 = Sunday); mean 1. */
export const WEEKDAY_PROFILE: readonly number[] = [1.02, 0.9, 0.88, 0.91, 0.95, 1.22, 1.12];

/** The parameters of the stream rule (see the module documentation). */
const DEMO_STREAM_MODEL = {
  /** log10 of the daily level at popularity 0. */
  log10LevelAt0: 1.5,
  /** Increase of log10 daily level per popularity point. */
  log10LevelPerPoint: 0.04,
  /** Height of the release bump relative to the level, on release day. */
  releaseBump: 4,
  /** Time constant in days of the release bump's exponential decay. */
  releaseDecayDays: 14,
  /** Standard deviation of the daily log noise. */
  noiseSd: 0.12,
  /** AR(1) coefficient of the slow log drift. */
  driftPhi: 0.95,
  /** Standard deviation of the drift's daily innovation. */
  driftSd: 0.03,
  /** Probability that a single day is off the chart. */
  singleGapRate: 0.02,
  /** Share of tracks with one longer run off the chart. */
  longGapShare: 0.35,
  /** Shortest and longest run off the chart, in days. */
  longGapDays: [3, 14] as const,
} as const;

/** What the stream rule needs to know about a track. */
export interface StreamTrack {
  /** The track's id, `track_id` in the table. */
  trackId: string;
  /** track_popularity, 0–100. */
  popularity: number;
  /** Release date, YYYY-MM-DD. */
  releaseDate: string;
}

/** Options of {@link streamsFrame} and {@link dailyStreams}. */
export interface StreamOptions {
  /** Number of days in the window (ending on `end`). */
  days: number;
  /** Seed of the noise and gaps. */
  seed: number;
  /** Last day of the window, YYYY-MM-DD; default {@link DEMO_STREAM_END}. */
  end?: string;
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Math.floor(Date.UTC(y, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** The window's dates, oldest first, as YYYY-MM-DD. */
export function streamDates(days: number, end: string = DEMO_STREAM_END): string[] {
  const last = dayNumber(end);
  return Array.from(
    { length: days },
    (_, i) => new Date((last - days + 1 + i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/**
 * One track's daily streams over the window, oldest first; null on days before its release or
 * off the chart.
 *
 * @param track the track's id, popularity (0–100) and release date
 * @param index the track's position, which (with the seed) picks its random stream
 * @param options window length in days, seed, last day
 */
export function dailyStreams(
  track: StreamTrack,
  index: number,
  options: StreamOptions,
): (number | null)[] {
  const m = DEMO_STREAM_MODEL;
  const rng = new Rng(deriveSeed(options.seed, "streams", index));
  const last = dayNumber(options.end ?? DEMO_STREAM_END);
  const first = last - options.days + 1;
  const release = dayNumber(track.releaseDate);
  const level = Math.pow(10, m.log10LevelAt0 + m.log10LevelPerPoint * track.popularity);
  const off = new Uint8Array(options.days);
  for (let i = 0; i < options.days; i++) if (rng.bernoulli(m.singleGapRate)) off[i] = 1;
  if (rng.bernoulli(m.longGapShare)) {
    const length = rng.int(m.longGapDays[0], m.longGapDays[1] + 1);
    const start = rng.int(0, Math.max(1, options.days - length));
    for (let i = start; i < Math.min(options.days, start + length); i++) off[i] = 1;
  }
  let drift = rng.normal(0, m.driftSd / Math.sqrt(1 - m.driftPhi * m.driftPhi));
  const out: (number | null)[] = new Array(options.days);
  for (let i = 0; i < options.days; i++) {
    const day = first + i;
    drift = m.driftPhi * drift + rng.normal(0, m.driftSd);
    const eps = rng.normal(0, m.noiseSd);
    if (day < release || off[i]) {
      out[i] = null;
      continue;
    }
    const weekday = WEEKDAY_PROFILE[new Date(day * DAY_MS).getUTCDay()];
    const bump = release >= first
      ? 1 + m.releaseBump * Math.exp(-(day - release) / m.releaseDecayDays)
      : 1;
    out[i] = Math.round(level * weekday * bump * Math.exp(drift + eps));
  }
  return out;
}

/**
 * The long table of daily streams: one row per track and day, columns `track_id` (str),
 * `date` (str, YYYY-MM-DD) and `streams` (i64 count per day; null off the chart).
 *
 * @param tracks the tracks, in table order (their position seeds their series)
 * @param options window length in days, seed, last day
 */
export function streamsFrame(tracks: readonly StreamTrack[], options: StreamOptions): pl.DataFrame {
  const dates = streamDates(options.days, options.end);
  const n = tracks.length * dates.length;
  const ids: string[] = new Array(n);
  const days: string[] = new Array(n);
  const values: (number | null)[] = new Array(n);
  tracks.forEach((track, t) => {
    const series = dailyStreams(track, t, options);
    for (let i = 0; i < dates.length; i++) {
      const row = t * dates.length + i;
      ids[row] = track.trackId;
      days[row] = dates[i];
      values[row] = series[i];
    }
  });
  return pl.DataFrame([
    pl.Series("track_id", ids, pl.Utf8),
    pl.Series("date", days, pl.Utf8),
    pl.Series("streams", values, pl.Int64),
  ]);
}
