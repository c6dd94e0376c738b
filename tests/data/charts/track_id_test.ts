import assert from "node:assert/strict";
import { chartTrackId } from "../../../lib/data/charts/track_id.ts";

const ID = "7qiZfU4dY1lWllzX7mPBI3";

Deno.test("chartTrackId reads open.spotify.com URLs, URIs and bare ids", () => {
  assert.equal(chartTrackId(`https://open.spotify.com/track/${ID}`, "url"), ID);
  assert.equal(chartTrackId(`https://open.spotify.com/track/${ID}?si=1a2b`, "url"), ID);
  assert.equal(chartTrackId(`https://open.spotify.com/intl-de/track/${ID}`, "url"), ID);
  assert.equal(chartTrackId(` spotify:track:${ID} `, "url"), ID);
  assert.equal(chartTrackId(ID, "url"), ID);
});

Deno.test("chartTrackId accepts any single token from an id column, but not from a URL column", () => {
  assert.equal(chartTrackId("demo-t00001", "id"), "demo-t00001");
  assert.equal(chartTrackId("demo-t00001", "url"), null);
  assert.equal(chartTrackId("https://open.spotify.com/album/" + ID, "url"), null);
  assert.equal(chartTrackId("two words", "id"), null);
  assert.equal(chartTrackId("", "id"), null);
});
