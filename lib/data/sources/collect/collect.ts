/**
 * Collecting a dataset from a provider with the seed paper's protocol, resumably: for each artist
 * its followers (and popularity where given), its top 5 tracks and 15 more drawn at random from
 * its albums and singles, each track's details and its 30-s preview; then the artists and tracks
 * tables, the consolidated CSV, the split and a manifest that records the provider, the date, the
 * market and where every column comes from.
 *
 * Resumption rests on two stores that are written atomically before a call counts as done: the
 * raw-response cache of the provider's client and the preview folder. The collection is a
 * deterministic function of the artist list, the seed and the providers' answers, so a run killed
 * at any point and started again replays the cached answers, repeats no completed call, and ends
 * with the same rows, none twice and none missing. A second run of a finished collection makes
 * no request. A rate limit with a longer Retry-After than allowed ends the run with status
 * `paused` and the time to resume.
 *
 * Problems that concern one artist or one track (not found, no data, a malformed answer, a
 * preview that cannot be downloaded) do not stop the run: they are listed in the dataset's
 * issues, `row` being the artist's line in the list. Answers that were not usable are not cached,
 * so the next run asks again.
 *
 * @example
 * ```ts
 * import { collectDataset } from "./collect.ts";
 * import { createDeezerProvider } from "../deezer/mod.ts";
 * const provider = createDeezerProvider({ cacheDir: "data/deezer/cache" });
 * const result = await collectDataset({
 *   provider,
 *   artists: [{ query: "Daft Punk", id: null, name: "Daft Punk" }],
 *   dir: "data/deezer",
 *   seed: 42,
 *   log: console.log,
 * });
 * if (result.status === "complete") console.log(result.dataset.tracks.height);
 * else console.log(result.pause.message);
 * ```
 * @module
 */
import type pl from "nodejs-polars";
import { artistsFrame, targetSpec, tracksFrame } from "../../dataset.ts";
import type { DataIssue, Dataset } from "../../dataset.ts";
import type { ArtistRow } from "../../schema.ts";
import {
  type GroupSplitOptions,
  groupTrainTestSplit,
  SplitError,
  splitFrame,
} from "../../split.ts";
import { saveDataset } from "../../store.ts";
import { RateLimitPause, ResponseShapeError } from "../http/errors.ts";
import { matchLocalAudio, type MatchReport, scanLocalAudio } from "../match/match.ts";
import { selectArtistTracks } from "./artist_tracks.ts";
import { audioPathFor, PreviewFetcher } from "./preview_fetch.ts";
import { PreviewStore } from "./previews.ts";
import { PAPER_PROTOCOL } from "./protocol.ts";
import {
  type ArtistRef,
  CollectionError,
  type ColumnSource,
  type Provider,
  type ProviderReadiness,
} from "./provider.ts";
import {
  type ArtistOutcome,
  AUDIO_SOURCE,
  type CollectionMeta,
  type CollectionResult,
  type CollectionStats,
  COLLECTOR_COLUMNS,
  newOutcome,
  outcomesFrame,
} from "./result.ts";

/** Options of {@link collectDataset}. */
export interface CollectOptions {
  /** The provider to collect from. */
  provider: Provider;
  /** The artists, in order. */
  artists: readonly ArtistRef[];
  /** The dataset folder: tables, manifest and `previews/`. */
  dir: string;
  /** Seed of the random draw (each artist's draw is derived from it, the provider and the artist). */
  seed: number;
  /** Top tracks per artist; default 5 (the paper). */
  topTracks?: number;
  /** Tracks drawn at random per artist; default 15 (the paper). */
  randomTracks?: number;
  /** Download the 30-s previews; default true. */
  downloadPreviews?: boolean;
  /**
   * Skip random candidates without a preview (drawing the next one instead) when the provider
   * gives previews at all; default true, so that every random track has audio. Top tracks are
   * kept either way.
   */
  requirePreviews?: boolean;
  /** Artist-grouped split written beside the tables; default test 0.2, validation 0.2, seed `seed`. */
  split?: GroupSplitOptions;
  /** Popularity (0–100) from which a track counts as popular in threshold metrics; default 50. */
  popularityThreshold?: number;
  /** A folder of the user's own audio files, matched to tracks without a preview; default none. */
  localAudioDir?: string | null;
  /** What was asked for (artists, seed, market, …), stored in the manifest to recognise it later. */
  request?: Record<string, unknown>;
  /** Progress lines; default none. */
  log?: (line: string) => void;
}

