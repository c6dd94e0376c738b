/**
 * The Free Music Archive (mdeff/fma) as a {@link Dataset} ({@link importFma}): tracks.csv of
 * `fma_metadata/` read with its two-row header, the Echo Nest features of echonest.csv joined
 * where present, one subset kept, and each track's MP3 path in FMA's layout.
 *
 * @example
 * ```ts
 * import { importFma } from "./import.ts";
 * const dataset = await importFma({
 *   metadataDir: "fma_metadata",
 *   audioDir: "fma_small",
 *   subset: "small",
 * });
 * console.log(dataset.tracks.height, dataset.target.column); // 8000 "listens"
 * ```
 * @module
 */
import { artistsFrame, targetSpec, tracksFrame } from "../../dataset.ts";
import type { DataIssue, Dataset } from "../../dataset.ts";
import { decodeText } from "../csv/decode.ts";
import { ECHONEST_FEATURES, type EchonestRow, readEchonest } from "./echonest.ts";
import { FmaFileError } from "./errors.ts";
import type { FmaSubset } from "./paths.ts";
import { type FmaTrack, readFmaTracks } from "./tracks.ts";

/** Columns the FMA import keeps on the tracks table beside the canonical ones. */
const FMA_EXTRA_COLUMNS = [
  "listens",
  "favorites",
  "interest",
  "genre_top",
  "genres",
  "fma_split",
  "fma_subset",
] as const;

/** Options of {@link importFma}. */
export interface ImportFmaOptions {
  /** The `fma_metadata/` folder holding tracks.csv (and echonest.csv, optional). */
  metadataDir: string;
  /** The subset's audio folder (`fma_small/`…); empty or absent: tracks without audio paths. */
  audioDir?: string;
  /** The subset kept; default `small`. */
  subset?: FmaSubset;
}

async function readText(path: string, required: boolean): Promise<string | null> {
  try {
    return decodeText(await Deno.readFile(path)).text;
  } catch (error) {
    if (!required && error instanceof Deno.errors.NotFound) return null;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new FmaFileError(`expected a readable FMA metadata file at ${path}; found ${reason}`);
  }
}

function mostCommon(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  for (const v of values) {
    if (v === null) continue;
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best === null || n > counts.get(best)!) best = v;
  }
  return best;
}

function artistRows(tracks: readonly FmaTrack[]) {
  const byArtist = new Map<string, FmaTrack[]>();
  for (const t of tracks) {
    const list = byArtist.get(t.artist_id);
    if (list) list.push(t);
    else byArtist.set(t.artist_id, [t]);
  }
  return [...byArtist.entries()].map(([id, list]) => {
    const favourites = list.map((t) => t.artist_favorites).filter((v) => v !== null);
    return {
      artist_id: id,
      artist_name: list[0].artist_name,
      artist_popularity: null,
      followers: favourites.length > 0 ? Math.max(...favourites) : null,
      genre: mostCommon(list.map((t) => t.genre_top)),
    };
  });
}

/**
 * Imports FMA's metadata into the canonical tables.
 *
 * - Tracks: see {@link readFmaTracks} for the mapping and what is excluded or nulled (with
 *   tracks.csv's line). `listens`, `favorites`, `interest`, `genre_top`, `genres`, `fma_split`
 *   (FMA's own training/validation/test) and `fma_subset` are kept as extra columns;
 *   `track_popularity` is null (FMA has no 0–100 index). The target is `listens` (regression).
 * - Echo Nest: acousticness, danceability, energy, instrumentalness, liveness, speechiness,
 *   tempo and valence from echonest.csv fill the canonical columns where the track has a row
 *   (about 13k of FMA's tracks); without the file they stay null.
 * - Artists: one row per artist id, named by its first track's spelling; `followers` ← the
 *   artist's favourites on FMA; `genre` ← the most common `genre_top` of its tracks.
 * - Audio: `audio_path` is `<audioDir>/<first 3 digits>/<6-digit id>.mp3`, not checked here: a
 *   missing or broken file is listed by the extraction's failures table.
 *
 * @throws {FmaFileError} when tracks.csv is missing, unreadable or not in FMA's layout
 */
export async function importFma(options: ImportFmaOptions): Promise<Dataset> {
  const subset = options.subset ?? "small";
  const dir = options.metadataDir.replace(/\/+$/, "");
  const tracksText = (await readText(`${dir}/tracks.csv`, true))!;
  const read = readFmaTracks(tracksText, { subset, audioDir: options.audioDir });
  const echonestText = await readText(`${dir}/echonest.csv`, false);
  const wanted = new Set(read.tracks.map((t) => t.id));
  const echonest = echonestText === null
    ? null
    : readEchonest(echonestText, { keep: (id) => wanted.has(id) });
  const issues: DataIssue[] = [...read.issues, ...(echonest?.issues ?? [])];
  const empty = Object.fromEntries(ECHONEST_FEATURES.map((f) => [f, null])) as EchonestRow;
  let withFeatures = 0;
  const rows = read.tracks.map((t) => {
    const features = echonest?.features.get(t.id);
    if (features) withFeatures++;
    const { id: _id, artist_favorites: _favourites, ...track } = t;
    return { ...track, ...empty, ...features };
  });
  const tracks = tracksFrame(rows, FMA_EXTRA_COLUMNS);
  const excluded = read.issues.filter((i) => i.action === "excluded").length;
  const notes = [
    `tracks.csv: ${read.rowsRead} rows, ${rows.length} in fma_${subset}, ${excluded} excluded`,
    echonest
      ? `echonest.csv: Echo Nest features for ${withFeatures} of them`
      : "no echonest.csv: Echo Nest features empty",
    options.audioDir ? `audio in ${options.audioDir}` : "no audio folder configured",
  ];
  return {
    name: `fma-${subset}`,
    source: `Free Music Archive, fma_${subset} (${dir}): ${notes.join("; ")}`,
    artists: artistsFrame(artistRows(read.tracks)),
    tracks,
    target: targetSpec({ column: "listens", kind: "regression", threshold: null }),
    issues,
    tables: {},
  };
}
