import assert from "node:assert/strict";
import { loadConfig, resolvePath } from "../../../lib/config.ts";
import { consolidated } from "../../../lib/data/dataset.ts";
import { importPreset } from "../../../lib/data/sources/presets.ts";
import {
  coerceNumericText,
  columnFlags,
  correlationTable,
  numericColumns,
  releaseHeatmap,
  summaryTable,
} from "../../../lib/eval/eda/mod.ts";

const sharedData = resolvePath(loadConfig().paths.sharedData);
let present = false;
try {
  present = Deno.statSync(`${sharedData}/spotify-2023`).isDirectory;
} catch { /* absent: skipped */ }

Deno.test({
  name: "spotify-2023: the text row is excluded at import; Tables 1, 3 and Figure 6 compute",
  ignore: !present,
  fn: async () => {
    const dataset = await importPreset("spotify-2023", { sharedData });
    assert.equal(dataset.issues.filter((i) => i.action === "excluded").length, 1);
    const table = consolidated(dataset);
    assert.equal(coerceNumericText(table).issues.length, 0);
    const flags = columnFlags(table, numericColumns(table)).map((f) => f.column);
    assert.ok(flags.includes("loudness") && flags.includes("duration_ms"), flags.join());
    const summary = summaryTable(table).toRecords();
    assert.equal(summary.find((r) => r.feature === "streams")!.count, 952);
    const correlations = correlationTable(table, "streams").toRecords();
    assert.equal(correlations[0].feature, "in_spotify_playlists");
    assert.ok(correlations.every((r) => r.flag !== null || Number.isFinite(r.pearson)));
    const heatmap = releaseHeatmap(table, { value: "streams" });
    assert.equal(heatmap.excluded, 0);
    const counts = heatmap.cells.getColumn("count").toArray() as number[];
    const total = counts.reduce((a, b) => a + Number(b), 0);
    assert.equal(total, 952);
  },
});
