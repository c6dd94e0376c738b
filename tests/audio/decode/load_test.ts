import assert from "node:assert/strict";
import { assertNotSilent, loadAudio, rmsDbfs } from "../../../lib/audio/decode/load.ts";
import { AudioFileError } from "../../../lib/audio/decode/errors.ts";
import { encodeTestWav, tone } from "../signals.ts";

Deno.test("loadAudio mixes down and resamples to the wanted rate", async () => {
  const dir = await Deno.makeTempDir();
  const l = tone(440, 2, 22_050, 0.5), r = tone(440, 2, 22_050, 0.3);
  await Deno.writeFile(`${dir}/a.wav`, encodeTestWav([l, r], 22_050, "s24"));
  const clip = await loadAudio(`${dir}/a.wav`, { sampleRate: 44_100 });
  assert.equal(clip.sampleRate, 44_100);
  assert.equal(clip.samples.length, 88_200);
  assert.equal(clip.source.sampleRate, 22_050);
  assert.equal(clip.source.channels, 2);
  assert.ok(Math.abs(clip.source.seconds - 2) < 1e-9);
  // mean of 0.5 and 0.3 amplitude sines in phase: 0.4 → RMS −10.97 dBFS
  assert.ok(Math.abs(rmsDbfs(clip.samples) - 20 * Math.log10(0.4 / Math.SQRT2)) < 0.05);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a silent file is rejected with its level", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeFile(`${dir}/zeros.wav`, encodeTestWav([new Float32Array(8000)], 8000, "s16"));
  await assert.rejects(
    () => loadAudio(`${dir}/zeros.wav`),
    (e: unknown) =>
      e instanceof AudioFileError && e.kind === "silent" &&
      /zeros\.wav: silent: RMS level digital silence/.test(e.message),
  );
  // 1 LSB of 16-bit noise (≈ −96 dBFS) is silence too; −60 dBFS is not
  const lsb = Float32Array.from({ length: 8000 }, (_, i) => (i % 2 ? 1 : -1) / 32768);
  assert.throws(() => assertNotSilent(lsb), /−?-?90 dBFS threshold/);
  assertNotSilent(tone(100, 1, 8000, 0.0014));
  assert.equal(rmsDbfs(new Float32Array(0)), -Infinity);
  await Deno.remove(dir, { recursive: true });
});
