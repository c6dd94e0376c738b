import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { featureHistograms } from "../../../lib/eval/eda/histograms.ts";

Deno.test("histograms count each bin, per group, with the edges", () => {
  const df = pl.DataFrame([
    pl.Series("tempo", [90, 100, 120, 121, null], pl.Float64),
    pl.Series("hit", [0, 0, 1, 1, 1], pl.Float64),
    pl.Series("flat", [3, 3, 3, 3, 3], pl.Float64),
  ]);
  const rows = featureHistograms(df, ["tempo", "flat"], { bins: 3, by: "hit" }).toRecords();
  const tempo = rows.filter((r) => r.feature === "tempo");
  assert.deepEqual(tempo.map((r) => [r.group, r.bin, r.count]), [["0", 0, 2], ["1", 2, 2]]);
  assert.equal(tempo[0].lower, 90);
  assert.ok(Math.abs(Number(tempo[1].upper) - 121) < 1e-9);
  const flat = rows.filter((r) => r.feature === "flat");
  assert.deepEqual(flat.map((r) => [r.group, r.bin, r.count]), [["0", 0, 2], ["1", 0, 3]]);
  assert.throws(() => featureHistograms(df, ["tempo"], { bins: 0 }), RangeError);
});
