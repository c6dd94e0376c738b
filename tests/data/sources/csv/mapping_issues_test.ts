import assert from "node:assert/strict";
import { CsvMappingError } from "../../../../lib/data/sources/csv/errors.ts";
import { type CsvMapping, validateMapping } from "../../../../lib/data/sources/csv/mapping.ts";
import { formatMappingPath } from "../../../../lib/data/sources/csv/mapping_issues.ts";

const BASE: CsvMapping = {
  tracks: { track_name: "title" },
  artist: { name: "artist" },
  target: { column: "track_name", kind: "regression" },
};

function lines(mapping: unknown): string[] {
  try {
    validateMapping(mapping as CsvMapping);
  } catch (error) {
    assert.ok(error instanceof CsvMappingError);
    const [heading, ...rest] = error.message.split("\n");
    assert.equal(heading, "invalid CSV mapping:");
    return rest;
  }
  assert.fail("expected the mapping to be rejected");
}

Deno.test("paths read as written in the mapping", () => {
  assert.equal(formatMappingPath(["tracks", "danceability", "scale"]), "tracks.danceability.scale");
  assert.equal(formatMappingPath(["extras", "top genre", "column"]), 'extras["top genre"].column');
  assert.equal(formatMappingPath(["sideTables", "g", "columns", 2]), "sideTables.g.columns[2]");
  assert.equal(formatMappingPath(["tracks"], "mapping"), "mapping.tracks");
  assert.equal(formatMappingPath([]), "(the whole mapping)");
});

Deno.test("a field's problem is judged by the form the field most resembles", () => {
  // A `{ column, … }` object: the problem is inside it, not "Invalid input" for the union.
  assert.deepEqual(
    lines({ ...BASE, tracks: { track_name: "title", tempo: { column: "bpm", scale: "x" } } }),
    ['mapping.tracks.tempo.scale: expected number, found "x"'],
  );
  // A `{ compute }` object in code: the function is what is wrong.
  assert.deepEqual(
    lines({ ...BASE, tracks: { track_name: "title", tempo: { compute: 3 } } }),
    ["mapping.tracks.tempo.compute: expected a function (row: SourceRow) => value, found 3"],
  );
  // Neither a name nor an object: every form's type is listed.
  assert.deepEqual(lines({ ...BASE, artist: { name: "artist", separator: 1 } }), [
    "mapping.artist.separator: expected string or RegExp, found 1",
  ]);
});

Deno.test("an unknown key lists the keys allowed there and suggests the nearest", () => {
  const [line] = lines({ ...BASE, artist: { name: "artist", populrity: "artist_pop" } });
  assert.equal(
    line,
    "mapping.artist.populrity: expected a key among name, id, separator, keepTogether, " +
      'popularity, followers, genre; found the unknown key "populrity" (did you mean ' +
      '"popularity"?)',
  );
  const [far] = lines({ ...BASE, zzz: 1 });
  assert.match(far, /^mapping\.zzz: expected a key among tracks, artist, .*"zzz"$/);
});

Deno.test("code values are shown by kind: patterns as written, functions as functions", () => {
  assert.deepEqual(lines({ ...BASE, target: { column: /x/, kind: "binary" } }), [
    "mapping.target.column: expected string, found /x/",
  ]);
  assert.deepEqual(
    lines({ ...BASE, target: { column: () => "x", kind: "binary" } }),
    ["mapping.target.column: expected string, found a function"],
  );
});
