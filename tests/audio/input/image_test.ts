import assert from "node:assert/strict";
import {
  spectrogramImage,
  STUDY_INPUT,
  studyAudioSettings,
  viridis,
  VIRIDIS_STOPS,
} from "../../../lib/audio/input/image.ts";
import { networkInput } from "../../../lib/audio/input/network_input.ts";
import { loadConfig } from "../../../lib/config.ts";

const hex = (rgb: number[]) =>
  "#" + rgb.map((v) => Math.round(v * 255).toString(16).padStart(2, "0")).join("");

Deno.test("viridis: the stops are plotly.js's own Viridis scale, hit exactly at each stop", () => {
  const bundle = Deno.readTextFileSync(
    new URL(import.meta.resolve("plotly.js-dist-min")).pathname,
  );
  const scale = bundle.match(/\[0,"#440154"\](?:,\[[.\d]+,"#[0-9a-f]{6}"\])+/)![0];
  const stops = [...scale.matchAll(/\[([.\d]+),"(#[0-9a-f]{6})"\]/g)].map((m) => [+m[1], m[2]]);
  assert.equal(stops.length, VIRIDIS_STOPS.length);
  stops.forEach(([p, colour], i) => {
    assert.ok(Math.abs((p as number) - VIRIDIS_STOPS[i][0]) < 1e-9);
    assert.equal(colour, VIRIDIS_STOPS[i][1]);
    assert.equal(hex(viridis(VIRIDIS_STOPS[i][0])), colour);
  });
});

Deno.test("viridis: interpolates between stops, clamps outside [0, 1], brightens monotonically", () => {
  const mid = viridis((VIRIDIS_STOPS[0][0] + VIRIDIS_STOPS[1][0]) / 2);
  const a = viridis(0), b = viridis(VIRIDIS_STOPS[1][0]);
  mid.forEach((v, j) => assert.ok(Math.abs(v - (a[j] + b[j]) / 2) < 1e-12));
  assert.deepEqual(viridis(-3), viridis(0));
  assert.deepEqual(viridis(7), viridis(1));
  const luminance = (t: number) => {
    const [r, g, bl] = viridis(t);
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  for (let t = 0.01; t <= 1; t += 0.01) assert.ok(luminance(t) > luminance(t - 0.01));
});

Deno.test("spectrogramImage: scaled to [0, 1] by its own range; RGB is viridis, interleaved", () => {
  const db = Float32Array.of(-80, -40, 0, -20);
  assert.deepEqual(Array.from(spectrogramImage(db)), [0, 0.5, 1, 0.75]);
  const rgb = spectrogramImage(db, { channels: 3 });
  assert.equal(rgb.length, 12);
  [0, 0.5, 1, 0.75].forEach((t, i) =>
    viridis(t).forEach((v, j) => assert.ok(Math.abs(rgb[i * 3 + j] - v) < 1e-6))
  );
  assert.deepEqual(Array.from(spectrogramImage(new Float32Array(3).fill(-5))), [0, 0, 0]);
  assert.throws(() => spectrogramImage(Float32Array.of(NaN)), /finite/);
  assert.throws(() => spectrogramImage(db, { channels: 2 as 1 }), /1 or 3/);
});

Deno.test("the study's settings give a 102×159 input of a random 10-s crop", () => {
  const audio = studyAudioSettings(loadConfig({ env: {} }).audio);
  assert.equal(audio.nMels, STUDY_INPUT.nMels);
  assert.equal(audio.cropMode, "random");
  const sr = 22_050;
  const clip = Float32Array.from({ length: sr * 30 }, (_, i) => Math.sin(i * 0.05 * (1 + i / sr)));
  const x = networkInput(clip, sr, { ...audio, sampleRate: sr, seed: 1 });
  assert.equal(x.length, 102 * 159);
  const other = networkInput(clip, sr, { ...audio, sampleRate: sr, seed: 2 });
  assert.notDeepEqual(Array.from(x.slice(0, 50)), Array.from(other.slice(0, 50)));
});
