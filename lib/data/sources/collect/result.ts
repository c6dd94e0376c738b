/**
 * What a collection returns and records: the outcome of each artist line, the run's counters,
 * the complete or paused result, the columns the collector itself sets, and the zod schema of
 * the `meta` it writes into the dataset's manifest.
 *
 * @example
 * ```ts
 * import { CollectionMeta } from "./result.ts";
 * import { readManifest } from "../../store.ts";
 * const manifest = await readManifest("data/deezer");
 * if (manifest) console.log(CollectionMeta.parse(manifest.meta).columns.missing);
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { z } from "zod";
import type { Dataset } from "../../dataset.ts";
import type { Manifest } from "../../store.ts";
import type { MatchReport } from "../match/match.ts";
import type { ColumnSource, ProviderReadiness } from "./provider.ts";

/** The `meta` a collection writes into its manifest, for reading it back. */
export const CollectionMeta: z.ZodObject<
  {
    provider: z.ZodString;
    collected: z.ZodString;
    market: z.ZodNullable<z.ZodString>;
    protocol: z.ZodObject<
      {
        topTracks: z.ZodNumber;
        randomTracks: z.ZodNumber;
        seed: z.ZodNumber;
        requirePreviews: z.ZodBoolean;
        downloadPreviews: z.ZodBoolean;
      },
      z.core.$strip
    >;
    request: z.ZodNullable<z.ZodRecord<z.ZodString, z.ZodUnknown>>;
    columns: z.ZodObject<
      {
        provider: z.ZodArray<z.ZodString>;
        derived: z.ZodArray<z.ZodString>;
        protocol: z.ZodArray<z.ZodString>;
        localEstimates: z.ZodArray<z.ZodString>;
        missing: z.ZodArray<z.ZodString>;
      },
      z.core.$strip
    >;
    columnSources: z.ZodArray<
      z.ZodObject<{ column: z.ZodString; origin: z.ZodString; from: z.ZodString }, z.core.$strip>
    >;
    popularityMapping: z.ZodString;
    missingFields: z.ZodArray<
      z.ZodObject<{ field: z.ZodString; observed: z.ZodString }, z.core.$strip>
    >;
    notices: z.ZodArray<z.ZodString>;
    previews: z.ZodObject<
      {
        downloaded: z.ZodNumber;
        reused: z.ZodNumber;
        repaired: z.ZodNumber;
        failed: z.ZodNumber;
        tracksWithAudio: z.ZodNumber;
      },
      z.core.$loose
    >;
  },
  z.core.$loose
> = z.object({
  provider: z.string(),
  /** ISO 8601 time of the collection. */
  collected: z.string(),
  /** Market the answers are for; null when the provider takes none. */
  market: z.string().nullable(),
  protocol: z.object({
    topTracks: z.number().int(),
    randomTracks: z.number().int(),
    seed: z.number().int(),
    requirePreviews: z.boolean(),
    downloadPreviews: z.boolean(),
  }),
  /** What was asked for (see from_config.ts collectionRequest); null when not given. */
  request: z.record(z.string(), z.unknown()).nullable(),
  /** Column names by origin. */
  columns: z.object({
    provider: z.array(z.string()),
    derived: z.array(z.string()),
    protocol: z.array(z.string()),
    localEstimates: z.array(z.string()),
    missing: z.array(z.string()),
  }),
  columnSources: z.array(z.object({ column: z.string(), origin: z.string(), from: z.string() })),
  popularityMapping: z.string(),
  missingFields: z.array(z.object({ field: z.string(), observed: z.string() })),
  notices: z.array(z.string()),
  previews: z.object({
    downloaded: z.number().int(),
    reused: z.number().int(),
    repaired: z.number().int(),
    /** Downloads that failed in this run (listed in issues.csv); a new run tries them again. */
    failed: z.number().int(),
    tracksWithAudio: z.number().int(),
  }).loose(),
}).loose();
/** A validated collection manifest `meta`. */
export type CollectionMeta = z.infer<typeof CollectionMeta>;

