import assert from "node:assert/strict";
import { drawDemoCatalogue } from "../../../../lib/data/sources/demo/corpus.ts";
import {
  type ClipAttributes,
  midiToHz,
  rmsDb,
  synthesizeClip,
  targetLevelDb,
} from "../../../../lib/data/sources/demo/synth.ts";
import { estimateTempo, magnitudes, spectralCentroid } from "./audio_measures.ts";

const SR = 44_100;
const BASE: ClipAttributes = {
  tempo: 100,
  beatsPerBar: 4,
  key: 2,
  mode: 1,
  energy: 0.6,
  danceability: 0.9,
  brightness: 0.6,
  valence: 0.6,
  acousticness: 0.2,
  hook: 0.5,
  speechiness: 0.04,
  instrumentalness: 0.5,
  liveness: 0.1,
  gain: 0.8,
};

Deno.test("synthesizeClip is deterministic in attributes and seed", () => {
  const a = synthesizeClip(BASE, { seconds: 1.5, seed: 1 });
  const b = synthesizeClip(BASE, { seconds: 1.5, seed: 1 });
  const c = synthesizeClip(BASE, { seconds: 1.5, seed: 2 });
  assert.equal(a.length, Math.round(1.5 * SR));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a.every((x) => x > -1 && x < 1 && Number.isFinite(x)));
  assert.equal(synthesizeClip(BASE, { seconds: 1, seed: 1, sampleRate: 16_000 }).length, 16_000);
});

Deno.test("synthesizeClip: the level follows energy and gain (RMS in dBFS)", () => {
  const levels = [0.1, 0.3, 0.5, 0.7, 0.9].map((energy) =>
    rmsDb(synthesizeClip({ ...BASE, energy }, { seconds: 3, seed: 4 }))
  );
  for (let i = 1; i < levels.length; i++) assert.ok(levels[i] > levels[i - 1] + 1.5, `${levels}`);
  // below the limiter's knee the clip sits on its target level
  const quiet = { ...BASE, energy: 0.2, gain: 0.7 };
  const db = rmsDb(synthesizeClip(quiet, { seconds: 3, seed: 4 }));
  assert.ok(Math.abs(db - targetLevelDb(0.2, 0.7)) < 0.3, `${db} vs ${targetLevelDb(0.2, 0.7)}`);
  assert.equal(rmsDb(new Float32Array(10)), -120);
});

Deno.test("synthesizeClip: the beat's periodicity matches the tempo", () => {
  for (const tempo of [84, 100, 126, 150]) {
    const x = synthesizeClip({ ...BASE, tempo }, { seconds: 8, seed: tempo });
    const est = estimateTempo(x, SR);
    const ok = [0.5, 1, 2].some((m) => Math.abs(est / (tempo * m) - 1) < 0.03);
    assert.ok(ok, `tempo ${tempo}: estimated ${est.toFixed(1)}`);
  }
  // across the genres' own attributes (3/4, jitter, syncopation), allowing octave errors
  const tracks = drawDemoCatalogue({ size: "tiny", seed: 42 }).tracks.slice(0, 40);
  const good = tracks.filter((t) => {
    const est = estimateTempo(synthesizeClip(t.attributes, { seconds: 6, seed: t.clipSeed }), SR);
    return [1 / 2, 1, 2].some((m) => Math.abs(est / (t.attributes.tempo * m) - 1) < 0.04);
  });
  assert.ok(good.length >= 36, `${good.length}/40 clips at their tempo`);
});

Deno.test("synthesizeClip: brightness raises the spectral centroid", () => {
  for (const seed of [1, 2, 3]) {
    const dark = spectralCentroid(
      synthesizeClip({ ...BASE, brightness: 0.2 }, { seconds: 3, seed }),
      SR,
    );
    const bright = spectralCentroid(
      synthesizeClip({ ...BASE, brightness: 0.85 }, { seconds: 3, seed }),
      SR,
    );
    assert.ok(bright > 1.25 * dark, `seed ${seed}: ${dark.toFixed(0)} → ${bright.toFixed(0)} Hz`);
  }
});

/** Mean cosine similarity of 43–2150 Hz spectra two beats apart. */
function twoBeatSimilarity(x: Float32Array, tempo: number): number {
  const hop = 512;
  const frames = magnitudes(x, 2048, hop).map((m) => m.subarray(2, 100));
  const lag = Math.round(2 * 60 / tempo * SR / hop);
  let sum = 0;
  for (let f = 0; f + lag < frames.length; f++) {
    const [a, b] = [frames[f], frames[f + lag]];
    let ab = 0, aa = 0, bb = 0;
    for (let k = 0; k < a.length; k++) {
      ab += a[k] * b[k];
      aa += a[k] * a[k];
      bb += b[k] * b[k];
    }
    sum += ab / Math.sqrt(aa * bb);
  }
  return sum / (frames.length - lag);
}

Deno.test("synthesizeClip: a strong hook repeats the melody every two beats", () => {
  const tracks = drawDemoCatalogue({ size: "tiny", seed: 42 }).tracks.slice(0, 10);
  let wins = 0;
  let diff = 0;
  for (const [i, t] of tracks.entries()) {
    const a = t.attributes;
    const strong = twoBeatSimilarity(
      synthesizeClip({ ...a, hook: 0.95 }, { seconds: 6, seed: i }),
      a.tempo,
    );
    const weak = twoBeatSimilarity(
      synthesizeClip({ ...a, hook: 0.05 }, { seconds: 6, seed: i }),
      a.tempo,
    );
    if (strong > weak) wins++;
    diff += (strong - weak) / tracks.length;
  }
  assert.ok(wins >= 9, `${wins}/10`);
  assert.ok(diff > 0.08, `mean difference ${diff}`);
});

/** Share of 100–2000 Hz energy on the pitch classes of a major or natural-minor scale. */
function inScaleShare(x: Float32Array, key: number, mode: number): number {
  const steps = mode === 1 ? [0, 2, 4, 5, 7, 9, 11] : [0, 2, 3, 5, 7, 8, 10];
  const chroma = new Array(12).fill(0);
  for (const mag of magnitudes(x, 8192, 4096)) {
    for (let k = 1; k < mag.length; k++) {
      const hz = k * SR / 8192;
      if (hz < 100 || hz > 2000) continue;
      const pc = ((Math.round(12 * Math.log2(hz / 440) + 69) % 12) + 12) % 12;
      chroma[pc] += mag[k] * mag[k];
    }
  }
  const total = chroma.reduce((a, b) => a + b, 0);
  return steps.reduce((s, st) => s + chroma[(key + st) % 12], 0) / total;
}

Deno.test("synthesizeClip: the harmony sits in the track's key and mode", () => {
  for (const [key, mode] of [[2, 1], [9, 0], [5, 1], [1, 0]]) {
    const x = synthesizeClip({ ...BASE, key, mode, speechiness: 0 }, { seconds: 4, seed: key });
    const right = inScaleShare(x, key, mode);
    const wrong = inScaleShare(x, (key + 6) % 12, mode);
    assert.ok(right > 0.8, `key ${key} mode ${mode}: ${right}`);
    assert.ok(right > wrong + 0.2);
  }
  assert.ok(Math.abs(midiToHz(69) - 440) < 1e-9 && Math.abs(midiToHz(57) - 220) < 1e-9);
});
