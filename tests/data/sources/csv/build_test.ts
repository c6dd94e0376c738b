import assert from "node:assert/strict";
import { buildDataset } from "../../../../lib/data/sources/csv/build.ts";
import type { CsvMapping } from "../../../../lib/data/sources/csv/mapping.ts";
import { build, GOOD, header, MAPPING } from "./fixture.ts";

Deno.test("importCsv maps columns: scale, lookup, date parts, thousands, extras", () => {
  const dataset = build([GOOD]);
  assert.deepEqual(dataset.issues, []);
  const track = dataset.tracks.toRecords()[0];
  assert.equal(track.track_name, "Seven");
  assert.equal(track.artist_name, "Latto");
  assert.equal(track.artist_id, "name:latto");
  assert.equal(track.track_id, "name:latto, jung kook|seven");
  assert.equal(track.track_popularity, 90);
  assert.equal(track.key, 11);
  assert.equal(track.danceability, 0.8);
  assert.equal(track.tempo, 125);
  assert.equal(track.release_date, "2023-07-14");
  assert.equal(track.release_year, 2023);
  assert.equal(track.release_month, 7);
  assert.equal(track.streams, 141381703);
  assert.equal(track.playlists, 2445);
  assert.deepEqual(dataset.target, { column: "streams", kind: "regression", threshold: null });
  assert.deepEqual(dataset.artists.toRecords(), [{
    artist_id: "name:latto",
    artist_name: "Latto",
    artist_popularity: 80,
    followers: 1000,
    genre: null,
  }]);
  assert.match(dataset.source, /songs\.csv \(1 rows\)/);
});

Deno.test("an ill-typed target excludes the row and reports its line and column", () => {
  const bad = GOOD.replace("141381703", "BPM110KeyAModeMajor");
  const dataset = build([GOOD, bad, GOOD.replace("Seven", "Other")]);
  assert.equal(dataset.tracks.height, 2);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column, i.action]), [
    [3, "streams", "excluded"],
  ]);
  assert.match(dataset.issues[0].reason, /expected an integer, found "BPM110KeyAModeMajor"/);
  assert.match(dataset.issues[0].reason, /songs\.csv/);
  assert.match(dataset.source, /1 rows excluded/);
});

Deno.test("an ill-typed optional feature is nulled and reported, the row kept", () => {
  const dataset = build([GOOD.replace(",125,", ",fast,")]);
  assert.equal(dataset.tracks.height, 1);
  assert.equal(dataset.tracks.getColumn("tempo").get(0), null);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column, i.action]), [
    [2, "bpm", "nulled"],
  ]);
  assert.match(dataset.issues[0].reason, /tracks\.tempo: expected a number, found "fast"/);
});

Deno.test("values outside the schema's ranges are nulled or exclude the row, never crash", () => {
  const lines = [
    GOOD.replace(",B,", ",H,"), // unknown key letter → key nulled
    GOOD.replace(",80,125,", ",150,125,"), // danceability 1.5 → nulled
    GOOD.replace(",2023,7,14,", ",2023,2,30,"), // no 30 February → release date nulled
    GOOD.replace(",90,", ",120,"), // popularity 120 → nulled (not the target here)
    GOOD.replace('"2,445"', "-3"), // below the extra's min → nulled
    GOOD.replace(",1,80,1000", ",1,180,1000"), // artist popularity 180 → nulled
  ];
  const dataset = build(lines);
  assert.equal(dataset.tracks.height, 6);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column, i.action]), [
    [2, "key", "nulled"],
    [3, "dance", "nulled"],
    [4, "year", "nulled"],
    [5, "pop", "nulled"],
    [6, "playlists", "nulled"],
    [7, "artist_pop", "nulled"],
  ]);
  assert.match(dataset.issues[0].reason, /expected one of "C", "C#", "D", "B", found "H"/);
  assert.match(dataset.issues[1].reason, /found 1\.5/);
  assert.match(dataset.issues[2].reason, /expected a day 1–28 for 2023-02, found 30/);
  assert.match(dataset.issues[4].reason, /expected a value ≥ 0, found -3/);
  const tracks = dataset.tracks.toRecords();
  assert.equal(tracks[0].key, null);
  assert.equal(tracks[1].danceability, null);
  assert.equal(tracks[2].release_date, null);
  assert.equal(tracks[3].track_popularity, null);
});

