import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { correlationTable } from "../../../lib/eval/eda/correlation.ts";

const close = (a: unknown, b: number, tol: number) =>
  assert.ok(Math.abs(Number(a) - b) <= tol, `${a} is not within ${tol} of ${b}`);

// SciPy 1.10: pearsonr, spearmanr and Fisher-z intervals for these data.
const y = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];
const x = [2.7, 1.8, 2.8, 1.8, 2.9, 4.5, 2.2, 3.1, 3.0, 2.0, 2.5, 4.0];

Deno.test("Table 3 gives Pearson and Spearman with Fisher-z intervals, as SciPy", () => {
  const df = pl.DataFrame({ y, x, c: new Array(12).fill(1) });
  const rows = correlationTable(df, "y").toRecords();
  assert.deepEqual(rows.map((r) => r.feature), ["x", "c"]);
  const r = rows[0];
  assert.equal(r.n, 12);
  close(r.pearson, 0.9559876387838718, 1e-12);
  close(r.pearson_low, 0.8465270202239544, 1e-8);
  close(r.pearson_high, 0.9878903028386266, 1e-8);
  close(r.spearman, 0.941629792788369, 1e-12);
  close(r.spearman_low, 0.793051910397638, 1e-8);
  close(r.spearman_high, 0.9844609801764312, 1e-8);
  close(r.p_value, 1.2609792765516659e-08, 1e-9);
  // The constant column: a flag, not NaN.
  assert.equal(rows[1].flag, "constant");
  assert.equal(rows[1].pearson, null);
});

Deno.test("pairs are complete-case, and the table sorts by |r|", () => {
  const df = pl.DataFrame([
    pl.Series("y", [1, 2, 3, 4, 5, 6], pl.Float64),
    pl.Series("weak", [1, 3, 2, 2, 3, 1], pl.Float64),
    pl.Series("neg", [6, 5, 4, 3, null, 1], pl.Float64),
  ]);
  const rows = correlationTable(df, "y").toRecords();
  assert.deepEqual(rows.map((r) => r.feature), ["neg", "weak"]);
  assert.equal(rows[0].n, 5);
  close(rows[0].pearson, -1, 1e-12);
  assert.throws(() => correlationTable(df, "nope"), /numeric target column "nope"/);
});
