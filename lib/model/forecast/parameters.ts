/**
 * The weights of a recurrent forecaster in one flat `Float32Array`, with named views
 * ({@link ParameterLayout}), and their initialisation as in Keras: Glorot-uniform input and
 * dense kernels, orthogonal recurrent kernels (one H × H block per gate), zero biases, and an
 * LSTM forget-gate bias of 1.
 *
 * Gate order in the kernels' columns: LSTM `i, f, g, o` (input, forget, cell candidate,
 * output); GRU `z, r, h` (update, reset, candidate) — the order of tfjs and Keras.
 *
 * @example
 * ```ts
 * import { initialParameters, parameterLayout } from "./parameters.ts";
 * const layout = parameterLayout({ cell: "lstm", inputs: 1, hidden: 8, outputs: 1 });
 * const params = initialParameters(layout, 42);
 * console.log(layout.size, params.length); // 369 369
 * ```
 * @module
 */
import { Rng } from "../../data/random.ts";

/** The recurrent cells offered. */
export const RECURRENT_CELLS = ["lstm", "gru"] as const;
/** A recurrent cell: LSTM (Hochreiter & Schmidhuber 1997) or GRU (Cho et al. 2014). */
export type RecurrentCell = typeof RECURRENT_CELLS[number];

/** What a forecaster looks like. */
export interface ForecasterSpec {
  /** The recurrent cell: LSTM or GRU. */
  cell: RecurrentCell;
  /** Values per input day: the songs (multivariate windows) or 1 (per-song windows). */
  inputs: number;
  /** Units of the recurrent layer. */
  hidden: number;
  /** Values predicted per window: the songs (multivariate) or 1 (per song). */
  outputs: number;
  /** Metadata features concatenated to the recurrent output (multi-input model); default 0. */
  metadata?: number;
  /** Units of a ReLU layer between the concatenation and the output; default 0 (none). */
  headUnits?: number;
}

/** Offset and shape of one weight array inside the flat parameters. */
export interface ParameterSlot {
  /** Index of the first weight in the flat parameters. */
  offset: number;
  /** Rows of the weight matrix. */
  rows: number;
  /** Columns of the weight matrix (row-major). */
  cols: number;
}

/** Where each weight array lives in the flat parameters. */
export interface ParameterLayout {
  /** The specification with its defaults filled in. */
  spec: Required<ForecasterSpec>;
  /** Gates per step: 4 (LSTM) or 3 (GRU). */
  gates: number;
  /** Input kernel W, inputs × gates·hidden. */
  kernel: ParameterSlot;
  /** Recurrent kernel U, hidden × gates·hidden. */
  recurrent: ParameterSlot;
  /** Recurrent bias, 1 × gates·hidden. */
  bias: ParameterSlot;
  /** ReLU layer (hidden + metadata) × headUnits and its bias; null without one. */
  headKernel: ParameterSlot | null;
  /** The ReLU layer's bias, 1 × headUnits; null without one. */
  headBias: ParameterSlot | null;
  /** Output layer (headUnits or hidden + metadata) × outputs and its bias. */
  outKernel: ParameterSlot;
  /** The output layer's bias, 1 × outputs. */
  outBias: ParameterSlot;
  /** Total number of parameters. */
  size: number;
}

/** Raised for an impossible forecaster specification. */
export class ForecasterSpecError extends Error {
  /** Creates the error; `message` names the impossible setting. */
  constructor(message: string) {
    super(message);
    this.name = "ForecasterSpecError";
  }
}

/** The layout of a specification's parameters. */
export function parameterLayout(spec: ForecasterSpec): ParameterLayout {
  const full: Required<ForecasterSpec> = { metadata: 0, headUnits: 0, ...spec };
  for (const key of ["inputs", "hidden", "outputs"] as const) {
    if (!(Number.isInteger(full[key]) && full[key] >= 1)) {
      throw new ForecasterSpecError(`${key} must be a whole number ≥ 1; found ${full[key]}`);
    }
  }
  for (const key of ["metadata", "headUnits"] as const) {
    if (!(Number.isInteger(full[key]) && full[key] >= 0)) {
      throw new ForecasterSpecError(`${key} must be a whole number ≥ 0; found ${full[key]}`);
    }
  }
  if (!RECURRENT_CELLS.includes(full.cell)) {
    throw new ForecasterSpecError(`cell must be lstm or gru; found ${JSON.stringify(full.cell)}`);
  }
  const gates = full.cell === "lstm" ? 4 : 3;
  const gh = gates * full.hidden;
  let offset = 0;
  const slot = (rows: number, cols: number): ParameterSlot => {
    const s = { offset, rows, cols };
    offset += rows * cols;
    return s;
  };
  const kernel = slot(full.inputs, gh);
  const recurrent = slot(full.hidden, gh);
  const bias = slot(1, gh);
  const joined = full.hidden + full.metadata;
  const headKernel = full.headUnits > 0 ? slot(joined, full.headUnits) : null;
  const headBias = full.headUnits > 0 ? slot(1, full.headUnits) : null;
  const outKernel = slot(full.headUnits > 0 ? full.headUnits : joined, full.outputs);
  const outBias = slot(1, full.outputs);
  return {
    spec: full,
    gates,
    kernel,
    recurrent,
    bias,
    headKernel,
    headBias,
    outKernel,
    outBias,
    size: offset,
  };
}