function formatSeconds(s: number): string {
  return s >= 90 ? `${Math.round(s / 60)} min` : `${Math.round(s)} s`;
}

function columnsOf(provider: Provider, readiness: ProviderReadiness): ColumnSource[] {
  return [...provider.columns(readiness), ...COLLECTOR_COLUMNS];
}

/** The rows gathered so far, and what became of each artist line. */
interface Gathered {
  artistRows: ArtistRow[];
  trackRows: Record<string, unknown>[];
  isrcOf: Map<string, string | null>;
  outcomes: ArtistOutcome[];
  issues: DataIssue[];
  readiness: ProviderReadiness | null;
}

/**
 * Collects the artists with the paper's protocol and stores the dataset in `dir`; see the
 * module documentation.
 *
 * @throws {MissingFieldsError} when the provider lacks some of the paper's fields (not allowed)
 * @throws {CollectionError} when no track at all could be collected
 * @throws {NetworkError} and {@link HttpStatusError} when the provider stays unreachable or refuses
 *   access; the run can be started again and resumes.
 */
export async function collectDataset(options: CollectOptions): Promise<CollectionResult> {
  const { provider, dir } = options;
  const log = options.log ?? (() => {});
  const store = new PreviewStore(`${dir}/previews`);
  const previews = new PreviewFetcher(provider, store, log);
  const started = performance.now();
  const before = { ...provider.client.stats };
  const stats = (): CollectionStats => {
    const s = provider.client.stats;
    return {
      requests: s.requests - before.requests,
      cacheHits: s.cacheHits - before.cacheHits,
      retries: s.retries - before.retries,
      rateLimitWaits: s.rateLimitWaits - before.rateLimitWaits,
      previewsDownloaded: previews.counts.downloaded,
      previewsReused: previews.counts.reused,
      previewsRepaired: previews.counts.repaired,
      seconds: (performance.now() - started) / 1000,
    };
  };
  const removed = await store.removeTemporaries();
  if (removed.length > 0) {
    log(`removed ${removed.length} partial download(s) left by an interrupted run`);
  }
  const gathered: Gathered = {
    artistRows: [],
    trackRows: [],
    isrcOf: new Map(),
    outcomes: [],
    issues: [],
    readiness: null,
  };
  try {
    await gatherArtists(options, previews, gathered, stats, log);
  } catch (error) {
    if (!(error instanceof RateLimitPause)) throw error;
    log(error.message);
    const { outcomes, readiness } = gathered;
    return {
      status: "paused",
      dir,
      artists: outcomes,
      stats: stats(),
      readiness,
      columns: readiness ? columnsOf(provider, readiness) : [],
      pause: {
        resumeAt: error.resumeAt.toISOString(),
        waitSeconds: error.waitSeconds,
        reason: error.reason,
        message: error.message,
      },
    };
  }
  const { readiness, trackRows, outcomes } = gathered;
  if (trackRows.length === 0 || readiness === null) {
    throw new CollectionError(
      `no track collected from ${provider.name} for ${options.artists.length} artist line(s): ` +
        (outcomes.map((o) => `${o.query}: ${o.note ?? "no tracks"}`).join("; ") ||
          "the list is empty"),
    );
  }
  const localAudio = options.localAudioDir
    ? await useLocalAudio(gathered, options.localAudioDir, log)
    : null;
  return await storeCollection(options, gathered, readiness, localAudio, previews, stats(), log);
}

