/**
 * Baselines benchmark, two parts, each against scikit-learn in the same run
 * (../shared/bench/sklearn_reference.py with Debian's python3-sklearn):
 *
 * 1. Agreement and speed on the hit-predictor 2010s table (6,398 rows) with the project's own
 *    exported 80/20 artist split: each model's F1 and accuracy, ours beside scikit-learn's, with
 *    the target tolerance (0.02; 0.03 for random forest, gradient boosting and MLP), and the fit
 *    times.
 * 2. The whole comparison on the 41,106-row hit-predictor table: 12 models × 5 artist-grouped
 *    folds (target: under 3 minutes), and the 80/20 hold-out of the same table for both sides
 *    (12 fits each), whose times give the ratio.
 *
 * `deno task bench baselines`; `--quick` runs part 1 only.
 */
import { loadConfig, projectRoot, resolvePath } from "../../lib/config.ts";
import { groupTrainTestSplit, splitFrame } from "../../lib/data/split.ts";
import { importPreset } from "../../lib/data/sources/presets.ts";
import { exportComparisonTable } from "../../lib/eval/compare/export.ts";
import { type ComparisonResult, runComparison } from "../../lib/eval/compare/protocol.ts";
import { type ComparisonTable, comparisonTable } from "../../lib/eval/compare/table.ts";
import { fmt, report } from "./timing.ts";

const config = loadConfig();
const sharedData = resolvePath(config.paths.sharedData);
const reference = `${projectRoot()}/../shared/bench/sklearn_reference.py`;
const TOLERANCE: Record<string, number> = { random_forest: 0.03, gbt: 0.03, mlp: 0.03 };
const quick = Deno.args.includes("--quick");

