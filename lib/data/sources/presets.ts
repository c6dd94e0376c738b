/**
 * Presets for the three real datasets of the shared data folder (see its README): where their
 * files are and how their columns map onto the canonical tables, so that one call imports each.
 *
 * - `hit-predictor` — "Spotify Hit Predictor", one CSV per decade; binary `target` (1 = on the
 *   Billboard Hot-100).
 * - `spotify-2023` — "Most streamed Spotify songs 2023"; regression on total `streams`.
 * - `playlist-tracks` — tracks with `track_pop` and `artist_pop`; regression on popularity.
 *
 * @example
 * ```ts
 * import { importPreset } from "./presets.ts";
 * const dataset = await importPreset("hit-predictor", {
 *   sharedData: "../shared/data",
 *   decades: ["10s"],
 * });
 * console.log(dataset.tracks.height); // 6398
 * console.log(dataset.target); // { column: "target", kind: "binary", threshold: null }
 * ```
 * @module
 */
import { AUDIO_FEATURE_COLUMNS } from "../schema.ts";
import type { Dataset } from "../dataset.ts";
import {
  CsvFileError,
  type CsvMapping,
  decodeText,
  importCsv,
  MAPPABLE_TRACK_COLUMNS,
  parseCsv,
  type SourceRow,
} from "./csv/mod.ts";

/** Raised for an unknown preset, an unknown option value or a preset file that is not there. */
export class PresetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PresetError";
  }
}

/** Raised when a Python-list string cannot be read; says what was expected and what was found. */
export class PythonListError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PythonListError";
  }
}

/** Names of the presets. */
export const PRESET_NAMES = ["hit-predictor", "spotify-2023", "playlist-tracks"] as const;
/** One preset name. */
export type PresetName = typeof PRESET_NAMES[number];

/** The decades of the hit-predictor files, oldest first (`dataset-of-<decade>.csv`). */
const HIT_PREDICTOR_DECADES = ["60s", "70s", "80s", "90s", "00s", "10s"] as const;

/**
 * Pitch classes of key names, C = 0 … B = 11, sharps and flats (Spotify's `key` convention).
 *
 * @example
 * ```ts
 * import { PITCH_CLASSES } from "./presets.ts";
 * PITCH_CLASSES["C#"]; // 1
 * ```
 */
export const PITCH_CLASSES: Readonly<Record<string, number>> = {
  C: 0,
  "C#": 1,
  Db: 1,
  D: 2,
  "D#": 3,
  Eb: 3,
  E: 4,
  F: 5,
  "F#": 6,
  Gb: 6,
  G: 7,
  "G#": 8,
  Ab: 8,
  A: 9,
  "A#": 10,
  Bb: 10,
  B: 11,
};

/**
 * Separator of a featured-artist credit ("Drake Featuring Kanye West", "X feat. Y",
 * "Quincy Jones (feat. …)"): the text before it is the primary artist.
 */
