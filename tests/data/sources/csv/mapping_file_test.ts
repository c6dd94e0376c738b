import assert from "node:assert/strict";
import { MappingFileError, MissingColumnError } from "../../../../lib/data/sources/csv/errors.ts";
import { importCsv } from "../../../../lib/data/sources/csv/import.ts";
import {
  importMappedCsv,
  parseMappingJson,
  readMappingFile,
} from "../../../../lib/data/sources/csv/mapping_file.ts";
import { PRESETS } from "../../../../lib/data/sources/presets.ts";
import { OWN_TABLE_MAPPING, ownTableBytes, ownTableRows } from "./own_table_fixture.ts";

const BASE = {
  tracks: { track_name: "title", track_popularity: "pop" },
  artist: { name: "artist" },
  target: { column: "track_popularity", kind: "regression", threshold: 50 },
};

/** The problems a mapping file's text raises, after checking the error names the file. */
function problems(json: unknown, file = "songs.json"): readonly string[] {
  const text = typeof json === "string" ? json : JSON.stringify(json);
  try {
    parseMappingJson(text, file);
  } catch (error) {
    assert.ok(error instanceof MappingFileError, String(error));
    assert.equal(error.file, file);
    assert.ok(error.message.startsWith(`column mapping ${file}`), error.message);
    return error.problems;
  }
  assert.fail("expected the mapping to be rejected");
}

async function withTemp<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "mapping_file_" });
  try {
    return await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a valid mapping file reads as the mapping, defaults filled in", () => {
  const mapping = parseMappingJson(JSON.stringify(OWN_TABLE_MAPPING), "top.json");
  assert.deepEqual(mapping.tracks.danceability, { column: "dnce", scale: 0.01 });
  assert.equal(mapping.target.threshold, 50);
  const noThreshold = parseMappingJson(
    JSON.stringify({ ...BASE, target: { column: "track_popularity", kind: "regression" } }),
    "a.json",
  );
  assert.equal(noThreshold.target.threshold, null);
  // A byte-order mark, as some editors write, is no problem.
  assert.equal(
    parseMappingJson(`\uFEFF${JSON.stringify(BASE)}`, "a.json").tracks.track_name,
    "title",
  );
});

Deno.test("a missing mapping file names the file and what was expected", async () => {
  await withTemp(async (dir) => {
    const path = `${dir}/nowhere.json`;
    await assert.rejects(readMappingFile(path), (e: unknown) => {
      assert.ok(e instanceof MappingFileError);
      assert.equal(e.file, path);
      assert.equal(
        e.message,
        `column mapping ${path}: expected a readable JSON column-mapping file; found no such file`,
      );
      return true;
    });
  });
});

Deno.test("a mapping file that is not JSON says so with the parser's position", async () => {
  assert.deepEqual(problems('{"tracks": {"track_name": "title",}}'), [
    "expected a JSON object (a column mapping); found text that is not JSON: Expected " +
    "double-quoted property name in JSON at position 34 (line 1 column 35)",
  ]);
  assert.match(problems("")[0], /found text that is not JSON: Unexpected end of JSON input/);
  assert.deepEqual(problems("[]"), ["(the whole mapping): expected object, found []"]);
  await withTemp(async (dir) => {
    const path = `${dir}/latin1.json`;
    await Deno.writeFile(path, new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d])); // {"é"} in latin-1
    await assert.rejects(readMappingFile(path), /latin1\.json: expected UTF-8 text/);
  });
});

Deno.test("a value of the wrong type is named by its path in the JSON", () => {
  const scale = {
    ...BASE,
    tracks: { ...BASE.tracks, danceability: { column: "dnce", scale: "x" } },
  };
  assert.deepEqual(problems(scale), ['tracks.danceability.scale: expected number, found "x"']);
  assert.deepEqual(problems({ ...BASE, tracks: { ...BASE.tracks, track_name: 5 } }), [
    "tracks.track_name: expected string or object, found 5",
  ]);
  assert.deepEqual(
    problems({ ...BASE, target: { column: "track_popularity", kind: "regresion" } }),
    ['target.kind: expected one of "regression", "binary", found "regresion"'],
  );
  assert.deepEqual(problems({ ...BASE, extras: { "top genre": { column: "" } } }), [
    'extras["top genre"].column: expected a non-empty string, found ""',
  ]);
  assert.deepEqual(problems({ tracks: BASE.tracks, target: BASE.target }), [
    "artist: expected object, found nothing",
  ]);
});

