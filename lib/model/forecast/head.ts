/**
 * The feed-forward head after the recurrent layer: the last hidden state h_{L−1}, joined with
 * the window's metadata features when the model has them (seed 003's multi-input model), then
 * an optional ReLU layer, then a linear output layer:
 *
 * ```
 * j = [h_{L−1}, metadata]       a = max(0, j·W₁ + b₁)   (when headUnits > 0)
 * ŷ = a·W₂ + b₂  (or j·W₂ + b₂ without the ReLU layer)
 * ```
 *
 * @example
 * ```ts
 * import { headForward } from "./head.ts";
 * // headForward(blas, layout, params, buf, metadata, batch, steps); // predictions in buf.outputs
 * ```
 * @module
 */
import type { OpenBlas } from "../backend/openblas.ts";
import { affineBackward, affineForward } from "./dense.ts";
import { type ParameterLayout, type ParameterSlot, slotValues } from "./parameters.ts";
import type { RecurrentBuffers } from "./buffers.ts";

/** Runs the head on the last hidden state (row block `steps` of `buf.states`); fills `buf.outputs`. */
export function headForward(
  blas: OpenBlas,
  layout: ParameterLayout,
  params: Float32Array,
  buf: RecurrentBuffers,
  metadata: Float32Array | null,
  batch: number,
  steps: number,
): void {
  const { hidden: H, metadata: M, headUnits: K, outputs: O } = layout.spec;
  const J = H + M;
  const joined = buf.joinedFeatures;
  const last = steps * batch * H;
  for (let i = 0; i < batch; i++) {
    for (let j = 0; j < H; j++) joined[i * J + j] = buf.states[last + i * H + j];
    for (let m = 0; m < M; m++) joined[i * J + H + m] = metadata![i * M + m];
  }
  let input = joined, width = J;
  if (layout.headKernel && layout.headBias) {
    const a = buf.headActivations;
    const W1 = slotValues(params, layout.headKernel), b1 = slotValues(params, layout.headBias);
    affineForward(blas, joined, W1, b1, a, batch, J, K);
    for (let i = 0; i < batch * K; i++) a[i] = a[i] > 0 ? a[i] : 0;
    input = a;
    width = K;
  }
  const W2 = slotValues(params, layout.outKernel), b2 = slotValues(params, layout.outBias);
  affineForward(blas, input, W2, b2, buf.outputs, batch, width, O);
}

/**
 * Backpropagates `buf.dOutputs` through the head: adds the head's gradients into `grads` and
 * leaves the gradient with respect to h_{L−1} in `buf.dh` (metadata get no gradient: they are
 * inputs).
 */
export function headBackward(
  blas: OpenBlas,
  layout: ParameterLayout,
  params: Float32Array,
  grads: Float32Array,
  buf: RecurrentBuffers,
  batch: number,
): void {
  const { hidden: H, metadata: M, headUnits: K } = layout.spec;
  const J = H + M;
  const dJoined = buf.dJoined;
  // one dense layer's gradients: its kernel's and bias's into `grads`, its input's into dx
  const dense = (
    kernel: ParameterSlot,
    bias: ParameterSlot,
    x: Float32Array,
    dy: Float32Array,
    dx: Float32Array,
  ) =>
    affineBackward(
      blas,
      x,
      dy,
      slotValues(params, kernel),
      slotValues(grads, kernel),
      slotValues(grads, bias),
      dx,
      batch,
      kernel.rows,
      kernel.cols,
    );
  if (layout.headKernel && layout.headBias) {
    const a = buf.headActivations, dA = buf.dHead;
    dense(layout.outKernel, layout.outBias, a, buf.dOutputs, dA);
    for (let i = 0; i < batch * K; i++) if (a[i] <= 0) dA[i] = 0;
    dense(layout.headKernel, layout.headBias, buf.joinedFeatures, dA, dJoined);
  } else {
    dense(layout.outKernel, layout.outBias, buf.joinedFeatures, buf.dOutputs, dJoined);
  }
  for (let i = 0; i < batch; i++) {
    for (let j = 0; j < H; j++) buf.dh[i * H + j] = dJoined[i * J + j];
  }
}
