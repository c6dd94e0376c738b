/**
 * The metadata encoder: the metadata branch's inputs, tabular columns of a track (its artist's
 * popularity and followers, release date, duration, the protocol's top-track flag, Spotify's
 * audio features, the genre) turned into standardised numbers. The encoder is fitted on the
 * training rows only — means, standard deviations and genre categories — and applied unchanged
 * to validation, test and new songs, so nothing leaks from the rows being scored.
 *
 * A missing value becomes the training mean (0 after standardising); a column with no value in
 * the training rows is left out and listed in {@link MetadataEncoder.dropped}.
 *
 * @example
 * ```ts
 * import { MetadataEncoder } from "./metadata_encoder.ts";
 * const rows = [{ artist_popularity: 60, followers: 1e5 }, { artist_popularity: 40, followers: 10 }];
 * const encoder = MetadataEncoder.fit(rows, [
 *   { column: "artist_popularity" },
 *   { column: "followers", transform: "log10p1" },
 * ]);
 * console.log(encoder.names, encoder.transform(rows)); // ["artist_popularity", "log10p1(followers)"]
 * ```
 * @module
 */
import { z } from "zod";

/** How a column becomes one or more of the network's metadata inputs. */
export const MetadataTransform: z.ZodEnum<
  { identity: "identity"; log10p1: "log10p1"; bool: "bool"; onehot: "onehot" }
> = z.enum(["identity", "log10p1", "bool", "onehot"]);
/** identity; log10(1 + x) for counts; 1/0 for booleans; one column per category (onehot). */
export type MetadataTransform = z.infer<typeof MetadataTransform>;

/** One column and its transform. */
export const MetadataColumnSpec: z.ZodObject<
  { column: z.ZodString; transform: z.ZodDefault<typeof MetadataTransform> },
  z.core.$strip
> = z.object({
  column: z.string().min(1),
  transform: MetadataTransform.default("identity"),
});
/** A column specification as given (the transform may be left out). */
export type MetadataColumnSpec = z.input<typeof MetadataColumnSpec>;

/**
 * Default metadata columns: what the seed paper collected besides the audio — the artist's
 * popularity and followers, release year and month, duration, whether the song is one of the
 * artist's top tracks, Spotify's audio features and the genre.
 */
export const DEFAULT_METADATA_COLUMNS: readonly MetadataColumnSpec[] = [
  { column: "artist_popularity" },
  { column: "followers", transform: "log10p1" },
  { column: "release_year" },
  { column: "release_month" },
  { column: "duration_ms" },
  { column: "is_top_track", transform: "bool" },
  { column: "danceability" },
  { column: "energy" },
  { column: "loudness" },
  { column: "mode" },
  { column: "speechiness" },
  { column: "acousticness" },
  { column: "instrumentalness" },
  { column: "liveness" },
  { column: "valence" },
  { column: "tempo" },
  { column: "time_signature" },
  { column: "genre", transform: "onehot" },
];

/** One fitted input of the network. */
export const FittedMetadataInput: z.ZodObject<
  {
    name: z.ZodString;
    column: z.ZodString;
    transform: typeof MetadataTransform;
    category: z.ZodNullable<z.ZodString>;
    mean: z.ZodNumber;
    sd: z.ZodNumber;
  },
  z.core.$strip
> = z.object({
  /** Shown name: `column`, `log10p1(column)` or `column=category`. */
  name: z.string(),
  column: z.string(),
  transform: MetadataTransform,
  /** For onehot: the category this input flags. */
  category: z.string().nullable(),
  /** Training mean and standard deviation after the transform. */
  mean: z.number(),
  sd: z.number().positive(),
});
/** A fitted input: its column, transform, category and training statistics. */
export type FittedMetadataInput = z.infer<typeof FittedMetadataInput>;

/**
 * The encoder's state as stored with a model. The fitted inputs are stored under `features`, the
 * key saved models already use.
 */
export const MetadataEncoderState: z.ZodObject<
  {
    features: z.ZodArray<typeof FittedMetadataInput>;
    dropped: z.ZodArray<z.ZodObject<{ column: z.ZodString; reason: z.ZodString }, z.core.$strip>>;
  },
  z.core.$strip
> = z.object({
  features: z.array(FittedMetadataInput),
  dropped: z.array(z.object({ column: z.string(), reason: z.string() })),
});
/** A validated encoder state. */
export type MetadataEncoderState = z.infer<typeof MetadataEncoderState>;

/** A row of track columns (a record of the consolidated table, or values typed by hand). */
export type MetadataRow = Readonly<Record<string, unknown>>;

/** Raised when a value cannot be read for its column; names the column and the value. */
export class MetadataEncodingError extends Error {
  /** Creates the error; `message` names the column and the value. */
  constructor(message: string) {
    super(message);
    this.name = "MetadataEncodingError";
  }
}

