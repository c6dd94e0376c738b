/**
 * A collection's outcome for people: a Markdown summary (status, counts, requests, what the
 * provider lacks, when to resume) and tables of the artist lines and of every column's origin.
 * Nothing here can hold a secret: results carry no credential or token.
 *
 * @example
 * ```ts
 * import { collectionSummaryMarkdown } from "./report.ts";
 * // const result = await collectFromConfig(config);
 * // await showMarkdown(collectionSummaryMarkdown(result));
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { displayPath } from "../../../config.ts";
import { type CollectionResult, outcomesFrame } from "./result.ts";
import type { CollectionAttempt } from "./from_config.ts";
import type { MatchReport } from "../match/match.ts";
import type { ColumnSource } from "./provider.ts";

function pathShown(path: string): string {
  try {
    return displayPath(path);
  } catch {
    return path;
  }
}

/** A Markdown summary of a collection run. */
export function collectionSummaryMarkdown(result: CollectionResult): string {
  const s = result.stats;
  const requests = `${s.requests} request(s) sent, ${s.cacheHits} answered from the cache, ` +
    `${s.retries} retried` +
    (s.rateLimitWaits > 0 ? `, ${s.rateLimitWaits} rate-limit wait(s)` : "") +
    `; previews: ${s.previewsDownloaded} downloaded, ${s.previewsReused} already on disk` +
    (s.previewsRepaired > 0
      ? `, ${s.previewsRepaired} found partial or corrupt and fetched again`
      : "") +
    ` (${s.seconds.toFixed(1)} s).`;
  const missing = result.readiness && result.readiness.missing.length > 0
    ? `\n\n**Not delivered by this provider (left empty):** ${
      result.readiness.missing.map((m) => `${m.field} — ${m.observed}`).join("; ")
    }.`
    : "";
  const notices = result.readiness?.notices.length
    ? `\n\n${result.readiness.notices.map((n) => `- ${n}`).join("\n")}`
    : "";
  if (result.status === "paused") {
    return `**Collection paused** after ${result.artists.length} artist line(s): ${result.pause.message}.` +
      `\n\n${requests}${missing}${notices}`;
  }
  const d = result.dataset;
  const withAudio = (d.tracks.getColumn("audio_path").toArray() as (string | null)[])
    .filter((p) => p !== null).length;
  const local = result.localAudio
    ? `\n\nLocal audio: ${result.localAudio.matches.length} file(s) matched, ` +
      `${result.localAudio.unmatchedFiles.length} file(s) and ${result.localAudio.unmatchedTracks.length} ` +
      `track(s) unmatched.`
    : "";
  return `**Collected from ${d.name}:** ${d.artists.height} artists, ${d.tracks.height} tracks ` +
    `(${withAudio} with audio), ${d.issues.length} issue(s), stored in \`${
      pathShown(result.dir)
    }\` ` +
    `(tables, \`${d.name}.csv\`, \`previews/\`, \`manifest.json\`).\n\n${requests}${missing}${local}${notices}`;
}

/** A Markdown summary of an attempt: the collection's summary, or why it stopped. */
export function collectionAttemptMarkdown(attempt: CollectionAttempt): string {
  if (attempt.result) return collectionSummaryMarkdown(attempt.result);
  return `**Collection stopped:** ${attempt.stopped}\n\nThe notebook goes on with the configured ` +
    `offline source.`;
}

/** The origin of every column (column, origin, from) as a table. */
export function columnSourcesFrame(columns: readonly ColumnSource[]): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("column", columns.map((c) => c.column), pl.Utf8),
    pl.Series("origin", columns.map((c) => c.origin), pl.Utf8),
    pl.Series("from", columns.map((c) => c.from), pl.Utf8),
  ]);
}

/** The artist lines and what became of each, as a table. */
export function artistOutcomesFrame(result: CollectionResult): pl.DataFrame {
  return outcomesFrame(result.artists);
}

/** The files and tracks local-audio matching left unmatched, as two tables. */
export function unmatchedAudioFrames(
  report: MatchReport,
): { files: pl.DataFrame; tracks: pl.DataFrame } {
  return {
    files: pl.DataFrame([
      pl.Series("path", report.unmatchedFiles.map((f) => pathShown(f.path)), pl.Utf8),
      pl.Series("reason", report.unmatchedFiles.map((f) => f.reason), pl.Utf8),
    ]),
    tracks: pl.DataFrame([
      pl.Series("track_id", report.unmatchedTracks.map((t) => t.track_id), pl.Utf8),
      pl.Series("track_name", report.unmatchedTracks.map((t) => t.track_name), pl.Utf8),
      pl.Series("artist_name", report.unmatchedTracks.map((t) => t.artist_name), pl.Utf8),
    ]),
  };
}

/** The track columns that say where each track's audio comes from, as a table. */
export function tracksAudioFrame(tracks: pl.DataFrame): pl.DataFrame {
  return tracks.select(
    "track_id",
    "track_name",
    "artist_name",
    "is_top_track",
    "track_popularity",
    "audio_source",
    "audio_path",
  );
}
