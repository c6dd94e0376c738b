import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import { listModels, modelDir } from "../../../lib/model/popularity/paths.ts";
import { songsByPart } from "../../../lib/model/popularity/songs.ts";

Deno.test("songsByPart sorts songs into their split and says why any is left out", () => {
  const rows = [
    { track_id: "a", track_popularity: 40 },
    { track_id: "b", track_popularity: 70 },
    { track_id: "c", track_popularity: null },
    { track_id: "d", track_popularity: 55 },
    { track_id: "e", track_popularity: 60 },
  ];
  const parts = new Map([["a", "train"], ["b", "test"], ["c", "train"], ["d", "validation"]]);
  const spectrograms = [
    new Float32Array(4),
    null,
    new Float32Array(4),
    new Float32Array(4),
    new Float32Array(4),
  ];
  const songs = songsByPart(rows, { target: "track_popularity", parts, spectrograms });
  assert.deepEqual(songs.train.map((s) => s.trackId), ["a"]);
  assert.deepEqual(songs.validation.map((s) => s.trackId), ["d"]);
  assert.deepEqual(songs.test, []);
  assert.deepEqual(songs.excluded, [
    { trackId: "b", reason: "no spectrogram (audio missing or unreadable)" },
    { trackId: "c", reason: "no track_popularity" },
    { trackId: "e", reason: "not in the split (part null)" },
  ]);
  const metadataOnly = songsByPart(rows, { target: "track_popularity", parts });
  assert.deepEqual(metadataOnly.test.map((s) => s.popularity), [70]);
  assert.throws(
    () => songsByPart(rows, { target: "track_popularity", parts, spectrograms: [] }),
    /5 rows but 0 spectrograms/,
  );
});

Deno.test("models live under outputs/models/<dataset>/<name>", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const config = loadConfig({ env: {}, overrides: { paths: { outputs: dir } } });
    assert.equal(modelDir(config), `${dir}/models/demo-default-seed42-44100hz/cnn-both`);
    assert.throws(() => modelDir(config, "../x"), /model name/);
    assert.deepEqual(listModels(config), []);
    await Deno.mkdir(`${modelDir(config, "cnn-audio")}`, { recursive: true });
    await Deno.writeTextFile(`${modelDir(config, "cnn-audio")}/checkpoint.json`, "{}");
    assert.deepEqual(listModels(config), ["demo-default-seed42-44100hz/cnn-audio"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
