/**
 * Matching local audio files to collected tracks, for researchers who bring their own recordings
 * (a provider without previews, or full tracks instead of 30-s excerpts). A file matches a track
 * by ISRC first, then by normalised title and artist; a key shared by several files or several
 * tracks is ambiguous and left unmatched. Both sides' leftovers are listed.
 *
 * @example
 * ```ts
 * import { matchLocalAudio, scanLocalAudio } from "./match.ts";
 * const files = await scanLocalAudio("my-music");
 * const report = matchLocalAudio(
 *   [{ track_id: "3135556", track_name: "Harder Better Faster Stronger", artist_name: "Daft Punk", isrc: "GBDUW0000059" }],
 *   files,
 * );
 * console.log(report.matches, report.unmatchedFiles, report.unmatchedTracks);
 * ```
 * @module
 */
import { normalizeArtist, normalizeIsrc, normalizeTitle } from "./normalize.ts";
import { type AudioTags, parseAudioFileName, readAudioTags } from "./tags.ts";

/** Extensions {@link scanLocalAudio} lists, lower case. */
export const AUDIO_EXTENSIONS = [
  "mp3",
  "flac",
  "ogg",
  "oga",
  "opus",
  "wav",
  "m4a",
  "aac",
  "aiff",
] as const;

/** A local audio file and what it says about itself. */
export interface LocalAudioFile extends AudioTags {
  /** Path as listed (the folder given, joined with the relative path). */
  path: string;
  /** Where title/artist/ISRC came from. */
  from: "tags" | "file name" | "tags + file name";
}

/** A track to match: id, title, artist and, when known, ISRC. */
export interface MatchableTrack {
  /** The track's id in the dataset. */
  track_id: string;
  /** The track's title, compared after normalisation with the file's title tag or name. */
  track_name: string;
  /** The artist's name, compared after normalisation with the file's artist tag or name. */
  artist_name: string;
  /** The track's ISRC when the provider gives one; an ISRC match wins over title + artist. */
  isrc?: string | null;
}

/** One match. */
export interface AudioMatch {
  /** The matched track's id. */
  track_id: string;
  /** The audio file matched to it. */
  path: string;
  /** `isrc` or `title + artist`. */
  by: "isrc" | "title + artist";
}

/** The outcome of {@link matchLocalAudio}. */
export interface MatchReport {
  /** One entry per track that found a file. */
  matches: AudioMatch[];
  /** Files no track matched, with the reason. */
  unmatchedFiles: { path: string; reason: string }[];
  /** Tracks no file matched. */
  unmatchedTracks: { track_id: string; track_name: string; artist_name: string }[];
}

/** Options of {@link scanLocalAudio}. */
export interface ScanOptions {
  /** Extensions to list; default {@link AUDIO_EXTENSIONS}. */
  extensions?: readonly string[];
  /** Bytes read from each file for its tags; default 1 MiB (ID3 tags with cover art are large). */
  headBytes?: number;
}

async function readHead(path: string, n: number): Promise<Uint8Array> {
  const file = await Deno.open(path, { read: true });
  try {
    const buffer = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const read = await file.read(buffer.subarray(filled));
      if (read === null) break;
      filled += read;
    }
    return buffer.subarray(0, filled);
  } finally {
    file.close();
  }
}

/** The audio files under a folder (recursively, sorted by path) with their tags or file names. */
export async function scanLocalAudio(
  dir: string,
  options: ScanOptions = {},
): Promise<LocalAudioFile[]> {
  const extensions = new Set((options.extensions ?? AUDIO_EXTENSIONS).map((e) => e.toLowerCase()));
  const paths: string[] = [];
  const walk = async (folder: string) => {
    for await (const entry of Deno.readDir(folder)) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile && extensions.has(entry.name.split(".").pop()!.toLowerCase())) {
        paths.push(path);
      }
    }
  };
  await walk(dir.replace(/\/+$/, ""));
  paths.sort();
  const files: LocalAudioFile[] = [];
  for (const path of paths) {
    const tags = readAudioTags(await readHead(path, options.headBytes ?? 1 << 20));
    const name = parseAudioFileName(path);
    const fromTags = tags.title !== null || tags.isrc !== null;
    const merged: AudioTags = {
      title: tags.title ?? name.title,
      artist: tags.artist ?? name.artist,
      isrc: tags.isrc ?? name.isrc,
    };
    const usedName = (tags.title === null && name.title !== null) ||
      (tags.artist === null && name.artist !== null) || (tags.isrc === null && name.isrc !== null);
    files.push({
      path,
      ...merged,
      from: fromTags ? (usedName ? "tags + file name" : "tags") : "file name",
    });
  }
  return files;
}