export const FEATURING = /\s+\(?(?:featuring|feat\.?|ft\.?)\s+/i;

/** Options of {@link importPreset}. */
export interface PresetOptions {
  /** The shared data folder (the presets' files sit in its sub-folders). */
  sharedData: string;
  /** A file or folder replacing the preset's default location. */
  path?: string;
  /** hit-predictor: decades to read, e.g. `["10s"]`; default all six. */
  decades?: readonly string[];
  /**
   * hit-predictor: take the artist before "Featuring"/"feat."/"ft." as the primary artist
   * (default true), so "Drake Featuring Kanye West" groups with "Drake". Commas are never split
   * there: "Earth, Wind & Fire" is one artist.
   */
  splitFeaturing?: boolean;
  /**
   * playlist-tracks: keep the ~660 one-hot genre columns, as `tables.genres` (track_id + one
   * 0/1 column per genre) — never in the tracks table. Default false: they are dropped and
   * counted in the dataset's `source`. They hold the same information as `artist_genres`.
   */
  keepGenreColumns?: boolean;
  /** What to do with duplicate track ids: `suffix` (default) or `exclude`; see importCsv. */
  duplicateIds?: "suffix" | "exclude";
}

/** A dataset preset: its files and its column mapping. */
export interface Preset {
  /** The preset's name, also the dataset's. */
  name: PresetName;
  /** What the dataset is, in words. */
  description: string;
  /** The files to read for these options. */
  files(options: PresetOptions): Promise<string[]>;
  /** The column mapping for these options. */
  mapping(options: PresetOptions): CsvMapping;
}

/**
 * The track id in a Spotify uri `spotify:track:<22 characters>` (or an open.spotify.com link).
 *
 * @throws {Error} when the text is no Spotify track uri.
 * @example
 * ```ts
 * import { spotifyTrackId } from "./presets.ts";
 * spotifyTrackId("spotify:track:2ZyuwVvV6Z3XJaXIFbspeE"); // "2ZyuwVvV6Z3XJaXIFbspeE"
 * ```
 */
export function spotifyTrackId(uri: string): string {
  const match = /^(?:spotify:track:|https?:\/\/open\.spotify\.com\/track\/)([0-9A-Za-z]{22})\b/
    .exec(uri.trim());
  if (!match) {
    throw new Error(
      `expected a Spotify track uri "spotify:track:<22 letters/digits>", found ${
        JSON.stringify(uri)
      }`,
    );
  }
  return match[1];
}

/**
 * Reads a Python list of strings as written by `str(list)`: `['dance pop', "women's music"]`,
 * `[]`. Items are quoted with `'` or `"`; backslash escapes (`\'`, `\"`, `\\`, `\n`, `\t`) are
 * understood.
 *
 * @throws {PythonListError} saying what was expected and what was found, and where.
 * @example
 * ```ts
 * import { parsePythonList } from "./presets.ts";
 * parsePythonList(`['folk', "women's music"]`); // ["folk", "women's music"]
 * ```
 */
export function parsePythonList(text: string): string[] {
  const s = text.trim();
  const fail = (expected: string, at: number): never => {
    throw new PythonListError(
      `expected ${expected} at position ${at} of a Python list of strings, found ${
        at >= s.length ? "the end" : JSON.stringify(s.slice(at, at + 10))
      } in ${JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s)}`,
    );
  };
  let i = 0;
  const skip = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  if (s[i] !== "[") fail('"["', i);
  i++;
  const items: string[] = [];
  skip();
  if (s[i] === "]") i++;
  else {
    for (;;) {
      skip();
      const quote = s[i];
      if (quote !== "'" && quote !== '"') fail("a quoted string", i);
      i++;
      let item = "";
      for (;;) {
        if (i >= s.length) fail(`a closing ${quote}`, i);
        const c = s[i];
        if (c === "\\") {
          const next = s[i + 1];
          item += next === "n" ? "\n" : next === "t" ? "\t" : next ?? "";
          i += 2;
          continue;
        }
        i++;
        if (c === quote) break;
        item += c;
      }
      items.push(item);
      skip();
      if (s[i] === ",") {
        i++;
        skip();
        if (s[i] === "]") {
          i++;
          break;
        }
        continue;
      }
      if (s[i] === "]") {
        i++;
        break;
      }
      fail('"," or "]"', i);
    }
  }
  if (i !== s.length) fail("the end of the list", i);
  return items;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch {
    return false;
  }
}

async function existing(paths: string[]): Promise<string[]> {
  for (const path of paths) {
    try {
      if (!(await Deno.stat(path)).isFile) throw new Error("not a file");
    } catch {
      throw new PresetError(`expected the preset file ${path}; found no such file`);
    }
  }
  return paths;
}

function join(folder: string, file: string): string {
  return `${folder.replace(/\/+$/, "")}/${file}`;
}

async function singleFile(
  options: PresetOptions,
  folder: string,
  file: string,
): Promise<string[]> {
  const path = options.path;
  if (path === undefined) return existing([join(join(options.sharedData, folder), file)]);
  return existing([(await isDirectory(path)) ? join(path, file) : path]);
}

/** The decade of a hit-predictor file name as its first year (`dataset-of-60s.csv` → 1960). */
function decadeOf(file: string): number | null {
  const match = /dataset-of-(\d)0s\.csv$/.exec(file);
  if (!match) return null;
  const digit = Number(match[1]);
  return digit >= 5 ? 1900 + digit * 10 : 2000 + digit * 10;
}

/** The Spotify audio features of the canonical schema, plus duration, as the files name them. */
const AUDIO_FEATURES = [...AUDIO_FEATURE_COLUMNS, "duration_ms"] as const;

const hitPredictor: Preset = {
  name: "hit-predictor",
  description: "Spotify Hit Predictor (Farooq Ansari, Kaggle): one file per decade, 1960s–2010s",
  files(options) {
    const chosen = options.decades ?? HIT_PREDICTOR_DECADES;
    const unknown = chosen.filter((d) => !(HIT_PREDICTOR_DECADES as readonly string[]).includes(d));
    if (unknown.length > 0 || chosen.length === 0) {
      throw new PresetError(
        `expected decades among ${HIT_PREDICTOR_DECADES.join(", ")}; found ${
          chosen.length === 0 ? "none" : unknown.join(", ")
        }`,
      );
    }
    const ordered = HIT_PREDICTOR_DECADES.filter((d) => chosen.includes(d));
    return (async () => {
      const path = options.path;
      if (path !== undefined && !(await isDirectory(path))) return existing([path]);
      const folder = path ?? join(options.sharedData, "hit-predictor");
      return existing(ordered.map((d) => join(folder, `dataset-of-${d}.csv`)));
    })();
  },
  mapping(options) {
    return {
      tracks: {
        track_id: { compute: (row: SourceRow) => spotifyTrackId(row.get("uri")), columns: ["uri"] },
        track_name: "track",
        ...Object.fromEntries(AUDIO_FEATURES.map((c) => [c, c])),
      },
      artist: {
        name: "artist",
        ...(options.splitFeaturing === false ? {} : { separator: FEATURING }),
      },
      extras: {
        target: { column: "target", parse: "integer" },
        chorus_hit: { column: "chorus_hit", parse: "number", min: 0 },
        sections: { column: "sections", parse: "integer", min: 0 },
        decade: { compute: (row: SourceRow) => decadeOf(row.file) },
        credited_artists: { column: "artist", parse: "string" },
      },
      target: { column: "target", kind: "binary" },
    };
  },
};

const count = (column: string) => ({
  column,
  parse: "integer" as const,
  thousands: ",",
  min: 0,
});
const percent = (column: string) => ({ column, parse: "number" as const, scale: 0.01 });

const spotify2023: Preset = {
  name: "spotify-2023",
  description: "Most streamed Spotify songs 2023 (Kaggle)",
  files: (options) => singleFile(options, "spotify-2023", "spotify-2023.csv"),
  mapping: () => ({
    tracks: {
      track_name: "track_name",
      tempo: "bpm",
      key: { column: "key", values: PITCH_CLASSES },
      mode: { column: "mode", values: { Major: 1, Minor: 0 } },
      danceability: percent("danceability_%"),
      valence: percent("valence_%"),
      energy: percent("energy_%"),
      acousticness: percent("acousticness_%"),
      instrumentalness: percent("instrumentalness_%"),
      liveness: percent("liveness_%"),
      speechiness: percent("speechiness_%"),
    },
    artist: { name: "artist(s)_name", separator: ", ", keepTogether: ["Tyler, The Creator"] },
    releaseDate: { year: "released_year", month: "released_month", day: "released_day" },
    extras: {
      streams: count("streams"),
      artist_count: count("artist_count"),
      in_spotify_playlists: count("in_spotify_playlists"),
      in_spotify_charts: count("in_spotify_charts"),
      in_apple_playlists: count("in_apple_playlists"),
      in_apple_charts: count("in_apple_charts"),
      in_deezer_playlists: count("in_deezer_playlists"),
      in_deezer_charts: count("in_deezer_charts"),
      in_shazam_charts: count("in_shazam_charts"),
      credited_artists: { column: "artist(s)_name", parse: "string" },
    },
    target: { column: "streams", kind: "regression", threshold: null },
  }),
};

/** The playlist file's audio features: the canonical ones but key and mode, and the duration. */
const PLAYLIST_FEATURES = AUDIO_FEATURES.filter((c) => c !== "key" && c !== "mode");

/** The playlist-tracks columns that are not one-hot genre columns. */
const PLAYLIST_COLUMNS: readonly string[] = [
  "track_name",
  "artist_name",
  "artist_pop",
  "artist_genres",
  "album",
  ...PLAYLIST_FEATURES,
  "genre_score",
  "track_pop",
];

const playlistTracks: Preset = {
  name: "playlist-tracks",
  description: "Spotify playlist tracks with track and artist popularity (course data)",
  files: (options) => singleFile(options, "playlist-tracks", "songs_playlist_df.csv"),
  mapping: (options) => ({
    tracks: {
      track_name: "track_name",
      track_popularity: "track_pop",
      ...Object.fromEntries(PLAYLIST_FEATURES.map((c) => [c, c])),
    },
    artist: {
      name: "artist_name",
      popularity: "artist_pop",
      genre: {
        compute: (row: SourceRow) => parsePythonList(row.get("artist_genres"))[0] ?? null,
        columns: ["artist_genres"],
      },
    },
    extras: {
      album: { column: "album", parse: "string" },
      genre_score: { column: "genre_score", parse: "number", min: 0 },
      artist_genres: {
        compute: (row: SourceRow) => JSON.stringify(parsePythonList(row.get("artist_genres"))),
        columns: ["artist_genres"],
      },
    },
    ...(options.keepGenreColumns
      ? {
        sideTables: {
          genres: {
            columns: (header: readonly string[]) =>
              header.filter((c) => !PLAYLIST_COLUMNS.includes(c)),
            parse: "integer" as const,
          },
        },
      }
      : {}),
    target: { column: "track_popularity", kind: "regression", threshold: 50 },
  }),
};

/**
 * The presets by name. Choices they make, beyond the column mapping:
 * - hit-predictor: `track_id` is the id in the Spotify uri; the 13 audio features map one to one;
 *   extras `target` (0/1), `chorus_hit`, `sections`, `decade` (first year: 1960 … 2010, from the
 *   file name) and `credited_artists` (the raw artist field). No release date: release_* are
 *   null. The same uri appears in several decade files (546 rows, some with a different target):
 *   every row is kept, later copies as `<id>#2` (see `tables.duplicate_ids`).
 * - spotify-2023: key letters → pitch class (empty key → null), Major/Minor → 1/0, `*_%` → 0–1,
 *   `bpm` → tempo, released_year/month/day → release_date/year/month; counts may hold thousands
 *   separators ("2,445"); `streams` is the target, so the row whose streams field is text is
 *   excluded and reported. The artist field lists all credited artists separated by ", "; the
 *   first is the primary artist ("Tyler, The Creator" is kept whole).
 * - playlist-tracks: `track_pop` → track_popularity, `artist_pop` → artist_popularity;
 *   `artist_genres` (a Python list) → the artist's genre is its first entry (null for `[]`), the
 *   whole list is kept as JSON text in the extra `artist_genres`; `album` and `genre_score` are
 *   extras; no key, mode or release date in the file.
 *
 * @example
 * ```ts
 * import { PRESETS } from "./presets.ts";
 * const files = await PRESETS["spotify-2023"].files({ sharedData: "../shared/data" });
 * ```
 */
export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  "hit-predictor": hitPredictor,
  "spotify-2023": spotify2023,
  "playlist-tracks": playlistTracks,
};

