import assert from "node:assert/strict";
import {
  besselI0,
  kaiserLowpass,
  resample,
  resamplePoly,
} from "../../../lib/audio/decode/resample.ts";
import { maxAbsDiff, requireNumpy, tone } from "../signals.ts";

function amplitudeAt(x: Float32Array, hz: number, sr: number): number {
  // correlation with a complex exponential over the middle of the signal (edges excluded)
  let re = 0, im = 0;
  const from = Math.floor(x.length / 4), to = Math.floor((3 * x.length) / 4);
  for (let i = from; i < to; i++) {
    re += x[i] * Math.cos((2 * Math.PI * hz * i) / sr);
    im += x[i] * Math.sin((2 * Math.PI * hz * i) / sr);
  }
  return (2 * Math.hypot(re, im)) / (to - from);
}

Deno.test("I0 and the Kaiser low-pass: known values, unit DC gain, symmetric", () => {
  assert.ok(Math.abs(besselI0(0) - 1) < 1e-15);
  assert.ok(Math.abs(besselI0(1) - 1.2660658777520082) < 1e-14);
  assert.ok(Math.abs(besselI0(5) - 27.239871823604442) < 1e-11);
  const h = kaiserLowpass(41, 0.5, 5);
  assert.ok(Math.abs(h.reduce((a, b) => a + b, 0) - 1) < 1e-14);
  for (let i = 0; i < 20; i++) assert.ok(Math.abs(h[i] - h[40 - i]) < 1e-16);
  // sinc zeros: every second tap from the centre vanishes for cut-off 0.5
  assert.ok(Math.abs(h[22]) < 1e-15 && Math.abs(h[18]) < 1e-15);
});

Deno.test("resampling keeps length ⌈n·up/down⌉, a tone's frequency and level, and removes aliases", () => {
  assert.equal(resample(new Float32Array(48_000), 48_000, 44_100).length, 44_100);
  assert.equal(resamplePoly(new Float32Array(10), 3, 2).length, 15);
  assert.equal(resamplePoly(new Float32Array(11), 2, 3).length, 8);
  const x = new Float32Array(7);
  assert.equal(resample(x, 8000, 8000), x);
  // 1 kHz at 48 kHz → 44.1 kHz: still 1 kHz at the same amplitude
  const y = resample(tone(1000, 1, 48_000, 0.5), 48_000, 44_100);
  assert.ok(Math.abs(amplitudeAt(y, 1000, 44_100) - 0.5) < 0.005);
  // 48 → 16 kHz: a 12 kHz tone lies above the new Nyquist and must not fold to 4 kHz
  const alias = resample(tone(12_000, 1, 48_000, 0.5), 48_000, 16_000);
  assert.ok(amplitudeAt(alias, 4000, 16_000) < 0.0005, "12 kHz folded to 4 kHz");
  assert.ok(
    Math.abs(
      amplitudeAt(resample(tone(3000, 1, 48_000, 0.5), 48_000, 16_000), 3000, 16_000) - 0.5,
    ) < 0.005,
  );
  // upsampling 22.05 → 44.1 kHz adds no image at 44.1 − f
  const up = resample(tone(5000, 1, 22_050, 0.5), 22_050, 44_100);
  assert.ok(Math.abs(amplitudeAt(up, 5000, 44_100) - 0.5) < 0.005);
  assert.ok(amplitudeAt(up, 22_050 - 5000, 44_100) < 0.001);
});

Deno.test("a range of the output equals that slice of the full output", () => {
  const x = Float32Array.from({ length: 3001 }, (_, i) => Math.sin(i * 0.2) + (i % 3) / 7);
  for (const [up, down] of [[147, 160], [2, 1], [1, 1]]) {
    const full = resamplePoly(x, up, down);
    assert.deepEqual(resamplePoly(x, up, down, { from: 100, to: 900 }), full.slice(100, 900));
  }
  assert.throws(() => resamplePoly(x, 2, 1, { from: 10, to: 99_999 }), RangeError);
});

Deno.test({
  name: "resample_poly equals scipy's on the same samples",
  fn: async () => {
    requireNumpy();
    const dir = await Deno.makeTempDir();
    const x = Float32Array.from(
      { length: 5003 },
      (_, i) => Math.sin(i * 0.37) * Math.cos(i * 0.013),
    );
    await Deno.writeFile(`${dir}/x.f32`, new Uint8Array(x.buffer));
    for (const [up, down] of [[2, 1], [147, 160], [160, 147], [1, 3]]) {
      const code = `import numpy as np; from scipy.signal import resample_poly
x = np.fromfile("${dir}/x.f32", dtype="<f4").astype(np.float64)
resample_poly(x, ${up}, ${down}).astype("<f8").tofile("${dir}/y.f64")`;
      const r = new Deno.Command("/usr/bin/python3", { args: ["-c", code] }).outputSync();
      assert.equal(r.code, 0);
      const ref = new Float64Array((await Deno.readFile(`${dir}/y.f64`)).buffer);
      assert.ok(maxAbsDiff(resamplePoly(x, up, down), ref) < 1e-6, `${up}/${down}`);
    }
    await Deno.remove(dir, { recursive: true });
  },
});
