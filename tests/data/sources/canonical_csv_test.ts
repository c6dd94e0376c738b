import assert from "node:assert/strict";
import { artistsFrame, type Dataset, targetSpec, tracksFrame } from "../../../lib/data/dataset.ts";
import { saveDataset } from "../../../lib/data/store.ts";
import { importCanonicalCsv } from "../../../lib/data/sources/presets.ts";
import { MissingColumnError } from "../../../lib/data/sources/csv/mod.ts";

Deno.test("the consolidated CSV the workspace writes imports back as the same dataset", async () => {
  const dir = await Deno.makeTempDir();
  const original: Dataset = {
    name: "mine",
    source: "hand-made",
    artists: artistsFrame([
      { artist_id: "a1", artist_name: "Ann", artist_popularity: 80, followers: 1200, genre: "pop" },
      { artist_id: "a2", artist_name: "Bob", artist_popularity: 20, followers: 7 },
    ]),
    tracks: tracksFrame([
      {
        track_id: "t1",
        track_name: "One",
        artist_id: "a1",
        artist_name: "Ann",
        track_popularity: 70,
        tempo: 120.5,
        key: 3,
        mode: 1,
        release_date: "2001-05-02",
        release_year: 2001,
        release_month: 5,
      },
      {
        track_id: "t2",
        track_name: "Two",
        artist_id: "a2",
        artist_name: "Bob",
        track_popularity: 12,
        is_top_track: false,
      },
      {
        track_id: "t3",
        track_name: "Three",
        artist_id: "a1",
        artist_name: "Ann",
        track_popularity: 50,
      },
    ]),
    target: targetSpec({ column: "track_popularity", kind: "regression", threshold: 50 }),
    issues: [],
    tables: {},
  };
  await saveDataset(original, dir);
  const again = await importCanonicalCsv(`${dir}/mine.csv`);
  assert.deepEqual(again.tracks.getColumn("track_id").toArray(), ["t1", "t2", "t3"]);
  assert.deepEqual(again.tracks.getColumn("track_popularity").toArray(), [70, 12, 50]);
  assert.deepEqual(again.tracks.getColumn("tempo").toArray(), [120.5, null, null]);
  assert.deepEqual(again.tracks.getColumn("release_month").toArray(), [5, null, null]);
  assert.equal(again.artists.height, 2);
  const ann = again.artists.toRecords().find((a) => a.artist_id === "a1")!;
  assert.equal(ann.followers, 1200);
  assert.equal(ann.genre, "pop");
  assert.deepEqual(again.issues, []);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a CSV without the canonical name columns fails naming them", async () => {
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  await Deno.writeTextFile(path, "title,singer\nx,y\n");
  await assert.rejects(
    importCanonicalCsv(path),
    (e: Error) =>
      e instanceof MissingColumnError && e.message.includes('"track_name"') &&
      e.message.includes('"title"'),
  );
  await assert.rejects(importCanonicalCsv(`${path}.absent`), /expected a readable CSV file/);
  await Deno.remove(path);
});
