/**
 * A recurrent forecaster ({@link RecurrentForecaster}): an LSTM or GRU layer over a window of
 * days, then the head (./head.ts) — a linear output for the plain models, or the last hidden
 * state joined with the song's metadata and a ReLU layer for seed 003's multi-input model.
 * Trained on the mean squared error of the scaled counts, its gradient computed by
 * backpropagation through time (./lstm.ts, ./gru.ts) in float32 with OpenBLAS products.
 *
 * The layers are written out here rather than taken from tfjs: on this workspace's 2-core CPUs
 * tfjs 4.22's `tf.layers.lstm`/`gru` trained 4–15× slower than these on every backend (measured:
 * per-song LSTM, lookback 14, batch 256 — wasm 3.5–4.7k, fast-cpu 1.5k, cpu 0.5k windows/s
 * against 18–38k here; their per-step graph of small ops dominates), too slow for seed 003's
 * lookback sweep (see tests/bench/forecast_bench.ts).
 * Their outputs and gradients are checked against tfjs's `tf.layers.lstm` / `tf.layers.gru`
 * with the same weights in tests/model/forecast/network_test.ts.
 *
 * @example
 * ```ts
 * import { RecurrentForecaster } from "./network.ts";
 * const model = new RecurrentForecaster({ cell: "gru", inputs: 1, hidden: 16, outputs: 1 }, { seed: 7 });
 * console.log(model.layout.size);
 * // const predictions = model.predict({ windows });   // scaled units, [windows × outputs]
 * ```
 * @module
 */
import type { OpenBlas } from "../backend/openblas.ts";
import { windowCount } from "../../data/charts/windows.ts";
import { type ForecastInputs, gatherInputs, gatherMetadata, gatherTargets } from "./batch.ts";
import { forecastBlas } from "./blas.ts";
import { gruBackward, gruForward } from "./gru.ts";
import { headBackward, headForward } from "./head.ts";
import { lstmBackward, lstmForward } from "./lstm.ts";
import {
  type ForecasterSpec,
  ForecasterSpecError,
  initialParameters,
  type ParameterLayout,
  parameterLayout,
} from "./parameters.ts";
import { ensureBuffers, type RecurrentBuffers, type RecurrentPass } from "./buffers.ts";
import { DEFAULT_SEED } from "../../paper.ts";

/** Options of the {@link RecurrentForecaster} constructor. */
export interface ForecasterOptions {
  /** Seed of the initial weights; default 42. */
  seed?: number;
  /** Start from these weights instead (length = layout size). */
  params?: Float32Array;
  /** The matrix product; default {@link forecastBlas}. */
  blas?: OpenBlas;
  /**
   * OpenBLAS threads while this model computes (restored afterwards); default 1. The products
   * of a recurrent step are small ([batch × hidden] · [hidden × gates·hidden]): on the
   * workspace's 2-core machines one thread trained the per-song LSTM 2–3× faster than two.
   */
  threads?: number;
}

/** Loss of a batch or a set of windows, in scaled units. */
export interface ForecastLoss {
  /** Mean squared error over every target value. */
  loss: number;
  /** Mean absolute error over every target value. */
  mae: number;
  /** Target values scored. */
  count: number;
}

/** An LSTM or GRU forecaster (see the module's description). */
export class RecurrentForecaster {
  /** Where each weight array lives in {@link params}. */
  readonly layout: ParameterLayout;
  /** All weights, flat. */
  params: Float32Array;
  readonly #blas: OpenBlas;
  readonly #threads: number;
  #buffers: RecurrentBuffers | null = null;
  #x = new Float32Array(0);
  #y = new Float32Array(0);
  #meta = new Float32Array(0);

  /** A network of shape `spec` with seeded initial weights, or `options.params` when given. */
  constructor(spec: ForecasterSpec, options: ForecasterOptions = {}) {
    this.layout = parameterLayout(spec);
    if (options.params && options.params.length !== this.layout.size) {
      throw new ForecasterSpecError(
        `expected ${this.layout.size} parameters for this specification; found ${options.params.length}`,
      );
    }
    this.params = options.params?.slice() ??
      initialParameters(this.layout, options.seed ?? DEFAULT_SEED);
    this.#blas = options.blas ?? forecastBlas();
    this.#threads = options.threads ?? 1;
  }

  /** Runs `fn` with OpenBLAS set to this model's thread count, restoring the previous one. */
  #withThreads<T>(fn: () => T): T {
    const before = this.#blas.threads();
    if (before === this.#threads) return fn();
    this.#blas.setThreads(this.#threads);
    try {
      return fn();
    } finally {
      this.#blas.setThreads(before);
    }
  }

  /** The specification, with defaults filled in. */
  get spec(): Required<ForecasterSpec> {
    return this.layout.spec;
  }

  /** The library doing the matrix products. */
  get blasLibrary(): string {
    return this.#blas.library;
  }

