/**
 * A validated mapping turned into what to read from every row ({@link planRead}): the track,
 * extra and artist fields with their range checks, required fields (ids, name, artist, target)
 * first. Internal to the import.
 *
 * @example
 * ```ts
 * import { validateMapping } from "./mapping.ts";
 * import { planRead } from "./plan.ts";
 * const plan = planRead(validateMapping({
 *   tracks: { track_name: "title", tempo: "bpm" },
 *   artist: { name: "artist" },
 *   target: { column: "tempo", kind: "regression" },
 * }));
 * plan.fields.map((f) => [f.name, f.required]); // [["track_name", true], ["tempo", true]]
 * ```
 * @module
 */
import type { z } from "zod";
import { targetSpec } from "../../dataset.ts";
import { ArtistRow, type TargetSpec, TrackRow } from "../../schema.ts";
import { extraCheck, type FieldPlan, shapeCheck } from "./fields.ts";
import type { FieldSpec, ValidCsvMapping } from "./mapping.ts";

/** The mapping turned into what to read from every row. */
export interface ReadPlan {
  mapping: ValidCsvMapping;
  target: TargetSpec;
  /** Track and extra fields, required ones first so that an excluded row stops early. */
  fields: FieldPlan[];
  artistFields: FieldPlan[];
  artistName: FieldPlan;
  artistId: FieldPlan | null;
  /** Where release_date/year/month come from, for issues. */
  dateLabel: string;
}

function isRequired(spec: FieldSpec): boolean {
  return typeof spec === "object" && spec.required === true;
}

export function planRead(mapping: ValidCsvMapping): ReadPlan {
  const target = targetSpec(mapping.target);
  const binary = target.kind === "binary";
  const trackShape: Record<string, z.ZodType> = TrackRow.shape;
  const artistShape: Record<string, z.ZodType> = ArtistRow.shape;
  const fields: FieldPlan[] = [];
  for (const [name, spec] of Object.entries(mapping.tracks)) {
    if (!spec) continue;
    const isTarget = name === target.column;
    const inRange = shapeCheck(trackShape[name]);
    const binaryCheck = extraCheck(name, true);
    fields.push({
      name,
      table: "track",
      label: `tracks.${name}`,
      spec,
      required: name === "track_id" || name === "track_name" || isTarget || isRequired(spec),
      check: binary && isTarget ? (v) => inRange(v) ?? binaryCheck(v) : inRange,
    });
  }
  for (const [name, spec] of Object.entries(mapping.extras ?? {})) {
    fields.push({
      name,
      table: "extra",
      label: `extras.${name}`,
      spec,
      required: name === target.column || isRequired(spec),
      check: extraCheck(spec, binary && name === target.column),
    });
  }
  fields.sort((a, b) => Number(b.required) - Number(a.required));
  const artistFields: FieldPlan[] = [];
  for (
    const [key, name] of [
      ["popularity", "artist_popularity"],
      ["followers", "followers"],
      ["genre", "genre"],
    ] as const
  ) {
    const spec = mapping.artist[key];
    if (!spec) continue;
    artistFields.push({
      name,
      table: "artist",
      label: `artist.${key}`,
      spec,
      required: isRequired(spec),
      check: shapeCheck(artistShape[name]),
    });
  }
  const date = mapping.releaseDate;
  return {
    mapping,
    target,
    fields,
    artistFields,
    artistName: {
      name: "artist_name",
      table: "artist",
      label: "artist.name",
      spec: mapping.artist.name,
      required: true,
      check: () => null,
    },
    artistId: mapping.artist.id
      ? {
        name: "artist_id",
        table: "track",
        label: "artist.id",
        spec: mapping.artist.id,
        required: true,
        check: shapeCheck(trackShape.artist_id),
      }
      : null,
    dateLabel: date ? ("column" in date ? date.column : date.year) : "",
  };
}
