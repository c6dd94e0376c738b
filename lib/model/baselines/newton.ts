/**
 * Newton's method with a backtracking line search, for the smooth (or piecewise-quadratic)
 * convex objectives of the linear baselines: L2-regularised logistic loss and squared hinge loss.
 * With tens of parameters the d × d Newton system is solved exactly (Cholesky), so the optimum is
 * reached in a handful of steps rather than approximated by a fixed number of gradient steps.
 *
 * @example
 * ```ts
 * import { newtonMinimize } from "./newton.ts";
 * // f(w) = (w − 3)², gradient 2(w − 3), Hessian 2
 * const { w } = newtonMinimize((w) => ({
 *   value: (w[0] - 3) ** 2,
 *   gradient: Float64Array.of(2 * (w[0] - 3)),
 *   hessian: Float64Array.of(2),
 * }), new Float64Array(1));
 * console.log(w[0]); // 3
 * ```
 * @module
 */
import { choleskySolve } from "./matrix.ts";

/** Value, gradient and (generalised) Hessian of an objective at a point. */
export interface Evaluation {
  /** The objective's value. */
  value: number;
  /** Its gradient, one entry per parameter. */
  gradient: Float64Array;
  /** Row-major d × d, symmetric positive definite. */
  hessian: Float64Array;
}

/** Options of {@link newtonMinimize}. */
export interface NewtonOptions {
  /** Most Newton steps; default 100. */
  maxIterations?: number;
  /**
   * Stop when the gradient's largest entry falls below this × its largest entry at the start
   * (at least × 1); default 1e-8.
   */
  gradientTolerance?: number;
  /** Stop when a full step changes no parameter by more than this × (1 + its size); default 1e-12. */
  stepTolerance?: number;
}

/** Where Newton's method stopped. */
export interface NewtonResult {
  /** The parameters where it stopped. */
  w: Float64Array;
  /** The objective's value there. */
  value: number;
  /** Newton steps taken. */
  iterations: number;
  /** Whether a tolerance was met before `maxIterations`. */
  converged: boolean;
}

/**
 * Minimises a convex objective from `w0` by Newton steps, halving a step until the objective
 * decreases (Armijo condition with constant 1e-4).
 *
 * @param evaluate value, gradient and Hessian at a point
 * @param w0 the starting point (not modified)
 */
export function newtonMinimize(
  evaluate: (w: Float64Array) => Evaluation,
  w0: Float64Array,
  options: NewtonOptions = {},
): NewtonResult {
  const { maxIterations = 100, gradientTolerance = 1e-8, stepTolerance = 1e-12 } = options;
  const d = w0.length;
  let w = Float64Array.from(w0);
  let current = evaluate(w);
  let scale = 1;
  for (const g of current.gradient) scale = Math.max(scale, Math.abs(g));
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let gmax = 0;
    for (const g of current.gradient) gmax = Math.max(gmax, Math.abs(g));
    if (gmax < gradientTolerance * scale) {
      return { w, value: current.value, iterations: iteration, converged: true };
    }
    const step = choleskySolve(current.hessian, current.gradient, d);
    let relative = 0;
    for (let j = 0; j < d; j++) {
      relative = Math.max(relative, Math.abs(step[j]) / (1 + Math.abs(w[j])));
    }
    if (relative < stepTolerance) {
      // The Newton step no longer moves the point: optimal up to rounding.
      return { w, value: current.value, iterations: iteration, converged: true };
    }
    let slope = 0;
    for (let j = 0; j < d; j++) slope -= step[j] * current.gradient[j];
    let t = 1;
    let next: Evaluation | null = null;
    let candidate = w;
    for (let halving = 0; halving < 50; halving++) {
      candidate = new Float64Array(d);
      for (let j = 0; j < d; j++) candidate[j] = w[j] - t * step[j];
      const trial = evaluate(candidate);
      if (trial.value <= current.value + 1e-4 * t * slope) {
        next = trial;
        break;
      }
      t /= 2;
    }
    if (next === null) {
      // No decrease along the Newton direction: we sit at the optimum up to rounding.
      return { w, value: current.value, iterations: iteration, converged: true };
    }
    w = candidate;
    current = next;
  }
  return { w, value: current.value, iterations: maxIterations, converged: false };
}
