import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  collectDataset,
  type CollectOptions,
} from "../../../../lib/data/sources/collect/collect.ts";
import { CollectionMeta } from "../../../../lib/data/sources/collect/result.ts";
import { scanMp3 } from "../../../../lib/data/sources/collect/mp3.ts";
import type { ArtistRef } from "../../../../lib/data/sources/collect/provider.ts";
import { createDeezerProvider } from "../../../../lib/data/sources/deezer/provider.ts";
import { normalizeTitle } from "../../../../lib/data/sources/match/normalize.ts";
import { loadDataset } from "../../../../lib/data/store.ts";
import { type FakeDeezerOptions, startFakeDeezer } from "../deezer/fake_server.ts";
import { json } from "../http/loopback.ts";

const quiet = { sleep: () => Promise.resolve(), retries: 3, timeoutMs: 2_000 };

function refs(names: string[]): ArtistRef[] {
  return names.map((n) =>
    n.startsWith("id:") ? { query: n, id: n.slice(3), name: null } : { query: n, id: null, name: n }
  );
}

async function collect(
  server: { url: string },
  dir: string,
  artists: ArtistRef[],
  extra: Partial<CollectOptions> = {},
) {
  const provider = createDeezerProvider({
    cacheDir: `${dir}/cache`,
    baseUrl: server.url,
    http: quiet,
  });
  return await collectDataset({ provider, artists, dir, seed: 42, ...extra });
}