Deno.test("an unknown target column is named, with the columns allowed and the nearest", () => {
  const [line] = problems({ ...BASE, tracks: { ...BASE.tracks, popularity: "pop" } });
  assert.match(line, /^tracks\.popularity: expected a key among track_id, track_name, /);
  assert.match(line, /found the unknown key "popularity" \(did you mean "track_popularity"\?\)$/);
  const typo = problems({
    ...BASE,
    tracks: { ...BASE.tracks, danceability: { column: "dnce", scal: 0.01 } },
    target: { ...BASE.target, treshold: 60 },
  });
  assert.equal(typo.length, 2);
  assert.match(typo[0], /^tracks\.danceability\.scal: .*"scal" \(did you mean "scale"\?\)$/);
  assert.match(typo[1], /^target\.treshold: .*"treshold" \(did you mean "threshold"\?\)$/);
  // A target that names no mapped column.
  assert.deepEqual(problems({ ...BASE, target: { column: "pop", kind: "regression" } }), [
    "target.column: expected the target column to be a mapped track column or an extra; found " +
    '"pop" (mapped: track_name, track_popularity, track_id)',
  ]);
});

Deno.test("a computed field in a mapping file says it needs code", () => {
  const computed = problems({
    ...BASE,
    tracks: { ...BASE.tracks, track_id: { compute: "row.uri", columns: ["uri"] } },
  });
  assert.equal(computed.length, 1);
  assert.match(computed[0], /^tracks\.track_id\.compute: .*found a computed field; .*needs code/);
});

Deno.test("a mapped column absent from the CSV names the column, the entry and both files", async () => {
  await withTemp(async (dir) => {
    const csv = `${dir}/top.csv`;
    const json = `${dir}/top.json`;
    await Deno.writeFile(csv, ownTableBytes(ownTableRows(3)));
    const mapping = {
      ...OWN_TABLE_MAPPING,
      tracks: { ...OWN_TABLE_MAPPING.tracks, instrumentalness: { column: "inst", scale: 0.01 } },
    };
    await Deno.writeTextFile(json, JSON.stringify(mapping));
    await assert.rejects(importMappedCsv(csv, json), (e: unknown) => {
      assert.ok(e instanceof MissingColumnError);
      assert.equal(e.mappingFile, json);
      assert.deepEqual(e.missing, [{ column: "inst", field: "tracks.instrumentalness" }]);
      assert.equal(
        e.message,
        `expected column "inst" (tracks.instrumentalness in ${json}) in top.csv; columns found: ` +
          `"title", "artist", "top genre", "year", "bpm", "nrgy", "dnce", "dB", "live", "val", ` +
          `"dur", "acous", "spch", "pop"`,
      );
      return true;
    });
  });
});

Deno.test("a preset's mapping, written as JSON, is a mapping file that imports the same", async () => {
  const preset = PRESETS["spotify-2023"].mapping({ sharedData: "unused" });
  const json = JSON.stringify(preset, null, 2);
  const fromFile = parseMappingJson(json, "spotify-2023.json");
  assert.deepEqual(fromFile.tracks.key, preset.tracks.key);
  assert.deepEqual(fromFile.artist, preset.artist);
  await withTemp(async (dir) => {
    const csv = `${dir}/songs.csv`;
    await Deno.writeTextFile(
      csv,
      [
        "track_name,artist(s)_name,artist_count,released_year,released_month,released_day," +
        "in_spotify_playlists,in_spotify_charts,streams,in_apple_playlists,in_apple_charts," +
        "in_deezer_playlists,in_deezer_charts,in_shazam_charts,bpm,key,mode,danceability_%," +
        "valence_%,energy_%,acousticness_%,instrumentalness_%,liveness_%,speechiness_%",
        'Seven,"Latto, Jung Kook",2,2023,7,14,553,147,141381703,43,263,45,10,826,125,B,Major,' +
        "80,89,83,31,0,8,4",
        '"Tyler, The Creator Song","Tyler, The Creator",1,2019,5,17,"2,445",0,"1,000",5,0,"1,234",' +
        "0,0,90,C#,Minor,55,40,60,10,2,12,30",
      ].join("\n") + "\n",
    );
    await Deno.writeTextFile(`${dir}/spotify-2023.json`, json);
    const viaFile = await importMappedCsv(csv, `${dir}/spotify-2023.json`);
    const viaCode = await importCsv(csv, preset);
    assert.deepEqual(viaFile.tracks.toRecords(), viaCode.tracks.toRecords());
    assert.deepEqual(viaFile.artists.toRecords(), viaCode.artists.toRecords());
    assert.equal(viaFile.tracks.height, 2);
    assert.equal(viaFile.artists.toRecords()[1].artist_name, "Tyler, The Creator");
  });
  // hit-predictor computes its track id from the uri: not expressible in a file.
  const hit = JSON.stringify(PRESETS["hit-predictor"].mapping({ sharedData: "unused" }));
  assert.match(problems(hit)[0], /^tracks\.track_id\.compute: /);
});
