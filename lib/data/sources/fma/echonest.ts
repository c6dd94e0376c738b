/**
 * The Echo Nest audio features of `echonest.csv` (three header levels, ~13k tracks): acousticness,
 * danceability, energy, instrumentalness, liveness, speechiness, tempo and valence per track id
 * ({@link readEchonest}) — the predecessor of Spotify's audio features, so they fill the
 * canonical columns of the same names.
 *
 * @example
 * ```ts
 * import { readEchonest } from "./echonest.ts";
 * const { features, issues } = readEchonest(await Deno.readTextFile("fma_metadata/echonest.csv"));
 * console.log(features.get(2)?.tempo, issues.length);
 * ```
 * @module
 */
import type { DataIssue } from "../../dataset.ts";
import { FmaFileError } from "./errors.ts";
import { readMultiHeaderCsv } from "./table.ts";

/** The Echo Nest features FMA ships, by their canonical column names. */
export const ECHONEST_FEATURES = [
  "acousticness",
  "danceability",
  "energy",
  "instrumentalness",
  "liveness",
  "speechiness",
  "tempo",
  "valence",
] as const;
/** One Echo Nest feature. */
export type EchonestFeature = typeof ECHONEST_FEATURES[number];

/** One track's features; a value outside its range or missing is null. */
export type EchonestRow = Record<EchonestFeature, number | null>;

/** What {@link readEchonest} returns. */
export interface EchonestTable {
  /** Features per numeric track id. */
  features: Map<number, EchonestRow>;
  /** Rows dropped (ragged, bad id) and values nulled, with echonest.csv's line. */
  issues: DataIssue[];
}

function inRange(feature: EchonestFeature, value: number): boolean {
  return feature === "tempo" ? value >= 0 : value >= 0 && value <= 1;
}

/**
 * Reads echonest.csv as pandas wrote it (`read_csv(index_col=0, header=[0, 1, 2])`), keeping the
 * `echonest/audio_features/*` columns. Tempo is in beats per minute, the others in 0–1.
 *
 * @param text the file's text
 * @param options `file`: its name in reasons (default `echonest.csv`); `keep`: the track ids
 *   wanted (default all) — rows of other tracks are skipped without issues
 * @throws {FmaFileError} when the layout is not FMA's or a feature column is missing
 */
export function readEchonest(
  text: string,
  options: { file?: string; keep?: (id: number) => boolean } = {},
): EchonestTable {
  const file = options.file ?? "echonest.csv";
  const keep = options.keep ?? (() => true);
  const table = readMultiHeaderCsv(text, { levels: 3, file });
  const index = ECHONEST_FEATURES.map((f) => table.columns.indexOf(`echonest/audio_features/${f}`));
  const missing = ECHONEST_FEATURES.filter((_, k) => index[k] < 0);
  if (missing.length > 0) {
    throw new FmaFileError(
      `${file}: expected the columns echonest/audio_features/{${ECHONEST_FEATURES.join(",")}}; ` +
        `missing ${missing.join(", ")} among ${table.columns.length} columns`,
    );
  }
  const wanted = (id: string) => !/^\d+$/.test(id) || keep(Number(id));
  const issues: DataIssue[] = table.malformed.filter((m) => wanted(m.fields[0] ?? "")).map((m) => ({
    row: m.line,
    column: null,
    reason: `${file}: ${m.reason}; the row's Echo Nest features are left empty`,
    action: "excluded",
  }));
  const features = new Map<number, EchonestRow>();
  for (const row of table.rows) {
    if (!wanted(row.id)) continue;
    const id = Number(row.id);
    if (!/^\d+$/.test(row.id)) {
      issues.push({
        row: row.line,
        column: table.index,
        reason: `${file}: ${table.index}: expected a non-negative integer, found ${
          JSON.stringify(row.id)
        }`,
        action: "excluded",
      });
      continue;
    }
    const values = {} as EchonestRow;
    ECHONEST_FEATURES.forEach((feature, k) => {
      const cell = row.fields[index[k]].trim();
      const value = cell === "" ? null : Number(cell);
      if (value !== null && !(Number.isFinite(value) && inRange(feature, value))) {
        issues.push({
          row: row.line,
          column: feature,
          reason: `${file}: ${feature}: expected ${
            feature === "tempo" ? "a tempo ≥ 0 BPM" : "a number in 0–1"
          }, found ${JSON.stringify(cell)}`,
          action: "nulled",
        });
        values[feature] = null;
      } else values[feature] = value;
    });
    features.set(id, values);
  }
  return { features, issues };
}
