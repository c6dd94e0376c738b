import assert from "node:assert/strict";
import { resolvePath } from "../../lib/config.ts";
import { cacheReading, frequencyLabels, spectrogramFigure } from "../../lib/viz/spectrogram.ts";
import { melSpectrogram } from "../../lib/audio/spectrogram/mel_spectrogram.ts";
import { powerToDb } from "../../lib/audio/spectrogram/db.ts";

type Heatmap = { x: number[]; y: string[] | number[]; z: number[][]; type: string };

Deno.test("a mel spectrogram becomes a heatmap: seconds across, labelled Hz bands up", () => {
  const sr = 22_050;
  const x = Float32Array.from({ length: sr * 4 }, (_, i) => Math.sin(i * 0.3));
  const db = powerToDb(melSpectrogram(x, sr, { nMels: 64 }));
  const fig = spectrogramFigure(db, { title: "tone", maxColumns: 50 });
  const trace = fig.data[0] as unknown as Heatmap;
  assert.equal(trace.type, "heatmap");
  assert.equal(trace.z.length, 64);
  assert.equal(trace.z[0].length, 50);
  assert.equal(trace.x.length, 50);
  // the first column averages the first frames: its time is their centre, in seconds
  const framesPerColumn = Math.floor(db.frames / 50);
  assert.ok(Math.abs(trace.x[0] - ((framesPerColumn - 1) / 2) * 512 / sr) < 1e-3);
  assert.ok(trace.x[49] <= 4 && trace.x[49] > 3.8);
  assert.equal(trace.y.length, 64);
  assert.match(String(trace.y[10]), /^\d+ Hz$/);
  assert.equal(new Set(trace.y.map(String)).size, 64);
  // averaged values stay within the spectrogram's range
  const all = trace.z.flat();
  assert.ok(Math.min(...all) >= Math.min(...db.data) - 0.01);
  assert.ok(Math.max(...all) <= Math.max(...db.data) + 0.01);
  assert.equal((fig.layout?.xaxis as { title: { text: string } }).title.text, "time (s)");
});

Deno.test("narrow spectrograms keep every frame; linear axes are numeric Hz", () => {
  const db = powerToDb(
    melSpectrogram(new Float32Array(5000).fill(0.1), 8000, { nMels: 8, nFft: 256, hopLength: 128 }),
  );
  const fig = spectrogramFigure(db, { frequencyAxis: "linear", timeOffset: 2 });
  const trace = fig.data[0] as unknown as Heatmap;
  assert.equal(trace.x.length, db.frames);
  assert.equal(trace.x[0], 2);
  assert.equal(typeof trace.y[0], "number");
});

Deno.test("frequency labels gain decimals until neighbouring rows differ", () => {
  assert.deepEqual(frequencyLabels([100, 200]), ["100 Hz", "200 Hz"]);
  assert.deepEqual(frequencyLabels([100.12, 100.47]), ["100.1 Hz", "100.5 Hz"]);
});

Deno.test("the cache reading gives the folder, entries, MiB and the input's shape", () => {
  const text = cacheReading(resolvePath("data/cache/audio"), { entries: 115, bytes: 7_540_000 }, [
    128,
    128,
  ]);
  assert.match(text, /^Cache `data\/cache\/audio`: 115 entries, 7\.19 MiB \(128 × 128 float32/);
  assert.match(
    cacheReading("/tmp/c", { entries: 1, bytes: 0 }, [64, 32]),
    /: 1 entry, 0 MiB \(64 × 32/,
  );
});
