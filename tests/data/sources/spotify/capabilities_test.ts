import assert from "node:assert/strict";
import { HttpClient } from "../../../../lib/data/sources/http/client.ts";
import { SpotifyApi } from "../../../../lib/data/sources/spotify/api.ts";
import { ClientCredentialsAuth } from "../../../../lib/data/sources/spotify/auth.ts";
import { detectSpotifyFields } from "../../../../lib/data/sources/spotify/capabilities.ts";
import { FAKE_CREDENTIALS, spotifyId, type SpotifyMode, startFakeSpotify } from "./fake_server.ts";

async function probe(mode: SpotifyMode) {
  const server = startFakeSpotify({ mode, artists: 1 });
  const tokens = new HttpClient();
  const auth = new ClientCredentialsAuth(FAKE_CREDENTIALS, {
    client: tokens,
    tokenUrl: `${server.url}/api/token`,
  });
  const api = new SpotifyApi(new HttpClient({ auth }), { baseUrl: `${server.url}/v1` });
  const a = (await api.artist(spotifyId.artist(1001)))!;
  const fields = await detectSpotifyFields(api, {
    id: a.id,
    name: a.name,
    followers: a.followers?.total ?? null,
    popularity: a.popularity ?? null,
    genre: null,
    matchedBy: "id",
  });
  await server.close();
  return fields;
}

Deno.test("an app with extended quota receives every field", async () => {
  const fields = await probe("extended");
  assert.deepEqual(fields.missing, []);
  assert.deepEqual([fields.topTracks, fields.previews, fields.audioFeatures], [true, true, true]);
});

Deno.test("a development-mode app of 2025 lacks audio features and previews only", async () => {
  const fields = await probe("development-2025");
  assert.deepEqual(fields.missing.map((m) => m.field), ["preview audio", "audio features"]);
  assert.deepEqual([fields.topTracks, fields.previews, fields.audioFeatures], [true, false, false]);
});

Deno.test("a development-mode app since 2026 lacks all six, each with what was observed", async () => {
  const fields = await probe("development");
  assert.deepEqual(fields.missing.map((m) => m.field), [
    "artist_popularity",
    "followers",
    "top tracks",
    "track_popularity",
    "preview audio",
    "audio features",
  ]);
  assert.match(fields.missing[2].observed, /HTTP 403/);
  assert.equal(fields.topTracks, false);
});
