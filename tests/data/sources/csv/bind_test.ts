import assert from "node:assert/strict";
import { MissingColumnError } from "../../../../lib/data/sources/csv/errors.ts";
import type { CsvMapping } from "../../../../lib/data/sources/csv/mapping.ts";
import { build, GOOD, MAPPING } from "./fixture.ts";

Deno.test("a mapping naming an absent column fails naming it and listing the columns found", () => {
  const mapping: CsvMapping = {
    ...MAPPING,
    tracks: { ...MAPPING.tracks, energy: "energy_%" },
  };
  const error = assert.throws(() => build([GOOD], mapping), (e: unknown) => {
    assert.ok(e instanceof MissingColumnError);
    assert.match(e.message, /"energy_%" \(mapping tracks\.energy\)/);
    assert.match(e.message, /songs\.csv/);
    assert.match(e.message, /columns found: "title", "artist", "pop"/);
    assert.deepEqual(e.missing, [{ column: "energy_%", field: "tracks.energy" }]);
    return true;
  });
  assert.equal(error, undefined);
});

Deno.test("a computed field reading an absent column fails the same way", () => {
  const mapping: CsvMapping = {
    ...MAPPING,
    extras: { ...MAPPING.extras, genre: { compute: (row) => row.get("genres") } },
  };
  assert.throws(() => build([GOOD], mapping), MissingColumnError);
});
