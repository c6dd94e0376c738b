import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { comparisonFrame, exportComparisonTable } from "../../../lib/eval/compare/export.ts";
import { comparisonTable } from "../../../lib/eval/compare/table.ts";
import { protocolFolds } from "../../../lib/eval/compare/protocol.ts";
import { demoTable } from "./fixture.ts";

Deno.test("the exported CSV holds exactly the scored rows, label and split", async () => {
  const table = comparisonTable(demoTable(), { exclude: ["streams", "hit"] });
  const dir = await Deno.makeTempDir();
  const exported = await exportComparisonTable(table, dir);
  const back = pl.readCSV(exported.csv);
  assert.deepEqual(back.columns, [
    "track_id",
    "artist_id",
    ...table.features,
    "track_popularity",
    "label",
    "split",
  ]);
  assert.equal(back.height, table.X.rows);
  assert.deepEqual(back.getColumn("label").toArray(), Array.from(table.y));
  assert.deepEqual(back.getColumn("split").toArray(), table.holdout);
  table.features.forEach((f, j) => {
    const values = back.getColumn(f).toArray() as number[];
    values.forEach((v, i) => assert.equal(v, table.X.data[i * table.X.cols + j]));
  });
  const description = JSON.parse(await Deno.readTextFile(exported.description));
  assert.deepEqual(description.features, table.features);
  assert.equal(description.label_rule, table.labelRule);
  assert.match(
    exported.command,
    /sklearn_reference\.py .*holdout_table\.csv --label label --features danceability,energy,tempo,artist_popularity --split-col split$/,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a target named like a reserved column is renamed in the export", () => {
  const table = comparisonTable(demoTable(), { exclude: ["streams", "hit"] });
  const frame = comparisonFrame({ ...table, targetColumn: "label" });
  assert.ok(frame.columns.includes("target_label"));
  const folds = protocolFolds(table, { kind: "group-kfold", folds: 3, seed: 1 });
  const fold = comparisonFrame(table, folds).getColumn("fold").toArray() as number[];
  folds.forEach((f, k) => f.test.forEach((i) => assert.equal(fold[i], k)));
  assert.equal(frame.columns.filter((c) => c === "label").length, 1);
});