/** The value of `column` after `transform` (not standardised); null when missing. */
function raw(row: MetadataRow, column: string, transform: MetadataTransform): number | null {
  const v = row[column];
  if (v === null || v === undefined || v === "") return null;
  if (transform === "bool") {
    if (typeof v === "boolean") return v ? 1 : 0;
    if (v === 1 || v === 0) return v;
    if (v === "true" || v === "1") return 1;
    if (v === "false" || v === "0") return 0;
    throw new MetadataEncodingError(
      `column ${column}: expected a boolean, found ${JSON.stringify(v)}`,
    );
  }
  const x = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : Number(v);
  if (!Number.isFinite(x)) {
    throw new MetadataEncodingError(
      `column ${column}: expected a number, found ${JSON.stringify(v)}`,
    );
  }
  if (transform === "log10p1") {
    if (x < 0) {
      throw new MetadataEncodingError(`column ${column}: expected a count ≥ 0, found ${x}`);
    }
    return Math.log10(1 + x);
  }
  return x;
}

function moments(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  // A constant column carries no information; sd 1 keeps it at 0 instead of dividing by 0.
  return { mean, sd: variance > 0 ? Math.sqrt(variance) : 1 };
}

/** Turns metadata rows into standardised input vectors (see the module's description). */
export class MetadataEncoder {
  /** The fitted inputs, in the order of the vectors. */
  readonly inputs: readonly FittedMetadataInput[];
  /** Columns left out, with why. */
  readonly dropped: readonly { column: string; reason: string }[];

  /** An encoder from a fitted state, as `toJSON` returns it; the state is validated first. */
  constructor(state: MetadataEncoderState) {
    const parsed = MetadataEncoderState.parse(state);
    this.inputs = parsed.features;
    this.dropped = parsed.dropped;
  }

  /** Fits means, standard deviations and categories on the training rows. */
  static fit(
    rows: readonly MetadataRow[],
    specs: readonly MetadataColumnSpec[] = DEFAULT_METADATA_COLUMNS,
  ): MetadataEncoder {
    if (rows.length === 0) {
      throw new MetadataEncodingError("cannot fit the metadata encoder on no rows");
    }
    const inputs: FittedMetadataInput[] = [];
    const dropped: { column: string; reason: string }[] = [];
    for (const input of specs) {
      const spec = MetadataColumnSpec.parse(input);
      const present = rows.filter((r) => r[spec.column] !== null && r[spec.column] !== undefined);
      if (present.length === 0) {
        dropped.push({ column: spec.column, reason: "no value in the training rows" });
        continue;
      }
      if (spec.transform === "onehot") {
        const categories = [...new Set(present.map((r) => String(r[spec.column])))].sort();
        if (categories.length < 2) {
          dropped.push({ column: spec.column, reason: `one category only (${categories[0]})` });
          continue;
        }
        for (const category of categories) {
          const flags = rows.map((r) => (String(r[spec.column]) === category ? 1 : 0));
          inputs.push({
            name: `${spec.column}=${category}`,
            column: spec.column,
            transform: "onehot",
            category,
            ...moments(flags),
          });
        }
        continue;
      }
      const values = present.map((r) => raw(r, spec.column, spec.transform)!);
      inputs.push({
        name: spec.transform === "log10p1" ? `log10p1(${spec.column})` : spec.column,
        column: spec.column,
        transform: spec.transform,
        category: null,
        ...moments(values),
      });
    }
    if (inputs.length === 0) {
      throw new MetadataEncodingError(
        `no metadata feature could be fitted: ${
          dropped.map((d) => `${d.column} (${d.reason})`).join(", ")
        }`,
      );
    }
    return new MetadataEncoder({ features: inputs, dropped });
  }

  /** Names of the inputs, in order. */
  get names(): string[] {
    return this.inputs.map((f) => f.name);
  }

  /** Row-major [rows × inputs] standardised values. */
  transform(rows: readonly MetadataRow[]): Float32Array {
    const n = this.inputs.length;
    const out = new Float32Array(rows.length * n);
    rows.forEach((row, i) => {
      this.inputs.forEach((f, j) => {
        let v: number | null;
        if (f.transform === "onehot") {
          const value = row[f.column];
          v = value === null || value === undefined ? null : String(value) === f.category ? 1 : 0;
        } else v = raw(row, f.column, f.transform);
        out[i * n + j] = v === null ? 0 : (v - f.mean) / f.sd;
      });
    });
    return out;
  }

  /** The state to store with a model. */
  toJSON(): MetadataEncoderState {
    return { features: [...this.inputs], dropped: [...this.dropped] };
  }
}
