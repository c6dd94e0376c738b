/**
 * The metadata branch's inputs: tabular columns of a track (its artist's popularity and
 * followers, release date, duration, the protocol's top-track flag, Spotify's audio
 * descriptors, the genre) turned into standardised numbers. The encoder is fitted on the
 * training rows only — means, standard deviations and genre categories — and applied unchanged
 * to validation, test and new songs, so nothing leaks from the rows being scored.
 *
 * A missing value becomes the training mean (0 after standardising); a column with no value in
 * the training rows is left out and listed in {@link MetadataEncoder.dropped}.
 *
 * @example
 * ```ts
 * import { MetadataEncoder } from "./features.ts";
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

/** How a column becomes a feature. */
export const FeatureTransform: z.ZodEnum<
  { identity: "identity"; log10p1: "log10p1"; bool: "bool"; onehot: "onehot" }
> = z.enum(["identity", "log10p1", "bool", "onehot"]);
/** identity; log10(1 + x) for counts; 1/0 for booleans; one column per category (onehot). */
export type FeatureTransform = z.infer<typeof FeatureTransform>;

/** One column and its transform. */
export const FeatureSpec: z.ZodObject<
  { column: z.ZodString; transform: z.ZodDefault<typeof FeatureTransform> },
  z.core.$strip
> = z.object({
  column: z.string().min(1),
  transform: FeatureTransform.default("identity"),
});
/** A validated feature specification. */
export type FeatureSpec = z.input<typeof FeatureSpec>;

/**
 * Default metadata features: what the seed paper collected besides the audio — the artist's
 * popularity and followers, release year and month, duration, whether the song is one of the
 * artist's top tracks, Spotify's audio descriptors and the genre.
 */
export const DEFAULT_METADATA_FEATURES: readonly FeatureSpec[] = [
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
export const FittedFeature: z.ZodObject<
  {
    name: z.ZodString;
    column: z.ZodString;
    transform: typeof FeatureTransform;
    category: z.ZodNullable<z.ZodString>;
    mean: z.ZodNumber;
    sd: z.ZodNumber;
  },
  z.core.$strip
> = z.object({
  /** Shown name: `column`, `log10p1(column)` or `column=category`. */
  name: z.string(),
  column: z.string(),
  transform: FeatureTransform,
  /** For onehot: the category this input flags. */
  category: z.string().nullable(),
  /** Training mean and standard deviation after the transform. */
  mean: z.number(),
  sd: z.number().positive(),
});
/** A fitted feature. */
export type FittedFeature = z.infer<typeof FittedFeature>;

/** The encoder's state as stored with a model. */
export const MetadataEncoderState: z.ZodObject<
  {
    features: z.ZodArray<typeof FittedFeature>;
    dropped: z.ZodArray<z.ZodObject<{ column: z.ZodString; reason: z.ZodString }, z.core.$strip>>;
  },
  z.core.$strip
> = z.object({
  features: z.array(FittedFeature),
  dropped: z.array(z.object({ column: z.string(), reason: z.string() })),
});
/** A validated encoder state. */
export type MetadataEncoderState = z.infer<typeof MetadataEncoderState>;

/** A row of track columns (a record of the consolidated table, or values typed by hand). */
export type MetadataRow = Readonly<Record<string, unknown>>;

/** Raised when a value cannot be read for its feature; names the column and the value. */
export class FeatureError extends Error {
  /** Creates the error; `message` names the column and the value. */
  constructor(message: string) {
    super(message);
    this.name = "FeatureError";
  }
}

/** The value of `column` after `transform` (not standardised); null when missing. */
function raw(row: MetadataRow, column: string, transform: FeatureTransform): number | null {
  const v = row[column];
  if (v === null || v === undefined || v === "") return null;
  if (transform === "bool") {
    if (typeof v === "boolean") return v ? 1 : 0;
    if (v === 1 || v === 0) return v;
    if (v === "true" || v === "1") return 1;
    if (v === "false" || v === "0") return 0;
    throw new FeatureError(`column ${column}: expected a boolean, found ${JSON.stringify(v)}`);
  }
  const x = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : Number(v);
  if (!Number.isFinite(x)) {
    throw new FeatureError(`column ${column}: expected a number, found ${JSON.stringify(v)}`);
  }
  if (transform === "log10p1") {
    if (x < 0) throw new FeatureError(`column ${column}: expected a count ≥ 0, found ${x}`);
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

/** Turns metadata rows into standardised feature vectors (see the module's description). */
export class MetadataEncoder {
  /** The fitted inputs, in the order of the vectors. */
  readonly features: readonly FittedFeature[];
  /** Columns left out, with why. */
  readonly dropped: readonly { column: string; reason: string }[];

  /** An encoder from a fitted state, as `toJSON` returns it; the state is validated first. */
  constructor(state: MetadataEncoderState) {
    const parsed = MetadataEncoderState.parse(state);
    this.features = parsed.features;
    this.dropped = parsed.dropped;
  }

  /** Fits means, standard deviations and categories on the training rows. */
  static fit(
    rows: readonly MetadataRow[],
    specs: readonly FeatureSpec[] = DEFAULT_METADATA_FEATURES,
  ): MetadataEncoder {
    if (rows.length === 0) throw new FeatureError("cannot fit the metadata encoder on no rows");
    const features: FittedFeature[] = [];
    const dropped: { column: string; reason: string }[] = [];
    for (const input of specs) {
      const spec = FeatureSpec.parse(input);
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
          features.push({
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
      features.push({
        name: spec.transform === "log10p1" ? `log10p1(${spec.column})` : spec.column,
        column: spec.column,
        transform: spec.transform,
        category: null,
        ...moments(values),
      });
    }
    if (features.length === 0) {
      throw new FeatureError(
        `no metadata feature could be fitted: ${
          dropped.map((d) => `${d.column} (${d.reason})`).join(", ")
        }`,
      );
    }
    return new MetadataEncoder({ features, dropped });
  }

  /** Names of the inputs, in order. */
  get names(): string[] {
    return this.features.map((f) => f.name);
  }

  /** Row-major [rows × features] standardised values. */
  transform(rows: readonly MetadataRow[]): Float32Array {
    const n = this.features.length;
    const out = new Float32Array(rows.length * n);
    rows.forEach((row, i) => {
      this.features.forEach((f, j) => {
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
    return { features: [...this.features], dropped: [...this.dropped] };
  }
}
