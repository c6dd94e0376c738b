/**
 * The table every model of the comparison is scored on: the numeric features of the
 * consolidated tracks table, a 0/1 label, the artist of every row (for grouped folds) and the
 * paper's 80/20 artist split, with every row and column left out counted and explained.
 *
 * "Features" are the columns of X (the usual sense): not audio descriptors, not encoder inputs.
 *
 * The label: a binary target (hit-predictor's `target`) is used as is; a popularity target
 * (0–100) is 1 at or above the configured popularity threshold; any other regression target
 * (spotify-2023's `streams`) uses the dataset's threshold if it has one, else the median of the
 * training rows of the 80/20 split — so half the training tracks count as popular, and the test
 * rows play no part in defining the label.
 *
 * The 80/20 split is the workspace's artist-grouped split (lib/data/split.ts) with its validation
 * artists counted as training: the paper trained on 80 % of the artists and tested on 20 %.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { prepareDataset } from "../../data/load.ts";
 * import { comparisonTable } from "./table.ts";
 * const config = loadConfig();
 * const table = comparisonTable(await prepareDataset(config), {
 *   popularityThreshold: config.dataset.popularityThreshold,
 * });
 * console.log(table.features, table.labelRule, table.X.rows);
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { consolidated, type Dataset } from "../../data/dataset.ts";
import type { Matrix } from "../../model/baselines/matrix.ts";
import { columnFlags, numericColumns } from "../eda/columns.ts";

/** The rows, features and labels of a comparison. */
export interface ComparisonTable {
  /** Dataset name. */
  dataset: string;
  /** Feature columns, in the order of X's columns. */
  features: string[];
  /** Raw (unstandardised) features, rows × features. */
  X: Matrix;
  /** 0/1 label per row. */
  y: Uint8Array;
  /** The target column and its raw value per row (popularity, streams, or the 0/1 label). */
  targetColumn: string;
  /** The raw target per row, in the units of `targetColumn`. */
  target: Float64Array;
  /** Whether the raw target is a score (regression) or already 0/1 (binary). */
  targetKind: "regression" | "binary";
  /** Value at or above which a row is labelled 1; null for a binary target. */
  threshold: number | null;
  /** How the label was made, in words. */
  labelRule: string;
  /** Track id of every row, in row order. */
  trackIds: string[];
  /** Artist of every row: the groups of grouped k-fold. */
  artistIds: string[];
  /** The paper's 80/20 artist split of every row. */
  holdout: ("train" | "test")[];
  /** Candidate features left out, with the reason. */
  droppedFeatures: { feature: string; reason: string }[];
  /** Rows left out because a feature or the target was missing. */
  excludedRows: number;
  /** Per column: rows in which it was the (or a) missing value. */
  missingByColumn: Record<string, number>;
}

/** Options of {@link comparisonTable}. */
export interface ComparisonTableOptions {
  /** Feature columns; default every usable numeric column (see the module notes). */
  features?: readonly string[];
  /** Columns never used as features, besides identifiers and the target. */
  exclude?: readonly string[];
  /** Threshold of a `track_popularity` target (0–100); default the dataset's, else 50. */
  popularityThreshold?: number;
  /**
   * A column missing in more than this share of rows is dropped from the features (rather than
   * dropping those rows); default 0.05. Rows still missing a feature are then excluded.
   */
  maxMissingShare?: number;
}

/** Raised when the dataset cannot give a comparison table; says what was expected and found. */
export class ComparisonTableError extends Error {
  /** Creates the error; `message` says what was expected and what was found. */
  constructor(message: string) {
    super(message);
    this.name = "ComparisonTableError";
  }
}

/** Columns that describe how a track was sampled rather than the track, never features. */
const PROTOCOL_COLUMNS: readonly string[] = ["is_top_track"];

/**
 * Builds the {@link ComparisonTable} of a prepared dataset.
 *
 * @param prepared the dataset and its split (from prepareDataset, lib/data/load.ts)
 * @throws {ComparisonTableError} when no feature is usable, no row is complete or a binary target
 *   holds another value than 0 or 1.
 */
