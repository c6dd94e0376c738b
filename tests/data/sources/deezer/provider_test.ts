import assert from "node:assert/strict";
import { ResponseCache } from "../../../../lib/data/sources/http/cache.ts";
import { HttpClient } from "../../../../lib/data/sources/http/client.ts";
import { DeezerApi, DeezerApiError } from "../../../../lib/data/sources/deezer/api.ts";
import { DeezerProvider } from "../../../../lib/data/sources/deezer/provider.ts";
import { json } from "../http/loopback.ts";
import { type FakeDeezerOptions, startFakeDeezer } from "./fake_server.ts";

async function setup(options: FakeDeezerOptions = {}) {
  const server = startFakeDeezer({ artists: 3, ...options });
  const dir = await Deno.makeTempDir();
  const client = new HttpClient({
    cache: new ResponseCache(dir),
    sleep: () => Promise.resolve(),
    retries: 3,
  });
  const provider = new DeezerProvider(new DeezerApi(client, { baseUrl: server.url }));
  return {
    server,
    provider,
    client,
    async done() {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("an artist name resolves to the exact match with the most fans, not a tribute", async () => {
  const t = await setup();
  const artist = await t.provider.resolveArtist({
    query: "daft punk",
    id: null,
    name: "daft punk",
  });
  assert.equal(artist?.id, "1001");
  assert.equal(artist?.name, "Daft Punk");
  assert.equal(artist?.matchedBy, "name");
  assert.equal(artist?.followers, t.server.catalogue.artists[0].fans);
  assert.equal(artist?.popularity, null, "Deezer has no artist popularity index");
  const accents = await t.provider.resolveArtist({ query: "Angele", id: null, name: "Angele" });
  assert.equal(accents?.name, "Angèle", "diacritics do not prevent an exact match");
  assert.equal(await t.provider.resolveArtist({ query: "Nobody", id: null, name: "Nobody" }), null);
  await t.done();
});

Deno.test("an artist id resolves directly; an unknown id is not found (no data, cached)", async () => {
  const t = await setup();
  assert.equal(
    (await t.provider.resolveArtist({ query: "id:1002", id: "1002", name: null }))?.name,
    "Angèle",
  );
  assert.equal(await t.provider.resolveArtist({ query: "id:4242", id: "4242", name: null }), null);
  const before = t.server.log.length;
  assert.equal(await t.provider.resolveArtist({ query: "id:4242", id: "4242", name: null }), null);
  assert.equal(t.server.log.length, before, "the 'no data' answer is cached");
  assert.equal(await t.provider.resolveArtist({ query: "id:abc", id: "abc", name: null }), null);
  await t.done();
});

Deno.test("the catalogue follows every page and keeps the artist's own albums, EPs and singles", async () => {
  const t = await setup({ pageSize: 3 });
  const artist = (await t.provider.resolveArtist({ query: "id:1001", id: "1001", name: null }))!;
  const catalogue = await t.provider.catalogue(artist);
  const fake = t.server.catalogue.artists[0];
  const expected = fake.albums.filter((a) => a.recordType !== "compilation")
    .flatMap((a) => a.tracks).filter((tr) => tr.artistId === fake.id).map((tr) => String(tr.id))
    .sort();
  assert.deepEqual(catalogue.map((c) => c.id).sort(), expected);
  assert.ok(!catalogue.some((c) => /Guest/.test(c.title)), "a guest's track is left out");
  assert.ok(t.server.log.some((s) => /index=3/.test(s.target)), "pages were followed");
  const top = await t.provider.topTracks(artist, 5);
  assert.deepEqual(top.map((c) => c.id), fake.ranked.slice(0, 5).map((tr) => String(tr.id)));
  await t.done();
});

Deno.test("a track's details fill the canonical columns and Deezer's own, raw and mapped", async () => {
  const t = await setup();
  const artist = (await t.provider.resolveArtist({ query: "id:1001", id: "1001", name: null }))!;
  const fake = t.server.catalogue.artists[0].ranked.find((tr) => tr.bpm === 0 && !tr.noData) ??
    t.server.catalogue.artists[0].ranked[0];
  const got = await t.provider.track({
    id: String(fake.id),
    title: fake.title,
    albumId: null,
    releaseType: "album",
    hasPreview: null,
  }, artist);
  assert.ok(got);
  const row = got.row;
  assert.equal(row.track_id, String(fake.id));
  assert.equal(row.deezer_rank, fake.rank);
  assert.equal(row.track_popularity, Math.round(fake.rank / 1000) / 10);
  assert.equal(row.duration_ms, fake.duration * 1000);
  assert.equal(row.bpm, fake.bpm === 0 ? null : fake.bpm, "bpm 0 means unknown");
  assert.equal(row.gain, fake.gain);
  assert.equal(row.isrc, fake.isrc);
  assert.equal(row.release_date, fake.releaseDate);
  assert.equal(row.release_year, Number(fake.releaseDate.slice(0, 4)));
  assert.equal(row.explicit, fake.explicit ? 1 : 0);
  assert.equal(got.previewUrl, fake.preview ? `${t.server.url}/preview/${fake.id}.mp3` : null);
  const noData = t.server.catalogue.artists[0].ranked[12];
  assert.equal(
    await t.provider.track({
      id: String(noData.id),
      title: "",
      albumId: null,
      releaseType: null,
      hasPreview: null,
    }, artist),
    null,
  );
  await t.done();
});

Deno.test("Deezer's quota error (code 4, HTTP 200) is retried and not cached; other codes stop", async () => {
  let quota = 2;
  const t = await setup({
    fault: (target) => {
      if (target === "/artist/1001" && quota-- > 0) {
        return json({ error: { type: "Exception", message: "Quota limit exceeded", code: 4 } });
      }
      if (target === "/artist/1003") {
        return json({ error: { type: "OAuthException", message: "bad", code: 300 } });
      }
    },
  });
  const artist = await t.provider.resolveArtist({ query: "id:1001", id: "1001", name: null });
  assert.equal(artist?.name, "Daft Punk");
  assert.equal(t.client.stats.retries, 2);
  await assert.rejects(
    t.provider.resolveArtist({ query: "id:1003", id: "1003", name: null }),
    DeezerApiError,
  );
  await t.done();
});

Deno.test("a fresh preview URL is fetched past the cache", async () => {
  const t = await setup();
  const id = String(t.server.catalogue.artists[0].ranked[0].id);
  await t.provider.api.track(id);
  const before = t.server.log.length;
  await t.provider.api.track(id);
  assert.equal(t.server.log.length, before);
  assert.match((await t.provider.refreshPreviewUrl(id)) ?? "", /\/preview\/\d+\.mp3$/);
  assert.equal(t.server.log.length, before + 1);
  await t.done();
});
