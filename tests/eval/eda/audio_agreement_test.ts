import assert from "node:assert/strict";
import pl from "nodejs-polars";
import type { AudioDescriptors } from "../../../lib/audio/descriptors/audio_descriptors.ts";
import {
  audioAgreement,
  audioComparisonFrame,
  sameNotes,
} from "../../../lib/eval/eda/audio_agreement.ts";

function descriptors(over: Partial<AudioDescriptors>): AudioDescriptors {
  return {
    duration_ms: 30_000,
    loudness: -14,
    rms_db: -12,
    tempo: 120,
    tempo_confidence: 0.5,
    key: 0,
    mode: 1,
    key_confidence: 0.5,
    energy: 0.5,
    spectral_centroid: 1500,
    spectral_rolloff: 4000,
    spectral_flatness: 0.01,
    zcr: 0.05,
    onset_strength: 1,
    mfcc_mean: [0, 1],
    mfcc_std: [0, 1],
    chroma: new Array(12).fill(0),
    ...over,
  };
}

Deno.test("relative major and minor keys hold the same notes", () => {
  assert.ok(sameNotes(0, 1, 0, 1)); // C major = C major
  assert.ok(sameNotes(0, 1, 9, 0)); // C major ~ A minor
  assert.ok(sameNotes(9, 0, 0, 1)); // A minor ~ C major
  assert.ok(!sameNotes(0, 1, 9, 1)); // C major ≠ A major
  assert.ok(!sameNotes(0, 1, 0, 0)); // C major ≠ C minor
});

Deno.test("the comparison puts the dataset's columns beside the audio's, skipping failures", () => {
  const tracks = pl.DataFrame({
    track_id: ["a", "b", "c"],
    tempo: [120, 90, 100],
    key: [0, 9, 2],
    mode: [1, 0, 1],
    loudness: [-12, -20, null],
    energy: [0.5, 0.2, 0.9],
  });
  const df = audioComparisonFrame(tracks, [
    descriptors({ tempo: 121 }),
    null,
    descriptors({ tempo: 50, key: 2, mode: 1, rms_db: -7 }),
  ]);
  assert.deepEqual(df.getColumn("track_id").toArray(), ["a", "c"]);
  assert.deepEqual(df.getColumn("tempo_audio").toArray(), [121, 50]);
  assert.deepEqual(df.getColumn("loudness").toArray(), [-12, null]);
});

Deno.test("agreement: shares over complete rows and Pearson's r with an interval", () => {
  const n = 20;
  const x = Array.from({ length: n }, (_, i) => i);
  const df = pl.DataFrame([
    pl.Series("tempo", [120, 100, 100, 90], pl.Float64),
    pl.Series("tempo_audio", [121, 50, 130, null], pl.Float64),
    pl.Series("key", [0, 0, 2, 5], pl.Float64),
    pl.Series("mode", [1, 1, 0, 1], pl.Float64),
    pl.Series("key_audio", [0, 9, 2, 5], pl.Float64),
    pl.Series("mode_audio", [1, 0, 1, 1], pl.Float64),
  ]);
  const byCheck = new Map(audioAgreement(df).map((a) => [a.check, a]));
  assert.equal(byCheck.get("tempo within 3 %")!.n, 3);
  assert.equal(byCheck.get("tempo within 3 %")!.value, 1 / 3);
  assert.equal(
    byCheck.get("tempo within 3 % of the tempo, its half or its double")!.value,
    2 / 3,
  );
  assert.equal(byCheck.get("key and mode equal")!.value, 2 / 4);
  assert.equal(byCheck.get("key equal or its relative major/minor (same notes)")!.value, 3 / 4);
  assert.equal(byCheck.get("mode equal")!.value, 2 / 4);
  // columns the table lacks give a correlation over no rows: no value, not NaN
  const energy = byCheck.get("energy (dataset) vs the energy proxy")!;
  assert.deepEqual([energy.n, energy.value], [0, null]);

  const linear = pl.DataFrame({
    loudness: x,
    rms_db_audio: x.map((v) => 2 * v + Math.sin(v)),
    lufs_audio: x.map((v) => -v),
  });
  const rms = audioAgreement(linear).find((a) => a.check === "loudness (dataset) vs RMS level")!;
  assert.equal(rms.kind, "correlation");
  assert.equal(rms.n, n);
  assert.ok(rms.value! > 0.99 && rms.low! < rms.value! && rms.high! >= rms.value!);
  const lufs = audioAgreement(linear).find((a) => a.check.includes("LUFS"))!;
  assert.ok(Math.abs(lufs.value! + 1) < 1e-9);
});
