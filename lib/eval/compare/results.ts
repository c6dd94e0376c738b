/**
 * Results of models trained outside this module — the CNN variants of the training notebook —
 * joining the comparison table as rows. Each model writes one JSON file
 *
 *     <paths.outputs>/results/<dataset key>/models/<model>.json
 *
 * where the dataset key is lib/data/load.ts's `datasetKey(config)` (e.g. `hit-predictor`,
 * `demo-tiny-seed42-44100hz`), holding {@link ModelResult}: the model's name, the protocol it was
 * scored under (`holdout`: the artist-grouped 80/20 split with validation counted as training;
 * `group-kfold`: k folds by artist), the same metric fields as the comparison (precision, recall,
 * F1 of the positive class, accuracy, balanced accuracy, MCC, ROC-AUC, fit seconds), the number
 * of test rows and, optionally, the SHA-256 of its sorted test track ids (see
 * {@link testTracksHash}) so the join can say whether it scored the same rows.
 *
 * @example
 * ```ts
 * import { writeModelResult } from "./results.ts";
 * await writeModelResult("outputs/results/demo-tiny-seed42-44100hz", {
 *   model: "cnn_audio_metadata",
 *   label: "CNN (audio + metadata)",
 *   protocol: "holdout",
 *   folds: 1,
 *   n_test: 20,
 *   metrics: { precision: 0.8, recall: 0.9, f1: 0.847, accuracy: 0.8, balanced_accuracy: 0.78,
 *     mcc: 0.55, roc_auc: 0.86, fit_s: 120 },
 *   notes: [],
 * });
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { z } from "zod";
import { type Config, resolvePath } from "../../config.ts";
import { writeTextAtomic } from "../../data/atomic.ts";
import { datasetKey } from "../../data/load.ts";
import { sha256Hex } from "../../data/store.ts";
import { METRICS, type Protocol } from "./protocol.ts";

const score = z.number().min(-1).max(1);

/** The metric fields of a result file; ROC-AUC null where the model gives no score. */
export const ResultMetrics: z.ZodObject<
  {
    precision: z.ZodNumber;
    recall: z.ZodNumber;
    f1: z.ZodNumber;
    accuracy: z.ZodNumber;
    balanced_accuracy: z.ZodNumber;
    mcc: z.ZodNumber;
    roc_auc: z.ZodNullable<z.ZodNumber>;
    fit_s: z.ZodDefault<z.ZodNullable<z.ZodNumber>>;
  },
  z.core.$strip
> = z.object({
  precision: score,
  recall: score,
  f1: score,
  accuracy: score,
  balanced_accuracy: score,
  mcc: score,
  roc_auc: score.nullable(),
  /** Training time in seconds (per fold for k-fold). */
  fit_s: z.number().nonnegative().nullable().default(null),
});

/** One model's result file (zod schema; see the module notes for the location). */
export const ModelResult: z.ZodObject<
  {
    model: z.ZodString;
    label: z.ZodOptional<z.ZodString>;
    protocol: z.ZodEnum<{ holdout: "holdout"; "group-kfold": "group-kfold" }>;
    folds: z.ZodDefault<z.ZodNumber>;
    n_test: z.ZodNumber;
    metrics: typeof ResultMetrics;
    metrics_sd: z.ZodOptional<
      z.ZodObject<
        {
          precision: z.ZodOptional<z.ZodNumber>;
          recall: z.ZodOptional<z.ZodNumber>;
          f1: z.ZodOptional<z.ZodNumber>;
          accuracy: z.ZodOptional<z.ZodNumber>;
          balanced_accuracy: z.ZodOptional<z.ZodNumber>;
          mcc: z.ZodOptional<z.ZodNumber>;
          roc_auc: z.ZodOptional<z.ZodNullable<z.ZodNumber>>;
          fit_s: z.ZodOptional<z.ZodDefault<z.ZodNullable<z.ZodNumber>>>;
        },
        z.core.$strip
      >
    >;
    threshold: z.ZodOptional<z.ZodNullable<z.ZodNumber>>;
    test_tracks_sha256: z.ZodOptional<z.ZodString>;
    notes: z.ZodDefault<z.ZodArray<z.ZodString>>;
    created: z.ZodOptional<z.ZodString>;
  },
  z.core.$strip
> = z.object({
  /** Short name, unique within the dataset: `cnn_audio_metadata`, `cnn_metadata_only`, … */
  model: z.string().regex(/^[\w.-]+$/, "letters, digits, '.', '-' or '_'"),
  /** Human-readable name for tables; default the model name. */
  label: z.string().optional(),
  protocol: z.enum(["holdout", "group-kfold"]),
  /** Folds averaged (1 for the hold-out). */
  folds: z.number().int().positive().default(1),
  /** Test rows scored (all folds together for k-fold). */
  n_test: z.number().int().positive(),
  /** Means over folds for k-fold. */
  metrics: ResultMetrics,
  /** Standard deviations over folds, where known. */
  metrics_sd: ResultMetrics.partial().optional(),
  /** Popularity threshold that made the labels, when the target is a score. */
  threshold: z.number().nullable().optional(),
  /** SHA-256 of the sorted test track ids joined by "\n" (see testTracksHash). */
  test_tracks_sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  notes: z.array(z.string()).default([]),
  /** ISO time of writing. */
  created: z.string().optional(),
});

/** A validated result file. */
export type ModelResult = z.infer<typeof ModelResult>;

/** The results folder of the configured dataset: `<paths.outputs>/results/<dataset key>`. */
export function resultsDir(config: Config): string {
  return `${resolvePath(config.paths.outputs)}/results/${datasetKey(config)}`;
}

