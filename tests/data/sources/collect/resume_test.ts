import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { projectRoot } from "../../../../lib/config.ts";
import { collectDataset } from "../../../../lib/data/sources/collect/collect.ts";
import { scanMp3 } from "../../../../lib/data/sources/collect/mp3.ts";
import { createDeezerProvider } from "../../../../lib/data/sources/deezer/provider.ts";
import { loadDataset } from "../../../../lib/data/store.ts";
import { startFakeDeezer } from "../deezer/fake_server.ts";
import type { Served } from "../http/loopback.ts";

const ARTISTS = "Daft Punk; id:1002; Stromae; Air";
const main = `${projectRoot()}/lib/data/sources/collect/main.ts`;

/** The environment without HSS_* and SPOTIFY_* variables, which the test sets itself. */
function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(Deno.env.toObject()).filter(([k]) => !/^(HSS|SPOTIFY)_/.test(k)),
  );
}

/** The collection command, as a user would run it, against the fake server. */
function command(url: string, data: string) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", main],
    cwd: projectRoot(),
    clearEnv: true,
    env: {
      ...inheritedEnv(),
      HSS_PATHS_DATA: data,
      HSS_COLLECT_PROVIDER: "deezer",
      HSS_COLLECT_ARTISTS: ARTISTS,
      HSS_COLLECT_API_BASE_URL: url,
      HSS_COLLECT_MIN_INTERVAL_MS: "0",
      HSS_SEED: "42",
      NO_COLOR: "1",
    },
    stdout: "piped",
    stderr: "piped",
  });
}

/** Starts the command, waits until the server holds the chosen request, then kills it. */
async function killWhen(url: string, data: string, held: Promise<Served>): Promise<Served> {
  const child = command(url, data).spawn();
  const entry = await held;
  child.kill("SIGKILL");
  const status = await child.status;
  assert.equal(status.success, false);
  assert.equal(status.signal, "SIGKILL");
  await child.stdout.cancel();
  await child.stderr.cancel();
  return entry;
}

function sortedTracks(df: pl.DataFrame): Record<string, unknown>[] {
  // The two servers listen on different ports: preview URLs differ by their host only.
  return (df.drop("audio_path", "preview_url").sort("track_id").toRecords() as Record<
    string,
    unknown
  >[]);
}

Deno.test("killed twice mid-run (a JSON call, a preview half sent), it resumes: same rows, no repeated call", async () => {
  // What an uninterrupted collection gives, for comparison.
  const reference = startFakeDeezer({ artists: 6 });
  const refDir = await Deno.makeTempDir();
  const expected = await collectDataset({
    provider: createDeezerProvider({ cacheDir: `${refDir}/cache`, baseUrl: reference.url }),
    artists: ARTISTS.split(";").map((s) => s.trim()).map((q) =>
      q.startsWith("id:")
        ? { query: q, id: q.slice(3), name: null }
        : { query: q, id: null, name: q }
    ),
    dir: refDir,
    seed: 42,
  });
  await reference.close();
  assert.equal(expected.status, "complete");
  if (expected.status !== "complete") return;

  const server = startFakeDeezer({ artists: 6 });
  const data = await Deno.makeTempDir();
  const completed = new Set<string>();
  /** Checks that the requests since `mark` repeat no call completed before, then records them. */
  const noRepeat = (mark: number, run: string) => {
    const since = server.log.slice(mark);
    assert.deepEqual(
      since.filter((s) => completed.has(s.target)).map((s) => s.target),
      [],
      `${run}: no completed call made again`,
    );
    for (const s of since) if (s.completed && s.status === 200) completed.add(s.target);
    return new Set(since.map((s) => s.target));
  };
  // Kill 1: while an album-tracks page of the second artist is being answered.
  const first = await killWhen(
    server.url,
    data,
    server.holdWhen((t) => t.startsWith("/album/1002")),
  );
  noRepeat(0, "run 1");
  // Kill 2: with the 8th new preview half sent.
  let previews = 0;
  const mark2 = server.log.length;
  const second = await killWhen(
    server.url,
    data,
    server.holdWhen((t) => t.startsWith("/preview/") && ++previews === 8),
  );
  assert.ok(
    noRepeat(mark2, "run 2").has(first.target),
    "the call interrupted by kill 1 was made again",
  );
  assert.ok(first.target.startsWith("/album/1002") && second.target.startsWith("/preview/"));
  assert.ok(completed.size > 50, `the first two runs got somewhere (${completed.size} calls)`);

  const mark3 = server.log.length;
  const out = await command(server.url, data).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  assert.ok(
    noRepeat(mark3, "run 3").has(second.target),
    "the preview cut by kill 2 was fetched again",
  );

  const dir = `${data}/deezer`;
  const { dataset } = await loadDataset(dir);
  const ids = dataset.tracks.getColumn("track_id").toArray();
  assert.equal(new Set(ids).size, ids.length, "no duplicate row");
  assert.deepEqual(
    sortedTracks(dataset.tracks),
    sortedTracks(expected.dataset.tracks),
    "no missing or different row",
  );
  assert.deepEqual(
    dataset.artists.sort("artist_id").toRecords(),
    expected.dataset.artists.sort("artist_id").toRecords(),
  );
  for (const p of dataset.tracks.getColumn("audio_path").toArray() as (string | null)[]) {
    if (p) assert.ok(scanMp3(await Deno.readFile(p)).ok, `${p} is a whole MP3`);
  }
  const stray = [...Deno.readDirSync(`${dir}/previews`)].filter((e) => e.name.includes(".tmp-"));
  assert.deepEqual(stray, [], "no partial download left behind");

  // Once more: nothing to do, no request at all.
  const mark = server.log.length;
  const last = await command(server.url, data).output();
  assert.equal(last.code, 0);
  assert.equal(server.log.length, mark, "a finished collection run again makes zero requests");
  assert.match(new TextDecoder().decode(last.stdout), /0 request\(s\) sent/);

  await server.close();
  await Deno.remove(data, { recursive: true });
  await Deno.remove(refDir, { recursive: true });
});

Deno.test("the command exits 75 with the time to resume when a rate limit pauses it", async () => {
  const server = startFakeDeezer({
    artists: 2,
    fault: (
      _t,
      n,
    ) => (n >= 5
      ? new Response("{}", { status: 429, headers: { "retry-after": "7200" } })
      : undefined),
  });
  const data = await Deno.makeTempDir();
  const out = await command(server.url, data).output();
  assert.equal(out.code, 75);
  assert.match(new TextDecoder().decode(out.stdout), /Collection paused.*run again after \d{4}-/s);
  await server.close();
  await Deno.remove(data, { recursive: true });
});
