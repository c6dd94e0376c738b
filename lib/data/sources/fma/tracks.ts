/**
 * tracks.csv's rows as canonical track records ({@link readFmaTracks}): FMA's own columns
 * (`track/listens`, `artist/id`, `set/split`, …) mapped onto lib/data/schema.ts, with every row
 * dropped or value nulled reported with its line and reason.
 *
 * @example
 * ```ts
 * import { readFmaTracks } from "./tracks.ts";
 * const text = await Deno.readTextFile("fma_metadata/tracks.csv");
 * const { tracks, issues } = readFmaTracks(text, { subset: "small", audioDir: "fma_small" });
 * console.log(tracks.length, tracks[0].listens, tracks[0].audio_path, issues.length);
 * ```
 * @module
 */
import type { DataIssue } from "../../dataset.ts";
import { FmaFileError } from "./errors.ts";
import { parsePythonLiteralList } from "./literal.ts";
import { fmaAudioPath, type FmaSubset, inFmaSubset } from "./paths.ts";
import { readMultiHeaderCsv } from "./table.ts";

/** Columns of tracks.csv the import cannot do without. */
const FMA_REQUIRED_COLUMNS = [
  "track/title",
  "track/listens",
  "artist/id",
  "artist/name",
  "set/subset",
  "set/split",
] as const;

/** FMA's own split values, kept as the `fma_split` column. */
const FMA_SPLITS = ["training", "validation", "test"] as const;

/** One track as read from tracks.csv: canonical columns plus FMA's own. */
export interface FmaTrack {
  /** FMA's numeric id, for joins (the canonical `track_id` is its decimal string). */
  id: number;
  /** FMA's track id as a decimal string: the canonical track id. */
  track_id: string;
  /** The track's title. */
  track_name: string;
  /** FMA's artist id as a decimal string. */
  artist_id: string;
  /** The artist's name. */
  artist_name: string;
  /** Release date `YYYY-MM-DD` from album/date_released; null when missing or not a date. */
  release_date: string | null;
  /** Year of `release_date`; null when unknown. */
  release_year: number | null;
  /** Month of `release_date`, 1–12; null when unknown. */
  release_month: number | null;
  /** Duration in milliseconds (FMA gives seconds); null when missing. */
  duration_ms: number | null;
  /** `<audioDir>/<first 3 digits>/<6-digit id>.mp3` when an audio folder was given, else null. */
  audio_path: string | null;
  /** Plays counted by FMA: the popularity signal. */
  listens: number;
  /** Users who marked the track as a favourite. */
  favorites: number | null;
  /** FMA's interest score (a function of listens, favourites and comments). */
  interest: number | null;
  /** The track's top-level genre, when FMA could name one. */
  genre_top: string | null;
  /** The genre ids of the track, as a JSON list (`[21, 41]`). */
  genres: string | null;
  /** `training`, `validation` or `test`: FMA's own split. */
  fma_split: string | null;
  /** The smallest FMA subset holding the track (`small`, `medium`, `large`). */
  fma_subset: string | null;
  /** Favourites of the artist on FMA (kept on the artists table as `followers`). */
  artist_favorites: number | null;
}

/** Options of {@link readFmaTracks}. */
export interface ReadFmaTracksOptions {
  /** The subset kept; default `small`. */
  subset?: FmaSubset;
  /** The subset's audio folder; empty or absent: no audio paths. */
  audioDir?: string;
  /** The file's name in reasons; default `tracks.csv`. */
  file?: string;
}

/** What {@link readFmaTracks} returns. */
export interface FmaTracks {
  /** Tracks of the subset, in file order. */
  tracks: FmaTrack[];
  /** Rows dropped and values nulled, with the file's line, in line order. */
  issues: DataIssue[];
  /** Data rows read (well-formed or not), for the source note. */
  rowsRead: number;
}

