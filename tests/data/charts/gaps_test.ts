import assert from "node:assert/strict";
import {
  DAY_STATUS,
  fillRemainingGaps,
  interpolateSingleDayGaps,
  prepareStreamTable,
} from "../../../lib/data/charts/gaps.ts";
import type { StreamTable } from "../../../lib/data/charts/table.ts";

const N = NaN;

function table(rows: Record<string, number[]>): StreamTable {
  const ids = Object.keys(rows);
  const days = rows[ids[0]].length;
  return {
    trackIds: ids,
    dates: Array.from({ length: days }, (_, d) => `2024-01-${String(d + 1).padStart(2, "0")}`),
    values: Float64Array.from(ids.flatMap((id) => rows[id])),
  };
}

Deno.test("interpolateSingleDayGaps fills exactly one-day gaps with the mean of the neighbours", () => {
  const s = Float64Array.from([N, 10, N, 20, N, N, 30, N]);
  const status = new Uint8Array(s.length);
  assert.equal(interpolateSingleDayGaps(s, status), 1);
  assert.deepEqual(Array.from(s), [N, 10, 15, 20, N, N, 30, N]); // ends and a 2-day gap stay
  assert.deepEqual(Array.from(status), [0, 0, 1, 0, 0, 0, 0, 0]);
});

Deno.test("interpolation reads the original series: two gaps one apart are both single-day gaps", () => {
  const s = Float64Array.from([10, N, 20, N, 40]);
  assert.equal(interpolateSingleDayGaps(s), 2);
  assert.deepEqual(Array.from(s), [10, 15, 20, 30, 40]);
});

Deno.test("fillRemainingGaps fills linearly inside and with the nearest count at the ends", () => {
  const s = Float64Array.from([N, N, 10, N, N, 40, N]);
  const status = new Uint8Array(s.length);
  assert.equal(fillRemainingGaps(s, status), 5);
  assert.deepEqual(Array.from(s), [10, 10, 10, 20, 30, 40, 40]);
  assert.deepEqual(Array.from(status), [2, 2, 0, 2, 2, 0, 2]);
  assert.throws(() => fillRemainingGaps(Float64Array.from([N, N])), /without any count/);
});

Deno.test("prepareStreamTable drops songs with more missing days than the threshold, after interpolation", () => {
  const prepared = prepareStreamTable(
    table({
      complete: [1, 2, 3, 4, 5, 6],
      singles: [1, N, 3, N, 5, 6], // two one-day gaps: 0 missing after interpolation
      run: [1, 2, N, N, 5, 6], // a two-day run: 2 missing
      sparse: [1, N, N, N, N, 6], // 4 missing
      empty: [N, N, N, N, N, N],
    }),
    { maxMissingDays: 2 },
  );
  assert.deepEqual(prepared.table.trackIds, ["complete", "singles", "run"]);
  assert.deepEqual(prepared.report.dropped, [
    { trackId: "sparse", missingDays: 4 },
    { trackId: "empty", missingDays: 6 },
  ]);
  assert.equal(prepared.report.interpolatedDays, 2);
  assert.equal(prepared.report.filledDays, 2);
  assert.equal(prepared.report.observedDays, 6 + 4 + 4);
  assert.deepEqual(Array.from(prepared.table.values.subarray(6, 18)), [
    1,
    2,
    3,
    4,
    5,
    6,
    1,
    2,
    3,
    4,
    5,
    6,
  ]);
  assert.deepEqual(
    Array.from(prepared.status.subarray(6, 18)),
    [0, 1, 0, 1, 0, 0, 0, 0, 2, 2, 0, 0].map((x) =>
      x === 1 ? DAY_STATUS.interpolated : x === 2 ? DAY_STATUS.filled : DAY_STATUS.observed
    ),
  );
  assert.ok(prepared.table.values.every((v) => Number.isFinite(v)));
});

Deno.test("prepareStreamTable says how to proceed when no song is left", () => {
  assert.throws(
    () => prepareStreamTable(table({ a: [1, N, N, 4] }), { maxMissingDays: 0 }),
    /no song has at most 0 missing days of 4.*the fewest missing is 2: raise forecast.maxMissingDays/,
  );
  assert.throws(() => prepareStreamTable(table({ a: [1] }), { maxMissingDays: -1 }), /≥ 0/);
});
