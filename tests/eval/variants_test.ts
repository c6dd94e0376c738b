import assert from "node:assert/strict";
import { ModelResult, readModelResults } from "../../lib/eval/compare/results.ts";
import { Headline } from "../../lib/eval/headline.ts";
import { mae, regressionReport } from "../../lib/eval/metrics.ts";
import {
  type EvaluatedModel,
  evaluateVariants,
  mainVariant,
  popularThreshold,
  reportValue,
  seedSpread,
  VARIANT_LABELS,
  variantHeadlines,
  writeVariantResults,
} from "../../lib/eval/variants.ts";
import type { NetworkInputs } from "../../lib/model/cnn/architecture.ts";
import type { DatasetSong } from "../../lib/model/popularity/songs.ts";

const song = (i: number, popularity: number): DatasetSong => ({ trackId: `t${i}`, popularity });
const train = [30, 40, 50, 60, 70, 45, 55].map((p, i) => song(i, p));
const test = [20, 35, 50, 65, 80, 90, 10, 55].map((p, i) => song(100 + i, p));

/** A model that predicts popularity + offset (its errors are known). */
function fixed(offset: number, seconds = 2): EvaluatedModel {
  return {
    model: { predict: (songs) => Float32Array.from(songs, (s) => (s.popularity ?? 0) + offset) },
    result: { history: [], seconds },
  };
}

const trained = new Map<NetworkInputs, EvaluatedModel>([
  ["metadata", fixed(8)],
  ["both", fixed(-3)],
]);

Deno.test("evaluateVariants reports every variant on the same test songs beside the baselines", () => {
  const e = evaluateVariants(trained, { train, test }, { threshold: 50, seed: 1, resamples: 50 });
  assert.equal(e.main, "both");
  assert.deepEqual(e.testTrackIds, test.map((s) => s.trackId));
  assert.deepEqual([...e.reports.keys()], ["metadata", "both"]);
  assert.equal(reportValue(e.reports.get("both")!, "MAE"), 3);
  assert.equal(reportValue(e.reports.get("metadata")!, "MAE"), 8);
  // The mean predictor is fitted on the training songs.
  const meanTrain = train.reduce((s, x) => s + x.popularity!, 0) / train.length;
  const base = e.reports.get("both")!.find((r) => r.metric === "MAE")!.baseline.value;
  const actual = test.map((s) => s.popularity!);
  assert.ok(Math.abs(base - mae(actual, actual.map(() => meanTrain))) < 1e-9);
  assert.ok(e.reports.get("both")!.some((r) => r.metric === "F1"));
  assert.equal(reportValue(e.reports.get("both")!, "no such metric"), null);
  const main = mainVariant(e)!;
  assert.equal(main.name, "both");
  assert.equal(main.predicted, e.predictions.get("both"));
  assert.equal(main.report, e.reports.get("both"));
  const metadataOnly = evaluateVariants(new Map([["metadata", fixed(1)]]), { train, test });
  assert.equal(mainVariant(metadataOnly)!.name, "metadata");
});

Deno.test("evaluateVariants: no threshold, no threshold metrics; one test song, no report", () => {
  const e = evaluateVariants(trained, { train, test }, { resamples: 20 });
  assert.equal(e.threshold, null);
  assert.ok(!e.reports.get("both")!.some((r) => r.metric === "F1"));
  const one = evaluateVariants(trained, { train, test: test.slice(0, 1) }, { threshold: 50 });
  assert.equal(one.reports.size, 0);
  assert.equal(one.predictions.size, 2);
  const none = evaluateVariants(new Map(), { train, test });
  assert.equal(none.main, null);
  assert.equal(mainVariant(none), null);
  assert.equal(mainVariant(one)!.report, null);
  assert.deepEqual(variantHeadlines(none), []);
});

