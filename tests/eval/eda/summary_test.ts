import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { summaryTable } from "../../../lib/eval/eda/summary.ts";

Deno.test("Table 1 gives pandas' describe statistics and flags constant columns", () => {
  const df = pl.DataFrame([
    pl.Series("tempo", [90, 120, null, 100], pl.Float64),
    pl.Series("mode", [1, 1, 1, 1], pl.Int64),
  ]);
  const rows = summaryTable(df).toRecords();
  assert.equal(rows.length, 2);
  const tempo = rows[0];
  assert.equal(tempo.feature, "tempo");
  assert.equal(tempo.count, 3);
  assert.equal(tempo.missing, 1);
  assert.ok(Math.abs(Number(tempo.mean) - 103.33333333333333) < 1e-12);
  assert.ok(Math.abs(Number(tempo.std) - 15.275252316519467) < 1e-12); // pandas, ddof 1
  assert.equal(tempo.median, 100);
  assert.equal(tempo.min, 90);
  assert.equal(tempo.max, 120);
  assert.equal(tempo.flag, null);
  assert.equal(rows[1].flag, "constant");
  assert.equal(rows[1].std, 0);
});

Deno.test("an all-missing column is a flagged row, not a crash", () => {
  const df = pl.DataFrame([pl.Series("loudness", [null, null], pl.Float64)]);
  const row = summaryTable(df).toRecords()[0];
  assert.equal(row.count, 0);
  assert.equal(row.mean, null);
  assert.equal(row.flag, "all missing");
  assert.equal(summaryTable(pl.DataFrame({ name: ["a"] })).height, 0);
});
