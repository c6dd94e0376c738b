/**
 * The artists table of an import ({@link aggregateArtists}): one row per primary artist id, and
 * every artist whose rows disagree listed as a conflict. Internal to the import.
 *
 * @example
 * ```ts
 * import { aggregateArtists } from "./artists.ts";
 * declare const rows: import("./read_row.ts").KeptRow[];
 * const { artists, conflicts } = aggregateArtists(rows);
 * console.log(artists.length, conflicts.map((c) => `${c.artist_id} ${c.column}: ${c.values}`));
 * ```
 * @module
 */
import type { ArtistRow } from "../../schema.ts";
import type { CellValue } from "./mapping.ts";
import type { KeptRow } from "./read_row.ts";

interface ArtistConflict {
  artist_id: string;
  artist_name: string;
  column: string;
  kept: string;
  values: string;
}

/**
 * One artist row per primary artist id: its first spelling, the maximum popularity and followers
 * over its rows, its first genre; every column whose rows disagree is a conflict.
 */
export function aggregateArtists(
  rows: KeptRow[],
): { artists: ArtistRow[]; conflicts: ArtistConflict[] } {
  const COLUMNS = ["artist_popularity", "followers", "genre"] as const;
  const byId = new Map<string, { artist: ArtistRow; seen: Set<CellValue>[] }>();
  for (const row of rows) {
    const id = row.track.artist_id as string;
    let entry = byId.get(id);
    if (!entry) {
      entry = {
        artist: {
          artist_id: id,
          artist_name: row.track.artist_name as string,
          artist_popularity: null,
          followers: null,
          genre: null,
        },
        seen: COLUMNS.map(() => new Set<CellValue>()),
      };
      byId.set(id, entry);
    }
    const { artist, seen } = entry;
    const { artist_popularity: popularity, followers, genre } = row.artist;
    if (typeof popularity === "number") {
      seen[0].add(popularity);
      artist.artist_popularity = Math.max(artist.artist_popularity ?? popularity, popularity);
    }
    if (typeof followers === "number") {
      seen[1].add(followers);
      artist.followers = Math.max(artist.followers ?? followers, followers);
    }
    if (genre !== null) {
      seen[2].add(String(genre));
      artist.genre ??= String(genre);
    }
  }
  const conflicts: ArtistConflict[] = [];
  for (const { artist, seen } of byId.values()) {
    COLUMNS.forEach((column, c) => {
      if (seen[c].size < 2) return;
      conflicts.push({
        artist_id: artist.artist_id,
        artist_name: artist.artist_name,
        column,
        kept: String(artist[column]),
        values: [...seen[c]].map(String).join("; "),
      });
    });
  }
  return { artists: [...byId.values()].map((e) => e.artist), conflicts };
}
