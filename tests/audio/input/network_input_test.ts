import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import {
  networkInput,
  networkInputResampled,
  networkInputShape,
} from "../../../lib/audio/input/network_input.ts";
import { resample } from "../../../lib/audio/decode/resample.ts";
import { powerToDbInPlace } from "../../../lib/audio/spectrogram/db.ts";
import { melSpectrogram } from "../../../lib/audio/spectrogram/mel_spectrogram.ts";
import { timePool } from "../../../lib/audio/input/time_pool.ts";
import { tone } from "../signals.ts";

const audio = loadConfig({ env: {} }).audio;

Deno.test("the network input is [nMels × frames] dB, mel-major, of the centre crop", () => {
  const sr = 44_100;
  // 12 s: 440 Hz for the first 6 s, 4 kHz after
  const x = new Float32Array(12 * sr);
  x.set(tone(440, 6, sr, 0.5));
  x.set(tone(4000, 6, sr, 0.5), 6 * sr);
  const input = networkInput(x, sr, audio);
  assert.deepEqual(networkInputShape(audio), [128, 128]);
  assert.equal(input.length, 128 * 128);
  const at = (m: number, t: number) => input[m * 128 + t];
  const rowOf = (hz: number) => {
    const mel = melSpectrogram(new Float32Array(4096), sr);
    return mel.rowHz.reduce(
      (b, f, m) => (Math.abs(f - hz) < Math.abs(mel.rowHz[b] - hz) ? m : b),
      0,
    );
  };
  const low = rowOf(440), high = rowOf(4000);
  // the centre 10 s run from 1 s to 11 s: left half 440 Hz, right half 4 kHz
  assert.ok(at(low, 10) > at(high, 10) + 40, "early columns: 440 Hz");
  assert.ok(at(high, 117) > at(low, 117) + 40, "late columns: 4 kHz");
  // raw dB: max of a 0.5-amplitude tone with Slaney filters, floor at max − 80
  const max = Math.max(...input), min = Math.min(...input);
  assert.ok(Math.abs(max - min - 80) < 1e-3, `range ${max - min}`);
  // equals the spelled-out pipeline
  const crop = x.subarray(sr, 11 * sr);
  const mel = melSpectrogram(crop, sr);
  const expected = powerToDbInPlace(timePool(mel.data, mel.rows, mel.frames, 128));
  for (let i = 0; i < input.length; i += 101) assert.ok(Math.abs(input[i] - expected[i]) < 1e-4);
});

Deno.test("random crops follow the seed; options change the shape; rates are converted", () => {
  const sr = 22_050;
  const x = Float32Array.from(
    { length: 20 * sr },
    (_, i) => Math.sin(i * 0.01 * (1 + i / (20 * sr))),
  );
  const opts = { ...audio, sampleRate: sr, cropMode: "random" as const, cropSeconds: 3 };
  const a = networkInput(x, sr, { ...opts, seed: 1 });
  assert.deepEqual(a, networkInput(x, sr, { ...opts, seed: 1 }));
  assert.notDeepEqual(a, networkInput(x, sr, { ...opts, seed: 2 }));
  const small = networkInput(x, sr, { ...opts, nMels: 40, frames: 16 });
  assert.equal(small.length, 40 * 16);
  // a 22.05 kHz signal asked at 44.1 kHz is resampled first
  const up = networkInput(x.subarray(0, 4 * sr), sr, { ...audio, cropSeconds: 2 });
  assert.equal(up.length, 128 * 128);
  // a clip shorter than the crop still gives the full shape
  assert.equal(networkInput(tone(300, 1, sr), sr, { ...audio, sampleRate: sr }).length, 128 * 128);
});

Deno.test("resampling only the crop gives the values of resampling the whole clip", () => {
  const x = Float32Array.from(
    { length: 48_000 * 7 },
    (_, i) => Math.sin(i * 0.031) * Math.cos(i * 0.0007),
  );
  for (const cropMode of ["center", "random"] as const) {
    const options = { ...audio, cropSeconds: 3, cropMode };
    const fast = networkInputResampled(x, 48_000, options, 5);
    const full = networkInput(resample(x, 48_000, 44_100), 44_100, { ...options, seed: 5 });
    assert.deepEqual(fast, full, cropMode);
  }
  // a clip shorter than the crop: padded the same way
  const short = x.subarray(0, 48_000);
  assert.deepEqual(
    networkInputResampled(short, 48_000, audio),
    networkInput(resample(short, 48_000, 44_100), 44_100, audio),
  );
});
