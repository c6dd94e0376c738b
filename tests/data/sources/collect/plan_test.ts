import assert from "node:assert/strict";
import { loadConfig } from "../../../../lib/config.ts";
import { planCollection } from "../../../../lib/data/sources/collect/plan.ts";
import { startFakeDeezer } from "../deezer/fake_server.ts";

const noCredentials = { env: {}, envFile: null };

function config(collect: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return loadConfig({
    env: {},
    overrides: { collect: { minIntervalMs: 0, ...collect }, ...extra },
  });
}

Deno.test("the plan explains what is missing, without a network call when nothing is configured", async () => {
  const none = await planCollection(config({}));
  assert.equal(none.ready, false);
  assert.equal(none.provider, null);
  assert.match(none.explanation, /offline source `demo`/);
  assert.match(none.explanation, /HSS_COLLECT_PROVIDER=deezer/);

  const empty = await planCollection(config({ provider: "deezer" }));
  assert.equal(empty.ready, false);
  assert.match(empty.explanation, /artist list is empty/);

  const spotify = await planCollection(config({ provider: "spotify", artists: "Air" }), {
    credentials: noCredentials,
  });
  assert.equal(spotify.ready, false);
  assert.match(spotify.explanation, /SPOTIFY_CLIENT_ID/);
  assert.match(
    spotify.explanation,
    /forbid using Spotify content to train machine-learning models/,
  );

  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const closed = `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`;
  listener.close();
  const offline = await planCollection(
    config({ provider: "deezer", artists: "Air", apiBaseUrl: closed }),
  );
  assert.equal(offline.ready, false);
  assert.match(offline.explanation, /does not answer/);
});

Deno.test("the plan is ready when provider, artists and network are there", async () => {
  const server = startFakeDeezer({ artists: 2 });
  const plan = await planCollection(
    config({ provider: "deezer", artists: "Daft Punk; Angèle", apiBaseUrl: server.url }),
  );
  assert.equal(plan.ready, true);
  assert.deepEqual(plan.artists.map((a) => a.query), ["Daft Punk", "Angèle"]);
  assert.match(plan.explanation, /2 artist\(s\), top 5 \+ 15 random tracks each \(seed 42\)/);
  await server.close();
});
