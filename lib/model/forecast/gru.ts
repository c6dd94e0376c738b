/**
 * The GRU layer's forward pass and its backpropagation through time, over a time-major batch
 * (see ./buffers.ts). Gates in the order z, r, h, with the reset gate applied before the
 * recurrent product (Cho et al. 2014; tfjs's and Keras's `resetAfter: false`):
 *
 * ```
 * z = σ(x_t·W_z + h_{t−1}·U_z + b_z)      r = σ(x_t·W_r + h_{t−1}·U_r + b_r)
 * ĥ = tanh(x_t·W_h + (r ⊙ h_{t−1})·U_h + b_h)
 * h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ           (h₋₁ = 0)
 * ```
 *
 * @example
 * ```ts
 * import { gruForward } from "./gru.ts";
 * // gruForward({ blas, layout, params, buf, x, batch, steps }); // h_{L−1} is in buf.states
 * ```
 * @module
 */
import { sigmoid, tanh } from "./activations.ts";
import { affineBackward, affineForward } from "./dense.ts";
import { recurrentWeights } from "./parameters.ts";
import type { RecurrentPass } from "./buffers.ts";

/**
 * Runs the layer over `x` ([steps·batch, inputs], time-major) and leaves every step's gates,
 * r ⊙ h_{t−1} and hidden states in `buf` (h_{L−1} at rows steps·batch … of `buf.states`).
 */
export function gruForward(pass: RecurrentPass): void {
  const { blas, layout, params, buf, x, batch, steps } = pass;
  const { hidden: H, inputs: F, width: GH, W, U, b } = recurrentWeights(layout, params);
  const gates = buf.gates, states = buf.states, rh = buf.resetStates;
  affineForward(blas, x, W, b, gates, steps * batch, F, GH);
  states.fill(0, 0, batch * H);
  const uh = U.subarray(2 * H);
  for (let t = 0; t < steps; t++) {
    const g0 = t * batch * GH;
    const gt = gates.subarray(g0, g0 + batch * GH);
    const prev = t * batch * H, next = (t + 1) * batch * H;
    const hPrev = states.subarray(prev);
    blas.sgemm(false, false, batch, 2 * H, H, 1, hPrev, H, U, GH, 1, gt, GH);
    for (let i = 0; i < batch; i++) {
      const go = i * GH, so = i * H;
      for (let j = 0; j < H; j++) {
        gt[go + j] = sigmoid(gt[go + j]);
        const r = sigmoid(gt[go + H + j]);
        gt[go + H + j] = r;
        rh[prev + so + j] = r * states[prev + so + j];
      }
    }
    const rhPrev = rh.subarray(prev), candidates = gt.subarray(2 * H);
    blas.sgemm(false, false, batch, H, H, 1, rhPrev, H, uh, GH, 1, candidates, GH);
    for (let i = 0; i < batch; i++) {
      const go = i * GH, so = i * H;
      for (let j = 0; j < H; j++) {
        const cand = tanh(gt[go + 2 * H + j]);
        gt[go + 2 * H + j] = cand;
        const z = gt[go + j];
        states[next + so + j] = z * states[prev + so + j] + (1 - z) * cand;
      }
    }
  }
}

/**
 * Backpropagates `buf.dh` (the loss gradient with respect to h_{L−1}) through all steps and
 * adds the gradients of W, U and b into `grads` (same layout as the parameters).
 */
export function gruBackward(pass: RecurrentPass, grads: Float32Array): void {
  const { blas, layout, params, buf, x, batch, steps } = pass;
  const { hidden: H, inputs: F, width: GH, W, U } = recurrentWeights(layout, params);
  const uh = U.subarray(2 * H);
  const gates = buf.gates, states = buf.states, rh = buf.resetStates, dG = buf.dGates;
  const dh = buf.dh, dPrev = buf.dc, dRh = buf.scratch;
  for (let t = steps - 1; t >= 0; t--) {
    const g0 = t * batch * GH, prev = t * batch * H;
    for (let i = 0; i < batch; i++) {
      const go = g0 + i * GH, so = i * H;
      for (let j = 0; j < H; j++) {
        const z = gates[go + j], cand = gates[go + 2 * H + j];
        const hp = states[prev + so + j];
        const d = dh[so + j];
        dG[go + 2 * H + j] = d * (1 - z) * (1 - cand * cand);
        dG[go + j] = d * (hp - cand) * z * (1 - z);
        dPrev[so + j] = d * z;
      }
    }
    const dgt = dG.subarray(g0);
    blas.sgemm(false, true, batch, H, H, 1, dgt.subarray(2 * H), GH, uh, GH, 0, dRh, H);
    for (let i = 0; i < batch; i++) {
      const go = g0 + i * GH, so = i * H;
      for (let j = 0; j < H; j++) {
        const r = gates[go + H + j];
        const hp = states[prev + so + j];
        dG[go + H + j] = dRh[so + j] * hp * r * (1 - r);
        dPrev[so + j] += dRh[so + j] * r;
      }
    }
    if (t > 0) {
      blas.sgemm(false, true, batch, H, 2 * H, 1, dgt, GH, U, GH, 1, dPrev, H);
      dh.set(dPrev.subarray(0, batch * H));
    }
  }
  const rows = steps * batch, g = recurrentWeights(layout, grads);
  affineBackward(blas, x, dG, W, g.W, g.b, null, rows, F, GH);
  blas.sgemm(true, false, H, 2 * H, rows, 1, states, H, dG, GH, 1, g.U, GH);
  blas.sgemm(true, false, H, H, rows, 1, rh, H, dG.subarray(2 * H), GH, 1, g.U.subarray(2 * H), GH);
}
