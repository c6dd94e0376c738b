/**
 * How far the dataset's own audio columns (tempo, key, mode, loudness, energy — Spotify's or a
 * generator's estimates) agree with the same quantities computed from the audio: the two side by
 * side per track, then the share of tracks whose tempo is within 3 % (also allowing half or
 * double tempo), whose key and mode match (also allowing the relative major/minor, which has the
 * same notes), and Pearson's r with its 95 % interval (lib's {@link correlationTable}) between
 * the loudness and energy columns and their audio counterparts.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { audioAgreement } from "./audio_agreement.ts";
 * const df = pl.DataFrame({ tempo: [120, 90], tempo_audio: [121, 180] });
 * audioAgreement(df).find((a) => a.check === "tempo within 3 %")?.value; // 0.5
 * ```
 * @module
 */
import pl from "nodejs-polars";
import type { AudioDescriptors } from "../../audio/descriptors/audio_descriptors.ts";
import { correlationTable } from "./correlation.ts";

/** The dataset's columns beside the audio's, one row per track whose descriptors were computed. */
export function audioComparisonFrame(
  tracks: pl.DataFrame,
  descriptors: readonly (AudioDescriptors | null)[],
): pl.DataFrame {
  const rows = tracks.head(descriptors.length).toRecords() as Record<string, unknown>[];
  const kept = rows.flatMap((r, i) => (descriptors[i] ? [{ r, f: descriptors[i]! }] : []));
  const given = (name: string) =>
    pl.Series(
      name,
      kept.map(({ r }) => (r[name] === null || r[name] === undefined ? null : Number(r[name]))),
      pl.Float64,
    );
  const audio = (name: string, pick: (f: AudioDescriptors) => number) =>
    pl.Series(name, kept.map(({ f }) => pick(f)), pl.Float64);
  return pl.DataFrame([
    pl.Series("track_id", kept.map(({ r }) => String(r.track_id)), pl.Utf8),
    given("tempo"),
    audio("tempo_audio", (f) => f.tempo),
    given("key"),
    audio("key_audio", (f) => f.key),
    given("mode"),
    audio("mode_audio", (f) => f.mode),
    given("loudness"),
    audio("rms_db_audio", (f) => f.rms_db),
    audio("lufs_audio", (f) => f.loudness),
    given("energy"),
    audio("energy_audio", (f) => f.energy),
  ]);
}

/** One comparison: a share of agreeing tracks, or a correlation with its interval. */
export interface Agreement {
  /** What is compared, in words. */
  check: string;
  /** `share`: value in [0, 1]; `correlation`: Pearson's r with low/high. */
  kind: "share" | "correlation";
  /** Tracks with both values. */
  n: number;
  /** The share or r; null when no track has both values (or r is undefined). */
  value: number | null;
  /** 95 % interval of r (correlations only). */
  low: number | null;
  /** Upper end of the 95 % interval of r (correlations only). */
  high: number | null;
}

function columnOf(df: pl.DataFrame, name: string): (number | null)[] {
  if (!df.columns.includes(name)) return new Array(df.height).fill(null);
  return (df.getColumn(name).toArray() as (number | null)[]).map((v) =>
    v === null || !Number.isFinite(Number(v)) ? null : Number(v)
  );
}

function share(check: string, rows: number[][], ok: (row: number[]) => boolean): Agreement {
  const n = rows.length;
  const value = n > 0 ? rows.filter(ok).length / n : null;
  return { check, kind: "share", n, value, low: null, high: null };
}

function correlation(df: pl.DataFrame, check: string, a: string, b: string): Agreement {
  const pair = pl.DataFrame([
    pl.Series("a", columnOf(df, a), pl.Float64),
    pl.Series("b", columnOf(df, b), pl.Float64),
  ]);
  const r = correlationTable(pair, "a", { columns: ["b"] }).toRecords()[0] as Record<
    string,
    number | null
  >;
  return {
    check,
    kind: "correlation",
    n: Number(r.n),
    value: r.pearson,
    low: r.pearson_low,
    high: r.pearson_high,
  };
}

/** Whether two keys name the same notes: equal key and mode, or relative major/minor. */
export function sameNotes(key: number, mode: number, keyAudio: number, modeAudio: number): boolean {
  if (key === keyAudio && mode === modeAudio) return true;
  if (mode === modeAudio) return false;
  return (mode === 1 && keyAudio === (key + 9) % 12) || (mode === 0 && keyAudio === (key + 3) % 12);
}

/**
 * The agreement checks on a table of {@link audioComparisonFrame}'s columns; each share or
 * correlation is over the rows where all the values it reads are present.
 */
export function audioAgreement(comparison: pl.DataFrame): Agreement[] {
  const complete = (...names: string[]): number[][] => {
    const cols = names.map((n) => columnOf(comparison, n));
    return Array.from({ length: comparison.height }, (_, i) => cols.map((c) => c[i]))
      .filter((row): row is number[] => row.every((v) => v !== null));
  };
  const within = (x: number, y: number) => Math.abs(y - x) <= 0.03 * Math.abs(x);
  const tempo = complete("tempo", "tempo_audio");
  const keys = complete("key", "mode", "key_audio", "mode_audio");
  return [
    share("tempo within 3 %", tempo, ([x, y]) => within(x, y)),
    share(
      "tempo within 3 % of the tempo, its half or its double",
      tempo,
      ([x, y]) => [x, x / 2, 2 * x].some((t) => within(t, y)),
    ),
    share("key and mode equal", keys, ([k, m, ka, ma]) => k === ka && m === ma),
    share(
      "key equal or its relative major/minor (same notes)",
      keys,
      ([k, m, ka, ma]) => sameNotes(k, m, ka, ma),
    ),
    share("mode equal", complete("mode", "mode_audio"), ([m, ma]) => m === ma),
    correlation(comparison, "loudness (dataset) vs RMS level", "loudness", "rms_db_audio"),
    correlation(
      comparison,
      "loudness (dataset) vs integrated loudness (LUFS)",
      "loudness",
      "lufs_audio",
    ),
    correlation(comparison, "energy (dataset) vs the energy proxy", "energy", "energy_audio"),
  ];
}