/**
 * Imports a preset dataset from the shared data folder (or `options.path`). The dataset's name is
 * the preset name; its `source` lists the files with their row counts and what was excluded.
 *
 * @throws {PresetError} for an unknown preset or decade, or a missing file; the errors of
 *   {@link importCsv} otherwise.
 * @example
 * ```ts
 * import { importPreset } from "./presets.ts";
 * const songs = await importPreset("spotify-2023", { sharedData: "../shared/data" });
 * console.log(songs.tracks.height, songs.issues); // 952, [{ row: 576, column: "streams", … }]
 * ```
 */
export async function importPreset(name: PresetName, options: PresetOptions): Promise<Dataset> {
  const preset = (PRESETS as Record<string, Preset | undefined>)[name];
  if (!preset) {
    throw new PresetError(
      `expected a preset among ${PRESET_NAMES.join(", ")}; found ${JSON.stringify(name)}`,
    );
  }
  const files = await preset.files(options);
  return importCsv(files, preset.mapping(options), {
    name: preset.name,
    description: `${preset.name} (${preset.description})`,
    duplicateIds: options.duplicateIds,
  });
}

/**
 * Imports a CSV whose columns already carry the canonical names of lib/data/schema.ts (such as
 * the consolidated CSV this workspace writes, or a user's own table): every canonical column
 * present in the header is read, `track_name`, `artist_name` and `track_popularity` are required, ids are derived
 * from names when absent, and the target is `track_popularity` (regression, popular at ≥
 * `threshold`).
 *
 * @throws {MissingColumnError} (from ./csv/mod.ts) when `track_name` or `artist_name` is missing.
 * @example
 * ```ts
 * import { importCanonicalCsv } from "./presets.ts";
 * // const dataset = await importCanonicalCsv("data/demo-tiny-seed42-44100hz/demo-tiny.csv");
 * ```
 */
export async function importCanonicalCsv(
  path: string,
  options: { threshold?: number } = {},
): Promise<Dataset> {
  let header: string[];
  try {
    header = parseCsv(decodeText(await Deno.readFile(path)).text.split(/\r?\n/, 1)[0]).header;
  } catch (error) {
    throw new CsvFileError(`expected a readable CSV file at ${path}; found ${String(error)}`);
  }
  const present = new Set(header);
  // The name columns and the target are always mapped, so a file without them fails naming them.
  const tracks: Record<string, string> = {
    track_name: "track_name",
    track_popularity: "track_popularity",
  };
  for (const column of MAPPABLE_TRACK_COLUMNS) if (present.has(column)) tracks[column] = column;
  const artistField = (column: string) => present.has(column) ? column : undefined;
  return await importCsv(path, {
    tracks,
    artist: {
      name: "artist_name",
      id: artistField("artist_id"),
      popularity: artistField("artist_popularity"),
      followers: artistField("followers"),
      genre: artistField("genre"),
    },
    target: { column: "track_popularity", kind: "regression", threshold: options.threshold ?? 50 },
  });
}
