import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { readableFrame, tableBundle } from "../../lib/viz/display.ts";
import { MISSING } from "../../lib/viz/format.ts";

Deno.test("the caption says 1 row in the singular and shows the head of longer tables", () => {
  const one = tableBundle(pl.DataFrame({ a: [1] }), { title: "t" });
  assert.match(String(one["text/plain"]), /^t — 1 row × 1 column\n/);
  const many = tableBundle(pl.DataFrame({ a: Array.from({ length: 1500 }, (_, i) => i) }), {
    maxRows: 3,
  });
  assert.match(String(many["text/plain"]), /^first 3 of 1,500 rows × 1 column\n/);
  assert.match(String(many["text/html"]), /<b>first 3 of 1,500 rows × 1 column<\/b>/);
});

Deno.test("readable cells: 3 significant digits, p-values, plain years, a dash for missing", () => {
  const df = pl.DataFrame([
    pl.Series("r", [0.123456, null, NaN, 123456.7], pl.Float64),
    pl.Series("release_year", [2019, 2020, null, 1999], pl.Int64),
    pl.Series("p_value", [1e-15, 0.2, 4e-4, null], pl.Float64),
    pl.Series("name", ["x", null, "y", "z"], pl.Utf8),
    pl.Series("count", [12345, 1, 2, 3], pl.Int64),
  ]);
  assert.deepEqual(readableFrame(df).toRecords(), [
    { r: "0.123", release_year: "2019", p_value: "< 1e-12", name: "x", count: "12,345" },
    { r: MISSING, release_year: "2020", p_value: "0.200", name: MISSING, count: "1" },
    { r: MISSING, release_year: MISSING, p_value: "4.0e-4", name: "y", count: "2" },
    { r: "123,457", release_year: "1999", p_value: MISSING, name: "z", count: "3" },
  ]);
});

Deno.test("the table shows no literal null or NaN unless asked for polars' own rendering", () => {
  const df = pl.DataFrame([pl.Series("x", [null, NaN, 1.5], pl.Float64)]);
  const html = String(tableBundle(df)["text/html"]);
  assert.ok(!/\bnull\b|\bNaN\b/.test(html), html);
  assert.ok(html.includes(MISSING));
  const raw = String(tableBundle(df, { readable: false })["text/html"]);
  assert.match(raw, /null|NaN/);
});

Deno.test("readable options name the p-value and plain columns explicitly", () => {
  const df = pl.DataFrame({ pval: [1e-20], code: [12345] });
  assert.deepEqual(readableFrame(df, { pValues: ["pval"], plain: ["code"] }).toRecords(), [
    { pval: "< 1e-12", code: "12345" },
  ]);
});