/** CPU seconds used so far by this process, all threads (workers included); NaN off Linux. */
function cpuSeconds(): number {
  try {
    const fields = Deno.readTextFileSync("/proc/self/stat").split(") ")[1].split(" ");
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second here).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Load average over the last minute, for reading the wall times; NaN off Linux. */
function loadAverage(): number {
  try {
    return Number(Deno.readTextFileSync("/proc/loadavg").split(" ")[0]);
  } catch {
    return NaN;
  }
}

type SklearnScores = Record<string, { f1: number; accuracy: number; fit_s: number }>;

function sklearnAvailable(): string | null {
  try {
    Deno.statSync(reference);
  } catch {
    return `no ${reference}`;
  }
  const probe = new Deno.Command("/usr/bin/python3", {
    args: ["-c", "import sklearn, pandas, numpy"],
    stdout: "null",
    stderr: "piped",
  }).outputSync();
  if (!probe.success) {
    return "scikit-learn missing: apt-get install python3-sklearn python3-pandas python3-numpy";
  }
  return null;
}

async function hitPredictorTable(decades?: string[]): Promise<ComparisonTable> {
  const dataset = await importPreset("hit-predictor", { sharedData, decades });
  const parts = groupTrainTestSplit(dataset.tracks.getColumn("artist_id").toArray() as string[], {
    testFraction: config.split.testFraction,
    validationFraction: config.split.validationFraction,
    seed: config.seed,
  });
  return comparisonTable({ dataset, split: splitFrame(dataset.tracks, parts) });
}

/** Runs the reference on the exported table; returns its scores and its wall time in seconds. */
async function sklearnOn(
  table: ComparisonTable,
  dir: string,
): Promise<{ scores: SklearnScores; seconds: number }> {
  const exported = await exportComparisonTable(table, dir);
  const t0 = performance.now();
  const out = await new Deno.Command("/usr/bin/python3", {
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
  const seconds = (performance.now() - t0) / 1000;
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return { scores: JSON.parse(new TextDecoder().decode(out.stdout)), seconds };
}

function ours(table: ComparisonTable, kind: "holdout" | "group-kfold"): Promise<ComparisonResult> {
  return runComparison(table, {
    protocol: kind === "holdout"
      ? { kind: "holdout" }
      : { kind: "group-kfold", folds: 5, seed: config.seed },
    settings: {
      seed: 0,
      rbfSvmMaxRows: config.comparison.rbfSvmMaxRows || Infinity,
    },
    workers: config.comparison.workers,
  });
}

const missing = sklearnAvailable();
try {
  Deno.statSync(`${sharedData}/hit-predictor/dataset-of-10s.csv`);
} catch {
  console.log(`baselines: skipped (no hit-predictor data in ${sharedData})`);
  Deno.exit(0);
}
const dir = await Deno.makeTempDir();

// Part 1: agreement on the 2010s table.
const small = await hitPredictorTable(["10s"]);
const mine = await ours(small, "holdout");
console.log(
  `hit-predictor 2010s, 80/20 artist split: ${small.X.rows} rows, ${small.features.length} ` +
    `features, ${small.holdout.filter((p) => p === "test").length} test rows`,
);
if (missing) console.log(`scikit-learn reference: skipped (${missing})`);
else {
  const { scores, seconds } = await sklearnOn(small, dir);
  let worst = 0;
  let failures = 0;
  for (const row of mine.summary.toRecords()) {
    const model = String(row.model);
    const ref = scores[model];
    const tol = TOLERANCE[model] ?? 0.02;
    const dF1 = Number(row.f1) - ref.f1, dAcc = Number(row.accuracy) - ref.accuracy;
    const ok = Math.abs(dF1) <= tol && Math.abs(dAcc) <= tol;
    if (!ok) failures++;
    worst = Math.max(worst, Math.abs(dF1), Math.abs(dAcc));
    console.log(
      `  ${model.padEnd(14)} F1 ${Number(row.f1).toFixed(4)} vs ${ref.f1.toFixed(4)} ` +
        `(${dF1 >= 0 ? "+" : ""}${dF1.toFixed(4)}), accuracy ${Number(row.accuracy).toFixed(4)} ` +
        `vs ${ref.accuracy.toFixed(4)} (${dAcc >= 0 ? "+" : ""}${dAcc.toFixed(4)}), ` +
        `fit ${fmt(Number(row.fit_s))} s vs ${fmt(ref.fit_s)} s — ${
          ok ? "within" : "OUTSIDE"
        } ±${tol}`,
    );
  }
  console.log(
    `agreement with scikit-learn: ${12 - failures}/12 models within tolerance, ` +
      `largest difference ${worst.toFixed(4)}`,
  );
  report("2010s hold-out, 12 models (wall, fit + predict)", mine.seconds, "s", {
    label: "scikit-learn reference script, same table",
    value: seconds,
  });
}

if (!quick) {
  // Part 2: the whole comparison on 41,106 rows.
  const full = await hitPredictorTable();
  const cpuBefore = cpuSeconds(), loadBefore = loadAverage();
  const kfold = await ours(full, "group-kfold");
  const cpu = cpuSeconds() - cpuBefore;
  report(
    `hit-predictor ${full.X.rows} rows: 12 models × 5 artist-grouped folds, ${kfold.threads} ` +
      `threads (target < 180 s)`,
    kfold.seconds,
    "s",
  );
  console.log(
    `  CPU time ${fmt(cpu)} s over ${kfold.threads} threads: on ${kfold.threads} idle cores the ` +
      `wall time would be at least ${fmt(cpu / kfold.threads)} s; load average ${loadBefore} → ` +
      `${loadAverage()} (other processes share the cores)`,
  );
  const slowest = kfold.summary.toRecords()
    .map((r) => [String(r.model), Number(r.fit_s)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4);
  console.log(
    `  mean fit per fold: ${slowest.map(([m, s]) => `${m} ${fmt(s)} s`).join(", ")}`,
  );
  const holdout = await ours(full, "holdout");
  if (missing) report("41k hold-out, 12 models", holdout.seconds, "s");
  else {
    const { seconds } = await sklearnOn(full, dir);
    report(
      `hit-predictor ${full.X.rows} rows, 80/20 hold-out, 12 models (RBF SVM on ` +
        `${config.comparison.rbfSvmMaxRows || "all"} rows here, all rows in scikit-learn)`,
      holdout.seconds,
      "s",
      { label: "scikit-learn reference script, same table", value: seconds },
    );
  }
}
await Deno.remove(dir, { recursive: true });
