import assert from "node:assert/strict";
import { projectRoot } from "../../../lib/config.ts";
import { decodeText, parseCsv } from "../../../lib/data/sources/csv/mod.ts";
import {
  FEATURING,
  importPreset,
  parsePythonList,
  PITCH_CLASSES,
  PresetError,
  type PresetName,
  PRESETS,
  PythonListError,
  spotifyTrackId,
} from "../../../lib/data/sources/presets.ts";

const SHARED = `${projectRoot(decodeURIComponent(new URL(".", import.meta.url).pathname))}` +
  "/../shared/data";
const hasShared = (() => {
  try {
    return Deno.statSync(SHARED).isDirectory;
  } catch {
    return false;
  }
})();
if (!hasShared) {
  console.warn(`presets_test: ${SHARED} is absent; the tests on the real datasets are skipped`);
}
const real = (name: string, fn: () => Promise<void> | void): Deno.TestDefinition => ({
  name: hasShared ? name : `${name} (skipped: no ../shared/data)`,
  ignore: !hasShared,
  fn,
});
const mean = (values: (number | null)[]) => {
  const xs = values.filter((v): v is number => v !== null);
  return xs.reduce((a, b) => a + b, 0) / xs.length;
};
/** Every value null or a number in [low, high], and at least one number. */
const within = (values: unknown[], low: number, high: number) =>
  values.some((v) => typeof v === "number") &&
  values.every((v) => v === null || (typeof v === "number" && v >= low && v <= high));

// ---------------------------------------------------------------------------------------------
// Helpers

