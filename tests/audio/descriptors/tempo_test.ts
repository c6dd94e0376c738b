import assert from "node:assert/strict";
import { estimateTempo } from "../../../lib/audio/descriptors/tempo.ts";
import { onsetStrength } from "../../../lib/audio/descriptors/onset.ts";
import { melSpectrogram } from "../../../lib/audio/spectrogram/mel_spectrogram.ts";
import { powerToDb } from "../../../lib/audio/spectrogram/db.ts";
import { clickTrack } from "../signals.ts";

function tempoOf(x: Float32Array, sr: number) {
  const env = onsetStrength(powerToDb(melSpectrogram(x, sr)));
  return estimateTempo(env, sr / 512);
}

Deno.test("click tracks at known tempi are measured within 1 BPM", () => {
  for (const bpm of [72, 90, 100, 120, 128, 140, 174]) {
    const t = tempoOf(clickTrack(bpm, 20), 44_100);
    assert.ok(Math.abs(t.bpm - bpm) < 1, `${bpm} BPM measured ${t.bpm.toFixed(2)}`);
    assert.ok(t.confidence > 0.3);
  }
});

Deno.test("the onset envelope peaks on the clicks", () => {
  const sr = 44_100;
  const env = onsetStrength(powerToDb(melSpectrogram(clickTrack(120, 4, sr), sr)));
  // clicks every 0.5 s = 43.07 frames: the strongest frames sit near multiples of it
  const top = Array.from(env.keys()).sort((a, b) => env[b] - env[a]).slice(0, 6);
  for (const t of top) {
    const phase = (t * 512) / sr / 0.5;
    assert.ok(Math.abs(phase - Math.round(phase)) < 0.05, `frame ${t}`);
  }
});

Deno.test("a flat envelope has no tempo", () => {
  assert.deepEqual(estimateTempo(new Float64Array(500).fill(1), 86), { bpm: 0, confidence: 0 });
  assert.deepEqual(estimateTempo(new Float64Array(2), 86), { bpm: 0, confidence: 0 });
});
