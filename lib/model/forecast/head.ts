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
 * // headForward(blas, layout, params, ws, metadata, batch, steps); // predictions in ws.outputs
 * ```
 * @module
 */
import type { OpenBlas } from "../backend/openblas.ts";
import { type ParameterLayout, slotValues } from "./parameters.ts";
import type { RecurrentWorkspace } from "./workspace.ts";

/** Runs the head on the last hidden state (row block `steps` of `ws.states`); fills `ws.outputs`. */
export function headForward(
  blas: OpenBlas,
  layout: ParameterLayout,
  params: Float32Array,
  ws: RecurrentWorkspace,
  metadata: Float32Array | null,
  batch: number,
  steps: number,
): void {
  const { hidden: H, metadata: M, headUnits: K, outputs: O } = layout.spec;
  const J = H + M;
  const joined = ws.joinedFeatures;
  const last = steps * batch * H;
  for (let i = 0; i < batch; i++) {
    for (let j = 0; j < H; j++) joined[i * J + j] = ws.states[last + i * H + j];
    for (let m = 0; m < M; m++) joined[i * J + H + m] = metadata![i * M + m];
  }
  let input = joined, width = J;
  if (layout.headKernel && layout.headBias) {
    const a = ws.headActivations, b1 = slotValues(params, layout.headBias);
    blas.sgemm(
      false,
      false,
      batch,
      K,
      J,
      1,
      joined,
      J,
      slotValues(params, layout.headKernel),
      K,
      0,
      a,
      K,
    );
    for (let i = 0; i < batch; i++) {
      for (let k = 0; k < K; k++) {
        const v = a[i * K + k] + b1[k];
        a[i * K + k] = v > 0 ? v : 0;
      }
    }
    input = a;
    width = K;
  }
  const out = ws.outputs, b2 = slotValues(params, layout.outBias);
  blas.sgemm(
    false,
    false,
    batch,
    O,
    width,
    1,
    input,
    width,
    slotValues(params, layout.outKernel),
    O,
    0,
    out,
    O,
  );
  for (let i = 0; i < batch; i++) for (let o = 0; o < O; o++) out[i * O + o] += b2[o];
}

/**
 * Backpropagates `ws.dOutputs` through the head: adds the head's gradients into `grads` and
 * leaves the gradient with respect to h_{L−1} in `ws.dh` (metadata get no gradient: they are
 * inputs).
 */
export function headBackward(
  blas: OpenBlas,
  layout: ParameterLayout,
  params: Float32Array,
  grads: Float32Array,
  ws: RecurrentWorkspace,
  batch: number,
): void {
  const { hidden: H, metadata: M, headUnits: K, outputs: O } = layout.spec;
  const J = H + M;
  const dOut = ws.dOutputs;
  const gb2 = slotValues(grads, layout.outBias);
  for (let i = 0; i < batch; i++) for (let o = 0; o < O; o++) gb2[o] += dOut[i * O + o];
  const dJoined = ws.dJoined;
  if (layout.headKernel && layout.headBias) {
    const a = ws.headActivations, dA = ws.dHead;
    blas.sgemm(
      true,
      false,
      K,
      O,
      batch,
      1,
      a,
      K,
      dOut,
      O,
      1,
      slotValues(grads, layout.outKernel),
      O,
    );
    blas.sgemm(
      false,
      true,
      batch,
      K,
      O,
      1,
      dOut,
      O,
      slotValues(params, layout.outKernel),
      O,
      0,
      dA,
      K,
    );
    const gb1 = slotValues(grads, layout.headBias);
    for (let i = 0; i < batch; i++) {
      for (let k = 0; k < K; k++) {
        if (a[i * K + k] <= 0) dA[i * K + k] = 0;
        gb1[k] += dA[i * K + k];
      }
    }
    blas.sgemm(
      true,
      false,
      J,
      K,
      batch,
      1,
      ws.joinedFeatures,
      J,
      dA,
      K,
      1,
      slotValues(grads, layout.headKernel),
      K,
    );
    blas.sgemm(
      false,
      true,
      batch,
      J,
      K,
      1,
      dA,
      K,
      slotValues(params, layout.headKernel),
      K,
      0,
      dJoined,
      J,
    );
  } else {
    blas.sgemm(
      true,
      false,
      J,
      O,
      batch,
      1,
      ws.joinedFeatures,
      J,
      dOut,
      O,
      1,
      slotValues(grads, layout.outKernel),
      O,
    );
    blas.sgemm(
      false,
      true,
      batch,
      J,
      O,
      1,
      dOut,
      O,
      slotValues(params, layout.outKernel),
      O,
      0,
      dJoined,
      J,
    );
  }
  for (let i = 0; i < batch; i++) {
    for (let j = 0; j < H; j++) ws.dh[i * H + j] = dJoined[i * J + j];
  }
}
