/**
 * A researcher's own table, made in memory: the columns of a common "top songs" export
 * (`title, artist, top genre, year, bpm, nrgy, dnce, dB, live, val, dur, acous, spch, pop`),
 * percent-scaled descriptors 0–100, duration in seconds, written in latin-1 with accented names —
 * and the column-mapping file the README shows for it ({@link OWN_TABLE_MAPPING}).
 *
 * @example
 * ```ts
 * import { ownTableBytes, ownTableRows } from "./own_table_fixture.ts";
 * const rows = ownTableRows(30);
 * await Deno.writeFile("top.csv", ownTableBytes(rows));
 * ```
 * @module
 */

/** The header of the table, in file order. */
export const OWN_TABLE_HEADER = [
  "title",
  "artist",
  "top genre",
  "year",
  "bpm",
  "nrgy",
  "dnce",
  "dB",
  "live",
  "val",
  "dur",
  "acous",
  "spch",
  "pop",
] as const;

/** The mapping file of the README's "Your own table", as parsed JSON. */
export const OWN_TABLE_MAPPING = {
  tracks: {
    track_name: "title",
    track_popularity: "pop",
    tempo: "bpm",
    energy: { column: "nrgy", scale: 0.01 },
    danceability: { column: "dnce", scale: 0.01 },
    loudness: "dB",
    liveness: { column: "live", scale: 0.01 },
    valence: { column: "val", scale: 0.01 },
    duration_ms: { column: "dur", scale: 1000 },
    acousticness: { column: "acous", scale: 0.01 },
    speechiness: { column: "spch", scale: 0.01 },
  },
  artist: { name: "artist", genre: "top genre" },
  releaseDate: { year: "year" },
  target: { column: "track_popularity", kind: "regression", threshold: 50 },
};

/** Artists with letters outside ASCII (all within latin-1), and their genre. */
const ARTISTS: readonly (readonly [string, string])[] = [
  ["Beyoncé", "dance pop"],
  ["Björk", "art pop"],
  ["Rosalía", "latin pop"],
  ["Céline Dion", "canadian pop"],
  ["Angèle", "francoflamingant"],
  ["Mø", "electropop"],
  ["Françoise Hardy", "chanson"],
  ["Sinéad O'Connor", "irish pop"],
  ["Zoé", "rock en español"],
  ["Ñengo Flow", "reggaeton"],
];

/** One row of the table as its fields' texts, by column. */
export type OwnTableRow = Record<typeof OWN_TABLE_HEADER[number], string>;

/**
 * `n` rows, three per artist in turn, with deterministic values in the file's units: descriptors
 * as whole percentages, `dur` in seconds, `pop` 0–100. Titles hold accents and, every seventh,
 * a comma (so the field is quoted).
 */
export function ownTableRows(n: number): OwnTableRow[] {
  return Array.from({ length: n }, (_, i) => {
    const [artist, genre] = ARTISTS[Math.floor(i / 3) % ARTISTS.length];
    return {
      title: i % 7 === 0 ? `Canción ${i}, versión café` : `Été n°${i}`,
      artist,
      "top genre": genre,
      year: String(2010 + (i % 10)),
      bpm: String(80 + (i * 7) % 100),
      nrgy: String(20 + (i * 13) % 80),
      dnce: String(30 + (i * 11) % 70),
      dB: String(-2 - (i % 12)),
      live: String(5 + (i * 3) % 40),
      val: String(10 + (i * 17) % 90),
      dur: String(150 + (i * 29) % 150),
      acous: String((i * 19) % 100),
      spch: String(3 + (i * 5) % 30),
      pop: String((i * 37) % 101),
    };
  });
}

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows as a CSV file's bytes in latin-1 (one byte per character; CRLF line ends). */
export function ownTableBytes(rows: readonly OwnTableRow[]): Uint8Array {
  const lines = [
    OWN_TABLE_HEADER.map(field).join(","),
    ...rows.map((row) => OWN_TABLE_HEADER.map((c) => field(row[c])).join(",")),
  ];
  const text = lines.join("\r\n") + "\r\n";
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new Error(`not latin-1: ${JSON.stringify(text[i])}`);
    bytes[i] = code;
  }
  return bytes;
}