  #check(inputs: ForecastInputs) {
    const w = inputs.windows, s = this.spec;
    if (w.features !== s.inputs || w.outputs !== s.outputs) {
      throw new ForecasterSpecError(
        `the model expects ${s.inputs} inputs and ${s.outputs} outputs per window; the windows ` +
          `have ${w.features} and ${w.outputs}`,
      );
    }
    if (s.metadata > 0) {
      if (w.shape !== "per-song") {
        throw new ForecasterSpecError("a multi-input model needs per-song windows");
      }
      if (!inputs.metadata || inputs.metadata.length !== w.songs * s.metadata) {
        throw new ForecasterSpecError(
          `expected metadata of ${w.songs} songs × ${s.metadata} features; found ${
            inputs.metadata ? `${inputs.metadata.length} values` : "none"
          }`,
        );
      }
    }
  }

  #prepare(inputs: ForecastInputs, order: ArrayLike<number>, start: number, count: number) {
    const w = inputs.windows, s = this.spec;
    this.#buffers = ensureBuffers(this.#buffers, {
      batch: count,
      steps: w.lookback,
      hidden: s.hidden,
      gates: this.layout.gates,
      joined: s.hidden + s.metadata,
      headUnits: s.headUnits,
      outputs: s.outputs,
    });
    const xSize = w.lookback * count * s.inputs;
    if (this.#x.length < xSize) this.#x = new Float32Array(xSize);
    if (this.#y.length < count * s.outputs) this.#y = new Float32Array(count * s.outputs);
    const x = this.#x.subarray(0, xSize);
    gatherInputs(w, order, start, count, x);
    gatherTargets(w, order, start, count, this.#y);
    let meta: Float32Array | null = null;
    if (s.metadata > 0) {
      if (this.#meta.length < count * s.metadata) this.#meta = new Float32Array(count * s.metadata);
      meta = this.#meta;
      gatherMetadata(w, inputs.metadata!, s.metadata, order, start, count, meta);
    }
    return { buf: this.#buffers, x, meta };
  }

  #forward(
    buf: RecurrentBuffers,
    x: Float32Array,
    meta: Float32Array | null,
    batch: number,
    steps: number,
  ): RecurrentPass {
    const pass = {
      blas: this.#blas,
      layout: this.layout,
      params: this.params,
      buf,
      x,
      batch,
      steps,
    };
    (this.spec.cell === "lstm" ? lstmForward : gruForward)(pass);
    headForward(this.#blas, this.layout, this.params, buf, meta, batch, steps);
    return pass;
  }

  /**
   * Mean squared error of windows `order[start … start+count)` and its gradient, added into
   * `grads` (same layout as {@link params}; the caller zeroes it).
   */
  lossAndGradient(
    inputs: ForecastInputs,
    order: ArrayLike<number>,
    start: number,
    count: number,
    grads: Float32Array,
  ): ForecastLoss {
    return this.#withThreads(() => {
      this.#check(inputs);
      const steps = inputs.windows.lookback, O = this.spec.outputs;
      const { buf, x, meta } = this.#prepare(inputs, order, start, count);
      const pass = this.#forward(buf, x, meta, count, steps);
      const n = count * O;
      let sq = 0, abs = 0;
      for (let i = 0; i < n; i++) {
        const e = buf.outputs[i] - this.#y[i];
        sq += e * e;
        abs += Math.abs(e);
        buf.dOutputs[i] = (2 * e) / n;
      }
      headBackward(this.#blas, this.layout, this.params, grads, buf, count);
      (this.spec.cell === "lstm" ? lstmBackward : gruBackward)(pass, grads);
      return { loss: sq / n, mae: abs / n, count: n };
    });
  }

  /**
   * Predictions for every window, in scaled units, row-major `[windows, outputs]` (the order of
   * `windowTargets` and `windowTargetIndex`).
   */
  predict(inputs: ForecastInputs, options: { batchSize?: number } = {}): Float32Array {
    return this.#withThreads(() => this.#predict(inputs, options.batchSize ?? 256));
  }

  #predict(inputs: ForecastInputs, batchSize: number): Float32Array {
    this.#check(inputs);
    const n = windowCount(inputs.windows), O = this.spec.outputs;
    const order = Int32Array.from({ length: n }, (_, i) => i);
    const out = new Float32Array(n * O);
    for (let start = 0; start < n; start += batchSize) {
      const count = Math.min(batchSize, n - start);
      const { buf, x, meta } = this.#prepare(inputs, order, start, count);
      this.#forward(buf, x, meta, count, inputs.windows.lookback);
      out.set(buf.outputs.subarray(0, count * O), start * O);
    }
    return out;
  }

  /** Mean squared and absolute error over every window, in scaled units. */
  evaluate(inputs: ForecastInputs, options: { batchSize?: number } = {}): ForecastLoss {
    const predicted = this.predict(inputs, options);
    const n = windowCount(inputs.windows), O = this.spec.outputs;
    const order = Int32Array.from({ length: n }, (_, i) => i);
    const y = new Float32Array(n * O);
    gatherTargets(inputs.windows, order, 0, n, y);
    let sq = 0, abs = 0;
    for (let i = 0; i < y.length; i++) {
      const e = predicted[i] - y[i];
      sq += e * e;
      abs += Math.abs(e);
    }
    return { loss: sq / y.length, mae: abs / y.length, count: y.length };
  }
}
