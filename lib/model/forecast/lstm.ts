/**
 * The LSTM layer's forward pass and its backpropagation through time, over a time-major batch
 * (see ./buffers.ts). With σ the logistic function and gates in the order i, f, g, o:
 *
 * ```
 * [zi zf zg zo] = x_t·W + h_{t−1}·U + b
 * i = σ(zi)  f = σ(zf)  g = tanh(zg)  o = σ(zo)
 * c_t = f ⊙ c_{t−1} + i ⊙ g            h_t = o ⊙ tanh(c_t)        (h₋₁ = c₋₁ = 0)
 * ```
 *
 * The input projection of all steps is one matrix product before the recurrence, and the
 * kernel gradients are one product each after it; only h_{t−1}·U and its gradient run per step.
 *
 * @example
 * ```ts
 * import { lstmForward } from "./lstm.ts";
 * // lstmForward({ blas, layout, params, buf, x, batch, steps }); // h_{L−1} is in buf.states
 * ```
 * @module
 */
import { sigmoid, tanh } from "./activations.ts";
import { affineBackward, affineForward } from "./dense.ts";
import { recurrentWeights } from "./parameters.ts";
import type { RecurrentPass } from "./buffers.ts";

/**
 * Runs the layer over `x` ([steps·batch, inputs], time-major) and leaves every step's gates,
 * cell and hidden states in `buf` (h_{L−1} at rows steps·batch … of `buf.states`).
 */
export function lstmForward(pass: RecurrentPass): void {
  const { blas, layout, params, buf, x, batch, steps } = pass;
  const { hidden: H, inputs: F, width: GH, W, U, b } = recurrentWeights(layout, params);
  const gates = buf.gates, states = buf.states, cells = buf.cells, tc = buf.tanhCells;
  affineForward(blas, x, W, b, gates, steps * batch, F, GH);
  states.fill(0, 0, batch * H);
  cells.fill(0, 0, batch * H);
  for (let t = 0; t < steps; t++) {
    const g0 = t * batch * GH;
    const gt = gates.subarray(g0, g0 + batch * GH);
    blas.sgemm(false, false, batch, GH, H, 1, states.subarray(t * batch * H), H, U, GH, 1, gt, GH);
    const prev = t * batch * H, next = (t + 1) * batch * H;
    for (let i = 0; i < batch; i++) {
      const go = i * GH, so = i * H;
      for (let j = 0; j < H; j++) {
        const ig = sigmoid(gt[go + j]);
        const fg = sigmoid(gt[go + H + j]);
        const cg = tanh(gt[go + 2 * H + j]);
        const og = sigmoid(gt[go + 3 * H + j]);
        gt[go + j] = ig;
        gt[go + H + j] = fg;
        gt[go + 2 * H + j] = cg;
        gt[go + 3 * H + j] = og;
        const c = fg * cells[prev + so + j] + ig * cg;
        const tcv = tanh(c);
        cells[next + so + j] = c;
        tc[prev + so + j] = tcv; // tanh(c_t) of step t sits at rows t·B…
        states[next + so + j] = og * tcv;
      }
    }
  }
}

/**
 * Backpropagates `buf.dh` (the loss gradient with respect to h_{L−1}) through all steps and
 * adds the gradients of W, U and b into `grads` (same layout as the parameters).
 */
export function lstmBackward(pass: RecurrentPass, grads: Float32Array): void {
  const { blas, layout, params, buf, x, batch, steps } = pass;
  const { hidden: H, inputs: F, width: GH, W, U } = recurrentWeights(layout, params);
  const gates = buf.gates, cells = buf.cells, tc = buf.tanhCells, dG = buf.dGates;
  const dh = buf.dh, dc = buf.dc;
  dc.fill(0, 0, batch * H);
  for (let t = steps - 1; t >= 0; t--) {
    const g0 = t * batch * GH, prev = t * batch * H;
    for (let i = 0; i < batch; i++) {
      const go = g0 + i * GH, so = i * H;
      for (let j = 0; j < H; j++) {
        const ig = gates[go + j], fg = gates[go + H + j];
        const cg = gates[go + 2 * H + j], og = gates[go + 3 * H + j];
        const tcv = tc[prev + so + j];
        const dhv = dh[so + j];
        const dcv = dc[so + j] + dhv * og * (1 - tcv * tcv);
        dG[go + j] = dcv * cg * ig * (1 - ig);
        dG[go + H + j] = dcv * cells[prev + so + j] * fg * (1 - fg);
        dG[go + 2 * H + j] = dcv * ig * (1 - cg * cg);
        dG[go + 3 * H + j] = dhv * tcv * og * (1 - og);
        dc[so + j] = dcv * fg;
      }
    }
    if (t > 0) {
      blas.sgemm(false, true, batch, H, GH, 1, dG.subarray(g0), GH, U, GH, 0, dh, H);
    }
  }
  const rows = steps * batch, g = recurrentWeights(layout, grads);
  affineBackward(blas, x, dG, W, g.W, g.b, null, rows, F, GH);
  blas.sgemm(true, false, H, GH, rows, 1, buf.states, H, dG, GH, 1, g.U, GH);
}
