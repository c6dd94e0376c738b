import assert from "node:assert/strict";
import { HttpClient } from "../../../../lib/data/sources/http/client.ts";
import {
  ClientCredentialsAuth,
  parseDotEnv,
  readSpotifyCredentials,
  SpotifyAuthError,
} from "../../../../lib/data/sources/spotify/auth.ts";
import { FAKE_CREDENTIALS, startFakeSpotify } from "./fake_server.ts";

Deno.test(".env lines: comments, export, quotes, trailing comments", () => {
  assert.deepEqual(
    parseDotEnv(
      "# app\nexport SPOTIFY_CLIENT_ID=abc\nSPOTIFY_CLIENT_SECRET = 'x y#z'\nOTHER=1 # note\nbroken line\n",
    ),
    { SPOTIFY_CLIENT_ID: "abc", SPOTIFY_CLIENT_SECRET: "x y#z", OTHER: "1" },
  );
});

Deno.test("credentials come from the environment first, else from the .env file, else none", async () => {
  const dir = await Deno.makeTempDir();
  const envFile = `${dir}/.env`;
  assert.equal(await readSpotifyCredentials({ env: {}, envFile }), null);
  await Deno.writeTextFile(
    envFile,
    "SPOTIFY_CLIENT_ID=file-id\nSPOTIFY_CLIENT_SECRET=file-secret\n",
  );
  assert.deepEqual(await readSpotifyCredentials({ env: {}, envFile }), {
    clientId: "file-id",
    clientSecret: "file-secret",
    source: envFile,
  });
  const fromEnv = await readSpotifyCredentials({
    env: { SPOTIFY_CLIENT_ID: "env-id", SPOTIFY_CLIENT_SECRET: "env-secret" },
    envFile,
  });
  assert.equal(fromEnv?.source, "environment");
  assert.equal(
    await readSpotifyCredentials({ env: { SPOTIFY_CLIENT_ID: "only-id" }, envFile: null }),
    null,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a token is fetched when first needed, reused, and renewed before it expires", async () => {
  const server = startFakeSpotify();
  let clock = 0;
  const client = new HttpClient();
  const auth = new ClientCredentialsAuth(FAKE_CREDENTIALS, {
    client,
    tokenUrl: `${server.url}/api/token`,
    now: () => clock,
  });
  assert.equal(server.log.length, 0, "nothing is asked before a request needs it");
  const first = await auth.header();
  assert.equal(first, `Bearer ${server.tokens[0]}`);
  clock += 3_000_000; // 50 min
  assert.equal(await auth.header(), first);
  clock += 550_000; // 59 min 10 s: within the renewal margin
  assert.equal(await auth.header(), `Bearer ${server.tokens[1]}`);
  auth.invalidate();
  assert.equal(await auth.header(), `Bearer ${server.tokens[2]}`);
  assert.equal(auth.tokensIssued, 3);
  await server.close();
});

Deno.test("refused credentials say which variables to check and never show the secret", async () => {
  const server = startFakeSpotify();
  const client = new HttpClient({ retries: 0 });
  const auth = new ClientCredentialsAuth(
    { clientId: "wrong-id-0000", clientSecret: "wrong-secret-0123456789", source: "test" },
    { client, tokenUrl: `${server.url}/api/token` },
  );
  const error = await auth.header().catch((e) => e);
  assert.ok(error instanceof SpotifyAuthError);
  assert.equal(error.status, 400);
  assert.match(error.message, /invalid_client.*check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET/);
  assert.ok(!error.message.includes("wrong-secret-0123456789"));
  assert.ok(!error.message.includes(btoa("wrong-id-0000:wrong-secret-0123456789")));
  await server.close();
});
