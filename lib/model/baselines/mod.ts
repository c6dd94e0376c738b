/**
 * Classical baselines on tabular features, all under one contract ({@link Classifier}: fit,
 * predict, predictProba or decisionFunction) and each behind a standardisation step fitted on the
 * training rows only. Every model is written here in TypeScript and tested; each file says which
 * scikit-learn estimator it follows and where it departs from it.
 *
 * - estimator.ts, matrix.ts, standardize.ts — the contract, matrices, the pipeline step
 * - dummy.ts — majority class
 * - linear.ts, logistic.ts, linear_svm.ts (with newton.ts) — linear models solved exactly: one
 *   Newton fit of a margin loss, the log loss or the squared hinge
 * - rbf_svm.ts — kernel SVM (SMO)
 * - discriminant.ts, naive_bayes.ts (with class_moments.ts) — Gaussian classifiers
 * - tree.ts, forest.ts, boosting.ts (with binning.ts) — trees and ensembles
 * - knn.ts, mlp.ts — nearest neighbours and a small neural network
 * - sampling.ts — stratified hold-outs and subsets
 * - registry.ts — the twelve baselines by name, as the scikit-learn reference configures them
 *
 * @example
 * ```ts
 * import { createBaseline, matrix } from "./mod.ts";
 * const model = createBaseline("random_forest", { seed: 1 });
 * model.fit(matrix([[0], [1], [2], [3]]), Uint8Array.of(0, 0, 1, 1));
 * console.log(model.predict(matrix([[2.5]])));
 * ```
 * @module
 */
export * from "./estimator.ts";
export * from "./matrix.ts";
export * from "./standardize.ts";
export * from "./newton.ts";
export * from "./sampling.ts";
export * from "./dummy.ts";
export * from "./linear.ts";
export * from "./logistic.ts";
export * from "./linear_svm.ts";
export * from "./rbf_svm.ts";
export * from "./class_moments.ts";
export * from "./discriminant.ts";
export * from "./naive_bayes.ts";
export * from "./binning.ts";
export * from "./tree.ts";
export * from "./forest.ts";
export * from "./boosting.ts";
export * from "./knn.ts";
export * from "./mlp.ts";
export * from "./registry.ts";
