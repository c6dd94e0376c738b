/**
 * Reading one source row through a bound file ({@link readRow}): the artists, ids, track, extra,
 * release-date and artist values. A bad value in a required field excludes the row
 * ({@link ExcludeRow}); elsewhere it is nulled and logged. Internal to the import.
 *
 * @example
 * ```ts
 * import { bindFile } from "./bind.ts";
 * import { IssueLog } from "./issue_log.ts";
 * import { validateMapping } from "./mapping.ts";
 * import { planRead } from "./plan.ts";
 * import { readRow } from "./read_row.ts";
 * const plan = planRead(validateMapping({
 *   tracks: { track_name: "title", tempo: "bpm" },
 *   artist: { name: "artist" },
 *   target: { column: "track_name", kind: "regression" },
 * }));
 * const bound = bindFile(plan, ["title", "artist", "bpm"], "songs.csv", 0, new Map());
 * const log = new IssueLog();
 * const row = readRow(plan, bound, 2, ["Seven", "Latto", "fast"], log);
 * row.track; // { artist_name: "Latto", artist_id: "name:latto", track_name: "Seven", tempo: null, … }
 * log.all()[0].reason; // "songs.csv: tracks.tempo: expected a number, found \"fast\""
 * ```
 * @module
 */
import type { BoundFile } from "./bind.ts";
import type { BoundField } from "./fields.ts";
import type { IssueLog } from "./issue_log.ts";
import type { CellValue } from "./mapping.ts";
import { artistIdFromName, splitArtists, trackIdFromNames } from "./names.ts";
import type { ReadPlan } from "./plan.ts";
import { DATE_COLUMNS, NO_RELEASE, type ReleaseParts } from "./release_date.ts";
import { asCell, ValueError } from "./values.ts";

/** A row that passed: its track values, its artist's values and where it came from. */
export interface KeptRow {
  fileIndex: number;
  file: string;
  line: number;
  fields: string[];
  sideIndices: number[][];
  track: Record<string, unknown>;
  artist: { artist_popularity: CellValue; followers: CellValue; genre: CellValue };
}

/** Raised inside {@link readRow} to exclude the row; carries the issue. */
export class ExcludeRow extends Error {
  constructor(readonly column: string | null, readonly label: string, message: string) {
    super(message);
  }
}

function readValue(bound: BoundFile, field: BoundField, fields: string[]): CellValue {
  const value = asCell(field.read(fields, bound.row));
  const problem = field.plan.check(value);
  if (problem) throw new ValueError(problem);
  return value;
}

/** Reads a field; a bad value excludes the row (required field) or is nulled and logged. */
function readOrNull(
  bound: BoundFile,
  field: BoundField,
  fields: string[],
  line: number,
  log: IssueLog,
): CellValue {
  try {
    const value = readValue(bound, field, fields);
    if (value === null && field.plan.required) {
      throw new ValueError("expected a value; found an empty field");
    }
    return value;
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    const column = field.source ?? field.plan.name;
    if (field.plan.required) throw new ExcludeRow(column, field.plan.label, error.message);
    log.add(bound.fileIndex, {
      row: line,
      column,
      reason: `${bound.file}: ${field.plan.label}: ${error.message}`,
      action: "nulled",
    });
    return null;
  }
}

function readArtistNames(
  bound: BoundFile,
  fields: string[],
  separator: string | RegExp | undefined,
  keepTogether: readonly string[],
): string[] {
  const field = bound.artistName;
  const fail = (message: string) =>
    new ExcludeRow(field.source ?? field.plan.name, field.plan.label, message);
  let value: unknown;
  try {
    value = field.read(fields, bound.row);
  } catch (error) {
    if (error instanceof ValueError) throw fail(error.message);
    throw error;
  }
  let names: string[];
  if (Array.isArray(value)) names = value.map((v) => String(v).trim());
  else if (typeof value === "string") {
    names = separator ? splitArtists(value, separator, keepTogether) : [value.trim()];
  } else if (value === null) names = [];
  else throw fail(`expected an artist name, found ${JSON.stringify(value)}`);
  names = names.filter((n) => n.length > 0);
  if (names.length === 0) throw fail("expected an artist name; found an empty field");
  return names;
}

/** Reads one source row into a {@link KeptRow}; throws {@link ExcludeRow} to exclude it. */
export function readRow(
  plan: ReadPlan,
  bound: BoundFile,
  line: number,
  fields: string[],
  log: IssueLog,
): KeptRow {
  bound.row.fields = fields;
  bound.row.line = line;
  const { mapping, target } = plan;
  const names = readArtistNames(
    bound,
    fields,
    mapping.artist.separator,
    mapping.artist.keepTogether ?? [],
  );
  const track: Record<string, unknown> = { artist_name: names[0] };
  track.artist_id = bound.artistId
    ? String(readOrNull(bound, bound.artistId, fields, line, log))
    : artistIdFromName(names[0]);
  for (const field of bound.fields) {
    const value = readOrNull(bound, field, fields, line, log);
    track[field.plan.name] = field.plan.table === "extra" && typeof value === "boolean"
      ? Number(value)
      : value;
  }
  if (mapping.releaseDate) {
    const dateIsTarget = (DATE_COLUMNS as readonly string[]).includes(target.column);
    let parts = NO_RELEASE;
    try {
      parts = bound.date(fields);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      if (dateIsTarget) throw new ExcludeRow(plan.dateLabel, "releaseDate", error.message);
      log.add(bound.fileIndex, {
        row: line,
        column: plan.dateLabel,
        reason: `${bound.file}: releaseDate: ${error.message}`,
        action: "nulled",
      });
    }
    if (dateIsTarget && parts[target.column as keyof ReleaseParts] === null) {
      throw new ExcludeRow(plan.dateLabel, "releaseDate", "expected a value; found none");
    }
    Object.assign(track, parts);
  }
  if (!mapping.tracks.track_id) track.track_id = trackIdFromNames(names, String(track.track_name));
  const artist: KeptRow["artist"] = { artist_popularity: null, followers: null, genre: null };
  for (const field of bound.artistFields) {
    artist[field.plan.name as keyof KeptRow["artist"]] = readOrNull(
      bound,
      field,
      fields,
      line,
      log,
    );
  }
  const { file, fileIndex, sideIndices } = bound;
  return { fileIndex, file, line, fields, sideIndices, track, artist };
}
