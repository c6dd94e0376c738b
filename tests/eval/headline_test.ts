import assert from "node:assert/strict";
import { beatsBaseline, loadHeadlines, saveHeadlines } from "../../lib/eval/headline.ts";

Deno.test("saveHeadlines / loadHeadlines round trip, sorted by notebook", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await saveHeadlines(dir, "06_stream_forecasting", [{
      label: "GRU",
      metric: "RMSE",
      value: 8392,
      baseline: "last value",
      baselineValue: 12040,
      lowerIsBetter: true,
    }]);
    await saveHeadlines(dir, "04_cnn_training", [{
      label: "CNN",
      metric: "MAE",
      value: 9.3,
      interval: [8.1, 10.6],
      baseline: "mean predictor",
      baselineValue: 16.1,
      lowerIsBetter: true,
      n: 120,
    }]);
    const all = await loadHeadlines(dir);
    assert.deepEqual(all.map((h) => h.notebook), ["04_cnn_training", "06_stream_forecasting"]);
    assert.deepEqual(all[0].headlines[0].interval, [8.1, 10.6]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadHeadlines: no folder → none; a broken file is an error naming it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.deepEqual(await loadHeadlines(dir), []);
    await Deno.mkdir(`${dir}/headlines`);
    await Deno.writeTextFile(`${dir}/headlines/x.json`, `{"notebook":"x","headlines":[{}]}`);
    await assert.rejects(() => loadHeadlines(dir), /x\.json: headlines\.0\.label/);
    await Deno.writeTextFile(`${dir}/headlines/x.json`, `{`);
    await assert.rejects(() => loadHeadlines(dir), /x\.json: not JSON/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("saveHeadlines rejects a headline without its baseline", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(() =>
      saveHeadlines(dir, "04", [
        // @ts-expect-error: baselineValue missing on purpose
        { label: "CNN", metric: "MAE", value: 1, baseline: "mean", lowerIsBetter: true },
      ])
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("beatsBaseline follows the metric's direction", () => {
  const h = { label: "m", metric: "MAE", value: 1, baseline: "b", baselineValue: 2 };
  assert.equal(beatsBaseline({ ...h, lowerIsBetter: true }), true);
  assert.equal(beatsBaseline({ ...h, lowerIsBetter: false }), false);
});
