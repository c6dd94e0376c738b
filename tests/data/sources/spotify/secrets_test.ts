import assert from "node:assert/strict";
import { projectRoot } from "../../../../lib/config.ts";
import { FAKE_CREDENTIALS, startFakeSpotify } from "./fake_server.ts";

const main = `${projectRoot()}/lib/data/sources/collect/main.ts`;

/** The environment without HSS_* and SPOTIFY_* variables, which the test sets itself. */
function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(Deno.env.toObject()).filter(([k]) => !/^(HSS|SPOTIFY)_/.test(k)),
  );
}

async function* files(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* files(path);
    else if (entry.isFile) yield path;
  }
}

/** Every place the secrets could leak to, searched as bytes (Parquet and MP3 included). */
async function leaks(
  secrets: string[],
  texts: Record<string, string>,
  dirs: string[],
): Promise<string[]> {
  const found: string[] = [];
  const haystacks: [string, string][] = Object.entries(texts);
  for (const dir of dirs) {
    for await (const path of files(dir)) {
      haystacks.push([path, new TextDecoder("latin1").decode(await Deno.readFile(path))]);
    }
  }
  for (const [where, text] of haystacks) {
    for (const s of secrets) {
      if (text.includes(s)) found.push(`${where} contains ${s.slice(0, 6)}…`);
    }
  }
  return found;
}

Deno.test("no credential or token appears in logs, messages, caches, tables or outputs of a run", async () => {
  let revoked = false;
  const server = startFakeSpotify({
    mode: "extended",
    artists: 3,
    // Midway, every token is revoked: the client must fetch a new one (and hide it too).
    fault: (target) => {
      if (!revoked && target.startsWith("/v1/tracks/")) {
        revoked = true;
        server.revokeTokens();
      }
      return undefined;
    },
  });
  const data = await Deno.makeTempDir();
  const outputs = await Deno.makeTempDir();
  const run = (credentials: { clientId: string; clientSecret: string }, artists: string) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", main],
      cwd: projectRoot(),
      clearEnv: true,
      env: {
        ...inheritedEnv(),
        HSS_PATHS_DATA: data,
        HSS_PATHS_OUTPUTS: outputs,
        HSS_COLLECT_PROVIDER: "spotify",
        HSS_COLLECT_ARTISTS: artists,
        HSS_COLLECT_API_BASE_URL: server.url,
        HSS_COLLECT_MIN_INTERVAL_MS: "0",
        SPOTIFY_CLIENT_ID: credentials.clientId,
        SPOTIFY_CLIENT_SECRET: credentials.clientSecret,
        NO_COLOR: "1",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
  const good = await run(FAKE_CREDENTIALS, "Daft Punk; Angèle");
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  assert.equal(good.code, 0, decode(good.stderr));
  assert.ok(server.tokens.length >= 2, "a token was renewed during the run");
  const wrong = { clientId: "wrong-client-id-77", clientSecret: "wrong-client-secret-0123456789" };
  // A run with wrong credentials, for an artist not in the cache (a cached run needs no token).
  const bad = await run(wrong, "Daft Punk; Angèle; Stromae");
  assert.equal(bad.code, 1);
  assert.match(decode(bad.stderr), /Spotify refused the client credentials/);

  const secrets = [
    FAKE_CREDENTIALS.clientSecret,
    FAKE_CREDENTIALS.clientId,
    btoa(`${FAKE_CREDENTIALS.clientId}:${FAKE_CREDENTIALS.clientSecret}`),
    wrong.clientSecret,
    wrong.clientId,
    btoa(`${wrong.clientId}:${wrong.clientSecret}`),
    ...server.tokens,
  ];
  const found = await leaks(
    secrets,
    {
      "stdout (good run)": decode(good.stdout),
      "stderr (good run)": decode(good.stderr),
      "stdout (refused run)": decode(bad.stdout),
      "stderr (refused run)": decode(bad.stderr),
    },
    [data, outputs],
  );
  assert.deepEqual(found, []);
  assert.ok([...Deno.readDirSync(`${data}/spotify/cache`)].length > 0, "the cache was searched");
  await server.close();
  await Deno.remove(data, { recursive: true });
  await Deno.remove(outputs, { recursive: true });
});
