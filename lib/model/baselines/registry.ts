/**
 * The twelve baselines of the model comparison by name, each behind a {@link Standardized}
 * pipeline, with the hyper-parameters of `../shared/bench/sklearn_reference.py` (scikit-learn 1.2
 * defaults unless named) so both sides score the same models. Names are the reference script's.
 *
 * @example
 * ```ts
 * import { BASELINE_NAMES, createBaseline } from "./registry.ts";
 * const model = createBaseline("logreg"); // StandardScaler → LogisticRegression(C = 1)
 * console.log(BASELINE_NAMES.length); // 12
 * ```
 * @module
 */
import { GradientBoosting } from "./boosting.ts";
import { LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis } from "./discriminant.ts";
import { MajorityClass } from "./dummy.ts";
import type { Classifier } from "./estimator.ts";
import { RandomForest } from "./forest.ts";
import { KNearestNeighbors } from "./knn.ts";
import { LinearSVM } from "./linear_svm.ts";
import { LogisticRegression } from "./logistic.ts";
import { MultilayerPerceptron } from "./mlp.ts";
import { GaussianNaiveBayes } from "./naive_bayes.ts";
import { RbfSVM } from "./rbf_svm.ts";
import { Standardized } from "./standardize.ts";
import { DecisionTree } from "./tree.ts";

/** Names of the baselines, in the order of the comparison table. */
export const BASELINE_NAMES = [
  "dummy",
  "logreg",
  "linear_svm",
  "rbf_svm",
  "lda",
  "qda",
  "gaussian_nb",
  "decision_tree",
  "random_forest",
  "gbt",
  "knn",
  "mlp",
] as const;

/** One baseline name. */
export type BaselineName = typeof BASELINE_NAMES[number];

/** Settings shared by every baseline. */
export interface BaselineSettings {
  /** Seed of every random choice (bootstrap, initial weights, hold-outs); default 0. */
  seed?: number;
  /** RBF SVM learns from at most this many rows (stratified subset); default Infinity. */
  rbfSvmMaxRows?: number;
}

/** What a baseline is, for tables and notebooks. */
export interface BaselineSpec {
  /** The baseline's name in configuration and result files. */
  name: BaselineName;
  /** Human-readable name. */
  label: string;
  /** Hyper-parameters and any departure from the scikit-learn reference. */
  details: string;
  /** Builds an unfitted model with the given seed and row cap. */
  create(settings: Required<BaselineSettings>): Classifier;
}

/** Every baseline's description and factory (the model without its standardisation step). */
export const BASELINES: Readonly<Record<BaselineName, BaselineSpec>> = {
  dummy: {
    name: "dummy",
    label: "Majority class",
    details: "predicts the training majority class for every row",
    create: () => new MajorityClass(),
  },
  logreg: {
    name: "logreg",
    label: "Logistic regression",
    details: "L2, C = 1, intercept not penalised; Newton's method to the exact optimum",
    create: () => new LogisticRegression({ C: 1 }),
  },
  linear_svm: {
    name: "linear_svm",
    label: "Linear SVM",
    details: "squared hinge loss, L2 on weights and intercept, C = 1 (LinearSVC); primal Newton",
    create: () => new LinearSVM({ C: 1 }),
  },
  rbf_svm: {
    name: "rbf_svm",
    label: "RBF SVM",
    details: "C = 1, γ = 1/(d·Var X); SMO with libsvm's working-set selection, tolerance 1e-3",
    create: (s) =>
      new RbfSVM({ C: 1, gamma: "scale", maxTrainingRows: s.rbfSvmMaxRows, seed: s.seed }),
  },
  lda: {
    name: "lda",
    label: "LDA",
    details: "pooled covariance, class-frequency priors",
    create: () => new LinearDiscriminantAnalysis(),
  },
  qda: {
    name: "qda",
    label: "QDA",
    details: "one covariance per class, no regularisation",
    create: () => new QuadraticDiscriminantAnalysis(),
  },
  gaussian_nb: {
    name: "gaussian_nb",
    label: "Gaussian naive Bayes",
    details: "variance smoothing 1e-9 × the largest variance",
    create: () => new GaussianNaiveBayes(),
  },
  decision_tree: {
    name: "decision_tree",
    label: "Decision tree",
    details: "CART, Gini, max depth 8, exact thresholds",
    create: (s) => new DecisionTree({ maxDepth: 8, seed: s.seed }),
  },
  random_forest: {
    name: "random_forest",
    label: "Random forest",
    details:
      "200 trees, bootstrap, √d features per split, full depth; thresholds on 255 quantile bins",
    create: (s) => new RandomForest({ trees: 200, seed: s.seed }),
  },
  gbt: {
    name: "gbt",
    label: "Gradient-boosted trees",
    details: "histogram GBT: 100 iterations, rate 0.1, 31 leaves, ≥ 20 rows per leaf, 255 bins, " +
      "early stopping above 10,000 rows",
    create: (s) => new GradientBoosting({ seed: s.seed }),
  },
  knn: {
    name: "knn",
    label: "k-nearest neighbours",
    details: "k = 15, Euclidean, uniform weights, exact search",
    create: () => new KNearestNeighbors({ k: 15 }),
  },
  mlp: {
    name: "mlp",
    label: "MLP",
    details: "64-32 ReLU, Adam 1e-3, batch 200, α 1e-4, early stopping on a 10 % hold-out",
    create: (s) => new MultilayerPerceptron({ hidden: [64, 32], seed: s.seed }),
  },
};

/** Raised for a baseline name that does not exist; lists the known ones. */
export class UnknownBaselineError extends Error {
  /** Names the unknown baseline and lists the known ones. */
  constructor(name: string) {
    super(`expected a baseline among ${BASELINE_NAMES.join(", ")}; found ${JSON.stringify(name)}`);
    this.name = "UnknownBaselineError";
  }
}

/** Whether `name` is a baseline name. */
function isBaselineName(name: string): name is BaselineName {
  return (BASELINE_NAMES as readonly string[]).includes(name);
}

/**
 * Parses a comma-separated list of baseline names, or `all`.
 *
 * @throws {UnknownBaselineError} for a name that is not a baseline.
 */
export function parseBaselineNames(text: string): BaselineName[] {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === "all") return [...BASELINE_NAMES];
  return trimmed.split(",").map((s) => {
    const name = s.trim();
    if (!isBaselineName(name)) throw new UnknownBaselineError(name);
    return name;
  });
}

/** A new, unfitted baseline: standardisation fitted inside `fit`, then the model. */
export function createBaseline(name: BaselineName, settings: BaselineSettings = {}): Classifier {
  const spec = (BASELINES as Record<string, BaselineSpec | undefined>)[name];
  if (!spec) throw new UnknownBaselineError(name);
  return new Standardized(
    spec.create({ seed: settings.seed ?? 0, rbfSvmMaxRows: settings.rbfSvmMaxRows ?? Infinity }),
  );
}
