import assert from "node:assert/strict";
import { buildDataset } from "../../../../lib/data/sources/csv/build.ts";
import { build, GOOD, header, MAPPING } from "./fixture.ts";

Deno.test("duplicate track ids get a suffix and are listed, or are excluded on request", () => {
  const lines = [GOOD, GOOD.replace("Seven", "SEVEN"), GOOD];
  const suffixed = build(lines);
  assert.deepEqual(suffixed.tracks.getColumn("track_id").toArray(), [
    "name:latto, jung kook|seven",
    "name:latto, jung kook|seven#2",
    "name:latto, jung kook|seven#3",
  ]);
  const listed = suffixed.tables.duplicate_ids.toRecords();
  assert.deepEqual(listed.map((r) => [r.row, r.track_id, r.first_row]), [
    [3, "name:latto, jung kook|seven#2", 2],
    [4, "name:latto, jung kook|seven#3", 2],
  ]);
  assert.match(suffixed.source, /2 duplicate track ids renamed/);

  const excluded = buildDataset([{ path: "s.csv", text: [header, ...lines].join("\n") }], MAPPING, {
    duplicateIds: "exclude",
  });
  assert.equal(excluded.tracks.height, 1);
  assert.deepEqual(excluded.issues.map((i) => [i.row, i.column, i.action]), [
    [3, "track_id", "excluded"],
    [4, "track_id", "excluded"],
  ]);
  assert.match(excluded.issues[0].reason, /first on line 2 of s\.csv/);
});
