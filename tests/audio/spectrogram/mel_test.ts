import assert from "node:assert/strict";
import {
  denseFilterbank,
  hzToMel,
  melFilterbank,
  melFrequencies,
  melToHz,
} from "../../../lib/audio/spectrogram/mel.ts";

const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b}`);

Deno.test("Slaney's mel scale: linear to 1 kHz (15 mel), 27 mel per factor 6.4 above", () => {
  close(hzToMel(0), 0);
  close(hzToMel(200), 3);
  close(hzToMel(1000), 15);
  close(hzToMel(6400), 42); // 15 + 27
  close(hzToMel(6400 * 6.4), 69);
  for (const f of [0, 50, 999.9, 1000, 4321, 22050]) close(melToHz(hzToMel(f)), f, 1e-9 * (1 + f));
});

Deno.test("HTK's mel scale: 2595·log10(1 + f/700)", () => {
  close(hzToMel(700, "htk"), 2595 * Math.log10(2));
  for (const f of [0, 440, 8000]) close(melToHz(hzToMel(f, "htk"), "htk"), f, 1e-9 * (1 + f));
});

Deno.test("mel frequencies are equally spaced in mel and include both ends", () => {
  const f = melFrequencies(10, 100, 8000);
  close(f[0], 100);
  close(f[9], 8000);
  const step = hzToMel(f[1]) - hzToMel(f[0]);
  for (let i = 1; i < 10; i++) close(hzToMel(f[i]) - hzToMel(f[i - 1]), step, 1e-9);
});

Deno.test("Slaney-normalised filters have unit area, peak at their centre, and tile the band", () => {
  const sr = 44_100, nFft = 2048;
  const fb = melFilterbank({ sampleRate: sr, nFft, nMels: 128 });
  assert.equal(fb.nMels, 128);
  assert.equal(fb.bins, 1025);
  const w = denseFilterbank(fb);
  const df = sr / nFft;
  for (let m = 0; m < 128; m++) {
    const row = w.subarray(m * 1025, (m + 1) * 1025);
    let area = 0;
    for (const v of row) {
      assert.ok(v >= 0);
      area += v * df;
    }
    const width = fb.edgesHz[m + 2] - fb.edgesHz[m];
    // height 2/width: a triangle of area 1; sampled on bins, the wide filters come close
    if (width > 20 * df) close(area, 1, 0.02);
    // the largest weight sits on the bin nearest the centre
    if (width > 4 * df) {
      let best = 0;
      for (let k = 1; k < 1025; k++) if (row[k] > row[best]) best = k;
      assert.ok(Math.abs(best * df - fb.centerHz[m]) <= df, `filter ${m}`);
      assert.ok(row[best] <= 2 / width + 1e-12);
    }
  }
  // every bin between the first and last centre belongs to at most two filters
  for (let k = 0; k < 1025; k++) {
    let n = 0;
    for (let m = 0; m < 128; m++) if (w[m * 1025 + k] > 0) n++;
    assert.ok(n <= 2, `bin ${k} in ${n} filters`);
  }
});

Deno.test("a filter's weight is its triangle evaluated at the bin frequency", () => {
  // derived by hand from the definition: sr 16 kHz, nFft 512, 10 mels, fmin 300, fmax 8000
  const fb = melFilterbank({ sampleRate: 16_000, nFft: 512, nMels: 10, fmin: 300, fmax: 8000 });
  const edges = melFrequencies(12, 300, 8000);
  const w = denseFilterbank(fb);
  const m = 4;
  const k = Math.round(edges[m + 1] / (16_000 / 512)) + 1; // just above the peak
  const f = (k * 16_000) / 512;
  const up = (f - edges[m]) / (edges[m + 1] - edges[m]);
  const down = (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
  const expected = Math.max(0, Math.min(up, down)) * (2 / (edges[m + 2] - edges[m]));
  assert.ok(expected > 0);
  close(w[m * fb.bins + k], expected, 1e-15);
  const peak = melFilterbank({ sampleRate: 16_000, nFft: 512, nMels: 10, norm: "none" });
  assert.ok(Math.max(...denseFilterbank(peak)) <= 1);
});
