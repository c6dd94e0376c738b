import assert from "node:assert/strict";
import { scoreForecast } from "../../../lib/eval/forecast/errors.ts";
import { DAY_STATUS, forecastOver, weekly } from "./fixture.ts";

Deno.test("scoreForecast gives MSE, RMSE and MAE in streams over observed targets only", () => {
  const prepared = weekly(2, 20);
  const days = 20;
  const plus = forecastOver(
    prepared,
    10,
    (s, d) => prepared.table.values[s * days + d] + (s === 0 ? 3 : -4),
  );
  const score = scoreForecast(prepared, plus);
  assert.equal(score.targets, 20);
  assert.equal(score.mae, 3.5);
  assert.equal(score.mse, (9 + 16) / 2);
  assert.equal(score.rmse, Math.sqrt(12.5));
  // A day that was filled, not observed, is not scored.
  prepared.status[0 * days + 15] = DAY_STATUS.filled;
  prepared.status[1 * days + 16] = DAY_STATUS.interpolated;
  assert.equal(scoreForecast(prepared, plus).targets, 18);
  assert.equal(scoreForecast(prepared, plus, { observedOnly: false }).targets, 20);
});
