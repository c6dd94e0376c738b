import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import { decodeAudio } from "../../../lib/audio/decode/decode.ts";
import { AudioFileError } from "../../../lib/audio/decode/errors.ts";
import { extractNetworkInputs } from "../../../lib/audio/extract/extract.ts";
import { failuresReport } from "../../../lib/audio/extract/failure_examples.ts";
import { encodeTestWav } from "../signals.ts";

const audio = { ...loadConfig({ env: {} }).audio, cropSeconds: 2, frames: 32, nMels: 64 };
const sr = 22_050;
const tone = (seconds: number) =>
  Float32Array.from({ length: Math.round(seconds * sr) }, (_, i) => 0.3 * Math.sin(i / 7));

Deno.test("a float WAV holding NaN and inf samples fails as non-finite, not as silence", async () => {
  const x = tone(3);
  x[100] = NaN;
  x[2000] = Infinity;
  x[3000] = -Infinity;
  const bytes = encodeTestWav([x], sr, "f32");
  await assert.rejects(
    () => decodeAudio(bytes),
    (e: Error) =>
      e instanceof AudioFileError && e.kind === "non-finite" &&
      e.reason === `non-finite samples: 1 NaN and 2 infinite of ${x.length} samples`,
  );
  const dir = await Deno.makeTempDir();
  await Deno.writeFile(`${dir}/nan.wav`, bytes);
  const batch = await extractNetworkInputs([`${dir}/nan.wav`], audio, {
    cacheDir: null,
    workers: 0,
  });
  assert.deepEqual(batch.inputs, [null]);
  assert.equal(batch.failures[0].kind, "non-finite");
  assert.doesNotMatch(batch.failures[0].reason, /silence/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a clip shorter than the crop is padded, used and flagged, from the cache too", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeFile(`${dir}/short.wav`, encodeTestWav([tone(0.5)], sr, "s16"));
  await Deno.writeFile(`${dir}/long.wav`, encodeTestWav([tone(3)], sr, "s16"));
  const paths = [`${dir}/long.wav`, `${dir}/short.wav`];
  for (const run of ["computed", "cached"]) {
    const batch = await extractNetworkInputs(paths, audio, {
      cacheDir: `${dir}/cache`,
      workers: 0,
    });
    assert.equal(batch.cache.hits, run === "cached" ? 2 : 0, run);
    assert.ok(batch.inputs.every((x) => x !== null && x.length === 64 * 32), run);
    assert.deepEqual(batch.failures, [], run);
    assert.deepEqual(batch.warnings, [{
      path: `${dir}/short.wav`,
      kind: "padded",
      reason: "shorter than the crop: 0.50 s of audio, centred in 2 s of zeros",
    }], run);
    const report = failuresReport(batch.failures, { warnings: batch.warnings });
    assert.match(report.reading, /\*\*1\*\* clip was shorter than the crop/);
    assert.deepEqual(report.table?.getColumn("kind").toArray(), ["padded"]);
  }
  await Deno.remove(dir, { recursive: true });
});
