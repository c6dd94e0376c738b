import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import { selectBackend } from "../../../lib/model/backend/select.ts";
import { PopularityModel, type SongExample } from "../../../lib/model/popularity/model.ts";
import {
  bandProfile,
  gradientTimesInput,
  melBandCentres,
  occlusionSaliency,
  penultimateActivations,
  SaliencyError,
  saliencyExamples,
  timeProfile,
} from "../../../lib/model/popularity/saliency.ts";
import { Rng } from "../../../lib/data/random.ts";

await selectBackend("auto", { log: () => {} });

const audio = { ...loadConfig({ env: {} }).audio, nMels: 16, frames: 16 };
const rng = new Rng(3);
/** Songs whose popularity rises with the level of their upper bands. */
const songs: (SongExample & { trackId: string })[] = Array.from({ length: 24 }, (_, i) => {
  const spectrogram = Float32Array.from({ length: 256 }, () => -40 + 10 * rng.normal());
  const lift = rng.uniform(0, 20);
  for (let k = 128; k < 256; k++) spectrogram[k] += lift;
  return {
    trackId: `s${i}`,
    spectrogram,
    popularity: 30 + 2 * lift,
    metadata: { artist_popularity: i },
  };
});
const { model } = await PopularityModel.train(songs.slice(0, 18), songs.slice(18), {
  inputs: "audio",
  audio,
  epochs: 2,
  batchSize: 6,
  seed: 1,
  cnn: { convFilters: [4, 4, 4, 4], denseUnits: [8] },
});
const predictOne = (spectrogram: Float32Array) => model.predict([{ spectrogram }])[0];

Deno.test("gradientTimesInput: each cell is the prediction's derivative times the standardised input", () => {
  const [map] = gradientTimesInput(model, [songs[0]]);
  assert.equal(map.values.length, 256);
  const { mean, sd } = model.meta.audioScaler!;
  const x = songs[0].spectrogram!;
  // the cells with the largest maps, checked against central differences in dB
  const cells = [...map.values.keys()].sort((a, b) =>
    Math.abs(map.values[b]) - Math.abs(map.values[a])
  )
    .slice(0, 3);
  for (const k of cells) {
    const eps = 0.5;
    const up = Float32Array.from(x), down = Float32Array.from(x);
    up[k] += eps;
    down[k] -= eps;
    const derivative = (predictOne(up) - predictOne(down)) / (2 * eps); // per dB
    const expected = derivative * sd * ((x[k] - mean) / sd);
    assert.ok(
      Math.abs(expected - map.values[k]) <= 0.05 * Math.abs(map.values[k]) + 1e-4,
      `cell ${k}: finite difference ${expected}, map ${map.values[k]}`,
    );
  }
});

Deno.test("occlusionSaliency: each patch holds the drop when it is filled with the clip's mean", () => {
  const [map] = occlusionSaliency(model, [songs[1]], { bandPatch: 8, framePatch: 8 });
  const x = songs[1].spectrogram!;
  const mean = x.reduce((a, v) => a + v, 0) / x.length;
  const hidden = Float32Array.from(x);
  for (let b = 8; b < 16; b++) for (let f = 0; f < 8; f++) hidden[b * 16 + f] = mean;
  const drop = predictOne(x) - predictOne(hidden);
  for (let b = 8; b < 16; b++) {
    for (let f = 0; f < 8; f++) assert.ok(Math.abs(map.values[b * 16 + f] - drop) < 1e-3);
  }
  assert.equal(new Set(map.values).size <= 4, true);
  const fixed =
    occlusionSaliency(model, [songs[1]], { bandPatch: 16, framePatch: 16, fill: -80 })[0];
  const all = Float32Array.from(x).fill(-80);
  assert.ok(Math.abs(fixed.values[0] - (predictOne(x) - predictOne(all))) < 1e-3);
  assert.throws(() => occlusionSaliency(model, [songs[1]], { bandPatch: 0 }), SaliencyError);
});

Deno.test("bandProfile and timeProfile: shares of |saliency| that sum to 1", () => {
  const maps = gradientTimesInput(model, songs.slice(0, 3));
  const bands = bandProfile(maps), time = timeProfile(maps);
  assert.equal(bands.length, 16);
  assert.equal(time.length, 16);
  assert.ok(Math.abs(bands.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assert.ok(Math.abs(time.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  const tilted = { bands: 2, frames: 2, values: Float32Array.from([0, 0, 1, -3]) };
  assert.deepEqual(Array.from(bandProfile([tilted])), [0, 1]);
  assert.deepEqual(Array.from(timeProfile([tilted])), [0.25, 0.75]);
  assert.throws(() => bandProfile([tilted, maps[0]]), SaliencyError);
});

Deno.test("melBandCentres: librosa's inner mel points, rising within fmin–fmax", () => {
  const c = melBandCentres({ ...audio, nMels: 128, sampleRate: 22_050, fmin: 0, fmax: 0 });
  assert.equal(c.length, 128);
  assert.ok(c[0] > 25 && c[0] < 27, `first centre ${c[0]} Hz`); // one mel step of 200/3 Hz per mel
  assert.ok(c[127] < 11_025 && c[127] > 10_000);
  for (let i = 1; i < 128; i++) assert.ok(c[i] > c[i - 1]);
});

Deno.test("penultimateActivations and saliencyExamples", () => {
  const acts = penultimateActivations(model, songs.slice(0, 5));
  assert.equal(acts.units, 8);
  assert.equal(acts.values.length, 40);
  assert.ok(acts.values.every((v) => v >= 0)); // after the ReLU
  const examples = saliencyExamples(model, songs.slice(18), {
    occlusion: { bandPatch: 8, framePatch: 8 },
  });
  assert.deepEqual(examples.map((e) => e.kind), ["best", "worst"]);
  const [best, worst] = examples;
  assert.ok(Math.abs(best.actual - best.predicted) <= Math.abs(worst.actual - worst.predicted));
  assert.equal(best.gradient.values.length, 256);
});

Deno.test("saliency of a metadata-only model is an error", async () => {
  const { model: meta } = await PopularityModel.train(songs.slice(0, 18), songs.slice(18), {
    inputs: "metadata",
    audio,
    epochs: 1,
    seed: 1,
    metadataColumns: [{ column: "artist_popularity" }],
  });
  assert.throws(() => gradientTimesInput(meta, songs.slice(0, 1)), SaliencyError);
});
