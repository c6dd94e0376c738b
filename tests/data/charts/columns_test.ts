import assert from "node:assert/strict";
import { normaliseHeader, resolveChartColumns } from "../../../lib/data/charts/columns.ts";

Deno.test("resolveChartColumns finds the fields of every Spotify Charts export", () => {
  const old = resolveChartColumns(["Position", "Track Name", "Artist", "Streams", "URL"])!;
  assert.deepEqual([old.position, old.trackName, old.artist, old.streams, old.url, old.date], [
    0,
    1,
    2,
    3,
    4,
    null,
  ]);
  const fresh = resolveChartColumns([
    "rank",
    "uri",
    "artist_names",
    "track_name",
    "source",
    "streams",
  ])!;
  assert.deepEqual([fresh.position, fresh.url, fresh.artist, fresh.trackName, fresh.streams], [
    0,
    1,
    2,
    3,
    5,
  ]);
  const long = resolveChartColumns([
    "Position",
    "Track Name",
    "Artist",
    "Streams",
    "id",
    "Date",
    "Region",
  ])!;
  assert.deepEqual([long.id, long.date, long.region, long.url], [4, 5, 6, null]);
});

Deno.test("resolveChartColumns refuses a header without position, streams or a track reference", () => {
  assert.equal(resolveChartColumns(["Track Name", "Streams", "URL"]), null);
  assert.equal(resolveChartColumns(["Position", "URL"]), null);
  assert.equal(resolveChartColumns(["Position", "Streams", "Artist"]), null);
  assert.equal(normaliseHeader(" Track-Name "), "track_name");
});
