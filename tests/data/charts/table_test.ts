import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  dateOfDay,
  dayNumber,
  missingDays,
  streamTableFrame,
  streamTableFromFrame,
  streamTableFromRows,
} from "../../../lib/data/charts/table.ts";
import { StreamSeriesError } from "../../../lib/data/charts/errors.ts";

Deno.test("streamTableFromRows spans every calendar day, songs in order of first appearance", () => {
  const table = streamTableFromRows([
    { trackId: "b", date: "2024-02-28", streams: 5 },
    { trackId: "a", date: "2024-03-01", streams: 7 },
    { trackId: "b", date: "2024-03-02", streams: null },
  ]);
  assert.deepEqual(table.trackIds, ["b", "a"]);
  assert.deepEqual(table.dates, ["2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"]);
  assert.deepEqual(Array.from(table.values), [5, NaN, NaN, NaN, NaN, NaN, 7, NaN]);
  assert.deepEqual(Array.from(missingDays(table)), [3, 3]);
});

Deno.test("streamTableFromRows refuses two counts for one day, fractional counts and bad dates", () => {
  assert.throws(
    () =>
      streamTableFromRows([
        { trackId: "a", date: "2024-01-01", streams: 1 },
        { trackId: "a", date: "2024-01-01", streams: 2 },
      ]),
    (e) =>
      e instanceof StreamSeriesError && /a has two counts on 2024-01-01: 1 and 2/.test(e.message),
  );
  assert.throws(
    () => streamTableFromRows([{ trackId: "a", date: "2024-01-01", streams: 1.5 }]),
    /whole, non-negative/,
  );
  assert.throws(
    () => streamTableFromRows([{ trackId: "a", date: "1/1/2024", streams: 1 }]),
    /YYYY-MM-DD/,
  );
  assert.throws(() => streamTableFromRows([]), /expected stream rows; found none/);
});

Deno.test("streamTableFromFrame reads the demo corpus's long layout; streamTableFrame shows it wide", () => {
  const long = pl.DataFrame([
    pl.Series("track_id", ["x", "x", "y", "y"], pl.Utf8),
    pl.Series("date", ["2024-01-01", "2024-01-02", "2024-01-01", "2024-01-02"], pl.Utf8),
    pl.Series("streams", [1, null, 3, 4], pl.Int64),
  ]);
  const table = streamTableFromFrame(long);
  assert.deepEqual(Array.from(table.values), [1, NaN, 3, 4]);
  const wide = streamTableFrame(table, { lastDays: 1 });
  assert.deepEqual(wide.columns, ["track_id", "2024-01-02"]);
  assert.deepEqual(wide.getColumn("2024-01-02").toArray(), [null, 4]);
  assert.throws(() => streamTableFromFrame(long.drop("streams")), /missing streams/);
});

Deno.test("day numbers and dates round-trip", () => {
  assert.equal(dateOfDay(dayNumber("2024-12-31") + 1), "2025-01-01");
});
