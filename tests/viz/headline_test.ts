import assert from "node:assert/strict";
import { headlinesFrame } from "../../lib/viz/headline.ts";

Deno.test("headlinesFrame: each value with its interval beside its baseline, and who wins", () => {
  const frame = headlinesFrame([
    {
      label: "CNN",
      metric: "MAE",
      value: 9.1234,
      interval: [8.01, 10.456],
      baseline: "mean predictor",
      baselineValue: 11.2,
      lowerIsBetter: true,
      n: 1200,
    },
    {
      label: "GRU",
      metric: "RMSE",
      value: 130,
      baseline: "last value",
      baselineValue: 120,
      lowerIsBetter: true,
    },
    {
      label: "MLP",
      metric: "F1",
      value: 0.7,
      baseline: "majority class",
      baselineValue: 0.71,
      lowerIsBetter: false,
    },
  ]);
  assert.deepEqual(frame.columns, [
    "measured",
    "metric",
    "value [95 % CI]",
    "baseline",
    "baseline value",
    "beats it",
    "rows",
  ]);
  const rows = frame.toRecords() as Record<string, string>[];
  assert.equal(rows[0]["value [95 % CI]"], "9.12 [8.01, 10.5]");
  assert.equal(rows[0].rows, "1,200");
  assert.deepEqual(rows.map((r) => r["beats it"]), ["yes", "no", "no"]);
  assert.equal(rows[1]["value [95 % CI]"], "130");
  assert.equal(rows[1].rows, "—");
  assert.throws(() =>
    headlinesFrame([{
      label: "",
      metric: "x",
      value: 1,
      baseline: "b",
      baselineValue: 0,
      lowerIsBetter: true,
    }])
  );
});
