import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadConfig } from "../../../lib/config.ts";
import { encodeWav } from "../../../lib/data/wav.ts";
import { datasetSongs } from "../../../lib/model/popularity/dataset_songs.ts";
import { demoTable } from "../../eval/compare/fixture.ts";

const audio = loadConfig({ env: {} }).audio;

Deno.test("datasetSongs without audio: metadata-only songs in every part", async () => {
  const { dataset, split } = demoTable();
  const data = await datasetSongs(dataset, split, audio);
  assert.equal(data.hasAudio, false);
  assert.equal(data.spectrograms, null);
  assert.equal(data.regression, true);
  assert.equal(data.target, "track_popularity");
  assert.equal(data.rows.length, dataset.tracks.height);
  const { train, validation, test, excluded } = data.songs;
  assert.equal(train.length + validation.length + test.length + excluded.length, 120);
  assert.ok(train.length > 0 && validation.length > 0 && test.length > 0);
  assert.ok(test.every((s) => s.spectrogram === null && typeof s.popularity === "number"));
  // consolidated rows carry the artist's columns
  assert.equal(typeof data.rows[0].artist_popularity, "number");
});

Deno.test("datasetSongs with audio: spectrograms for readable files, the others left out", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { dataset, split } = demoTable();
    const rate = audio.sampleRate;
    const paths = dataset.tracks.getColumn("track_id").toArray().map((_, i) => {
      if (i >= 4) return null;
      const path = `${dir}/t${i}.wav`;
      if (i === 3) return `${dir}/missing.wav`;
      const samples = Float32Array.from(
        { length: rate * 2 },
        (_, k) => 0.3 * Math.sin((2 * Math.PI * (220 * (i + 1)) * k) / rate),
      );
      Deno.writeFileSync(path, encodeWav(samples, rate));
      return path;
    });
    const tracks = dataset.tracks.drop("audio_path").withColumn(
      pl.Series("audio_path", paths, pl.Utf8),
    );
    const data = await datasetSongs({ ...dataset, tracks }, split, audio, {
      cacheDir: null,
      workers: 0,
      seed: 1,
    });
    assert.equal(data.hasAudio, true);
    assert.equal(data.spectrograms!.computed, 3);
    assert.equal(data.spectrograms!.failures, 117);
    const kept = [...data.songs.train, ...data.songs.validation, ...data.songs.test];
    assert.equal(kept.length, 3);
    assert.ok(kept.every((s) => s.spectrogram!.length === audio.nMels * audio.frames));
    assert.equal(data.songs.excluded.length, 117);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
