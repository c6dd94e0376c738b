import assert from "node:assert/strict";
import { loadConfig, resolvePath } from "../../lib/config.ts";
import { PopularityModel } from "../../lib/model/popularity/model.ts";
import { silentProgress } from "../../lib/model/training/progress.ts";
import { parsePredictArgs, predictCommand, UsageError } from "../../lib/workspace/predict.ts";
import { SIZE, syntheticSongs } from "../model/training/synthetic.ts";

const config = loadConfig({ env: {} });
const wav = `${resolvePath(config.paths.sharedData)}/audio/hr3-hell.wav`;
const haveWav = (() => {
  try {
    return Deno.statSync(wav).isFile;
  } catch {
    return false;
  }
})();

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [], err: string[] = [];
  const code = await predictCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

Deno.test("predict parses the audio file, column=value metadata and options", () => {
  const args = parsePredictArgs([
    "song.mp3",
    "artist_popularity=72",
    "genre=pop",
    "is_top_track=true",
    "--model",
    "m",
    "--json",
  ]);
  assert.deepEqual(args, {
    audio: "song.mp3",
    metadata: { artist_popularity: 72, genre: "pop", is_top_track: true },
    model: "m",
    json: true,
  });
  assert.throws(() => parsePredictArgs(["a.wav", "b.wav"]), UsageError);
  assert.throws(() => parsePredictArgs(["--fast"]), /unknown option --fast/);
});

Deno.test("predict says clearly when there is no model", async () => {
  const { code, err } = await run(["song.wav", "--model", "/nonexistent/model"]);
  assert.equal(code, 1);
  assert.match(err.join("\n"), /predict: no saved model in \/nonexistent\/model/);
});

Deno.test({
  name: "predict prints a popularity for a real file and refuses an unreadable one",
  ignore: !haveWav,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const audio = { ...config.audio, nMels: SIZE, frames: SIZE, cropSeconds: 2 };
      await PopularityModel.train(syntheticSongs(32, 1), syntheticSongs(8, 2), {
        audio,
        epochs: 1,
        cnn: { convFilters: [4, 8], denseUnits: [8] },
        dir,
        progress: silentProgress,
      });
      const ok = await run([wav, "artist_popularity=70", "--model", dir]);
      assert.equal(ok.code, 0, ok.err.join("\n"));
      assert.match(ok.out[0], /^predicted popularity: -?\d+\.\d \/ 100$/);
      assert.match(ok.out.join("\n"), /training mean used: followers, is_top_track, genre$/);
      const json = await run([wav, "--model", dir, "--json"]);
      const parsed = JSON.parse(json.out[0]);
      assert.equal(typeof parsed.value, "number");
      assert.ok(parsed.seconds > 0);
      const text = `${dir}/not-audio.mp3`;
      await Deno.writeTextFile(text, "this is not an mp3");
      const bad = await run([text, "--model", dir]);
      assert.equal(bad.code, 1);
      assert.match(bad.err.join("\n"), /^predict: .*not-audio\.mp3/);
      const missing = await run([`${dir}/nothing.wav`, "--model", dir]);
      assert.equal(missing.code, 1);
      assert.match(missing.err.join("\n"), /nothing\.wav/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