Deno.test("an out-of-range target excludes the row: popularity 120, binary target 2", () => {
  const popularity: CsvMapping = {
    ...MAPPING,
    target: { column: "track_popularity", kind: "regression", threshold: 50 },
  };
  const a = build([GOOD, GOOD.replace(",90,", ",120,").replace("Seven", "Eight")], popularity);
  assert.equal(a.tracks.height, 1);
  assert.deepEqual(a.issues.map((i) => [i.row, i.column, i.action]), [[3, "pop", "excluded"]]);
  assert.match(a.issues[0].reason, /found 120/);

  const binary: CsvMapping = { ...MAPPING, target: { column: "hit", kind: "binary" } };
  const b = build([GOOD, GOOD.replace(",1,80,", ",2,80,").replace("Seven", "Eight")], binary);
  assert.equal(b.tracks.height, 1);
  assert.deepEqual(b.issues.map((i) => [i.row, i.column, i.action]), [[3, "hit", "excluded"]]);
  assert.match(b.issues[0].reason, /expected a binary target 0 or 1, found 2/);
});

Deno.test("missing values are null without an issue; a missing target excludes the row", () => {
  const dataset = build([GOOD.replace(",B,", ",,"), GOOD.replace("141381703", "")]);
  assert.equal(dataset.tracks.height, 1);
  assert.equal(dataset.tracks.getColumn("key").get(0), null);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column, i.action]), [
    [3, "streams", "excluded"],
  ]);
});

Deno.test("malformed CSV rows are excluded and reported with their line", () => {
  const dataset = build([GOOD, "Broken,row,with,too,few", GOOD.replace("Seven", "Eight")]);
  assert.equal(dataset.tracks.height, 2);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column, i.action]), [
    [3, null, "excluded"],
  ]);
  assert.match(dataset.issues[0].reason, /expected 14 fields \(as in the header\), found 5/);
});

Deno.test("a computed field that throws has its value nulled with the error as reason", () => {
  const mapping: CsvMapping = {
    ...MAPPING,
    extras: {
      ...MAPPING.extras,
      era: {
        compute: (row) => {
          const year = Number(row.get("year"));
          if (year > 2020) throw new Error(`expected a year ≤ 2020, found ${year}`);
          return `${Math.floor(year / 10) * 10}s`;
        },
        columns: ["year"],
      },
    },
  };
  const dataset = build([GOOD, GOOD.replace(",2023,", ",1999,").replace("Seven", "Old")], mapping);
  assert.deepEqual(dataset.tracks.getColumn("era").toArray(), [null, "1990s"]);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column, i.action]), [
    [2, "era", "nulled"],
  ]);
  assert.match(dataset.issues[0].reason, /expected a year ≤ 2020, found 2023/);
});

Deno.test("several files are read into one dataset; issues name their file", () => {
  const dataset = buildDataset(
    [
      { path: "dir/a.csv", text: `${header}\n${GOOD}\n` },
      {
        path: "dir/b.csv",
        text: `${header}\n${GOOD.replace("Seven", "Six").replace("90", "x")}\n`,
      },
    ],
    MAPPING,
    { name: "both" },
  );
  assert.equal(dataset.name, "both");
  assert.equal(dataset.tracks.height, 2);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column]), [[2, "pop"]]);
  assert.match(dataset.issues[0].reason, /^b\.csv: /);
  assert.match(dataset.source, /dir\/a\.csv \(1 rows\); dir\/b\.csv \(1 rows\)/);
});
