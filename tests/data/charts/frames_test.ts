import assert from "node:assert/strict";
import {
  chartIssuesFrame,
  chartStreamsFrame,
  chartTracksFrame,
} from "../../../lib/data/charts/frames.ts";
import { combineChartTexts } from "../../../lib/data/charts/import.ts";
import { streamTableFromFrame } from "../../../lib/data/charts/table.ts";
import { dailyUrlFile, dayDate, spotifyId } from "./fixtures.ts";

Deno.test("chart entries become the demo corpus's long streams layout and a songs × dates table", () => {
  const charts = combineChartTexts(
    [0, 1, 3].map((d) => ({
      file: `regional-global-daily-${dayDate(d)}.csv`,
      text: dailyUrlFile(d === 1 ? [1] : [1, 2], d),
    })),
  );
  const long = chartStreamsFrame(charts.entries);
  assert.deepEqual(long.columns, ["track_id", "date", "streams"]);
  const table = streamTableFromFrame(long);
  assert.deepEqual(table.dates, [dayDate(0), dayDate(1), dayDate(2), dayDate(3)]); // day 2: no file
  const song2 = table.trackIds.indexOf(spotifyId(2));
  assert.equal(table.values.subarray(song2 * 4, song2 * 4 + 4).filter(Number.isNaN).length, 2);
  const tracks = chartTracksFrame(charts.entries);
  assert.deepEqual(tracks.getColumn("days_on_chart").toArray(), [3, 2]);
  assert.deepEqual(tracks.getColumn("best_position").toArray(), [1, 2]);
  assert.equal(chartIssuesFrame([]).height, 0);
});
