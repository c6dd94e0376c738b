import assert from "node:assert/strict";
import { CsvMappingError } from "../../../../lib/data/sources/csv/errors.ts";
import type { CsvMapping } from "../../../../lib/data/sources/csv/mapping.ts";
import { build, GOOD, MAPPING } from "./fixture.ts";

Deno.test("an invalid mapping is rejected by zod with the path of each problem", () => {
  const typo = { ...MAPPING, tracks: { ...MAPPING.tracks, dancability: "dance" } } as CsvMapping;
  assert.throws(() => build([GOOD], typo), (e: unknown) => {
    assert.ok(e instanceof CsvMappingError);
    assert.match(e.message, /mapping\.tracks/);
    assert.match(e.message, /dancability/);
    return true;
  });
  const noTarget: CsvMapping = { ...MAPPING, target: { column: "plays", kind: "regression" } };
  assert.throws(() => build([GOOD], noTarget), /mapping\.target\.column: .*"plays"/);
  const clash: CsvMapping = { ...MAPPING, extras: { tempo: "bpm", streams: "streams" } };
  assert.throws(() => build([GOOD], clash), /extra column "tempo" clashes/);
  const badParse = {
    ...MAPPING,
    tracks: { ...MAPPING.tracks, tempo: { column: "bpm", parse: "float" } },
  } as unknown as CsvMapping;
  assert.throws(() => build([GOOD], badParse), /mapping\.tracks\.tempo/);
});