function titleKey(title: string | null, artist: string | null): string | null {
  if (!title || !artist) return null;
  return `${normalizeTitle(title)}\u0000${normalizeArtist(artist)}`;
}

/** Matches files to tracks by ISRC, then by normalised title + artist; see the module documentation. */
export function matchLocalAudio(
  tracks: readonly MatchableTrack[],
  files: readonly LocalAudioFile[],
): MatchReport {
  const byIsrc = new Map<string, MatchableTrack[]>();
  const byTitle = new Map<string, MatchableTrack[]>();
  for (const t of tracks) {
    const isrc = normalizeIsrc(t.isrc);
    if (isrc) byIsrc.set(isrc, [...(byIsrc.get(isrc) ?? []), t]);
    const key = titleKey(t.track_name, t.artist_name);
    if (key) byTitle.set(key, [...(byTitle.get(key) ?? []), t]);
  }
  const claims = new Map<string, { file: LocalAudioFile; by: AudioMatch["by"] }[]>();
  const unmatchedFiles: MatchReport["unmatchedFiles"] = [];
  for (const file of files) {
    const isrcHits = file.isrc ? byIsrc.get(file.isrc) ?? [] : [];
    const key = titleKey(file.title, file.artist);
    const titleHits = key ? byTitle.get(key) ?? [] : [];
    const [hits, by] = isrcHits.length > 0
      ? [isrcHits, "isrc" as const]
      : [titleHits, "title + artist" as const];
    if (hits.length === 1) {
      const id = hits[0].track_id;
      claims.set(id, [...(claims.get(id) ?? []), { file, by }]);
    } else if (hits.length > 1) {
      unmatchedFiles.push({
        path: file.path,
        reason: `ambiguous: ${hits.length} tracks share its ${by} (${
          hits.map((h) => h.track_id).join(", ")
        })`,
      });
    } else {
      unmatchedFiles.push({
        path: file.path,
        reason: !file.isrc && !key
          ? "no ISRC, and no title and artist in its tags or file name"
          : `no track with its ${
            [file.isrc ? "ISRC" : "", key ? "title + artist" : ""].filter(Boolean).join(" or ")
          }`,
      });
    }
  }
  const matches: AudioMatch[] = [];
  for (const [trackId, list] of claims) {
    // An ISRC match outranks title matches; two files of equal rank are ambiguous.
    const best = list.some((c) => c.by === "isrc") ? list.filter((c) => c.by === "isrc") : list;
    if (best.length === 1) {
      matches.push({ track_id: trackId, path: best[0].file.path, by: best[0].by });
      for (const c of list) {
        if (c !== best[0]) {
          unmatchedFiles.push({
            path: c.file.path,
            reason: `track ${trackId} matched ${best[0].file.path} by ISRC`,
          });
        }
      }
    } else {
      for (const c of list) {
        unmatchedFiles.push({
          path: c.file.path,
          reason: `ambiguous: ${best.length} files match track ${trackId} by ${best[0].by}`,
        });
      }
    }
  }
  const matched = new Set(matches.map((m) => m.track_id));
  const order = new Map(tracks.map((t, i) => [t.track_id, i]));
  matches.sort((a, b) => order.get(a.track_id)! - order.get(b.track_id)!);
  unmatchedFiles.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    matches,
    unmatchedFiles,
    unmatchedTracks: tracks.filter((t) => !matched.has(t.track_id)).map((t) => ({
      track_id: t.track_id,
      track_name: t.track_name,
      artist_name: t.artist_name,
    })),
  };
}