export function comparisonTable(
  prepared: { dataset: Dataset; split: pl.DataFrame },
  options: ComparisonTableOptions = {},
): ComparisonTable {
  const { dataset } = prepared;
  const targetColumn = dataset.target.column;
  const joined = consolidated(dataset).join(
    prepared.split.select("track_id", pl.col("split").alias("__split")),
    { on: "track_id", how: "left" },
  );
  if (!joined.columns.includes(targetColumn)) {
    throw new ComparisonTableError(
      `expected the target column "${targetColumn}" in ${dataset.name}; found ${
        joined.columns.join(", ")
      }`,
    );
  }
  const dropped: { feature: string; reason: string }[] = [];
  let features: string[];
  if (options.features) {
    const unknown = options.features.filter((f) => !joined.columns.includes(f));
    if (unknown.length > 0) {
      throw new ComparisonTableError(
        `expected feature columns of ${dataset.name}; found no column ${unknown.join(", ")}`,
      );
    }
    features = [...options.features];
  } else {
    const candidates = numericColumns(joined, {
      exclude: [targetColumn, "__split", ...PROTOCOL_COLUMNS, ...(options.exclude ?? [])],
    });
    const flags = new Map(columnFlags(joined, candidates).map((f) => [f.column, f]));
    const maxMissing = options.maxMissingShare ?? 0.05;
    const nulls = joined.select(...candidates.map((c) => pl.col(c).nullCount())).toRecords()[0] ??
      {};
    features = [];
    for (const c of candidates) {
      const flag = flags.get(c);
      const share = Number(nulls[c] ?? 0) / Math.max(joined.height, 1);
      if (flag) dropped.push({ feature: c, reason: `${flag.flag}: ${flag.detail}` });
      else if (share > maxMissing) {
        dropped.push({
          feature: c,
          reason: `missing in ${(100 * share).toFixed(1)} % of rows (more than ${
            (100 * maxMissing).toFixed(0)
          } %)`,
        });
      } else features.push(c);
    }
  }
  if (features.length === 0) {
    throw new ComparisonTableError(
      `expected at least one usable numeric feature in ${dataset.name}; found none (${
        dropped.map((d) => `${d.feature}: ${d.reason}`).join("; ")
      })`,
    );
  }
  const needed = [...features, targetColumn];
  const missingByColumn: Record<string, number> = {};
  const nullCounts = joined.select(...needed.map((c) => pl.col(c).nullCount())).toRecords()[0];
  for (const c of needed) {
    const n = Number(nullCounts[c] ?? 0);
    if (n > 0) missingByColumn[c] = n;
  }
  const complete = joined.filter(
    needed.map((c) => pl.col(c).isNotNull()).reduce((a, b) => a.and(b)),
  );
  if (complete.height === 0) {
    throw new ComparisonTableError(
      `expected rows with every feature and the target present in ${dataset.name}; found none`,
    );
  }
  const target = Float64Array.from(complete.getColumn(targetColumn).cast(pl.Float64).toArray());
  const holdout = (complete.getColumn("__split").toArray() as (string | null)[]).map((s) =>
    s === "test" ? "test" as const : "train" as const
  );
  const { threshold, rule } = labelRule(dataset, target, holdout, options.popularityThreshold);
  const y = new Uint8Array(target.length);
  for (let i = 0; i < target.length; i++) {
    if (threshold === null) {
      if (target[i] !== 0 && target[i] !== 1) {
        throw new ComparisonTableError(
          `expected a binary target ${targetColumn} of 0 or 1; found ${target[i]} in row ${i}`,
        );
      }
      y[i] = target[i];
    } else y[i] = target[i] >= threshold ? 1 : 0;
  }
  const cols = features.length;
  const data = new Float64Array(complete.height * cols);
  features.forEach((f, j) => {
    const values = complete.getColumn(f).cast(pl.Float64).toArray() as number[];
    for (let i = 0; i < values.length; i++) data[i * cols + j] = values[i];
  });
  return {
    dataset: dataset.name,
    features,
    X: { data, rows: complete.height, cols },
    y,
    targetColumn,
    target,
    targetKind: dataset.target.kind,
    threshold,
    labelRule: rule,
    trackIds: complete.getColumn("track_id").toArray() as string[],
    artistIds: complete.getColumn("artist_id").toArray() as string[],
    holdout,
    droppedFeatures: dropped,
    excludedRows: joined.height - complete.height,
    missingByColumn,
  };
}

function labelRule(
  dataset: Dataset,
  target: Float64Array,
  holdout: readonly ("train" | "test")[],
  popularityThreshold: number | undefined,
): { threshold: number | null; rule: string } {
  const column = dataset.target.column;
  if (dataset.target.kind === "binary") {
    return { threshold: null, rule: `${column} as given (1 = positive)` };
  }
  if (column === "track_popularity") {
    const t = popularityThreshold ?? dataset.target.threshold ?? 50;
    return {
      threshold: t,
      rule: `${column} ≥ ${t} (popularity threshold${
        popularityThreshold === undefined ? " of the dataset" : ", configured"
      })`,
    };
  }
  if (dataset.target.threshold !== null) {
    return {
      threshold: dataset.target.threshold,
      rule: `${column} ≥ ${dataset.target.threshold} (the dataset's threshold)`,
    };
  }
  const train = target.filter((_, i) => holdout[i] === "train");
  const median = pl.Series(train.length > 0 ? train : target).median();
  return {
    threshold: median,
    rule: `${column} ≥ ${
      median.toLocaleString("en", { maximumFractionDigits: 2 })
    } (the median of the training rows of the 80/20 split; the dataset defines no threshold)`,
  };
}
