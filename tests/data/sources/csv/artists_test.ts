import assert from "node:assert/strict";
import { build, GOOD } from "./fixture.ts";

Deno.test("artists are deduplicated by id; differing values keep the max and are listed", () => {
  const dataset = build([
    GOOD,
    GOOD.replace("Seven", "Eight").replace('"Latto, Jung Kook"', "LATTO").replace(
      ",80,1000",
      ",75,1200",
    ),
    GOOD.replace("Seven", "Nine").replace('"Latto, Jung Kook"', "Jung Kook"),
  ]);
  const artists = dataset.artists.toRecords();
  assert.deepEqual(artists.map((a) => a.artist_id), ["name:latto", "name:jung kook"]);
  assert.equal(artists[0].artist_name, "Latto");
  assert.equal(artists[0].artist_popularity, 80);
  assert.equal(artists[0].followers, 1200);
  const conflicts = dataset.tables.artist_conflicts.toRecords();
  assert.deepEqual(conflicts.map((c) => [c.artist_id, c.column, c.kept, c.values]), [
    ["name:latto", "artist_popularity", "80", "80; 75"],
    ["name:latto", "followers", "1200", "1000; 1200"],
  ]);
});
