import assert from "node:assert/strict";
import { forecastComparison } from "../../../lib/eval/forecast/table.ts";
import { forecastOver, WEEKDAY, weekly } from "./fixture.ts";

Deno.test("the table puts both baselines beside the models, on the same targets, sorted by RMSE", () => {
  const prepared = weekly();
  const days = prepared.table.dates.length;
  // An oracle of the rule (level × weekday) beats both; a constant is worse than last value.
  const oracle = forecastOver(prepared, 80, (s, d) => 1000 * (s + 1) * WEEKDAY[d % 7]);
  const constant = forecastOver(prepared, 80, (s) => 1000 * (s + 1));
  const rows = forecastComparison(prepared, [
    { name: "oracle", predictions: oracle },
    { name: "constant", predictions: constant },
  ]);
  assert.deepEqual(rows.map((r) => r.name), [
    "oracle",
    "same day last week (lag 7)",
    "constant",
    "last value (lag 1)",
  ]);
  assert.ok(rows.every((r) => r.targets === 5 * (days - 80) && r.split === "test"));
  assert.equal(rows.find((r) => r.name === "last value (lag 1)")!.rmseVsLastValue, 1);
  assert.ok(rows[0].rmseVsLastValue < 0.2);
  assert.deepEqual(rows.map((r) => r.kind), ["model", "baseline", "model", "baseline"]);
});

Deno.test("models scored on other targets are refused, not compared", () => {
  const prepared = weekly();
  const a = forecastOver(prepared, 80, () => 1), b = forecastOver(prepared, 81, () => 1);
  assert.throws(
    () =>
      forecastComparison(prepared, [{ name: "a", predictions: a }, { name: "b", predictions: b }]),
    /"b" predicts other \(song, day\) targets than "a"/,
  );
  assert.throws(() => forecastComparison(prepared, []), /at least one model/);
});
