import { GaussianNaiveBayes } from "../../../lib/model/baselines/naive_bayes.ts";
import { SKLEARN_FIXTURE } from "./sklearn_fixture.ts";
import { close, Q, X, y } from "./helpers.ts";

Deno.test("Gaussian naive Bayes' probabilities equal scikit-learn's", () => {
  const nb = new GaussianNaiveBayes();
  nb.fit(X, y);
  close(nb.predictProba(Q), SKLEARN_FIXTURE.gaussian_nb.proba, 1e-9, "proba");
});
