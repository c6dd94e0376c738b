import assert from "node:assert/strict";
import { frameCount, stftPower } from "../../../lib/audio/spectrogram/stft.ts";
import { hannWindow } from "../../../lib/audio/spectrogram/window.ts";
import { tone } from "../signals.ts";

Deno.test("frame counts follow librosa: 1 + ⌊len/hop⌋ centred, 1 + ⌊(len − nFft)/hop⌋ not", () => {
  assert.equal(frameCount(44_100 * 30), 2584);
  assert.equal(frameCount(0), 1);
  assert.equal(frameCount(1023, { hopLength: 512 }), 2);
  assert.equal(frameCount(4096, { center: false }), 5);
  assert.equal(frameCount(2047, { center: false }), 0);
  const s = stftPower(new Float32Array(5000), 22_050, { nFft: 1024, hopLength: 256 });
  assert.equal(s.frames, 1 + Math.floor(5000 / 256));
  assert.equal(s.rows, 513);
});

Deno.test("a pure tone peaks in the bin of its frequency", () => {
  const sr = 44_100;
  for (const hz of [440, 1000, 5512.5, 12_345]) {
    const s = stftPower(tone(hz, 0.5, sr), sr);
    const t = Math.floor(s.frames / 2);
    let best = 0;
    for (let k = 0; k < s.rows; k++) {
      if (s.data[k * s.frames + t] > s.data[best * s.frames + t]) best = k;
    }
    assert.equal(best, Math.round((hz * 2048) / sr), `${hz} Hz`);
    assert.ok(Math.abs(s.rowHz[best] - hz) <= sr / 2048 / 2);
  }
});

Deno.test("a full-scale bin-centred sine has power (A·N/4)² with a periodic Hann window", () => {
  // Σ w[n] = N/2, and a sine of amplitude A contributes A/2 of it to its bin
  const sr = 8192, n = 2048, a = 0.5;
  const s = stftPower(tone(1024, 1, sr, a), sr, { nFft: n }); // bin 256 exactly
  const t = 4;
  const p = s.data[256 * s.frames + t];
  const expected = ((a * n) / 4) ** 2;
  assert.ok(Math.abs(p - expected) < 1e-6 * expected, `${p} vs ${expected}`);
});

Deno.test("Parseval on a centred frame: Σ|X|² = N·Σ(w·x)² ", () => {
  const sr = 16_000, n = 512;
  const x = Float32Array.from({ length: 3000 }, (_, i) => Math.sin(i * 0.3) * Math.cos(i * 0.011));
  const s = stftPower(x, sr, { nFft: n, hopLength: 128 });
  const w = hannWindow(n);
  const t = 10, start = t * 128 - n / 2;
  let time = 0;
  for (let i = 0; i < n; i++) time += (w[i] * x[start + i]) ** 2;
  let freq = s.data[0 * s.frames + t] + s.data[(n / 2) * s.frames + t];
  for (let k = 1; k < n / 2; k++) freq += 2 * s.data[k * s.frames + t];
  assert.ok(Math.abs(freq / n - time) < 1e-9 * time);
});

Deno.test("centring pads with zeros by default, or reflects", () => {
  const x = Float32Array.from({ length: 4096 }, (_, i) => 1 + (i % 7));
  const zero = stftPower(x, 8000, { nFft: 256, hopLength: 64 });
  const reflect = stftPower(x, 8000, { nFft: 256, hopLength: 64, padMode: "reflect" });
  // frame 0 sees half zeros with constant padding: less energy at DC than with reflection
  assert.ok(zero.data[0] < reflect.data[0]);
  // interior frames agree
  const t = 20;
  assert.equal(zero.data[3 * zero.frames + t], reflect.data[3 * reflect.frames + t]);
  assert.throws(
    () => stftPower(new Float32Array(10), 8000, { nFft: 64, padMode: "reflect" }),
    RangeError,
  );
});
