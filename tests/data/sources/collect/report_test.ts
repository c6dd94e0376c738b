import assert from "node:assert/strict";
import { collectDataset } from "../../../../lib/data/sources/collect/collect.ts";
import {
  collectionSummaryMarkdown,
  columnSourcesFrame,
  tracksAudioFrame,
} from "../../../../lib/data/sources/collect/report.ts";
import { createDeezerProvider } from "../../../../lib/data/sources/deezer/provider.ts";
import { startFakeDeezer } from "../deezer/fake_server.ts";

Deno.test("the summary gives counts, requests and notices; the column table every origin", async () => {
  const server = startFakeDeezer({ artists: 2 });
  const dir = await Deno.makeTempDir();
  const result = await collectDataset({
    provider: createDeezerProvider({ cacheDir: `${dir}/cache`, baseUrl: server.url }),
    artists: [{ query: "Daft Punk", id: null, name: "Daft Punk" }, {
      query: "Angèle",
      id: null,
      name: "Angèle",
    }],
    dir,
    seed: 42,
  });
  const md = collectionSummaryMarkdown(result);
  assert.match(md, /\*\*Collected from deezer:\*\* 2 artists, 40 tracks \(\d+ with audio\)/);
  assert.match(
    md,
    new RegExp(`${server.log.length} request\\(s\\) sent, 0 answered from the cache`),
  );
  assert.match(md, /followers = fans/);
  const columns = columnSourcesFrame(result.columns);
  assert.deepEqual(columns.columns, ["column", "origin", "from"]);
  const origins = new Set(columns.getColumn("origin").toArray());
  assert.deepEqual([...origins].sort(), ["derived", "local", "missing", "protocol", "provider"]);
  assert.equal(result.status, "complete");
  if (result.status !== "complete") return;
  const audio = tracksAudioFrame(result.dataset.tracks);
  assert.equal(audio.height, 40);
  assert.deepEqual(audio.columns, [
    "track_id",
    "track_name",
    "artist_name",
    "is_top_track",
    "track_popularity",
    "audio_source",
    "audio_path",
  ]);
  const previews = audio.getColumn("audio_source").toArray().filter((s) => s === "preview");
  assert.ok(md.includes(`(${previews.length} with audio)`), md);
  await server.close();
  await Deno.remove(dir, { recursive: true });
});
