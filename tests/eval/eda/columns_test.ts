import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  coerceNumericText,
  columnFlags,
  numericColumns,
  textCellsFrame,
} from "../../../lib/eval/eda/columns.ts";

Deno.test("numeric columns leave out identifiers, text and booleans", () => {
  const df = pl.DataFrame({
    track_id: ["a", "b"],
    tempo: [120, 90],
    key: [1, 2],
    name: ["x", "y"],
    top: [true, false],
  });
  assert.deepEqual(numericColumns(df), ["tempo", "key"]);
  assert.deepEqual(numericColumns(df, { exclude: ["key"] }), ["tempo"]);
});

Deno.test("empty and constant columns are flagged with what was found", () => {
  const df = pl.DataFrame([
    pl.Series("ok", [1, 2, null], pl.Float64),
    pl.Series("same", [0.5, 0.5, null], pl.Float64),
    pl.Series("empty", [null, null, null], pl.Float64),
  ]);
  assert.deepEqual(columnFlags(df, ["ok", "same", "empty"]), [
    { column: "same", flag: "constant", detail: "every value is 0.5 (2 rows)" },
    { column: "empty", flag: "all missing", detail: "no value in 3 rows" },
  ]);
});

Deno.test("text in a numeric field is reported with its row and set to null", () => {
  const df = pl.DataFrame({
    track_id: ["t1", "t2", "t3", "t4"],
    streams: ["141381703", "2,445", "BPM110KeyAModeMajor", " 77 "],
    title: ["a", "b", "c", "d"],
  });
  const { frame, issues } = coerceNumericText(df, { minShare: 0.7 });
  assert.deepEqual(frame.getColumn("streams").toArray(), [141381703, 2445, null, 77]);
  assert.ok(frame.getColumn("streams").isNumeric());
  assert.deepEqual(issues, [
    { row: 2, column: "streams", value: "BPM110KeyAModeMajor", trackId: "t3" },
  ]);
  assert.equal(frame.getColumn("title").dtype.equals(pl.String), true); // real text stays text
  assert.equal(textCellsFrame(issues).height, 1);
  // Below the share, the column is left as text and nothing is reported.
  assert.deepEqual(coerceNumericText(df, { minShare: 0.9 }).issues, []);
});

Deno.test("flag details separate thousands", () => {
  const df = pl.DataFrame([
    pl.Series("empty", new Array(1500).fill(null), pl.Float64),
    pl.Series("same", new Array(1500).fill(2), pl.Float64),
  ]);
  assert.deepEqual(columnFlags(df, ["empty", "same"]).map((f) => f.detail), [
    "no value in 1,500 rows",
    "every value is 2 (1,500 rows)",
  ]);
});
