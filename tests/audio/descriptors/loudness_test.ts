import assert from "node:assert/strict";
import {
  blockLoudness,
  integratedLoudness,
  kWeightingCoefficients,
} from "../../../lib/audio/descriptors/loudness.ts";
import { tone } from "../signals.ts";

Deno.test("at 48 kHz the K-weighting filters equal the ITU-R BS.1770 table", () => {
  const [shelf, hp] = kWeightingCoefficients(48_000);
  const expected = [
    1.53512485958697,
    -2.69169618940638,
    1.19839281085285,
    -1.69065929318241,
    0.73248077421585,
  ];
  shelf.forEach((c, i) => assert.ok(Math.abs(c - expected[i]) < 1e-8, `shelf ${i}: ${c}`));
  assert.deepEqual(hp.slice(0, 3), [1, -2, 1]);
  assert.ok(Math.abs(hp[3] - -1.99004745483398) < 1e-8);
  assert.ok(Math.abs(hp[4] - 0.99007225036621) < 1e-8);
});

Deno.test("a 1 kHz tone at amplitude A reads 20·log10(A) − 3.01 LUFS at any rate", () => {
  for (const sr of [44_100, 48_000, 22_050]) {
    for (const a of [1, 0.1, 0.01]) {
      const l = integratedLoudness(tone(997, 5, sr, a), sr);
      const expected = 20 * Math.log10(a) - 3.01;
      assert.ok(Math.abs(l - expected) < 0.1, `${sr} Hz, A=${a}: ${l} vs ${expected}`);
    }
  }
});

Deno.test("gating: silence does not lower the loudness; near-silence is −Infinity", () => {
  const sr = 48_000;
  const x = new Float32Array(10 * sr);
  x.set(tone(1000, 5, sr, 0.1));
  // five seconds of a −20 dB tone then five of silence: the silent blocks are gated out (the
  // three blocks straddling the end pass the gates and pull the mean down by about 0.1 LU)
  assert.ok(Math.abs(integratedLoudness(x, sr) - -23.01) < 0.2);
  // a quiet passage 20 dB below the rest falls under the relative gate (−10 LU)
  const y = new Float32Array(10 * sr);
  y.set(tone(1000, 5, sr, 0.1));
  y.set(tone(1000, 5, sr, 0.01), 5 * sr);
  assert.ok(Math.abs(integratedLoudness(y, sr) - -23.01) < 0.2);
  assert.equal(integratedLoudness(new Float32Array(sr), sr), -Infinity);
  assert.equal(blockLoudness(tone(1000, 1, sr, 0.1), sr).length, 7); // 400 ms blocks every 100 ms
});
