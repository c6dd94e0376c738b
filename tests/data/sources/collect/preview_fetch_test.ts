import assert from "node:assert/strict";
import {
  audioPathFor,
  PreviewFetcher,
} from "../../../../lib/data/sources/collect/preview_fetch.ts";
import { PreviewStore } from "../../../../lib/data/sources/collect/previews.ts";
import type { Provider } from "../../../../lib/data/sources/collect/provider.ts";
import { HttpClient } from "../../../../lib/data/sources/http/client.ts";
import { projectRoot } from "../../../../lib/config.ts";
import { serveLoopback } from "../http/loopback.ts";
import { silentMp3 } from "./mp3_fixture.ts";

function provider(client: HttpClient, fresh: string | null): Provider & { renewed: number } {
  return {
    renewed: 0,
    name: "stub",
    market: null,
    extraColumns: [],
    client,
    popularityMapping: "",
    resolveArtist: () => Promise.resolve(null),
    prepare: () => Promise.reject(new Error("unused")),
    topTracks: () => Promise.resolve([]),
    catalogue: () => Promise.resolve([]),
    track: () => Promise.resolve(null),
    refreshPreviewUrl(this: { renewed: number }) {
      this.renewed++;
      return Promise.resolve(fresh);
    },
    columns: () => [],
  };
}

Deno.test("an expired signed URL is renewed once; a file that stays unavailable is a problem, not a throw", async () => {
  const server = serveLoopback((_req, url) =>
    url.searchParams.get("sig") === "old"
      ? new Response("expired", { status: 403 })
      : url.pathname === "/gone.mp3"
      ? new Response("nope", { status: 404 })
      : new Response(silentMp3(6), { headers: { "content-type": "audio/mpeg" } })
  );
  const dir = await Deno.makeTempDir();
  const client = new HttpClient({ retries: 0 });
  const renewing = provider(client, `${server.url}/a.mp3?sig=new`);
  const fetcher = new PreviewFetcher(renewing, new PreviewStore(dir));
  const got = await fetcher.fetch("1", `${server.url}/a.mp3?sig=old`);
  assert.equal(got.problem, null);
  assert.equal(got.path, `${dir}/1.mp3`);
  assert.equal(renewing.renewed, 1);
  assert.deepEqual(fetcher.counts, { downloaded: 1, reused: 0, repaired: 0, failed: 0 });
  assert.equal((await fetcher.fetch("1", "http://127.0.0.1:9/never-asked")).path, `${dir}/1.mp3`);
  assert.equal(fetcher.counts.reused, 1, "a complete preview is not fetched again");

  const none = new PreviewFetcher(provider(client, null), new PreviewStore(dir));
  const missing = await none.fetch("2", `${server.url}/gone.mp3`);
  assert.equal(missing.path, null);
  assert.match(missing.problem ?? "", /HTTP 404/);
  assert.equal(none.counts.failed, 1);
  await server.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("audio paths inside the project are stored relative to its root", () => {
  const root = projectRoot();
  assert.equal(audioPathFor(`${root}/data/deezer/previews/1.mp3`), "data/deezer/previews/1.mp3");
  assert.equal(audioPathFor("/elsewhere/1.mp3"), "/elsewhere/1.mp3");
});