class RowError extends Error {
  constructor(readonly column: string, message: string) {
    super(message);
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/;

/**
 * Reads tracks.csv (`read_csv(index_col=0, header=[0, 1])` in pandas) and keeps the tracks of a
 * subset. Mapping: `track_id` ← the index; `track_name` ← track/title; `artist_id`/`artist_name`
 * ← artist/id and artist/name; `release_date` ← album/date_released (day precision);
 * `duration_ms` ← track/duration (seconds) × 1000; `listens`, `favorites`, `interest`,
 * `genre_top` ← track/*; `genres` ← track/genres (a Python list, kept as JSON); `fma_split` ←
 * set/split; `audio_path` ← {@link fmaAudioPath}.
 *
 * Excluded, with line and reason: ragged or badly quoted rows, a track id that is not a
 * non-negative integer or repeats an earlier one, a missing or negative `listens` (the target), a
 * missing artist id. Nulled, with line and reason: any other ill-typed value (a date that is not
 * a date, a genre list that is not a Python list, a negative count, an unknown split).
 *
 * @throws {FmaFileError} when the layout is not FMA's or a required column is missing
 */
export function readFmaTracks(text: string, options: ReadFmaTracksOptions = {}): FmaTracks {
  const file = options.file ?? "tracks.csv";
  const subset = options.subset ?? "small";
  const table = readMultiHeaderCsv(text, { levels: 2, file });
  const col = new Map(table.columns.map((c, j) => [c, j]));
  const missing = FMA_REQUIRED_COLUMNS.filter((c) => !col.has(c));
  if (missing.length > 0) {
    throw new FmaFileError(
      `${file}: expected the columns ${FMA_REQUIRED_COLUMNS.join(", ")}; missing ${
        missing.join(", ")
      }; found ${table.columns.slice(0, 12).join(", ")}${table.columns.length > 12 ? ", …" : ""}`,
    );
  }
  const issues: DataIssue[] = table.malformed.map((m) => ({
    row: m.line,
    column: null,
    reason: `${file}: ${m.reason}`,
    action: "excluded",
  }));
  const tracks: FmaTrack[] = [];
  const seen = new Map<number, number>();
  for (const row of table.rows) {
    const cell = (name: string) => {
      const j = col.get(name);
      return j === undefined ? "" : row.fields[j].trim();
    };
    if (!inFmaSubset(cell("set/subset"), subset)) continue;
    const nulled = (column: string, message: string) =>
      issues.push({
        row: row.line,
        column,
        reason: `${file}: ${column}: ${message}`,
        action: "nulled",
      });
    const count = (column: string, required: boolean): number | null => {
      const text = cell(column);
      const value = text === "" ? NaN : Number(text);
      if (Number.isInteger(value) && value >= 0) return value;
      const message = `expected a count (an integer ≥ 0), found ${JSON.stringify(text)}`;
      if (required) throw new RowError(column, message);
      if (text !== "") nulled(column, message);
      return null;
    };
    try {
      if (!/^\d+$/.test(row.id)) {
        throw new RowError(
          table.index,
          `expected a non-negative integer, found ${JSON.stringify(row.id)}`,
        );
      }
      const id = Number(row.id);
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        throw new RowError(table.index, `duplicate track id ${id} (first on line ${earlier})`);
      }
      const listens = count("track/listens", true)!;
      const artistId = count("artist/id", true)!;
      seen.set(id, row.line);
      let release: { date: string; year: number; month: number } | null = null;
      const released = cell("album/date_released");
      const date = released.match(DATE);
      const [year, month, day] = date ? [1, 2, 3].map((k) => Number(date[k])) : [0, 0, 0];
      if (
        date && year >= 1800 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31
      ) {
        release = {
          date: `${date[1]}-${date[2]}-${date[3]}`,
          year,
          month,
        };
      } else if (released !== "") {
        nulled(
          "album/date_released",
          `expected a date YYYY-MM-DD[ hh:mm:ss], found ${JSON.stringify(released)}`,
        );
      }
      const durationText = cell("track/duration");
      const duration = durationText === "" ? null : Number(durationText);
      if (duration !== null && !(Number.isFinite(duration) && duration >= 0)) {
        nulled("track/duration", `expected seconds ≥ 0, found ${JSON.stringify(durationText)}`);
      }
      let genres: string | null = null;
      if (cell("track/genres") !== "") {
        try {
          genres = JSON.stringify(parsePythonLiteralList(cell("track/genres")));
        } catch (error) {
          nulled("track/genres", (error as Error).message);
        }
      }
      const split = cell("set/split");
      const knownSplit = (FMA_SPLITS as readonly string[]).includes(split);
      if (split !== "" && !knownSplit) {
        nulled(
          "set/split",
          `expected one of ${FMA_SPLITS.join(", ")}, found ${JSON.stringify(split)}`,
        );
      }
      tracks.push({
        id,
        track_id: String(id),
        track_name: cell("track/title"),
        artist_id: String(artistId),
        artist_name: cell("artist/name"),
        release_date: release?.date ?? null,
        release_year: release?.year ?? null,
        release_month: release?.month ?? null,
        duration_ms: duration !== null && Number.isFinite(duration) && duration >= 0
          ? duration * 1000
          : null,
        audio_path: options.audioDir ? fmaAudioPath(options.audioDir, id) : null,
        listens,
        favorites: count("track/favorites", false),
        interest: count("track/interest", false),
        genre_top: cell("track/genre_top") || null,
        genres,
        fma_split: knownSplit ? split : null,
        fma_subset: cell("set/subset") || null,
        artist_favorites: count("artist/favorites", false),
      });
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      issues.push({
        row: row.line,
        column: error.column,
        reason: `${file}: ${error.column}: ${error.message}`,
        action: "excluded",
      });
    }
  }
  issues.sort((a, b) => a.row - b.row);
  return { tracks, issues, rowsRead: table.rows.length + table.malformed.length };
}