/** Resolves, selects and fetches every artist line in turn, filling `gathered`. */
async function gatherArtists(
  options: CollectOptions,
  previews: PreviewFetcher,
  gathered: Gathered,
  stats: () => CollectionStats,
  log: (line: string) => void,
): Promise<void> {
  const { provider } = options;
  const topTracks = options.topTracks ?? PAPER_PROTOCOL.topTracks;
  const randomTracks = options.randomTracks ?? PAPER_PROTOCOL.randomTracks;
  const n = options.artists.length;
  const trackOwner = new Map<string, string>();
  const artistLine = new Map<string, string>();
  const issue = (row: number, column: string | null, reason: string) =>
    gathered.issues.push({ row, column, reason, action: "excluded" });
  for (const [index, ref] of options.artists.entries()) {
    const line = index + 1;
    const outcome = newOutcome(ref.query);
    gathered.outcomes.push(outcome);
    try {
      const artist = await provider.resolveArtist(ref);
      if (artist === null) {
        outcome.note = `not found on ${provider.name}`;
        issue(line, "artist_id", `artist "${ref.query}" not found on ${provider.name}`);
        log(`[${line}/${n}] ${ref.query}: not found`);
        continue;
      }
      Object.assign(outcome, {
        artist_id: artist.id,
        artist_name: artist.name,
        matched_by: artist.matchedBy,
      });
      const earlier = artistLine.get(artist.id);
      if (earlier !== undefined) {
        outcome.note = `same artist as "${earlier}"`;
        issue(
          line,
          "artist_id",
          `"${ref.query}" is ${artist.name} (${artist.id}), already collected for "${earlier}"`,
        );
        continue;
      }
      artistLine.set(artist.id, ref.query);
      if (gathered.readiness === null) {
        gathered.readiness = await provider.prepare(artist);
        for (const notice of gathered.readiness.notices) log(notice);
      }
      const selection = await selectArtistTracks(provider, artist, gathered.readiness, {
        seed: options.seed,
        topTracks,
        randomTracks,
        requirePreviews: options.requirePreviews ?? true,
        line,
      });
      gathered.issues.push(...selection.issues);
      const notes = artist.matchedBy === "closest"
        ? [`no exact name match; closest: ${artist.name}`, ...selection.notes]
        : selection.notes;
      for (const { track, isTop } of selection.kept) {
        const id = track.row.track_id;
        const owner = trackOwner.get(id);
        if (owner !== undefined) {
          issue(line, "track_id", `track ${id} already collected for artist ${owner}`);
          continue;
        }
        trackOwner.set(id, artist.id);
        let audio: string | null = null;
        if ((options.downloadPreviews ?? true) && track.previewUrl) {
          const got = await previews.fetch(id, track.previewUrl);
          audio = got.path;
          if (got.problem) {
            gathered.issues.push({
              row: line,
              column: "audio_path",
              reason: `track ${id}: ${got.problem}`,
              action: "nulled",
            });
          }
        }
        gathered.trackRows.push({
          ...track.row,
          is_top_track: isTop,
          audio_path: audio,
          [AUDIO_SOURCE]: audio ? "preview" : null,
        });
        gathered.isrcOf.set(id, track.isrc);
        if (isTop) outcome.top_tracks++;
        else outcome.random_tracks++;
        if (audio) outcome.with_audio++;
      }
      gathered.artistRows.push({
        artist_id: artist.id,
        artist_name: artist.name,
        artist_popularity: artist.popularity,
        followers: artist.followers,
        genre: artist.genre,
      });
      outcome.note = notes.length > 0 ? notes.join("; ") : null;
      const s = stats();
      const rate = s.seconds > 0 ? s.requests / s.seconds : 0;
      const eta = (s.seconds / line) * (n - line);
      log(
        `[${line}/${n}] ${artist.name}: ${outcome.top_tracks} top + ` +
          `${outcome.random_tracks} random tracks, ${outcome.with_audio} with audio · ` +
          `${s.requests} requests (${rate.toFixed(1)}/s), ${s.cacheHits} from cache · ` +
          `ETA ${formatSeconds(eta)}`,
      );
    } catch (error) {
      // An artist whose answers cannot be read is left out; the others go on.
      if (!(error instanceof ResponseShapeError)) throw error;
      outcome.note = error.message;
      issue(line, null, `artist "${ref.query}": ${error.message}`);
    }
  }
}

