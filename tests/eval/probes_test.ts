import assert from "node:assert/strict";
import { loadConfig } from "../../lib/config.ts";
import { buildDemoCorpus } from "../../lib/data/sources/demo/corpus.ts";
import {
  configuredHiddenFactors,
  defaultBrightnessCutoffHz,
  demoHiddenFactors,
  probeHiddenFactors,
  probeRow,
  type ProbeStudy,
  ridgeProbe,
  shuffledLabels,
  upperBandShare,
} from "../../lib/eval/probes.ts";
import { pearson } from "../../lib/data/stats.ts";
import { selectBackend } from "../../lib/model/backend/select.ts";
import { PopularityModel } from "../../lib/model/popularity/model.ts";
import type { DatasetSong } from "../../lib/model/popularity/songs.ts";
import { SMALL_AUDIO, smallDemoSongs } from "./probes_fixture.ts";

Deno.test("demoHiddenFactors: the generator's brightness and hook of every kept track, by track id", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const dataset = await buildDemoCorpus({
      size: "tiny",
      seed: 7,
      audioDir: dir,
      sampleRate: 8000,
      clipSeconds: 0.05,
    });
    const factors = demoHiddenFactors({ size: "tiny", seed: 7 });
    const ids = dataset.tracks.getColumn("track_id").toArray() as string[];
    assert.deepEqual([...factors.keys()].sort(), [...ids].sort());
    const values = [...factors.values()];
    assert.ok(values.every((f) => f.brightness >= 0.2 && f.brightness <= 0.9));
    assert.ok(values.every((f) => f.hook >= 0.05 && f.hook <= 0.95));
    assert.ok(new Set(values.map((f) => f.brightness)).size > 90); // drawn per track
    assert.notDeepEqual(
      [...demoHiddenFactors({ size: "tiny", seed: 8 }).values()][0],
      values[0],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  const config = loadConfig({ env: { HSS_DATASET_SOURCE: "demo", HSS_DATASET_DEMO_SIZE: "tiny" } });
  assert.equal(configuredHiddenFactors(config)!.size, 100);
  assert.equal(
    configuredHiddenFactors(loadConfig({ env: { HSS_DATASET_SOURCE: "hit-predictor" } })),
    null,
  );
});

Deno.test("pearson, ridgeProbe, upperBandShare, shuffledLabels", () => {
  assert.equal(pearson([1, 2, 3], [2, 4, 6]), 1);
  assert.ok(Math.abs(pearson([1, 2, 3, 4], [4, 3, 2, 1]) + 1) < 1e-12);
  assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
  // y = 2·x1 − x2 + 5, noiseless: a light ridge recovers it on new rows
  const xs = Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 7) / 7]);
  const y = xs.map(([a, b]) => 2 * a - b + 5);
  const fit = ridgeProbe(
    Float64Array.from(xs.flat()),
    y,
    Float64Array.from([0.5, 0.5, 0, 1, -1, 0.3]),
    3,
    1e-6,
  );
  assert.ok(Math.abs(fit[0] - 5.5) < 1e-3 && Math.abs(fit[1] - 8) < 1e-3, `${fit}`);
  // a heavy ridge shrinks towards the training mean
  const shrunk = ridgeProbe(Float64Array.from(xs.flat()), y, Float64Array.from([1, -1, 0]), 3, 1e6);
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  assert.ok(Math.abs(shrunk[0] - mean) < 0.01);
  assert.equal(upperBandShare([1, 1, 2], [100, 1000, 5000], 1000), 0.75);
  assert.ok(Number.isNaN(upperBandShare([0, 0], [1, 2], 1)));
  const songs = [10, 20, 30, 40, 50].map((p) => ({ popularity: p, spectrogram: null }));
  const shuffled = shuffledLabels(songs, 3);
  assert.deepEqual(shuffled.map((s) => s.popularity).sort(), [10, 20, 30, 40, 50]);
  assert.notDeepEqual(shuffled.map((s) => s.popularity), [10, 20, 30, 40, 50]);
  assert.ok(Math.abs(defaultBrightnessCutoffHz(SMALL_AUDIO) - 1770) < 1);
});

await selectBackend("fast-cpu", { log: () => {} });

const songs = smallDemoSongs();
const trainOn = async (train: DatasetSong[]) =>
  (await PopularityModel.train(train, songs.validation, {
    inputs: "audio",
    audio: SMALL_AUDIO,
    epochs: 10,
    batchSize: 16,
    learningRate: 1e-3,
    seed: 42,
  })).model;

/** Whether the trained model beats the control on the brightness prediction and the band share. */
function beats(study: ProbeStudy): boolean {
  const r = (model: "trained" | "control") =>
    probeRow(study, model, "prediction", "brightness")!.correlation.r;
  return r("trained") > r("control") && study.upperShare.trained > study.upperShare.control;
}

const controls = await Promise.all(
  [1, 2, 3, 4, 5].map((k) => trainOn(shuffledLabels(songs.train, k))),
);
const study = (trained: PopularityModel, control: PopularityModel) =>
  probeHiddenFactors({ trained, control, songs, factors: songs.factors, audio: SMALL_AUDIO });

Deno.test("probe study: the trained model hears brightness better than every shuffled-label control", async () => {
  const trained = await trainOn(songs.train);
  for (const control of controls) {
    const s = study(trained, control);
    assert.equal(s.rows.length, 8);
    assert.ok(
      beats(s),
      JSON.stringify({
        rows: s.rows.map((r) => [r.model, r.measure, r.factor, r.correlation.r]),
        upper: s.upperShare,
      }),
    );
  }
});

Deno.test("probe study: a model trained on shuffled labels does not beat every control", async () => {
  for (const seed of [101, 102]) {
    const fake = await trainOn(shuffledLabels(songs.train, seed));
    assert.equal(controls.every((control) => beats(study(fake, control))), false, `seed ${seed}`);
  }
});
