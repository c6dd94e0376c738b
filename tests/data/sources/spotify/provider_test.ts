import assert from "node:assert/strict";
import { collectDataset } from "../../../../lib/data/sources/collect/collect.ts";
import { CollectionMeta } from "../../../../lib/data/sources/collect/result.ts";
import { MissingFieldsError } from "../../../../lib/data/sources/collect/provider.ts";
import type { ArtistRef } from "../../../../lib/data/sources/collect/provider.ts";
import { MissingCredentialsError } from "../../../../lib/data/sources/spotify/auth.ts";
import {
  createSpotifyProvider,
  SpotifyAccessError,
  type SpotifyProviderOptions,
} from "../../../../lib/data/sources/spotify/provider.ts";
import { FAKE_CREDENTIALS, spotifyId, type SpotifyMode, startFakeSpotify } from "./fake_server.ts";

const quiet = { sleep: () => Promise.resolve(), retries: 2, timeoutMs: 2_000 };
const ARTISTS: ArtistRef[] = [
  { query: "Daft Punk", id: null, name: "Daft Punk" },
  { query: "id:art1002", id: "art1002", name: null },
  { query: "Stromae", id: null, name: "Stromae" },
];

async function fixture(mode: SpotifyMode, quotaAfter?: number) {
  const server = startFakeSpotify({ mode, quotaAfter, quotaRetryAfter: 6 * 3600 });
  const dir = await Deno.makeTempDir();
  const provider = (extra: Partial<SpotifyProviderOptions> = {}) =>
    createSpotifyProvider({
      credentials: FAKE_CREDENTIALS,
      cacheDir: `${dir}/cache`,
      baseUrl: `${server.url}/v1`,
      tokenUrl: `${server.url}/api/token`,
      market: "FR",
      http: quiet,
      ...extra,
    });
  return {
    server,
    dir,
    provider,
    async done() {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("an app with extended quota: the paper's fields, audio features and previews; a rerun asks nothing", async () => {
  const t = await fixture("extended");
  const lines: string[] = [];
  const result = await collectDataset({
    provider: t.provider(),
    artists: ARTISTS,
    dir: t.dir,
    seed: 42,
    log: (l) => lines.push(l),
  });
  assert.equal(result.status, "complete");
  if (result.status !== "complete") return;
  const { dataset, manifest } = result;
  assert.equal(dataset.tracks.height, 60);
  const rows = dataset.tracks.toRecords() as Record<string, unknown>[];
  assert.ok(rows.every((r) => typeof r.track_popularity === "number"));
  assert.ok(rows.every((r) => typeof r.danceability === "number" && typeof r.tempo === "number"));
  assert.ok(rows.filter((r) => r.is_top_track === false).every((r) => r.audio_path !== null));
  const daft = t.server.catalogue.artists[0];
  const artist = dataset.artists.toRecords().find((a) =>
    a.artist_id === spotifyId.artist(daft.id)
  )!;
  assert.deepEqual([artist.followers, artist.artist_popularity, artist.genre], [
    daft.fans,
    daft.popularity,
    daft.genre,
  ]);
  const meta = CollectionMeta.parse(manifest.meta);
  assert.equal(meta.market, "FR");
  assert.deepEqual(meta.missingFields, []);
  assert.ok(meta.notices.some((n: string) => /forbid .*train/.test(n)), "the terms are recorded");
  assert.ok(lines.some((l) => /Developer Terms forbid/.test(l)));
  // Development-mode limits are respected even here: no page above 10 artists or albums.
  for (const s of t.server.log) {
    const limit = Number(new URL(`http://x${s.target}`).searchParams.get("limit") ?? 0);
    if (s.target.startsWith("/v1/search") || s.target.includes("/albums?")) {
      assert.ok(limit <= 10, s.target);
    }
    assert.ok(
      !/\/v1\/(tracks|artists|albums)\?ids=/.test(s.target),
      `no batch look-up: ${s.target}`,
    );
  }

  const before = t.server.log.length;
  const again = await collectDataset({
    provider: t.provider(),
    artists: ARTISTS,
    dir: t.dir,
    seed: 42,
  });
  assert.equal(t.server.log.length, before, "no request, not even for a token");
  assert.equal(again.status === "complete" && again.manifest.contentHash, manifest.contentHash);
  await t.done();
});

Deno.test("a revoked token (401) is replaced and the request answered", async () => {
  const t = await fixture("extended");
  const provider = t.provider();
  assert.ok(await provider.resolveArtist(ARTISTS[1]));
  t.server.revokeTokens();
  const artist = await provider.resolveArtist(ARTISTS[0]);
  assert.equal(artist?.name, "Daft Punk");
  assert.equal(t.server.tokens.length, 2);
  assert.ok(t.server.log.some((s) => s.status === 401));
  await t.done();
});

Deno.test("a development-mode app: every missing field in one message, before any row is written", async () => {
  const t = await fixture("development");
  const error = await collectDataset({
    provider: t.provider(),
    artists: ARTISTS,
    dir: t.dir,
    seed: 42,
  }).catch((e) => e);
  assert.ok(error instanceof MissingFieldsError, String(error));
  assert.deepEqual(error.missing.map((m: { field: string }) => m.field), [
    "artist_popularity",
    "followers",
    "top tracks",
    "track_popularity",
    "preview audio",
    "audio features",
  ]);
  assert.match(error.message, /top tracks \(GET \/artists\/\{id\}\/top-tracks answered HTTP 403\)/);
  assert.match(error.message, /audio features \(GET \/audio-features\/\{id\} answered HTTP 403\)/);
  assert.match(error.message, /HSS_COLLECT_PROVIDER=deezer/);
  assert.throws(() => Deno.statSync(`${t.dir}/manifest.json`), Deno.errors.NotFound);
  await t.done();
});

Deno.test("allowed missing fields: collected with those columns empty and recorded as missing", async () => {
  const t = await fixture("development");
  const result = await collectDataset({
    provider: t.provider({ allowMissingFields: true }),
    artists: ARTISTS.slice(0, 2),
    dir: t.dir,
    seed: 42,
    topTracks: 2,
    randomTracks: 3,
  });
  assert.equal(result.status, "complete");
  if (result.status !== "complete") return;
  const rows = result.dataset.tracks.toRecords() as Record<string, unknown>[];
  assert.equal(rows.length, 10, "without top tracks, all 2 + 3 per artist are drawn at random");
  assert.ok(
    rows.every((r) =>
      r.track_popularity === null && r.is_top_track === null && r.audio_path === null
    ),
  );
  assert.ok(rows.every((r) => typeof r.isrc === "string" && typeof r.duration_ms === "number"));
  const meta = CollectionMeta.parse(result.manifest.meta);
  assert.ok(
    ["track_popularity", "followers", "danceability", "preview_url"].every((c) =>
      meta.columns.missing.includes(c)
    ),
  );
  assert.equal(meta.missingFields.length, 6);
  assert.ok(
    !t.server.log.some((s) => s.target.startsWith("/v1/audio-features") && s.status !== 403),
    "not asked per track",
  );
  await t.done();
});

Deno.test("an app whose owner lacks Premium is told so; no credentials is told how to set them", async () => {
  const t = await fixture("no-premium");
  await assert.rejects(
    collectDataset({ provider: t.provider(), artists: ARTISTS, dir: t.dir, seed: 42 }),
    (e: Error) => e instanceof SpotifyAccessError && /needs a Premium subscription/.test(e.message),
  );
  await assert.rejects(
    collectDataset({
      provider: t.provider({ credentials: null }),
      artists: ARTISTS,
      dir: t.dir,
      seed: 42,
    }),
    (e: Error) =>
      e instanceof MissingCredentialsError && /SPOTIFY_CLIENT_ID/.test(e.message) &&
      /\.env/.test(e.message),
  );
  await t.done();
});

Deno.test("a finished collection is assembled again without credentials: no token is needed", async () => {
  const t = await fixture("extended");
  const first = await collectDataset({
    provider: t.provider(),
    artists: ARTISTS.slice(0, 1),
    dir: t.dir,
    seed: 42,
  });
  const mark = t.server.log.length;
  const again = await collectDataset({
    provider: t.provider({ credentials: null }),
    artists: ARTISTS.slice(0, 1),
    dir: t.dir,
    seed: 42,
  });
  assert.equal(t.server.log.length, mark);
  assert.equal(
    again.status === "complete" && again.manifest.contentHash,
    first.status === "complete" && first.manifest.contentHash,
  );
  await t.done();
});

Deno.test("the daily quota (429 QUOTA_EXCEEDED, Retry-After of hours) pauses; the next day resumes", async () => {
  const t = await fixture("extended", 40);
  const provider = t.provider({ http: { ...quiet, maxRetryAfterSeconds: 300 } });
  const paused = await collectDataset({ provider, artists: ARTISTS, dir: t.dir, seed: 42 });
  assert.equal(paused.status, "paused");
  if (paused.status !== "paused") return;
  assert.equal(paused.pause.reason, "QUOTA_EXCEEDED");
  assert.equal(paused.pause.waitSeconds, 21600);
  assert.match(paused.pause.message, /run again after \d{4}-\d\d-\d\dT/);

  t.server.setQuota(null);
  const completed = new Set(
    t.server.log.filter((s) => s.completed && s.status === 200 && s.target.startsWith("/v1/")).map((
      s,
    ) => s.target),
  );
  const mark = t.server.log.length;
  const resumed = await collectDataset({
    provider: t.provider(),
    artists: ARTISTS,
    dir: t.dir,
    seed: 42,
  });
  assert.equal(resumed.status, "complete");
  assert.deepEqual(t.server.log.slice(mark).filter((s) => completed.has(s.target)), []);
  await t.done();
});