Deno.test("parsePythonList reads Python list strings, quotes and escapes included", () => {
  assert.deepEqual(parsePythonList("['dance pop', 'pop']"), ["dance pop", "pop"]);
  assert.deepEqual(parsePythonList("[]"), []);
  assert.deepEqual(parsePythonList(` [ 'folk' , "women's music" ] `), ["folk", "women's music"]);
  assert.deepEqual(parsePythonList(String.raw`['it\'s', "a \"b\"", 'x\\y',]`), [
    "it's",
    'a "b"',
    "x\\y",
  ]);
  assert.throws(() => parsePythonList("dance pop"), PythonListError);
  assert.throws(() => parsePythonList("['a' 'b']"), /expected "," or "\]" at position 5/);
  assert.throws(() => parsePythonList("['open]"), /expected a closing '/);
  assert.throws(() => parsePythonList("['a'] x"), /expected the end of the list/);
});

Deno.test("spotifyTrackId takes the id out of a uri or link, and rejects other text", () => {
  assert.equal(spotifyTrackId("spotify:track:2ZyuwVvV6Z3XJaXIFbspeE"), "2ZyuwVvV6Z3XJaXIFbspeE");
  assert.equal(
    spotifyTrackId("https://open.spotify.com/track/2ZyuwVvV6Z3XJaXIFbspeE?si=x"),
    "2ZyuwVvV6Z3XJaXIFbspeE",
  );
  assert.throws(() => spotifyTrackId("spotify:album:2ZyuwVvV6Z3XJaXIFbspeE"), /expected a Spotify/);
});

Deno.test("key letters map to pitch classes; featuring credits split, band names do not", () => {
  assert.deepEqual(
    ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"].map((k) => PITCH_CLASSES[k]),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  );
  assert.equal("Drake Featuring Kanye West".split(FEATURING)[0], "Drake");
  assert.equal("Quincy Jones (feat. The Brothers Johnson)".split(FEATURING)[0], "Quincy Jones");
  assert.equal("Little Feat".split(FEATURING)[0], "Little Feat");
  assert.equal("Earth, Wind & Fire".split(FEATURING)[0], "Earth, Wind & Fire");
});

Deno.test("importPreset rejects an unknown preset, decade or file", async () => {
  await assert.rejects(
    importPreset("billboard" as PresetName, { sharedData: SHARED }),
    /expected a preset among hit-predictor, spotify-2023, playlist-tracks; found "billboard"/,
  );
  await assert.rejects(
    importPreset("hit-predictor", { sharedData: SHARED, decades: ["50s"] }),
    (e: unknown) => e instanceof PresetError && /found 50s/.test(e.message),
  );
  await assert.rejects(
    importPreset("spotify-2023", { sharedData: "/nonexistent" }),
    /expected the preset file \/nonexistent\/spotify-2023\/spotify-2023\.csv/,
  );
});

Deno.test("a preset reads a file given by path instead of the shared folder", async () => {
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  try {
    const header = "\ufefftrack_name,artist(s)_name,artist_count,released_year,released_month," +
      "released_day,in_spotify_playlists,in_spotify_charts,streams,in_apple_playlists," +
      "in_apple_charts,in_deezer_playlists,in_deezer_charts,in_shazam_charts,bpm,key,mode," +
      "danceability_%,valence_%,energy_%,acousticness_%,instrumentalness_%,liveness_%," +
      "speechiness_%";
    const row =
      'See You Again,"Tyler, The Creator, Kali Uchis",3,2017,7,21,"13,387",64,1047101291,77,58,' +
      '"2,445",1,311,79,F#,Major,56,58,56,3,0,11,10';
    await Deno.writeTextFile(path, `${header}\r\n${row}\r\n`);
    const dataset = await importPreset("spotify-2023", { sharedData: "/nonexistent", path });
    assert.deepEqual(dataset.issues, []);
    const track = dataset.tracks.toRecords()[0];
    assert.equal(track.artist_name, "Tyler, The Creator");
    assert.equal(track.in_spotify_playlists, 13387);
    assert.equal(track.in_deezer_playlists, 2445);
    assert.equal(track.key, 6);
    assert.equal(track.mode, 1);
    assert.equal(track.release_date, "2017-07-21");
    assert.equal(track.speechiness, 0.1);
    assert.equal(dataset.name, "spotify-2023");
  } finally {
    await Deno.remove(path);
  }
});

// ---------------------------------------------------------------------------------------------
// Real data

Deno.test(real("hit-predictor: all six decades, 41,106 tracks, target mean ≈ 0.50", async () => {
  // Import speed is measured by `deno task bench data`, not asserted here.
  const dataset = await importPreset("hit-predictor", { sharedData: SHARED });
  assert.equal(dataset.name, "hit-predictor");
  assert.equal(dataset.tracks.height, 41_106);
  assert.deepEqual(dataset.issues, []);
  assert.deepEqual(dataset.target, { column: "target", kind: "binary", threshold: null });
  const target = dataset.tracks.getColumn("target").toArray() as number[];
  assert.ok(Math.abs(mean(target) - 0.5) < 0.005, `target mean ${mean(target)}`);
  assert.ok(target.every((t) => t === 0 || t === 1));
  // "Drake Featuring Kanye West" counts as Drake: fewer artists than the 11,904 raw names.
  assert.equal(dataset.artists.height, 10_638);
  assert.equal(new Set(dataset.tracks.getColumn("artist_id").toArray()).size, 10_638);
  for (const decade of [1960, 1970, 1980, 1990, 2000, 2010]) {
    assert.ok(dataset.tracks.getColumn("decade").toArray().includes(decade), `${decade}`);
  }
  // The same uri appears in several decade files: 546 later copies are kept under <id>#k.
  const ids = dataset.tracks.getColumn("track_id").toArray() as string[];
  assert.equal(new Set(ids).size, 41_106);
  assert.equal(dataset.tables.duplicate_ids.height, 546);
  assert.equal(ids.filter((id) => /^[0-9A-Za-z]{22}$/.test(id)).length, 41_106 - 546);
  assert.ok(dataset.tracks.getColumn("release_year").toArray().every((v) => v === null));
  for (const column of ["danceability", "energy", "valence", "acousticness"]) {
    assert.ok(within(dataset.tracks.getColumn(column).toArray(), 0, 1), column);
  }
  assert.ok(within(dataset.tracks.getColumn("key").toArray(), 0, 11));
  assert.equal(dataset.tracks.getColumn("duration_ms").nullCount(), 0);
  assert.ok(dataset.tracks.columns.includes("chorus_hit"));
  assert.ok(dataset.tracks.columns.includes("sections"));
  assert.match(dataset.source, /dataset-of-60s\.csv \(8,642 rows\)/);
}));

Deno.test(real("hit-predictor: one artist per raw name without the featuring split", async () => {
  const dataset = await importPreset("hit-predictor", {
    sharedData: SHARED,
    splitFeaturing: false,
  });
  const raw = new Set(dataset.tracks.getColumn("credited_artists").toArray());
  assert.equal(raw.size, 11_904); // as in the README
  // 11 names differ from another only in case ("Tegan And Sara" / "Tegan and Sara").
  assert.equal(dataset.artists.height, 11_893);
}));

Deno.test(real("hit-predictor: a choice of decades", async () => {
  const dataset = await importPreset("hit-predictor", { sharedData: SHARED, decades: ["10s"] });
  assert.equal(dataset.tracks.height, 6_398);
  assert.deepEqual([...new Set(dataset.tracks.getColumn("decade").toArray())], [2010]);
  const first = dataset.tracks.toRecords()[0];
  assert.equal(first.track_id, "2ZyuwVvV6Z3XJaXIFbspeE");
  assert.equal(first.track_name, "Wild Things");
  assert.equal(first.artist_id, "name:alessia cara");
  assert.equal(first.duration_ms, 188493);
  assert.equal(first.target, 1);
}));

Deno.test(
  real("spotify-2023: BOM handled, the malformed streams row excluded at line 576", async () => {
    const path = `${SHARED}/spotify-2023/spotify-2023.csv`;
    const decoded = decodeText(await Deno.readFile(path));
    assert.equal(decoded.encoding, "utf-8-bom");
    const parsed = parseCsv(decoded.text);
    assert.equal(parsed.header[0], "track_name");
    assert.equal(parsed.rows.length, 953);
    assert.equal(parsed.malformed.length, 0);

    const dataset = await importPreset("spotify-2023", { sharedData: SHARED });
    assert.match(dataset.source, /spotify-2023\.csv \(953 rows, utf-8-bom/);
    assert.equal(dataset.tracks.height, 952);
    assert.equal(dataset.tracks.columns[0], "track_id");
    assert.deepEqual(dataset.issues.map((i) => [i.row, i.column, i.action]), [
      [576, "streams", "excluded"],
    ]);
    assert.match(dataset.issues[0].reason, /found "BPM110KeyAModeMajor/);
    const names = dataset.tracks.getColumn("track_name").toArray();
    assert.ok(!names.includes("Love Grows (Where My Rosemary Goes)"));
    assert.deepEqual(dataset.target, { column: "streams", kind: "regression", threshold: null });
    const first = dataset.tracks.toRecords()[0];
    assert.equal(first.track_name, "Seven (feat. Latto) (Explicit Ver.)");
    assert.equal(first.artist_name, "Latto");
    assert.equal(first.credited_artists, "Latto, Jung Kook");
    assert.equal(first.release_date, "2023-07-14");
    assert.equal(first.release_year, 2023);
    assert.equal(first.release_month, 7);
    assert.equal(first.key, 11);
    assert.equal(first.mode, 1);
    assert.equal(first.danceability, 0.8);
    assert.equal(first.tempo, 125);
    assert.equal(first.streams, 141381703);
    // Thousands separators are read, not nulled.
    assert.ok(dataset.tracks.getColumn("in_deezer_playlists").toArray().includes(2445));
    assert.equal(dataset.tracks.getColumn("in_deezer_playlists").nullCount(), 0);
    assert.equal(dataset.tracks.getColumn("in_shazam_charts").nullCount(), 50); // empty in the file
    assert.equal(dataset.tracks.getColumn("key").nullCount(), 95); // empty in the file
    for (const column of ["danceability", "valence", "energy", "speechiness", "liveness"]) {
      assert.ok(within(dataset.tracks.getColumn(column).toArray(), 0, 1), column);
    }
    assert.ok(within(dataset.tracks.getColumn("key").toArray(), 0, 11));
    assert.equal(dataset.tables.duplicate_ids.height, 4);
    assert.ok(dataset.artists.getColumn("artist_name").toArray().includes("Tyler, The Creator"));
  }),
);

Deno.test(real("playlist-tracks: 2,179 rows, popularity in range, first genre parsed", async () => {
  const dataset = await importPreset("playlist-tracks", { sharedData: SHARED });
  // The README says 2,178; the file holds 2,179 rows after its header (its last line has no
  // final line break, so `wc -l` counts 2,179 lines in all).
  assert.equal(dataset.tracks.height, 2_179);
  assert.deepEqual(dataset.issues, []);
  assert.deepEqual(dataset.target, {
    column: "track_popularity",
    kind: "regression",
    threshold: 50,
  });
  const popularity = dataset.tracks.getColumn("track_popularity").toArray();
  assert.ok(within(popularity, 0, 100));
  assert.equal(dataset.tracks.getColumn("track_popularity").nullCount(), 0);
  assert.ok(within(dataset.artists.getColumn("artist_popularity").toArray(), 0, 100));
  assert.ok(dataset.tracks.width < 30, `tracks has ${dataset.tracks.width} columns`);
  assert.match(dataset.source, /658 columns not imported/);
  const artists = new Map(dataset.artists.toRecords().map((a) => [a.artist_id, a]));
  assert.equal(artists.get("name:doja cat")?.genre, "dance pop");
  assert.equal(artists.get("name:doja cat")?.artist_popularity, 88);
  assert.ok(dataset.artists.getColumn("genre").nullCount() > 0); // artists listed with []
  const first = dataset.tracks.toRecords()[0];
  assert.equal(first.artist_genres, '["dance pop","pop"]');
  assert.equal(first.album, "Planet Her");
  // One name, two artists in the file (popularity 68 and 16): the max is kept and listed.
  const conflicts = dataset.tables.artist_conflicts.toRecords();
  assert.deepEqual(conflicts.map((c) => [c.artist_id, c.column, c.kept, c.values]), [
    ["name:sachet tandon", "artist_popularity", "68", "68; 16"],
  ]);
  assert.equal(artists.get("name:sachet tandon")?.genre, "desi pop");
  assert.equal(dataset.tables.genres, undefined);
}));

Deno.test(real("playlist-tracks: keepGenreColumns keeps the one-hot genres beside", async () => {
  const dataset = await importPreset("playlist-tracks", {
    sharedData: SHARED,
    keepGenreColumns: true,
  });
  const genres = dataset.tables.genres;
  assert.equal(genres.height, 2_179);
  assert.equal(genres.width, 1 + 658);
  assert.equal(genres.columns[0], "track_id");
  assert.ok(genres.columns.includes("dance pop"));
  assert.ok(!dataset.tracks.columns.includes("dance pop"));
  const first = genres.toRecords()[0];
  assert.equal(first["dance pop"], 1);
  assert.equal(first["pop"], 1);
  assert.equal(first["rock"], 0);
}));

Deno.test(real("every preset lists its files for the given options", async () => {
  const files = await PRESETS["hit-predictor"].files({
    sharedData: SHARED,
    decades: ["90s", "60s"],
  });
  assert.deepEqual(files.map((f) => f.replace(/^.*\//, "")), [
    "dataset-of-60s.csv",
    "dataset-of-90s.csv",
  ]);
  const single = await PRESETS["playlist-tracks"].files({ sharedData: SHARED });
  assert.match(single[0], /playlist-tracks\/songs_playlist_df\.csv$/);
}));
