/**
 * Exports the exact table a comparison scored — features, raw target, 0/1 label, the 80/20
 * split as `train` / `test` and, when given, each row's k-fold test fold — as CSV with a JSON description beside it, so anyone can re-score
 * the same rows elsewhere, for instance with scikit-learn:
 *
 * ```sh
 * /usr/bin/python3 ../shared/bench/sklearn_reference.py outputs/results/<dataset>/holdout_table.csv \
 *   --label label --features danceability,energy,… --split-col split
 * ```
 *
 * @example
 * ```ts
 * import { exportComparisonTable } from "./export.ts";
 * // const { csv, command } = await exportComparisonTable(table, "outputs/results/hit-predictor");
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { writeTextAtomic } from "../../data/atomic.ts";
import type { Fold } from "../../data/split.ts";
import type { ComparisonTable } from "./table.ts";

/** Where the export went and how to re-score it. */
export interface ExportedTable {
  /** The CSV: track_id, artist_id, the features, the raw target, label, split. */
  csv: string;
  /** The JSON description beside it. */
  description: string;
  /** A command line for ../shared/bench/sklearn_reference.py on this file. */
  command: string;
}

/**
 * The table as a DataFrame, in the exported column order; with `folds`, a `fold` column gives
 * the k-fold test fold (0-based) of every row.
 */
export function comparisonFrame(table: ComparisonTable, folds?: readonly Fold[]): pl.DataFrame {
  const { X, features } = table;
  const columns = features.map((f, j) => {
    const values = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) values[i] = X.data[i * X.cols + j];
    return pl.Series(f, values, pl.Float64);
  });
  const targetName = ["label", "split", "track_id", "artist_id"].includes(table.targetColumn)
    ? `target_${table.targetColumn}`
    : table.targetColumn;
  return pl.DataFrame([
    pl.Series("track_id", table.trackIds, pl.Utf8),
    pl.Series("artist_id", table.artistIds, pl.Utf8),
    ...columns,
    pl.Series(targetName, table.target, pl.Float64),
    pl.Series("label", Array.from(table.y), pl.Int64),
    pl.Series("split", table.holdout, pl.Utf8),
    ...(folds ? [pl.Series("fold", testFoldOf(folds, X.rows), pl.Int64)] : []),
  ]);
}

function testFoldOf(folds: readonly Fold[], rows: number): number[] {
  const fold = new Array<number>(rows).fill(-1);
  folds.forEach((f, k) => f.test.forEach((i) => (fold[i] = k)));
  return fold;
}

/**
 * Writes `<dir>/holdout_table.csv` and `<dir>/holdout_table.json` (atomically).
 *
 * @param table the comparison table
 * @param dir the results folder, e.g. `outputs/results/<dataset>`
 * @param options `reference`: the path of sklearn_reference.py shown in the command (default
 *   `../shared/bench/sklearn_reference.py`); `folds`: the k-fold folds, exported as a `fold` column
 */
export async function exportComparisonTable(
  table: ComparisonTable,
  dir: string,
  options: { reference?: string; folds?: readonly Fold[] } = {},
): Promise<ExportedTable> {
  await Deno.mkdir(dir, { recursive: true });
  const csv = `${dir}/holdout_table.csv`;
  const description = `${dir}/holdout_table.json`;
  await writeTextAtomic(csv, comparisonFrame(table, options.folds).writeCSV().toString());
  const reference = options.reference ?? "../shared/bench/sklearn_reference.py";
  const command = `/usr/bin/python3 ${reference} ${csv} --label label --features ${
    table.features.join(",")
  } --split-col split`;
  const train = table.holdout.filter((p) => p === "train").length;
  await writeTextAtomic(
    description,
    JSON.stringify(
      {
        dataset: table.dataset,
        rows: table.X.rows,
        train_rows: train,
        test_rows: table.X.rows - train,
        features: table.features,
        target: table.targetColumn,
        label: "label",
        label_rule: table.labelRule,
        threshold: table.threshold,
        split_column: "split",
        split_rule: "artist-grouped 80/20: the workspace's test artists are `test`; its " +
          "training and validation artists are `train`",
        fold_column: options.folds
          ? `fold: the artist-grouped k-fold test fold of each row (0 … ${
            options.folds.length - 1
          })`
          : null,
        dropped_features: table.droppedFeatures,
        excluded_rows: table.excludedRows,
        missing_by_column: table.missingByColumn,
        command,
        created: new Date().toISOString(),
      },
      null,
      2,
    ) + "\n",
  );
  return { csv, description, command };
}
