/**
 * The buffers one forward and backward pass of a recurrent forecaster needs for a batch of B
 * windows of L steps ({@link RecurrentBuffers}): time-major, so that step t of every window
 * is one contiguous B-row block. They are reused from batch to batch and grow when a larger
 * batch or a longer lookback comes.
 *
 * @example
 * ```ts
 * import { ensureBuffers } from "./buffers.ts";
 * const buf = ensureBuffers(null, { batch: 32, steps: 14, hidden: 16, gates: 4, joined: 16, headUnits: 0, outputs: 1 });
 * console.log(buf.gates.length); // 32 · 14 · 64
 * ```
 * @module
 */
import type { OpenBlas } from "../backend/openblas.ts";
import type { ParameterLayout } from "./parameters.ts";

/** Sizes the buffers are allocated for. */
export interface BufferSizes {
  batch: number;
  steps: number;
  hidden: number;
  gates: number;
  /** hidden + metadata features. */
  joined: number;
  headUnits: number;
  outputs: number;
}

/** The buffers (see the module's description); views of the right size per call. */
export interface RecurrentBuffers {
  size: BufferSizes;
  /** Gate pre-activations then activations, [L·B, G·H]. */
  gates: Float32Array;
  /** Hidden states h₋₁ = 0, h₀ … h_{L−1}, [(L+1)·B, H]. */
  states: Float32Array;
  /** LSTM cell states c₋₁ = 0, c₀ …, [(L+1)·B, H]. */
  cells: Float32Array;
  /** LSTM tanh(c_t), [L·B, H]. */
  tanhCells: Float32Array;
  /** GRU r_t ⊙ h_{t−1}, [L·B, H]. */
  resetStates: Float32Array;
  /** Gradients of the gate pre-activations, [L·B, G·H]. */
  dGates: Float32Array;
  /** Gradient flowing back through h and c, and a scratch row block, [B, H] each. */
  dh: Float32Array;
  dc: Float32Array;
  scratch: Float32Array;
  /** Head: joined features [B, J], ReLU activations [B, K], outputs [B, O] and their gradients. */
  joinedFeatures: Float32Array;
  headActivations: Float32Array;
  outputs: Float32Array;
  dOutputs: Float32Array;
  dHead: Float32Array;
  dJoined: Float32Array;
}

/** One pass of a recurrent layer over `x` ([steps·batch, inputs], time-major) into `buf`. */
export interface RecurrentPass {
  /** The BLAS the products run on. */
  blas: OpenBlas;
  /** Where each weight array lives in `params`. */
  layout: ParameterLayout;
  /** The flat parameters. */
  params: Float32Array;
  /** The batch's buffers. */
  buf: RecurrentBuffers;
  /** The inputs, time-major. */
  x: Float32Array;
  /** Windows in the batch. */
  batch: number;
  /** Steps per window (the lookback). */
  steps: number;
}

function fits(a: BufferSizes, b: BufferSizes): boolean {
  return a.batch >= b.batch && a.steps >= b.steps && a.hidden === b.hidden &&
    a.gates === b.gates && a.joined === b.joined && a.headUnits === b.headUnits &&
    a.outputs === b.outputs;
}

/** Returns `current` when it is large enough for `size`, else new, large enough buffers. */
export function ensureBuffers(
  current: RecurrentBuffers | null,
  size: BufferSizes,
): RecurrentBuffers {
  if (current && fits(current.size, size)) return current;
  const batch = Math.max(size.batch, current?.size.batch ?? 0);
  const steps = Math.max(size.steps, current?.size.steps ?? 0);
  const { hidden: h, gates: g, joined: j, headUnits: k, outputs: o } = size;
  const f = (n: number) => new Float32Array(n);
  return {
    size: { ...size, batch, steps },
    gates: f(steps * batch * g * h),
    states: f((steps + 1) * batch * h),
    cells: f((steps + 1) * batch * h),
    tanhCells: f(steps * batch * h),
    resetStates: f(steps * batch * h),
    dGates: f(steps * batch * g * h),
    dh: f(batch * h),
    dc: f(batch * h),
    scratch: f(batch * h),
    joinedFeatures: f(batch * j),
    headActivations: f(batch * Math.max(1, k)),
    outputs: f(batch * o),
    dOutputs: f(batch * o),
    dHead: f(batch * Math.max(1, k)),
    dJoined: f(batch * j),
  };
}
