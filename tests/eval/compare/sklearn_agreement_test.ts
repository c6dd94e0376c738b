/**
 * The correctness target of the comparison: on the hit-predictor 2010s table, with the exported
 * 80/20 artist split, each baseline's F1 and accuracy lie within 0.02 of scikit-learn's
 * (../shared/bench/sklearn_reference.py on the same file; 0.03 for the random forest, gradient
 * boosting and the MLP, whose randomness differs). Skipped without the shared data or without
 * Debian's python3-sklearn.
 */
import assert from "node:assert/strict";
import { loadConfig, projectRoot, resolvePath } from "../../../lib/config.ts";
import { groupTrainTestSplit, splitFrame } from "../../../lib/data/split.ts";
import { importPreset } from "../../../lib/data/sources/presets.ts";
import { exportComparisonTable } from "../../../lib/eval/compare/export.ts";
import { runComparison } from "../../../lib/eval/compare/protocol.ts";
import { comparisonTable } from "../../../lib/eval/compare/table.ts";

const config = loadConfig();
const sharedData = resolvePath(config.paths.sharedData);
const reference = `${projectRoot()}/../shared/bench/sklearn_reference.py`;

/** Why the comparison cannot run here; empty when it can. */
function missing(): string {
  for (const path of [`${sharedData}/hit-predictor/dataset-of-10s.csv`, reference]) {
    try {
      Deno.statSync(path);
    } catch {
      return `${path} not found`;
    }
  }
  try {
    const probe = new Deno.Command("/usr/bin/python3", {
      args: ["-c", "from sklearn.pipeline import make_pipeline; import pandas"],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    if (probe.success) return "";
  } catch { /* no /usr/bin/python3 */ }
  return "Debian's python3-sklearn and python3-pandas are not installed " +
    "(apt-get install python3-sklearn python3-pandas)";
}
const skip = missing();

/** Tolerances of the target. */
export const TOLERANCE: Record<string, number> = { random_forest: 0.03, gbt: 0.03, mlp: 0.03 };

Deno.test({
  name: "hit-predictor 2010s: every baseline within 0.02 (0.03) of scikit-learn on the same split" +
    (skip ? ` (skipped: ${skip})` : ""),
  ignore: skip !== "",
  fn: async () => {
    const dataset = await importPreset("hit-predictor", { sharedData, decades: ["10s"] });
    const parts = groupTrainTestSplit(dataset.tracks.getColumn("artist_id").toArray() as string[], {
      testFraction: config.split.testFraction,
      validationFraction: config.split.validationFraction,
      seed: config.seed,
    });
    const table = comparisonTable({ dataset, split: splitFrame(dataset.tracks, parts) });
    const dir = await Deno.makeTempDir();
    const exported = await exportComparisonTable(table, dir);
    const run = new Deno.Command("/usr/bin/python3", {
      args: [
        reference,
        exported.csv,
        "--label",
        "label",
        "--features",
        table.features.join(","),
        "--split-col",
        "split",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const ours = await runComparison(table, {
      protocol: { kind: "holdout" },
      settings: { seed: 0 },
    });
    const output = await run;
    assert.ok(output.success, new TextDecoder().decode(output.stderr));
    const sklearn = JSON.parse(new TextDecoder().decode(output.stdout)) as Record<
      string,
      { f1: number; accuracy: number }
    >;
    const failures: string[] = [];
    for (const row of ours.summary.toRecords()) {
      const model = String(row.model);
      const tol = TOLERANCE[model] ?? 0.02;
      for (const metric of ["f1", "accuracy"] as const) {
        const diff = Number(row[metric]) - sklearn[model][metric];
        if (!(Math.abs(diff) <= tol)) {
          failures.push(
            `${model} ${metric}: ours ${row[metric]}, scikit-learn ${sklearn[model][metric]}`,
          );
        }
      }
    }
    assert.deepEqual(failures, []);
    await Deno.remove(dir, { recursive: true });
  },
});