Deno.test("writeVariantResults writes result files the comparison reads back", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const e = evaluateVariants(trained, { train, test }, { threshold: 50, resamples: 20 });
    const paths = await writeVariantResults(dir, e, trained);
    assert.deepEqual(paths, [`${dir}/models/cnn_metadata.json`, `${dir}/models/cnn_both.json`]);
    const read = await readModelResults(dir);
    assert.deepEqual(read.problems, []);
    const both = read.results.find((r) => r.model === "cnn_both")!;
    assert.equal(both.label, VARIANT_LABELS.both);
    assert.equal(both.protocol, "holdout");
    assert.equal(both.n_test, test.length);
    assert.equal(both.threshold, 50);
    assert.equal(both.metrics.fit_s, 2);
    assert.equal(both.metrics.f1, reportValue(e.reports.get("both")!, "F1"));
    assert.match(both.test_tracks_sha256!, /^[0-9a-f]{64}$/);
    ModelResult.parse(both);
    const noThreshold = evaluateVariants(trained, { train, test }, { resamples: 20 });
    assert.deepEqual(await writeVariantResults(dir, noThreshold, trained), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeVariantResults: with several seeds the result file holds their mean and sd, and names them", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const offsets = [-3, 12, 1];
    const seeded = new Map<NetworkInputs, EvaluatedModel>([["both", {
      ...fixed(offsets[0]),
      seeds: offsets.map((o, k) => ({ seed: 42 + k, model: fixed(o).model })),
    }]]);
    const e = evaluateVariants(seeded, { train, test }, { threshold: 50, resamples: 20 });
    await writeVariantResults(dir, e, seeded);
    const both = (await readModelResults(dir)).results[0];
    const actual = test.map((s) => s.popularity!);
    const f1s = offsets.map((o) =>
      reportValue(
        regressionReport(actual, actual.map((p) => p + o), { threshold: 50, resamples: 20 }),
        "F1",
      )!
    );
    const mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
    const sd = Math.sqrt(f1s.reduce((a, b) => a + (b - mean) ** 2, 0) / (f1s.length - 1));
    assert.ok(sd > 0, "the seeds must differ for this test to mean anything");
    assert.ok(Math.abs(both.metrics.f1 - mean) < 1e-12, `${both.metrics.f1} vs ${mean}`);
    assert.ok(Math.abs(both.metrics_sd!.f1! - sd) < 1e-12);
    assert.match(both.notes.join("; "), /mean ± sd over 3 seeds \(42, 43, 44\); F1 from/);
    const single = new Map<NetworkInputs, EvaluatedModel>([["both", {
      ...fixed(-3),
      seeds: [{ seed: 7, model: fixed(-3).model }],
    }]]);
    const one = evaluateVariants(single, { train, test }, { threshold: 50, resamples: 20 });
    await writeVariantResults(dir, one, single);
    const written = (await readModelResults(dir)).results[0];
    assert.equal(written.metrics_sd, undefined);
    assert.equal(written.metrics.f1, f1s[0]);
    assert.match(written.notes.join("; "), /seed 7 \(one seed\)/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("variantHeadlines: each variant's MAE beside the mean predictor, the main model's scores beside the majority", () => {
  const e = evaluateVariants(trained, { train, test }, { threshold: 50, seed: 3, resamples: 50 });
  const headlines = variantHeadlines(e).map((h) => Headline.parse(h));
  assert.deepEqual(headlines.map((h) => `${h.label} · ${h.metric}`), [
    "metadata network · MAE",
    "CNN (audio + metadata) · MAE",
    "CNN (audio + metadata) · F1 at popularity ≥ 50",
    "CNN (audio + metadata) · balanced accuracy at popularity ≥ 50",
    "CNN (audio + metadata) · MCC at popularity ≥ 50",
  ]);
  const maeBoth = headlines[1];
  assert.equal(maeBoth.value, 3);
  assert.equal(maeBoth.lowerIsBetter, true);
  assert.equal(maeBoth.baseline, "mean predictor");
  assert.ok(maeBoth.interval![0] <= 3 && 3 <= maeBoth.interval![1]);
  assert.equal(maeBoth.n, test.length);
  const f1 = headlines[2];
  const report = regressionReport(
    test.map((s) => s.popularity!),
    test.map((s) => s.popularity! - 3),
    { threshold: 50, yTrain: train.map((s) => s.popularity!), seed: 3, resamples: 50 },
  ).find((r) => r.metric === "F1")!;
  assert.equal(f1.value, report.model.value);
  assert.equal(f1.baselineValue, report.baseline.value);
  assert.match(f1.baseline, /^majority class/);
  assert.equal(f1.lowerIsBetter, false);
});

Deno.test("popularThreshold follows the comparison's label rule", () => {
  const songs = {
    train: [{ popularity: 10 }, { popularity: 40 }],
    validation: [{ popularity: 30 }, { popularity: 100 }],
  };
  const popularity = { column: "track_popularity", kind: "regression" as const, threshold: 70 };
  assert.equal(popularThreshold(popularity, 55, songs), 55);
  const streams = { column: "streams", kind: "regression" as const, threshold: null };
  assert.equal(popularThreshold(streams, 55, songs), 35);
  assert.equal(popularThreshold({ ...streams, threshold: 1e6 }, 55, songs), 1e6);
  assert.equal(popularThreshold({ ...streams, kind: "binary" }, 55, songs), null);
  assert.equal(popularThreshold(streams, 55, { train: [], validation: [] }), null);
});

Deno.test("headlines name a target other than popularity", () => {
  const e = evaluateVariants(trained, { train, test }, {
    threshold: 47.5,
    target: "streams",
    resamples: 20,
  });
  assert.equal(variantHeadlines(e)[2].metric, "F1 at streams ≥ 47.5");
});

Deno.test("seedSpread: each metric's mean, sample sd, range and mean interval over seeds", () => {
  const actual = test.map((s) => s.popularity!);
  const reports = [2, 4, 9].map((d) =>
    regressionReport(actual, actual.map((y) => y + d), { resamples: 30, seed: 1 })
  );
  const spread = seedSpread(reports);
  assert.deepEqual(spread.map((s) => s.metric), ["MAE", "RMSE", "R²"]);
  const maeSpread = spread[0];
  assert.deepEqual(maeSpread.values, [2, 4, 9]);
  assert.equal(maeSpread.mean, 5);
  assert.ok(Math.abs(maeSpread.sd - Math.sqrt((9 + 1 + 16) / 2)) < 1e-12);
  assert.equal(maeSpread.min, 2);
  assert.equal(maeSpread.max, 9);
  assert.equal(maeSpread.low, (2 + 4 + 9) / 3);
  assert.equal(maeSpread.higherIsBetter, false);
  assert.ok(Number.isNaN(seedSpread([reports[0]])[0].sd));
  assert.deepEqual(seedSpread([]), []);
  assert.throws(() => seedSpread([reports[0], reports[1].slice(1)]), /other metrics/);
});

Deno.test("evaluateVariants with several seeds: the spreads, and headlines at the mean over seeds", () => {
  const seeded = (...offsets: number[]): EvaluatedModel => ({
    ...fixed(offsets[0]),
    seeds: offsets.map((d, i) => ({ seed: 7 + i, model: fixed(d).model })),
  });
  const e = evaluateVariants(
    new Map<NetworkInputs, EvaluatedModel>([["both", seeded(2, -4, 6)], ["metadata", fixed(8)]]),
    { train, test },
    { threshold: 50, seed: 1, resamples: 30 },
  );
  assert.equal(e.seeds, 3);
  assert.deepEqual([...e.spreads.keys()], ["both"]);
  assert.equal(reportValue(e.reports.get("both")!, "MAE"), 2);
  assert.deepEqual(e.spreads.get("both")![0].values, [2, 4, 6]);
  assert.equal(mainVariant(e)!.spread, e.spreads.get("both"));
  const headlines = variantHeadlines(e).map((h) => Headline.parse(h));
  const both = headlines.find((h) => h.metric === "MAE" && h.label.startsWith("CNN (audio"))!;
  assert.equal(both.label, "CNN (audio + metadata), mean of 3 seeds");
  assert.equal(both.value, 4);
  assert.deepEqual(both.interval, [4, 4]);
  const meta = headlines.find((h) => h.label === VARIANT_LABELS.metadata)!;
  assert.equal(meta.value, 8);
  const one = evaluateVariants(trained, { train, test }, { resamples: 20 });
  assert.equal(one.seeds, 1);
  assert.equal(one.spreads.size, 0);
});