/** Fills the tracks without audio from the user's own files; returns the matching report. */
async function useLocalAudio(
  gathered: Gathered,
  folder: string,
  log: (line: string) => void,
): Promise<MatchReport> {
  const report = matchLocalAudio(
    gathered.trackRows.map((r) => ({
      track_id: String(r.track_id),
      track_name: String(r.track_name),
      artist_name: String(r.artist_name),
      isrc: gathered.isrcOf.get(String(r.track_id)) ?? null,
    })),
    await scanLocalAudio(folder),
  );
  const byTrack = new Map(report.matches.map((m) => [m.track_id, m.path]));
  for (const row of gathered.trackRows) {
    const path = byTrack.get(String(row.track_id));
    if (path && row.audio_path === null) {
      row.audio_path = audioPathFor(path);
      row[AUDIO_SOURCE] = "local";
    }
  }
  log(
    `local audio: ${report.matches.length} files matched, ${report.unmatchedFiles.length} files ` +
      `and ${report.unmatchedTracks.length} tracks unmatched`,
  );
  return report;
}

/** Builds the dataset, its split and manifest, and stores them. */
async function storeCollection(
  options: CollectOptions,
  gathered: Gathered,
  readiness: ProviderReadiness,
  localAudio: MatchReport | null,
  previews: PreviewFetcher,
  stats: CollectionStats,
  log: (line: string) => void,
): Promise<CollectionResult> {
  const { provider, dir, seed } = options;
  const topTracks = options.topTracks ?? PAPER_PROTOCOL.topTracks;
  const randomTracks = options.randomTracks ?? PAPER_PROTOCOL.randomTracks;
  const { trackRows, issues, outcomes } = gathered;
  const columns = columnsOf(provider, readiness);
  const dataset: Dataset = {
    name: provider.name,
    source: `${provider.name} API, the seed paper's protocol (top ${topTracks} + ${randomTracks} ` +
      `random tracks per artist, seed ${seed})`,
    artists: artistsFrame(gathered.artistRows),
    tracks: tracksFrame(trackRows, [...provider.extraColumns, AUDIO_SOURCE]),
    target: targetSpec({
      column: "track_popularity",
      kind: "regression",
      threshold: options.popularityThreshold ?? 50,
    }),
    issues,
    tables: { artist_resolution: outcomesFrame(outcomes) },
  };
  let split: pl.DataFrame | null = null;
  try {
    const groups = dataset.tracks.getColumn("artist_id").toArray() as string[];
    split = splitFrame(
      dataset.tracks,
      groupTrainTestSplit(groups, {
        testFraction: 0.2,
        validationFraction: 0.2,
        seed,
        ...options.split,
      }),
    );
  } catch (error) {
    if (!(error instanceof SplitError)) throw error;
    log(`no train/validation/test split stored: ${error.message}`);
  }
  const byOrigin = (origin: string) =>
    columns.filter((c) => c.origin === origin).map((c) => c.column);
  const meta: CollectionMeta = {
    provider: provider.name,
    collected: new Date().toISOString(),
    market: provider.market,
    protocol: {
      topTracks,
      randomTracks,
      seed,
      requirePreviews: options.requirePreviews ?? true,
      downloadPreviews: options.downloadPreviews ?? true,
    },
    request: options.request ?? null,
    columns: {
      provider: byOrigin("provider"),
      derived: byOrigin("derived"),
      protocol: byOrigin("protocol"),
      localEstimates: byOrigin("local"),
      missing: byOrigin("missing"),
    },
    columnSources: columns,
    popularityMapping: provider.popularityMapping,
    missingFields: readiness.missing,
    notices: readiness.notices,
    requests: { network: stats.requests, cached: stats.cacheHits, retries: stats.retries },
    previews: {
      folder: "previews",
      ...previews.counts,
      tracksWithAudio: trackRows.filter((r) => r.audio_path !== null).length,
    },
    localAudio: localAudio
      ? {
        matched: localAudio.matches.length,
        unmatchedFiles: localAudio.unmatchedFiles.length,
        unmatchedTracks: localAudio.unmatchedTracks.length,
      }
      : null,
  };
  const manifest = await saveDataset(dataset, dir, { split: split ?? undefined, meta });
  log(
    `stored ${provider.name}: ${dataset.artists.height} artists, ${dataset.tracks.height} tracks, ` +
      `${issues.length} issue(s) · ${stats.requests} requests, ${stats.cacheHits} from cache, ` +
      `${stats.previewsDownloaded} previews downloaded in ${formatSeconds(stats.seconds)}`,
  );
  return {
    status: "complete",
    dir,
    artists: outcomes,
    stats,
    readiness,
    columns,
    dataset,
    split,
    manifest,
    localAudio,
  };
}
