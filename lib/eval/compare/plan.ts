/**
 * The model comparison as the notebook runs it: which baselines and protocols the configuration
 * asks for, and one protocol run from fitting to the saved summary — the baselines scored, the
 * result files of other models (the CNN variants) and the rows of models scored on the same folds
 * (the CNN in the k-fold's folds) joined as rows, the joined summary written as
 * `<results>/comparison_<protocol>.csv`.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { comparisonPlan, compareOnProtocol } from "./plan.ts";
 * const plan = comparisonPlan(loadConfig());
 * // const run = await compareOnProtocol(table, plan.holdout!, { ...plan, outDir, external });
 * ```
 * @module
 */
import type { Config } from "../../config.ts";
import { writeTextAtomic } from "../../data/atomic.ts";
import {
  type BaselineName,
  type BaselineSettings,
  parseBaselineNames,
} from "../../model/baselines/registry.ts";
import type pl from "nodejs-polars";
import {
  type ComparisonProgress,
  type ComparisonResult,
  progressLine,
  type Protocol,
  runComparison,
} from "./protocol.ts";
import {
  joinModelResults,
  joinScoredRows,
  type ModelResult,
  type ScoredRows,
  testTracksHash,
} from "./results.ts";
import type { ComparisonTable } from "./table.ts";

/** What the configuration asks the comparison to run. */
export interface ComparisonPlan {
  /** The baselines to compare, in the configured order. */
  models: BaselineName[];
  /** The artist-grouped k-fold, or null when `comparison.protocol` is `holdout`. */
  kfold: Extract<Protocol, { kind: "group-kfold" }> | null;
  /** The paper's 80/20 split, or null when `comparison.protocol` is `group-kfold`. */
  holdout: Extract<Protocol, { kind: "holdout" }> | null;
  /** Seed and the RBF SVM row cap, passed to every baseline. */
  settings: BaselineSettings;
  /** Worker threads; 0 = one per core. */
  workers: number;
}

/** The plan of `config.comparison` (models, protocols, RBF SVM row cap, workers). */
export function comparisonPlan(config: Config): ComparisonPlan {
  const c = config.comparison;
  return {
    models: parseBaselineNames(c.models),
    kfold: c.protocol === "holdout"
      ? null
      : { kind: "group-kfold", folds: config.split.folds, seed: config.seed },
    holdout: c.protocol === "group-kfold" ? null : { kind: "holdout" },
    settings: { seed: config.seed, rbfSvmMaxRows: c.rbfSvmMaxRows || Infinity },
    workers: c.workers,
  };
}

/** One protocol's comparison, its summary with the other models joined, and where it went. */
export interface ComparisonRun {
  /** The comparison: per-fold scores and their summary. */
  result: ComparisonResult;
  /** The summary with the result files and scored rows of the same protocol appended as rows. */
  joined: pl.DataFrame;
  /** The joined summary as CSV. */
  saved: string;
}

/** Options of {@link compareOnProtocol}. */
export interface CompareOnProtocolOptions extends Pick<ComparisonPlan, "models" | "settings"> {
  /** Worker threads; 0 or absent = one per core. */
  workers?: number;
  /** Result files of other models (readModelResults). */
  external?: readonly ModelResult[];
  /**
   * Rows of models scored on this protocol's own folds outside the baselines' pool (the CNN in
   * the k-fold: cnn_folds.ts), appended after the result files when the protocol matches.
   */
  scoredRows?: ScoredRows | null;
  /** Results folder the summary CSV is written to. */
  outDir: string;
  /** A progress line at most every 10 s and at the end; default console.log. */
  log?: (line: string) => void;
}

/** SHA-256 of the test rows' track ids of the table's 80/20 split (see testTracksHash). */
export function holdoutTestHash(table: ComparisonTable): Promise<string> {
  return testTracksHash(table.trackIds.filter((_, i) => table.holdout[i] === "test"));
}

/**
 * Runs the comparison under one protocol, joins the result files of the same protocol (flagging,
 * for the hold-out, those scored on other test rows) and writes the joined summary.
 */
export async function compareOnProtocol(
  table: ComparisonTable,
  protocol: Protocol,
  options: CompareOnProtocolOptions,
): Promise<ComparisonRun> {
  const log = options.log ?? ((line: string) => console.log(line));
  let lastLog = 0;
  const result = await runComparison(table, {
    protocol,
    models: options.models,
    settings: options.settings,
    workers: options.workers,
    onProgress: (p: ComparisonProgress) => {
      if (p.done === p.total || p.elapsed - lastLog >= 10) {
        lastLog = p.elapsed;
        log(progressLine(p));
      }
    },
  });
  const testHash = protocol.kind === "holdout" ? await holdoutTestHash(table) : undefined;
  const joined = joinScoredRows(
    joinModelResults(result.summary, options.external ?? [], protocol, testHash),
    options.scoredRows,
    protocol,
  );
  const saved = `${options.outDir}/comparison_${protocol.kind}.csv`;
  await writeTextAtomic(saved, joined.writeCSV().toString());
  return { result, joined, saved };
}
