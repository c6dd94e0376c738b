import assert from "node:assert/strict";
import { loadConfig } from "../../../../lib/config.ts";
import { datasetKey, prepareDataset } from "../../../../lib/data/load.ts";
import { FmaFileError, importFma } from "../../../../lib/data/sources/fma/mod.ts";
import { fixtureAudioPath, makeFmaFixture } from "./fixture.ts";

const fixture = await makeFmaFixture();
const dataset = await importFma({
  metadataDir: fixture.metadataDir,
  audioDir: fixture.audioDir,
  subset: "small",
});
const ids = (dataset.tracks.getColumn("track_id").toArray() as string[]).map(Number);
const records = dataset.tracks.toRecords();
const row = (id: number) => records.find((r) => r.track_id === String(id))!;
const issueOn = (id: number) => {
  const text = Deno.readTextFileSync(`${fixture.metadataDir}/tracks.csv`).split("\n");
  const line = text.findIndex((l) => l.startsWith(`${id},`)) + 1;
  return dataset.issues.filter((i) => i.row === line && i.reason.startsWith("tracks.csv"));
};

Deno.test("importFma keeps fma_small's well-formed tracks, in file order, with FMA's listens", () => {
  const excluded = [fixture.badListens, fixture.ragged];
  const expected = fixture.small.filter((id) => !excluded.includes(id));
  assert.deepEqual(ids, expected);
  for (const id of expected) assert.equal(row(id).listens, fixture.listens[String(id)]);
  assert.equal(dataset.name, "fma-small");
  assert.deepEqual(dataset.target, { column: "listens", kind: "regression", threshold: null });
});

Deno.test("importFma reports ragged, duplicate and target-less rows with line and reason", () => {
  const [ragged] = issueOn(fixture.ragged);
  assert.equal(ragged.action, "excluded");
  assert.match(ragged.reason, /expected 53 fields \(as in the header\), found 48/);
  const [listens] = issueOn(fixture.badListens);
  assert.equal(listens.column, "track/listens");
  assert.equal(listens.action, "excluded");
  const lines = Deno.readTextFileSync(`${fixture.metadataDir}/tracks.csv`).split("\n");
  const first = lines.findIndex((l) => l.startsWith(`${fixture.duplicate},`)) + 1;
  const dup = dataset.issues.find((i) => i.row === first + 1)!;
  assert.equal(dup.action, "excluded");
  assert.match(
    dup.reason,
    new RegExp(`duplicate track id ${fixture.duplicate} \\(first on line ${first}\\)`),
  );
  assert.equal(ids.filter((id) => id === fixture.duplicate).length, 1);
});

Deno.test("importFma nulls an unreadable genre list and date, reporting each", () => {
  const [genres] = issueOn(fixture.badGenres);
  assert.equal(genres.column, "track/genres");
  assert.equal(genres.action, "nulled");
  assert.match(genres.reason, /expected a number or a quoted string at position 4/);
  assert.equal(row(fixture.badGenres).genres, null);
  const [date] = issueOn(fixture.badDate);
  assert.equal(date.column, "album/date_released");
  assert.equal(row(fixture.badDate).release_date, null);
});

Deno.test("importFma parses Python list cells, dates, durations and FMA's split", () => {
  const t = row(fixture.small[2]);
  assert.equal(t.genres, "[12,38]");
  assert.equal(t.release_date, "2008-03-10");
  assert.equal(t.release_year, 2008);
  assert.equal(t.release_month, 3);
  assert.equal(t.duration_ms, 188_000);
  assert.equal(t.fma_split, "training");
  assert.equal(t.artist_name, 'Artist 0, "the" 0');
  assert.equal(row(fixture.small[4]).track_name, 'Comma, "quoted" title');
  const splits = new Set(dataset.tracks.getColumn("fma_split").toArray());
  assert.deepEqual([...splits].sort(), ["test", "training", "validation"]);
  assert.equal(row(fixture.small[0]).genre_top, null, "genre_top left empty by pandas (NaN)");
  assert.equal(row(fixture.small[1]).genre_top, "Rock");
});

Deno.test("importFma joins the Echo Nest features where present and nulls an out-of-range one", () => {
  const withFeatures = fixture.echonest.filter((id) => ids.includes(id));
  for (const id of ids) {
    const tempo = row(id).tempo;
    assert.equal(tempo !== null, withFeatures.includes(id), `track ${id}`);
  }
  const bad = row(fixture.outOfRange);
  assert.equal(bad.danceability, null);
  assert.ok((bad.energy as number) > 0 && (bad.energy as number) < 1);
  const issue = dataset.issues.find((i) => i.reason.startsWith("echonest.csv"))!;
  assert.equal(issue.column, "danceability");
  assert.match(issue.reason, /found "1.7"/);
  assert.equal(dataset.issues.filter((i) => i.reason.startsWith("echonest.csv")).length, 1);
});

Deno.test("importFma writes audio paths in FMA's layout and builds one artist per id", () => {
  assert.equal(row(2).audio_path, `${fixture.audioDir}/000/000002.mp3`);
  assert.equal(row(1340).audio_path, fixtureAudioPath(fixture.audioDir, 1340));
  assert.equal(dataset.artists.height, 10);
  const artist = dataset.artists.toRecords().find((a) => a.artist_id === "1003")!;
  assert.equal(artist.followers, 9);
  assert.equal(artist.artist_popularity, null);
  assert.equal(artist.genre, "Hip-Hop");
});

Deno.test("importFma keeps the nested subsets: medium adds medium tracks, full every row", async () => {
  const count = async (subset: "medium" | "large" | "full") =>
    (await importFma({ metadataDir: fixture.metadataDir, subset })).tracks.height;
  assert.equal(await count("medium"), ids.length + 1);
  assert.equal(await count("large"), ids.length + 2);
  assert.equal(await count("full"), ids.length + 2);
  const noAudio = await importFma({ metadataDir: fixture.metadataDir });
  assert.equal(noAudio.tracks.getColumn("audio_path").nullCount(), noAudio.tracks.height);
});

Deno.test("importFma fails naming the file when tracks.csv is missing or not FMA's layout", async () => {
  const empty = await Deno.makeTempDir();
  await assert.rejects(() => importFma({ metadataDir: empty }), FmaFileError);
  await Deno.writeTextFile(`${empty}/tracks.csv`, "track_id,title\n2,Food\n");
  await assert.rejects(
    () => importFma({ metadataDir: empty }),
    (e: Error) =>
      e instanceof FmaFileError && /tracks\.csv: expected 2 header rows/.test(e.message),
  );
  await Deno.remove(empty, { recursive: true });
});

Deno.test("prepareDataset imports dataset.source=fma into data/fma-<subset>", async () => {
  const data = `${fixture.root}/data`;
  const config = loadConfig({
    env: {},
    overrides: {
      dataset: { source: "fma", path: fixture.metadataDir, audioDir: fixture.audioDir },
      paths: { data },
    },
  });
  assert.equal(datasetKey(config), "fma-small");
  const prepared = await prepareDataset(config, { log: () => {} });
  assert.equal(prepared.dir, `${data}/fma-small`);
  assert.equal(prepared.dataset.tracks.height, ids.length);
  assert.equal(prepared.split.height, ids.length);
  assert.deepEqual(prepared.manifest.meta.subset, "small");
});

Deno.test("prepareDataset says which variable to set when the fma metadata folder is not", async () => {
  const config = loadConfig({ env: {}, overrides: { dataset: { source: "fma" } } });
  await assert.rejects(() => prepareDataset(config, { log: () => {} }), /HSS_DATASET_PATH/);
});
