import assert from "node:assert/strict";
import { fitSongScaler, inverseScale, scaleTable } from "../../../lib/data/charts/scale.ts";
import type { StreamTable } from "../../../lib/data/charts/table.ts";

function table(values: number[][]): StreamTable {
  return {
    trackIds: values.map((_, i) => `s${i}`),
    dates: values[0].map((_, d) => `2024-01-${String(d + 1).padStart(2, "0")}`),
    values: Float64Array.from(values.flat()),
  };
}

Deno.test("the min-max scaler is fitted on the training days only", () => {
  const a = table([[10, 20, 30, 1000], [5, 5, 5, 7]]);
  const b = table([[10, 20, 30, -50], [5, 5, 5, 99]]); // other test days
  const sa = fitSongScaler(a, { fitDays: 3 }), sb = fitSongScaler(b, { fitDays: 3 });
  assert.deepEqual([...sa.offset, ...sa.scale], [10, 5, 20, 1]); // constant song: scale 1
  assert.deepEqual([...sa.offset, ...sa.scale], [...sb.offset, ...sb.scale]);
  const scaled = scaleTable(a, sa);
  assert.deepEqual(Array.from(scaled.subarray(0, 4)), [0, 0.5, 1, 49.5]);
});

Deno.test("scaling and inverse scaling round-trip for both scalings", () => {
  const t = table([[100, 250, 80, 400, 120], [3, 9, 27, 1, 5]]);
  for (const kind of ["minmax", "log-standard"] as const) {
    const scaler = fitSongScaler(t, { kind, fitDays: 4 });
    const scaled = scaleTable(t, scaler);
    for (let s = 0; s < 2; s++) {
      for (let d = 0; d < 5; d++) {
        const back = inverseScale(scaler, s, scaled[s * 5 + d]);
        assert.ok(
          Math.abs(back - t.values[s * 5 + d]) < 1e-3 * t.values[s * 5 + d],
          `${kind} ${s} ${d}`,
        );
      }
    }
  }
  const log = fitSongScaler(t, { kind: "log-standard", fitDays: 4 });
  const z = Array.from(scaleTable(t, log).subarray(0, 4));
  assert.ok(Math.abs(z.reduce((a, b) => a + b) / 4) < 1e-6); // mean 0 on the fitted days
});

Deno.test("fitSongScaler refuses missing values and impossible fit windows", () => {
  assert.throws(
    () => fitSongScaler(table([[1, NaN, 3]]), { fitDays: 3 }),
    /s0 is missing 2024-01-02/,
  );
  assert.throws(
    () => fitSongScaler(table([[1, 2]]), { fitDays: 3 }),
    /fitDays must be a whole number in 1…2; found 3/,
  );
});