/** SHA-256 (hex) of the sorted track ids joined by "\n": identifies a set of test rows. */
export function testTracksHash(trackIds: readonly string[]): Promise<string> {
  return sha256Hex([...trackIds].sort().join("\n"));
}

/** Writes `<dir>/models/<model>.json` (validated, atomically) and returns its path. */
export async function writeModelResult(
  dir: string,
  result: z.input<typeof ModelResult>,
): Promise<string> {
  const valid = ModelResult.parse({ created: new Date().toISOString(), ...result });
  const path = `${dir}/models/${valid.model}.json`;
  await writeTextAtomic(path, JSON.stringify(valid, null, 2) + "\n");
  return path;
}

/** Result files read from a folder, and the files that could not be read, with the reason. */
export interface ReadResults {
  /** The result files that validated, one per model. */
  results: ModelResult[];
  /** Files left out, each with the reason. */
  problems: { file: string; reason: string }[];
}

/** Reads every `<dir>/models/*.json`; a missing folder gives no results and no problem. */
export async function readModelResults(dir: string): Promise<ReadResults> {
  const out: ReadResults = { results: [], problems: [] };
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(`${dir}/models`)];
  } catch {
    return out;
  }
  for (
    const e of entries.filter((e) => e.isFile && e.name.endsWith(".json")).sort((a, b) =>
      a.name.localeCompare(b.name)
    )
  ) {
    const file = `${dir}/models/${e.name}`;
    try {
      const parsed = ModelResult.safeParse(JSON.parse(await Deno.readTextFile(file)));
      if (parsed.success) out.results.push(parsed.data);
      else {
        const issue = parsed.error.issues[0];
        out.problems.push({ file, reason: `field ${issue.path.join(".")}: ${issue.message}` });
      }
    } catch (error) {
      out.problems.push({ file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

/** The note on a row of a model scored on other test rows than the baselines. */
export const OTHER_TEST_ROWS_NOTE = "scored on other test rows than the baselines";

/**
 * Summary rows of models scored outside the baselines' pool on the protocol's own folds (the CNN
 * trained in the k-fold's folds, cnn_folds.ts), with the protocol they were scored under.
 */
export interface ScoredRows {
  /** The protocol the rows were scored under. */
  protocol: Protocol;
  /** Rows in the comparison summary's columns (protocol.ts's summarizeScores). */
  summary: pl.DataFrame;
}

function sameProtocol(a: Protocol, b: Protocol): boolean {
  if (a.kind === "holdout" || b.kind === "holdout") return a.kind === b.kind;
  return a.folds === b.folds && a.seed === b.seed;
}

function protocolWords(p: Protocol): string {
  return p.kind === "holdout" ? "the 80/20 split" : `${p.folds} folds with seed ${p.seed}`;
}

/**
 * The summary with `rows` appended when they were scored under the same protocol kind; rows of
 * another kind are left out (they belong to the other table).
 *
 * @throws {RangeError} when the rows are of the same kind but other folds (count or seed): they
 *   would not compare with the baselines on the same rows.
 */
export function joinScoredRows(
  summary: pl.DataFrame,
  rows: ScoredRows | null | undefined,
  protocol: Protocol,
): pl.DataFrame {
  if (!rows || rows.protocol.kind !== protocol.kind || rows.summary.height === 0) return summary;
  if (!sameProtocol(rows.protocol, protocol)) {
    throw new RangeError(
      `expected rows scored on ${protocolWords(protocol)}; found rows scored on ${
        protocolWords(rows.protocol)
      }`,
    );
  }
  const extra = pl.DataFrame(
    summary.columns.map((c) =>
      pl.Series(
        c,
        rows.summary.columns.includes(c)
          ? rows.summary.getColumn(c).toArray()
          : new Array(rows.summary.height).fill(null),
        summary.getColumn(c).dtype,
      )
    ),
  );
  return pl.concat([summary, extra]);
}

/**
 * The summary table with the external results of the same protocol appended as rows (their
 * `notes` say where they come from, and flag different test rows when the hashes differ).
 *
 * @param summary a comparison summary (protocol.ts)
 * @param results external results; those of another protocol are left out
 * @param testHash hash of the comparison's test rows (hold-out only), to check against
 */
export function joinModelResults(
  summary: pl.DataFrame,
  results: readonly ModelResult[],
  protocol: Protocol,
  testHash?: string,
): pl.DataFrame {
  const same = results.filter((r) => r.protocol === protocol.kind);
  if (same.length === 0) return summary;
  const rows = same.map((r) => {
    const notes = [`from outputs (${r.model}.json)`, ...r.notes];
    if (testHash && r.test_tracks_sha256 && r.test_tracks_sha256 !== testHash) {
      notes.push(OTHER_TEST_ROWS_NOTE);
    } else if (testHash && !r.test_tracks_sha256) notes.push("test rows not identified");
    const row: Record<string, unknown> = {
      model: r.model,
      label: r.label ?? r.model,
      folds: r.folds,
      failed: 0,
      fit_s: r.metrics.fit_s,
      notes: notes.join("; "),
    };
    for (const m of METRICS) {
      row[m] = r.metrics[m];
      row[`${m}_sd`] = r.metrics_sd?.[m] ?? null;
    }
    return row;
  });
  const extra = pl.DataFrame(
    summary.columns.map((c) =>
      pl.Series(c, rows.map((r) => r[c] ?? null), summary.getColumn(c).dtype)
    ),
  );
  return pl.concat([summary, extra]);
}
