import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadConfig, resolvePath } from "../../../lib/config.ts";
import { targetSpec } from "../../../lib/data/dataset.ts";
import { importPreset } from "../../../lib/data/sources/presets.ts";
import { columnFlagsReading, edaTable, textCellsReport } from "../../../lib/eval/eda/explore.ts";

function dataset(kind: "binary" | "regression") {
  const n = 10;
  const ids = Array.from({ length: n }, (_, i) => `t${i + 1}`);
  return {
    artists: pl.DataFrame({ artist_id: ["a", "b"], artist_name: ["A", "B"], followers: [10, 20] }),
    tracks: pl.DataFrame({
      track_id: ids,
      artist_id: ids.map((_, i) => (i < 5 ? "a" : "b")),
      artist_name: ids.map((_, i) => (i < 5 ? "A" : "B")),
      target: ids.map((_, i) => i % 2),
      // one cell of text among numbers, as spotify-2023's streams column has
      tempo: ids.map((_, i) => (i === 2 ? "fast" : String(100 + i))),
      constant: ids.map(() => 1),
    }),
    target: targetSpec({ column: "target", kind }),
  };
}

Deno.test("the EDA table coerces numeric text, flags constants and keeps the label apart", () => {
  const eda = edaTable(dataset("binary"));
  assert.ok(eda.table.getColumn("tempo").isNumeric());
  assert.deepEqual(eda.textCells.map((c) => [c.column, c.value, c.trackId]), [
    ["tempo", "fast", "t3"],
  ]);
  assert.deepEqual(eda.flags.map((f) => [f.column, f.flag]), [["constant", "constant"]]);
  assert.equal(eda.label, "target");
  assert.ok(eda.numeric.includes("target") && eda.numeric.includes("followers"));
  assert.ok(!eda.features.includes("target") && !eda.features.includes("constant"));
  assert.ok(eda.features.includes("tempo"));
  const regression = edaTable(dataset("regression"));
  assert.equal(regression.label, undefined);
  assert.ok(regression.features.includes("target"));
});

Deno.test("text cells and flags come with their readings", () => {
  const eda = edaTable(dataset("binary"));
  const report = textCellsReport(eda.textCells);
  assert.equal(
    report.reading,
    "**1 cell** of text found in numeric fields (set to null and excluded from the statistics).",
  );
  assert.equal(report.table!.height, 1);
  assert.equal(textCellsReport([]).table, null);
  assert.match(textCellsReport([]).reading, /^\*\*0 cells\*\*/);
  assert.equal(columnFlagsReading([]), "No numeric column is empty or constant.");
  assert.equal(
    columnFlagsReading(eda.flags),
    "- `constant` — **constant**: every value is 1 (10 rows)",
  );
});

const sharedData = resolvePath(loadConfig({ env: {} }).paths.sharedData);
let present = false;
try {
  present = Deno.statSync(`${sharedData}/hit-predictor`).isDirectory;
} catch { /* absent: skipped */ }

Deno.test({
  name: "hit-predictor: the binary label splits the distributions and is not one of them",
  ignore: !present,
  fn: async () => {
    const eda = edaTable(await importPreset("hit-predictor", { sharedData }));
    assert.equal(eda.label, "target");
    assert.ok(!eda.features.includes("target"));
    assert.ok(eda.features.includes("danceability"), eda.features.join());
  },
});
