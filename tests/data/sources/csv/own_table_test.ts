import assert from "node:assert/strict";
import { loadConfig } from "../../../../lib/config.ts";
import { prepareDataset } from "../../../../lib/data/load.ts";
import { MappingFileError } from "../../../../lib/data/sources/csv/errors.ts";
import { OWN_TABLE_MAPPING, ownTableBytes, ownTableRows } from "./own_table_fixture.ts";

/** A temp folder holding the latin-1 table, its mapping file and paths.data. */
async function ownTable(rows = 30) {
  const dir = await Deno.makeTempDir({ prefix: "own_table_" });
  const csv = `${dir}/top songs.csv`;
  const mapping = `${dir}/top songs.json`;
  const source = ownTableRows(rows);
  await Deno.writeFile(csv, ownTableBytes(source));
  await Deno.writeTextFile(mapping, JSON.stringify(OWN_TABLE_MAPPING, null, 2));
  const config = loadConfig({
    env: {},
    overrides: {
      dataset: { source: "csv", path: csv, mapping },
      paths: { data: `${dir}/data` },
    },
  });
  return { dir, csv, mapping, source, config };
}

Deno.test("a latin-1 table imports end to end through its mapping file", async () => {
  const { dir, source, config } = await ownTable(30);
  try {
    const bytes = await Deno.readFile(`${dir}/top songs.csv`);
    assert.throws(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes));

    const { dataset, split, manifest, dir: stored, built } = await prepareDataset(config, {
      log: () => {},
    });
    assert.equal(built, true);
    assert.equal(stored, `${dir}/data/csv`);
    assert.deepEqual(dataset.issues, []);
    assert.equal(dataset.tracks.height, 30);
    assert.equal(dataset.artists.height, 10);
    assert.equal(dataset.name, "top songs");
    assert.match(dataset.source, /^top songs \(column mapping .*\/top songs\.json\): .*latin-1/);
    assert.deepEqual(dataset.target, {
      column: "track_popularity",
      kind: "regression",
      threshold: 50,
    });

    const tracks = dataset.tracks.toRecords();
    source.forEach((row, i) => {
      const track = tracks[i];
      assert.equal(track.track_name, row.title);
      assert.equal(track.artist_name, row.artist);
      assert.equal(track.track_popularity, Number(row.pop));
      assert.equal(track.tempo, Number(row.bpm));
      assert.equal(track.loudness, Number(row.dB));
      // Percentages → 0–1, seconds → milliseconds.
      assert.equal(track.danceability, Number(row.dnce) / 100);
      assert.equal(track.energy, Number(row.nrgy) / 100);
      assert.equal(track.liveness, Number(row.live) / 100);
      assert.equal(track.valence, Number(row.val) / 100);
      assert.equal(track.acousticness, Number(row.acous) / 100);
      assert.equal(track.speechiness, Number(row.spch) / 100);
      assert.equal(track.duration_ms, Number(row.dur) * 1000);
      assert.equal(track.release_year, Number(row.year));
      assert.equal(track.release_date, row.year);
      assert.equal(track.release_month, null);
      assert.equal(track.key, null);
    });
    assert.equal(tracks[0].track_name, "Canción 0, versión café");
    assert.equal(tracks[1].track_name, "Été n°1");

    const artists = new Map(
      dataset.artists.toRecords().map((a) => [String(a.artist_name), a.genre]),
    );
    assert.deepEqual(
      [...artists.keys()].sort(),
      [
        "Angèle",
        "Beyoncé",
        "Björk",
        "Céline Dion",
        "Françoise Hardy",
        "Mø",
        "Rosalía",
        "Sinéad O'Connor",
        "Zoé",
        "Ñengo Flow",
      ].sort(),
    );
    assert.equal(artists.get("Zoé"), "rock en español");
    assert.equal(tracks[0].artist_id, "name:beyoncé");

    const parts = new Set(split.getColumn("split").toArray());
    assert.deepEqual([...parts].sort(), ["test", "train", "validation"]);
    assert.equal(manifest.meta.mapping, config.dataset.mapping);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a missing mapping file stops prepareDataset naming the file", async () => {
  const { dir, config } = await ownTable(6);
  try {
    const absent = `${dir}/absent.json`;
    const missing = { ...config, dataset: { ...config.dataset, mapping: absent } };
    await assert.rejects(prepareDataset(missing, { log: () => {} }), (e: unknown) => {
      assert.ok(e instanceof MappingFileError);
      assert.equal(e.file, absent);
      assert.match(
        e.message,
        /absent\.json: expected a readable JSON column-mapping file; found no such file/,
      );
      return true;
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a mapping file set for another source is an error, not ignored", async () => {
  const { dir, config } = await ownTable(6);
  try {
    const preset = { ...config, dataset: { ...config.dataset, source: "spotify-2023" as const } };
    await assert.rejects(
      prepareDataset(preset, { log: () => {} }),
      /dataset\.mapping \(HSS_DATASET_MAPPING\) .* dataset\.source is spotify-2023/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the README's mapping for a table of one's own is the one imported here", async () => {
  const readme = await Deno.readTextFile(new URL("../../../../README.md", import.meta.url));
  const section = readme.split(/^### Your own table$/m)[1];
  assert.ok(section, 'README has a "### Your own table" subsection');
  const block = /```json\n([\s\S]*?)```/.exec(section);
  assert.ok(block, "with a JSON mapping");
  assert.deepEqual(JSON.parse(block[1]), OWN_TABLE_MAPPING);
  for (const column of ["title", "top genre", "nrgy", "dnce", "dur", "acous", "spch", "pop"]) {
    assert.ok(block[1].includes(`"${column}"`), column);
  }
});
