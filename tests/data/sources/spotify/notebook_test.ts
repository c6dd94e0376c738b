import assert from "node:assert/strict";
import { loadConfig } from "../../../../lib/config.ts";
import { runNotebooks } from "../../../../lib/workspace/run_notebooks.ts";
import { FAKE_CREDENTIALS, startFakeSpotify } from "./fake_server.ts";

async function* files(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* files(path);
    else if (entry.isFile) yield path;
  }
}

Deno.test("notebook 01 collects from Spotify and no credential or token reaches its outputs", async () => {
  let revoked = false;
  const server = startFakeSpotify({
    mode: "extended",
    artists: 2,
    fault: (target) => {
      if (!revoked && target.startsWith("/v1/tracks/")) {
        revoked = true;
        server.revokeTokens(); // a token renewed midway must stay hidden too
      }
      return undefined;
    },
  });
  const data = await Deno.makeTempDir();
  const outputs = await Deno.makeTempDir();
  const config = loadConfig({
    env: {},
    overrides: {
      dataset: { demoSize: "tiny" },
      paths: { data, outputs },
      collect: {
        provider: "spotify",
        artists: "Daft Punk; Angèle",
        apiBaseUrl: server.url,
        minIntervalMs: 0,
        market: "FR",
      },
    },
  });
  Deno.env.set("SPOTIFY_CLIENT_ID", FAKE_CREDENTIALS.clientId);
  Deno.env.set("SPOTIFY_CLIENT_SECRET", FAKE_CREDENTIALS.clientSecret);
  try {
    const [result] = await runNotebooks({
      config,
      only: ["01"],
      outputDir: `${outputs}/notebooks`,
      log: () => {},
    });
    assert.ok(result.ok, JSON.stringify(result.failure));
  } finally {
    Deno.env.delete("SPOTIFY_CLIENT_ID");
    Deno.env.delete("SPOTIFY_CLIENT_SECRET");
  }
  const executed = await Deno.readTextFile(`${outputs}/notebooks/01_data_collection.ipynb`);
  assert.match(executed, /Collected from spotify:\*\* 2 artists, 40 tracks/);
  assert.match(
    executed,
    /Developer Terms forbid using Spotify content to train machine-learning models/,
  );
  assert.ok(server.tokens.length >= 2);
  const secrets = [
    FAKE_CREDENTIALS.clientSecret,
    FAKE_CREDENTIALS.clientId,
    btoa(`${FAKE_CREDENTIALS.clientId}:${FAKE_CREDENTIALS.clientSecret}`),
    ...server.tokens,
  ];
  const leaks: string[] = [];
  for (const dir of [data, outputs]) {
    for await (const path of files(dir)) {
      const text = new TextDecoder("latin1").decode(await Deno.readFile(path));
      for (const s of secrets) if (text.includes(s)) leaks.push(`${path}: ${s.slice(0, 6)}…`);
    }
  }
  assert.deepEqual(leaks, []);
  await server.close();
  await Deno.remove(data, { recursive: true });
  await Deno.remove(outputs, { recursive: true });
});
