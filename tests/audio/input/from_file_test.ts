import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import { networkInputFromFile } from "../../../lib/audio/input/from_file.ts";
import { networkInput } from "../../../lib/audio/input/network_input.ts";
import { AudioFileError } from "../../../lib/audio/decode/errors.ts";
import { encodeTestWav } from "../signals.ts";

const audio = loadConfig({ env: {} }).audio;

Deno.test("networkInputFromFile decodes, resamples and matches networkInput on the samples", async () => {
  const dir = await Deno.makeTempDir();
  const sr = 22_050;
  const x = Float32Array.from(
    { length: 11 * sr },
    (_, i) => 0.3 * Math.sin(i * 0.05) + 0.1 * Math.sin(i * 0.7),
  );
  await Deno.writeFile(`${dir}/a.wav`, encodeTestWav([x], sr, "f32"));
  const fromFile = await networkInputFromFile(`${dir}/a.wav`, audio);
  const direct = networkInput(x, sr, audio); // resamples to 44.1 kHz inside
  assert.ok(fromFile.every((v, i) => Math.abs(v - direct[i]) < 1e-3));
  await Deno.writeFile(`${dir}/silent.wav`, encodeTestWav([new Float32Array(sr)], sr, "s16"));
  await assert.rejects(
    () => networkInputFromFile(`${dir}/silent.wav`, audio),
    (e: unknown) => e instanceof AudioFileError && e.kind === "silent",
  );
  await Deno.remove(dir, { recursive: true });
});
