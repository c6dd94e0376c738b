import assert from "node:assert/strict";
import { CsvParseError } from "../../../../lib/data/sources/csv/errors.ts";
import { parseCsv } from "../../../../lib/data/sources/csv/parse.ts";

Deno.test("parseCsv reads quoted fields with delimiters and doubled quotes", () => {
  const parsed = parseCsv('name,note\n"Earth, Wind & Fire","He said ""hi"""\n');
  assert.deepEqual(parsed.header, ["name", "note"]);
  assert.deepEqual(parsed.rows, [{ line: 2, fields: ["Earth, Wind & Fire", 'He said "hi"'] }]);
  assert.deepEqual(parsed.malformed, []);
});

Deno.test("parseCsv keeps line breaks inside quotes and counts lines from where rows start", () => {
  const parsed = parseCsv('a,b\n1,"two\nlines"\n2,"three\r\nmore\nlines"\n3,x\n');
  assert.deepEqual(parsed.rows.map((r) => r.line), [2, 4, 7]);
  assert.equal(parsed.rows[0].fields[1], "two\nlines");
  assert.equal(parsed.rows[1].fields[1], "three\r\nmore\nlines");
  assert.deepEqual(parsed.rows[2].fields, ["3", "x"]);
});

Deno.test("parseCsv handles CRLF, a missing final line break and empty fields", () => {
  const parsed = parseCsv("a,b,c\r\n1,,3\r\n,,\r\n4,5,");
  assert.deepEqual(parsed.rows, [
    { line: 2, fields: ["1", "", "3"] },
    { line: 3, fields: ["", "", ""] },
    { line: 4, fields: ["4", "5", ""] },
  ]);
  assert.ok(parsed.rows.every((r) => r.fields.every((f) => !f.includes("\r"))));
});

Deno.test("parseCsv counts a lone CR as a line break, inside quotes too", () => {
  const parsed = parseCsv('a,b\r1,"x\ry"\r2,3\r');
  assert.deepEqual(parsed.rows, [
    { line: 2, fields: ["1", "x\ry"] },
    { line: 4, fields: ["2", "3"] },
  ]);
});

Deno.test("parseCsv reports rows with the wrong field count as malformed, with their line", () => {
  const parsed = parseCsv("a,b\n1,2\n3\n4,5,6\n7,8\n");
  assert.deepEqual(parsed.rows.map((r) => r.line), [2, 5]);
  assert.deepEqual(parsed.malformed.map((m) => [m.line, m.reason]), [
    [3, "expected 2 fields (as in the header), found 1"],
    [4, "expected 2 fields (as in the header), found 3"],
  ]);
  assert.deepEqual(parsed.malformed[1].fields, ["4", "5", "6"]);
});

Deno.test("parseCsv reports text after a closing quote and an unterminated quote", () => {
  const parsed = parseCsv('a,b\n"x"y,1\n2,"open\n3,4\n');
  assert.equal(parsed.rows.length, 0);
  assert.equal(parsed.malformed[0].line, 2);
  assert.match(parsed.malformed[0].reason, /unexpected text "y" after the closing quote/);
  assert.equal(parsed.malformed[1].line, 3);
  assert.match(parsed.malformed[1].reason, /unterminated quoted field 2 opened on line 3/);
});

Deno.test("parseCsv skips and lists blank lines, drops a BOM, honours the delimiter", () => {
  const parsed = parseCsv("\ufeffa;b\n\n1;2,5\n\r\n3;4\n", { delimiter: ";" });
  assert.deepEqual(parsed.header, ["a", "b"]);
  assert.deepEqual(parsed.rows, [{ line: 3, fields: ["1", "2,5"] }, {
    line: 5,
    fields: ["3", "4"],
  }]);
  assert.deepEqual(parsed.blankLines, [2, 4]);
});

Deno.test("parseCsv keeps a stray quote inside an unquoted field as text", () => {
  const parsed = parseCsv('a,b\n5" vinyl,1\n');
  assert.deepEqual(parsed.rows[0].fields, ['5" vinyl', "1"]);
});

Deno.test("parseCsv rejects an empty text and an unusable delimiter", () => {
  assert.throws(() => parseCsv(""), CsvParseError);
  assert.throws(() => parseCsv("a,b\n", { delimiter: '"' }), /one-character delimiter/);
  assert.throws(() => parseCsv("a,b\n", { delimiter: ";;" }), CsvParseError);
});

Deno.test("parseCsv reads 40,000 rows with their line numbers", () => {
  const line = 'Song,"Artist, The",spotify:track:2ZyuwVvV6Z3XJaXIFbspeE,0.741,0.626,1,-4.826\n';
  const text = "a,b,c,d,e,f,g\n" + line.repeat(40_000);
  // Speed is measured by `deno task bench data`, not asserted here.
  const parsed = parseCsv(text);
  assert.equal(parsed.rows.length, 40_000);
  assert.equal(parsed.rows[39_999].line, 40_001);
});