/** A slot's values: a view (not a copy) into `params`. */
export function slotValues(params: Float32Array, slot: ParameterSlot): Float32Array {
  return params.subarray(slot.offset, slot.offset + slot.rows * slot.cols);
}

/** The recurrent layer's sizes and its weights' views (see {@link recurrentWeights}). */
export interface RecurrentWeights {
  /** Units H. */
  hidden: number;
  /** Values per input step F. */
  inputs: number;
  /** Gates · hidden: the width of the gate block. */
  width: number;
  /** Input kernel W [F, G·H]. */
  W: Float32Array;
  /** Recurrent kernel U [H, G·H]. */
  U: Float32Array;
  /** Bias b [G·H]. */
  b: Float32Array;
}

/**
 * The recurrent layer's sizes and the views of W, U and b in `values` — the parameters, or
 * gradients laid out like them — which the LSTM and the GRU read alike.
 */
export function recurrentWeights(layout: ParameterLayout, values: Float32Array): RecurrentWeights {
  const { hidden, inputs } = layout.spec;
  return {
    hidden,
    inputs,
    width: layout.gates * hidden,
    W: slotValues(values, layout.kernel),
    U: slotValues(values, layout.recurrent),
    b: slotValues(values, layout.bias),
  };
}

function glorot(target: Float32Array, rows: number, cols: number, rng: Rng) {
  const limit = Math.sqrt(6 / (rows + cols));
  for (let i = 0; i < target.length; i++) target[i] = rng.uniform(-limit, limit);
}

/** A random orthogonal n × n matrix (Gram–Schmidt on Gaussian rows), row-major. */
export function orthogonalMatrix(n: number, rng: Rng): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (;;) {
      for (let j = 0; j < n; j++) q[i * n + j] = rng.normal();
      for (let k = 0; k < i; k++) {
        let dot = 0;
        for (let j = 0; j < n; j++) dot += q[i * n + j] * q[k * n + j];
        for (let j = 0; j < n; j++) q[i * n + j] -= dot * q[k * n + j];
      }
      let norm = 0;
      for (let j = 0; j < n; j++) norm += q[i * n + j] ** 2;
      norm = Math.sqrt(norm);
      if (norm < 1e-6) continue; // a draw in the span of the others: draw again
      for (let j = 0; j < n; j++) q[i * n + j] /= norm;
      break;
    }
  }
  return q;
}

/** Fresh parameters for a layout, drawn from `seed` (see the module's description). */
export function initialParameters(layout: ParameterLayout, seed: number): Float32Array {
  const rng = new Rng(seed);
  const params = new Float32Array(layout.size);
  const { hidden } = layout.spec;
  const gh = layout.gates * hidden;
  glorot(slotValues(params, layout.kernel), layout.kernel.rows, layout.kernel.cols, rng);
  const u = slotValues(params, layout.recurrent);
  for (let g = 0; g < layout.gates; g++) {
    const q = orthogonalMatrix(hidden, rng);
    for (let r = 0; r < hidden; r++) {
      for (let c = 0; c < hidden; c++) u[r * gh + g * hidden + c] = q[r * hidden + c];
    }
  }
  if (layout.spec.cell === "lstm") slotValues(params, layout.bias).fill(1, hidden, 2 * hidden);
  if (layout.headKernel) {
    glorot(
      slotValues(params, layout.headKernel),
      layout.headKernel.rows,
      layout.headKernel.cols,
      rng,
    );
  }
  glorot(slotValues(params, layout.outKernel), layout.outKernel.rows, layout.outKernel.cols, rng);
  return params;
}