/** What happened to one line of the artist list. */
export interface ArtistOutcome {
  /** The line as given. */
  query: string;
  /** Provider id, null when not found. */
  artist_id: string | null;
  /** Name as the provider spells it. */
  artist_name: string | null;
  /** `id`, `name`, `closest` or null. */
  matched_by: string | null;
  /** Top tracks kept. */
  top_tracks: number;
  /** Random tracks kept. */
  random_tracks: number;
  /** Tracks with audio. */
  with_audio: number;
  /** What went short or wrong, in words; null when nothing did. */
  note: string | null;
}

/** An outcome before anything is known about the line. */
export function newOutcome(query: string): ArtistOutcome {
  return {
    query,
    artist_id: null,
    artist_name: null,
    matched_by: null,
    top_tracks: 0,
    random_tracks: 0,
    with_audio: 0,
    note: null,
  };
}

/** Counters of a collection run. */
export interface CollectionStats {
  /** Requests sent over the network (attempts). */
  requests: number;
  /** Answers replayed from the cache. */
  cacheHits: number;
  /** Retries after failures. */
  retries: number;
  /** 429 answers waited out. */
  rateLimitWaits: number;
  /** Previews downloaded in this run. */
  previewsDownloaded: number;
  /** Previews already complete on disk. */
  previewsReused: number;
  /** Previews found corrupt or partial on disk and fetched again. */
  previewsRepaired: number;
  /** Wall time of the run in seconds. */
  seconds: number;
}

/** What every collection outcome reports, finished or paused. */
export interface CommonResult {
  /** The dataset folder. */
  dir: string;
  /** One entry per artist line handled so far. */
  artists: ArtistOutcome[];
  /** Counts so far: artists, tracks, previews, wall time. */
  stats: CollectionStats;
  /** What the provider delivers, once the first artist was checked. */
  readiness: ProviderReadiness | null;
  /** Origin of every column. */
  columns: ColumnSource[];
}

/** A finished collection: the stored dataset. */
export interface CompleteCollection extends CommonResult {
  /** The collection finished and the dataset was stored. */
  status: "complete";
  /** The stored dataset. */
  dataset: Dataset;
  /** track_id, artist_id, split; null when there are too few artists to split. */
  split: pl.DataFrame | null;
  /** The stored copy's manifest. */
  manifest: Manifest;
  /** The local-audio matching, when a folder was given. */
  localAudio: MatchReport | null;
}

/** A collection stopped by a rate limit: run again after `pause.resumeAt`. */
export interface PausedCollection extends CommonResult {
  /** A rate limit stopped the collection; what was fetched is kept. */
  status: "paused";
  /**
   * When to run again (`resumeAt`, ISO time; `waitSeconds` from now), the provider's reason if it
   * gave one, and a message for the researcher.
   */
  pause: { resumeAt: string; waitSeconds: number; reason: string | null; message: string };
}

/** The outcome of a collection. */
export type CollectionResult = CompleteCollection | PausedCollection;

/** Extra track column naming where the audio file comes from: `preview`, `local` or empty. */
export const AUDIO_SOURCE = "audio_source";

/** Columns the collector itself sets, with their origin. */
export const COLLECTOR_COLUMNS: readonly ColumnSource[] = [
  {
    column: "is_top_track",
    origin: "protocol",
    from: "the provider's top tracks (true) or the seeded draw (false)",
  },
  {
    column: "audio_path",
    origin: "local",
    from: "the downloaded 30-s preview, or a matched local file",
  },
  { column: AUDIO_SOURCE, origin: "local", from: "`preview`, `local` (matched file) or empty" },
];

/** The artist lines and what became of them, as a table (stored as `artist_resolution`). */
export function outcomesFrame(outcomes: readonly ArtistOutcome[]): pl.DataFrame {
  const col = <K extends keyof ArtistOutcome>(k: K) => outcomes.map((o) => o[k]);
  return pl.DataFrame([
    pl.Series("query", col("query"), pl.Utf8),
    pl.Series("artist_id", col("artist_id"), pl.Utf8),
    pl.Series("artist_name", col("artist_name"), pl.Utf8),
    pl.Series("matched_by", col("matched_by"), pl.Utf8),
    pl.Series("top_tracks", col("top_tracks"), pl.Int64),
    pl.Series("random_tracks", col("random_tracks"), pl.Int64),
    pl.Series("with_audio", col("with_audio"), pl.Int64),
    pl.Series("note", col("note"), pl.Utf8),
  ]);
}
