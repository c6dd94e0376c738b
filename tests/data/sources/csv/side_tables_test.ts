import assert from "node:assert/strict";
import type { CsvMapping } from "../../../../lib/data/sources/csv/mapping.ts";
import { build, GOOD, MAPPING } from "./fixture.ts";

Deno.test("side tables keep columns out of the tracks table, by track id", () => {
  const mapping: CsvMapping = {
    ...MAPPING,
    sideTables: { counts: { columns: (h) => h.filter((c) => c === "hit"), parse: "integer" } },
  };
  const dataset = build([GOOD], mapping);
  assert.deepEqual(dataset.tables.counts.toRecords(), [
    { track_id: "name:latto, jung kook|seven", hit: 1 },
  ]);
});
