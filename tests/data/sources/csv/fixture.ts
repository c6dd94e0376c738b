/**
 * The file and mapping the CSV import tests share: a header of 14 columns, a mapping that uses
 * every kind of field (lookup, scale, thousands, date parts, extras, artist separator), a good row,
 * and {@link build} to import rows of that header from memory.
 *
 * @example
 * ```ts
 * import { build, GOOD } from "./fixture.ts";
 * const dataset = build([GOOD, GOOD.replace(",125,", ",fast,")]);
 * console.log(dataset.issues.length); // 1
 * ```
 * @module
 */
import { buildDataset } from "../../../../lib/data/sources/csv/build.ts";
import type { CsvMapping } from "../../../../lib/data/sources/csv/mapping.ts";

export const header =
  "title,artist,pop,key,dance,bpm,year,month,day,streams,playlists,hit,artist_pop,followers";
export const MAPPING: CsvMapping = {
  tracks: {
    track_name: "title",
    track_popularity: "pop",
    key: { column: "key", values: { C: 0, "C#": 1, D: 2, B: 11 } },
    danceability: { column: "dance", scale: 0.01 },
    tempo: "bpm",
  },
  artist: { name: "artist", separator: ", ", popularity: "artist_pop", followers: "followers" },
  releaseDate: { year: "year", month: "month", day: "day" },
  extras: {
    streams: { column: "streams", parse: "integer" },
    playlists: { column: "playlists", parse: "integer", thousands: ",", min: 0 },
    hit: { column: "hit", parse: "integer" },
  },
  target: { column: "streams", kind: "regression" },
};

export function build(lines: string[], mapping: CsvMapping = MAPPING, path = "songs.csv") {
  return buildDataset([{ path, text: [header, ...lines].join("\n") + "\n" }], mapping);
}

export const GOOD = 'Seven,"Latto, Jung Kook",90,B,80,125,2023,7,14,141381703,"2,445",1,80,1000';
