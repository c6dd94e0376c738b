import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { artistsFrame, type Dataset, targetSpec, tracksFrame } from "../../lib/data/dataset.ts";
import { loadDataset, readManifest, saveDataset, StoreError } from "../../lib/data/store.ts";
import { splitFrame } from "../../lib/data/split.ts";

function smallDataset(popularity = 55): Dataset {
  return {
    name: "small",
    source: "hand-made",
    artists: artistsFrame([
      { artist_id: "a1", artist_name: "A", artist_popularity: 80, followers: 1000 },
      { artist_id: "a2", artist_name: "B", artist_popularity: 20, followers: 5 },
    ]),
    tracks: tracksFrame([
      { track_id: "t1", track_name: "x", artist_id: "a1", artist_name: "A", track_popularity: 70 },
      {
        track_id: "t2",
        track_name: "y",
        artist_id: "a2",
        artist_name: "B",
        track_popularity: popularity,
        release_date: "2001-05",
        release_year: 2001,
        release_month: 5,
      },
    ]),
    target: targetSpec({ column: "track_popularity", kind: "regression", threshold: 50 }),
    issues: [{ row: 3, column: "tempo", reason: "not a number: 'fast'", action: "nulled" }],
    tables: { streams: pl.DataFrame({ track_id: ["t1"], date: ["2024-01-01"], streams: [10] }) },
  };
}

Deno.test("saveDataset writes Parquet, consolidated CSV, issues and manifest; loadDataset reads them", async () => {
  const dir = await Deno.makeTempDir();
  const ds = smallDataset();
  const split = splitFrame(ds.tracks, ["train", "test"]);
  const manifest = await saveDataset(ds, `${dir}/small`, { split, meta: { seed: 1 } });
  assert.deepEqual(manifest.rows, { artists: 2, tracks: 2, streams: 1 });
  assert.equal(manifest.issues, 1);
  assert.ok(manifest.files.includes("small.csv") && manifest.files.includes("split.csv"));
  const csv = await Deno.readTextFile(`${dir}/small/small.csv`);
  assert.match(csv.split("\n")[0], /track_id.*artist_popularity.*followers/);
  const loaded = await loadDataset(`${dir}/small`);
  assert.deepEqual(loaded.dataset.tracks.toRecords(), ds.tracks.toRecords());
  assert.deepEqual(loaded.dataset.artists.toRecords(), ds.artists.toRecords());
  assert.deepEqual(loaded.dataset.issues, ds.issues);
  assert.equal(loaded.dataset.tables.streams.height, 1);
  assert.deepEqual(loaded.split?.getColumn("split").toArray(), ["train", "test"]);
  assert.deepEqual(loaded.manifest, manifest);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the content hash follows the content, not the time of writing", async () => {
  const dir = await Deno.makeTempDir();
  const a = await saveDataset(smallDataset(), `${dir}/a`);
  await new Promise((r) => setTimeout(r, 5));
  const b = await saveDataset(smallDataset(), `${dir}/b`);
  const c = await saveDataset(smallDataset(56), `${dir}/c`);
  assert.equal(a.contentHash, b.contentHash);
  assert.notEqual(a.contentHash, c.contentHash);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a folder without manifest, or with a file missing, is reported", async () => {
  const dir = await Deno.makeTempDir();
  assert.equal(await readManifest(dir), null);
  await assert.rejects(loadDataset(dir), StoreError);
  await saveDataset(smallDataset(), dir);
  await Deno.remove(`${dir}/tracks.parquet`);
  await assert.rejects(loadDataset(dir), /tracks.parquet is listed in the manifest but missing/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a clean dataset with no issues and no extra tables round-trips", async () => {
  const dir = await Deno.makeTempDir();
  const ds = { ...smallDataset(), issues: [], tables: {} };
  await saveDataset(ds, dir);
  const loaded = await loadDataset(dir);
  assert.deepEqual(loaded.dataset.issues, []);
  assert.deepEqual(loaded.dataset.tables, {});
  assert.equal(loaded.split, null);
  await Deno.remove(dir, { recursive: true });
});
