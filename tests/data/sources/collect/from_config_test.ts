import assert from "node:assert/strict";
import { loadConfig } from "../../../../lib/config.ts";
import { prepareDataset } from "../../../../lib/data/load.ts";
import {
  attemptCollection,
  collectFromConfig,
  collectionSeed,
  configuredProvider,
} from "../../../../lib/data/sources/collect/from_config.ts";
import { planCollection } from "../../../../lib/data/sources/collect/plan.ts";
import { CollectionError } from "../../../../lib/data/sources/collect/provider.ts";
import { collectionAttemptMarkdown } from "../../../../lib/data/sources/collect/report.ts";
import { startFakeDeezer } from "../deezer/fake_server.ts";
import { FAKE_CREDENTIALS, startFakeSpotify } from "../spotify/fake_server.ts";
import { silentMp3 } from "./mp3_fixture.ts";

function config(collect: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return loadConfig({
    env: {},
    overrides: { collect: { minIntervalMs: 0, ...collect }, ...extra },
  });
}

Deno.test("provider and seed: collect.* first, else the dataset source and the global seed", () => {
  assert.equal(configuredProvider(config({}, { dataset: { source: "deezer" } })), "deezer");
  assert.equal(configuredProvider(config({ provider: "spotify" })), "spotify");
  assert.equal(configuredProvider(config({})), null);
  assert.equal(collectionSeed(config({}, { seed: 9 })), 9);
  assert.equal(collectionSeed(config({ seed: 3 }, { seed: 9 })), 3);
});

Deno.test("dataset.source=deezer: prepareDataset collects once, then reads back; a new seed re-splits", async () => {
  const server = startFakeDeezer({ artists: 6 });
  const data = await Deno.makeTempDir();
  const collect = { artists: "Daft Punk; Angèle; Stromae; Air; Justice", apiBaseUrl: server.url };
  const base = { dataset: { source: "deezer" }, paths: { data } };
  const first = await prepareDataset(config(collect, base), { log: () => {} });
  assert.equal(first.built, true);
  assert.equal(first.dir, `${data}/deezer`);
  assert.equal(first.dataset.tracks.height, 100);
  assert.equal(first.split.height, 100);
  const requests = server.log.length;

  const plan = await planCollection(config({ ...collect, provider: "deezer" }, base));
  assert.equal(plan.ready, true);
  assert.match(plan.explanation, /was completed on \d{4}-\d\d-\d\d .* without a request/);
  assert.equal(server.log.length, requests, "the plan of a finished collection asks nothing");

  const again = await prepareDataset(config(collect, base), { log: () => {} });
  assert.equal(again.built, false);
  assert.equal(server.log.length, requests);
  assert.equal(again.manifest.contentHash, first.manifest.contentHash);

  const reseeded = await prepareDataset(config({ ...collect, seed: 42 }, { ...base, seed: 5 }), {
    log: () => {},
  });
  assert.equal(reseeded.built, false, "same draw (collect.seed 42), other split seed: read back");
  assert.notDeepEqual(
    reseeded.split.getColumn("split").toArray(),
    first.split.getColumn("split").toArray(),
  );
  assert.equal(server.log.length, requests);

  const noList = await prepareDataset(config({ apiBaseUrl: server.url }, base), { log: () => {} });
  assert.equal(noList.built, false, "no artist list: the stored collection is used");

  const elsewhere = await Deno.makeTempDir();
  await assert.rejects(
    prepareDataset(config({}, { dataset: { source: "deezer" }, paths: { data: elsewhere } }), {
      log: () => {},
    }),
    (e: Error) =>
      e instanceof CollectionError &&
      /holds no collection and the artist list is empty/.test(e.message),
  );
  await server.close();
  await Deno.remove(data, { recursive: true });
  await Deno.remove(elsewhere, { recursive: true });
});

Deno.test("local audio fills tracks without a preview, matched by ISRC or artist - title", async () => {
  const server = startFakeDeezer({ artists: 2 });
  const data = await Deno.makeTempDir();
  const music = await Deno.makeTempDir();
  const [a, b] = server.catalogue.artists[0].ranked;
  await Deno.writeFile(`${music}/${a.isrc}.mp3`, silentMp3(3));
  await Deno.writeFile(`${music}/Daft Punk - ${b.title}.mp3`, silentMp3(3));
  await Deno.writeFile(`${music}/Someone - Something.mp3`, silentMp3(3));
  const result = await collectFromConfig(config(
    {
      provider: "deezer",
      artists: "Daft Punk; Angèle",
      apiBaseUrl: server.url,
      downloadPreviews: false,
      localAudioDir: music,
    },
    { paths: { data } },
  ));
  assert.equal(result.status, "complete");
  if (result.status !== "complete") return;
  const local = (result.dataset.tracks.toRecords() as Record<string, unknown>[]).filter((r) =>
    r.audio_source === "local"
  );
  assert.deepEqual(local.map((r) => r.track_id).sort(), [String(a.id), String(b.id)].sort());
  assert.ok(local.every((r) => String(r.audio_path).startsWith(music)));
  assert.equal(result.localAudio?.matches.length, 2);
  assert.deepEqual(result.localAudio?.unmatchedFiles.map((f) => f.path), [
    `${music}/Someone - Something.mp3`,
  ]);
  assert.equal(result.localAudio?.unmatchedTracks.length, 38);
  await server.close();
  await Deno.remove(data, { recursive: true });
  await Deno.remove(music, { recursive: true });
});

Deno.test("attemptCollection returns why a collection stopped; the notebook can go on", async () => {
  const server = startFakeSpotify({ mode: "development", artists: 2 });
  const data = await Deno.makeTempDir();
  const spotify = config(
    { provider: "spotify", artists: "Daft Punk", apiBaseUrl: server.url },
    { paths: { data } },
  );
  const credentials = {
    env: {
      SPOTIFY_CLIENT_ID: FAKE_CREDENTIALS.clientId,
      SPOTIFY_CLIENT_SECRET: FAKE_CREDENTIALS.clientSecret,
    },
    envFile: null,
  };
  const missing = await attemptCollection(spotify, { credentials });
  assert.equal(missing.result, null);
  assert.match(missing.stopped ?? "", /does not deliver 6 of the paper's fields/);
  assert.match(
    collectionAttemptMarkdown(missing),
    /\*\*Collection stopped:\*\* Spotify does not deliver/,
  );
  // Replayed from the cache, the same stop needs no token; a new artist needs one.
  const replay = await attemptCollection(spotify, { credentials: { env: {}, envFile: null } });
  assert.match(replay.stopped ?? "", /does not deliver 6/);
  const other = config({ provider: "spotify", artists: "Angèle", apiBaseUrl: server.url }, {
    paths: { data },
  });
  const none = await attemptCollection(other, { credentials: { env: {}, envFile: null } });
  assert.match(none.stopped ?? "", /expected Spotify credentials/);
  await server.close();
  await Deno.remove(data, { recursive: true });
});