async function fixture(options: FakeDeezerOptions = {}) {
  const server = startFakeDeezer({ artists: 12, ...options });
  const dir = await Deno.makeTempDir();
  return {
    server,
    dir,
    async done() {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

const TEN = [
  "Daft Punk",
  "id:1002",
  "Stromae",
  "christine and the queens",
  "Air",
  "Justice",
  "id:1007",
  "M83",
  "Zaz",
  "Indochine",
];

Deno.test("10 artists: both tables, the CSV and the previews; a second run makes zero requests", async () => {
  const { server, dir, done } = await fixture();
  const result = await collect(server, dir, refs(TEN));
  assert.equal(result.status, "complete");
  if (result.status !== "complete") return;
  const { dataset, manifest } = result;
  assert.equal(dataset.artists.height, 10);
  assert.equal(dataset.tracks.height, 200, "5 top + 15 random for each of 10 artists");

  // Files of the data layer, and the consolidated CSV with provider columns.
  for (
    const f of [
      "artists.parquet",
      "tracks.parquet",
      "deezer.csv",
      "issues.csv",
      "split.csv",
      "manifest.json",
      "artist_resolution.parquet",
    ]
  ) {
    assert.ok(Deno.statSync(`${dir}/${f}`).isFile, f);
  }
  const csv = pl.readCSV(await Deno.readTextFile(`${dir}/deezer.csv`));
  assert.equal(csv.height, 200);
  for (
    const c of [
      "track_popularity",
      "followers",
      "deezer_rank",
      "bpm",
      "gain",
      "isrc",
      "preview_url",
      "is_top_track",
      "audio_path",
    ]
  ) {
    assert.ok(csv.columns.includes(c), c);
  }

  // The protocol, artist by artist.
  const rows = dataset.tracks.toRecords() as Record<string, unknown>[];
  assert.equal(new Set(rows.map((r) => r.track_id)).size, 200, "no track twice");
  for (const fake of server.catalogue.artists.slice(0, 10)) {
    const mine = rows.filter((r) => r.artist_id === String(fake.id));
    assert.equal(mine.length, 20, fake.name);
    const top = mine.filter((r) => r.is_top_track === true).map((r) => r.track_id);
    assert.deepEqual(
      top,
      fake.ranked.slice(0, 5).map((t) => String(t.id)),
      `${fake.name}: top 5 in order`,
    );
    const random = mine.filter((r) => r.is_top_track === false);
    assert.equal(random.length, 15);
    for (const r of random) {
      const t = server.catalogue.tracks.get(Number(r.track_id))!;
      assert.equal(t.artistId, fake.id, "the artist's own track");
      assert.notEqual(server.catalogue.albums.get(t.albumId)!.recordType, "compilation");
      assert.ok(t.preview && r.audio_path !== null, "random picks have a preview");
    }
    const titles = mine.map((r) => normalizeTitle(String(r.track_name)));
    assert.equal(new Set(titles).size, 20, `${fake.name}: no song twice (album and single)`);
    const artist =
      dataset.artists.filter(pl.col("artist_id").eq(pl.lit(String(fake.id)))).toRecords()[0];
    assert.equal(artist.followers, fake.fans);
  }
  // Every audio path is a whole MP3 in the dataset's previews folder.
  const paths = rows.map((r) => r.audio_path).filter((p): p is string => p !== null);
  assert.equal(paths.length, rows.filter((r) => r.preview_url !== null).length);
  for (const p of paths) {
    assert.ok(p.startsWith(`${dir}/previews/`), p);
    assert.ok(scanMp3(await Deno.readFile(p)).ok, p);
  }
  // The track whose details answer "no data" was drawn for an artist? Then it is an issue.
  for (const issue of dataset.issues) assert.match(issue.reason, /no data from deezer/);

  // The manifest: provider, date, market, and where each column comes from.
  const meta = CollectionMeta.parse(manifest.meta);
  assert.equal(meta.provider, "deezer");
  assert.equal(meta.market, null);
  assert.equal(meta.collected.slice(0, 10), new Date().toISOString().slice(0, 10));
  assert.ok(meta.columns.provider.includes("followers"));
  assert.ok(meta.columns.provider.includes("deezer_rank"));
  assert.ok(meta.columns.derived.includes("track_popularity"));
  assert.ok(meta.columns.missing.includes("artist_popularity"));
  assert.ok(meta.columns.missing.includes("danceability"));
  assert.ok(meta.columns.localEstimates.includes("audio_path"));
  assert.match(meta.popularityMapping, /rank \/ 10,000/);

  // Second run: everything from the cache and the previews folder.
  const before = server.log.length;
  const again = await collect(server, dir, refs(TEN));
  assert.equal(server.log.length, before, "the second run made no request");
  assert.equal(again.stats.requests, 0);
  assert.equal(again.stats.previewsReused, paths.length);
  assert.equal(again.status === "complete" && again.manifest.contentHash, manifest.contentHash);
  const stored = await loadDataset(dir);
  assert.equal(stored.dataset.tracks.height, 200);
  await done();
});

Deno.test("500s, a timeout, a cut and an expired preview, a malformed body: retried or reported", async () => {
  const counts = new Map<string, number>();
  const nth = (key: string) => {
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n;
  };
  let firstPreview: string | null = null;
  let expired: string | null = null;
  // The first random candidate's details (after the 5 top tracks) come back malformed.
  const trackTargets: string[] = [];
  let malformed = "";
  const { server, dir, done } = await fixture({
    fault: (target, _n, normal) => {
      if (target.startsWith("/artist/1001/albums") && nth("albums") <= 2) {
        return json({ error: "busy" }, 500);
      }
      if (target.startsWith("/album/") && nth("album") === 1) return { hang: true };
      if (target.startsWith("/track/")) {
        if (!trackTargets.includes(target)) trackTargets.push(target);
        if (trackTargets.length === 6) malformed ||= target;
        if (target === malformed) {
          return json({ id: 1, title: "x", rank: "high", duration: 1, preview: "" });
        }
      }
      if (target.startsWith("/preview/")) {
        firstPreview ??= target;
        if (target === firstPreview && nth("cut") === 1) {
          return {
            cut: {
              status: 200,
              headers: { "content-type": "audio/mpeg" },
              body: new Uint8Array(8340),
              sent: 100,
            },
          };
        }
        expired ??= target === firstPreview ? null : target;
        if (target === expired && nth("expired") === 1) {
          return new Response("link expired", { status: 403 });
        }
      }
      return normal;
    },
  });
  const provider = createDeezerProvider({
    cacheDir: `${dir}/cache`,
    baseUrl: server.url,
    http: { ...quiet, timeoutMs: 300 },
  });
  const result = await collectDataset({
    provider,
    artists: refs(["Daft Punk", "Angèle"]),
    dir,
    seed: 7,
  });
  assert.equal(result.status, "complete");
  if (result.status !== "complete") return;
  assert.equal(result.dataset.tracks.height, 40, "every fault was recovered from or replaced");
  const ids = result.dataset.tracks.getColumn("track_id").toArray();
  const malformedId = malformed.replace("/track/", "");
  assert.ok(malformedId && !ids.includes(malformedId), "the malformed track is left out");
  const issue = result.dataset.issues.find((i) => i.reason.includes(malformedId));
  assert.match(
    issue?.reason ?? "",
    /Deezer track \d+: unexpected response body: field rank: .*found "high"/,
  );
  assert.ok(result.stats.retries >= 4, `retries: ${result.stats.retries}`);
  const refreshed = server.log.filter((s) => s.target === `/track/${expired!.match(/\d+/)![0]}`);
  assert.equal(
    refreshed.length,
    2,
    "the expired preview's track was fetched again for a fresh URL",
  );
  for (const p of result.dataset.tracks.getColumn("audio_path").toArray() as (string | null)[]) {
    if (p) assert.ok(scanMp3(await Deno.readFile(p)).ok, p);
  }

  // A preview damaged on disk afterwards is detected and fetched again, alone.
  const damaged = (result.dataset.tracks.getColumn("audio_path").toArray() as (string | null)[])
    .find((p) => p)!;
  const bytes = await Deno.readFile(damaged);
  await Deno.writeFile(damaged, bytes.subarray(0, bytes.length - 50));
  const before = server.log.length;
  const again = await collectDataset({
    provider: createDeezerProvider({ cacheDir: `${dir}/cache`, baseUrl: server.url, http: quiet }),
    artists: refs(["Daft Punk", "Angèle"]),
    dir,
    seed: 7,
  });
  assert.equal(again.stats.previewsRepaired, 1);
  const repeated = server.log.slice(before);
  // The damaged preview, and the malformed track (never cached) asked again.
  assert.deepEqual(repeated.map((s) => s.target.replace(/\/\d+/g, "/N")).sort(), [
    "/preview/N.mp3",
    "/track/N",
  ]);
  assert.ok(repeated.some((s) => s.target.startsWith("/preview/")));
  assert.ok(scanMp3(await Deno.readFile(damaged)).ok);
  await done();
});

Deno.test("a Retry-After beyond the maximum pauses the run; a later run resumes, repeating nothing", async () => {
  let limited = false;
  const { server, dir, done } = await fixture({
    fault: (
      _t,
      n,
    ) => (limited || n === 60
      ? ((limited = true), json({ error: "slow down" }, 429, { "retry-after": "3600" }))
      : undefined),
  });
  const provider = createDeezerProvider({
    cacheDir: `${dir}/cache`,
    baseUrl: server.url,
    http: { ...quiet, maxRetryAfterSeconds: 60, now: () => Date.UTC(2026, 10, 23, 10) },
  });
  const lines: string[] = [];
  const paused = await collectDataset({
    provider,
    artists: refs(["Daft Punk", "Angèle", "Stromae"]),
    dir,
    seed: 1,
    log: (l) => lines.push(l),
  });
  assert.equal(paused.status, "paused");
  if (paused.status !== "paused") return;
  assert.equal(paused.pause.waitSeconds, 3600);
  assert.equal(
    paused.pause.resumeAt,
    "2026-11-23T11:00:00.000Z",
    "an hour after the client's clock",
  );
  assert.ok(lines.some((l) => /run again after/.test(l)));
  assert.throws(
    () => Deno.statSync(`${dir}/manifest.json`),
    Deno.errors.NotFound,
    "no dataset yet",
  );

  limited = false;
  const done1 = server.log.filter((s) => s.completed && s.status === 200).map((s) => s.target);
  const mark = server.log.length;
  const resumed = await collectDataset({
    provider: createDeezerProvider({ cacheDir: `${dir}/cache`, baseUrl: server.url, http: quiet }),
    artists: refs(["Daft Punk", "Angèle", "Stromae"]),
    dir,
    seed: 1,
  });
  assert.equal(resumed.status, "complete");
  const repeated = server.log.slice(mark).filter((s) => done1.includes(s.target));
  assert.deepEqual(repeated, [], "no completed call was made again");
  assert.equal(resumed.status === "complete" && resumed.dataset.tracks.height, 60);
  await done();
});

Deno.test("unknown artists and the same artist twice are reported, not collected", async () => {
  const { server, dir, done } = await fixture();
  const result = await collect(server, dir, refs(["Daft Punk", "Nobody At All", "id:1001", "Air"]));
  assert.equal(result.status, "complete");
  if (result.status !== "complete") return;
  assert.equal(result.dataset.artists.height, 2);
  assert.deepEqual(result.artists.map((a) => a.note?.replace(/;.*/, "") ?? null), [
    null,
    "not found on deezer",
    'same artist as "Daft Punk"',
    null,
  ]);
  const reasons = result.dataset.issues.map((i) => i.reason).join("\n");
  assert.match(reasons, /"Nobody At All" not found on deezer/);
  assert.match(reasons, /"id:1001" is Daft Punk \(1001\), already collected for "Daft Punk"/);
  const resolution = result.dataset.tables.artist_resolution;
  assert.equal(resolution.height, 4);
  await done();
});

Deno.test("without previews wanted, none is downloaded and random picks need none", async () => {
  const { server, dir, done } = await fixture();
  const result = await collect(server, dir, refs(["Justice"]), {
    downloadPreviews: false,
    requirePreviews: false,
    randomTracks: 3,
    topTracks: 2,
  });
  assert.equal(result.status, "complete");
  if (result.status !== "complete") return;
  assert.equal(result.dataset.tracks.height, 5);
  assert.ok(!server.log.some((s) => s.target.startsWith("/preview/")));
  assert.ok((result.dataset.tracks.getColumn("audio_path").toArray()).every((p) => p === null));
  await done();
});
