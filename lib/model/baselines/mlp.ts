/**
 * Multi-layer perceptron for binary classification, as scikit-learn's
 * `MLPClassifier(hidden_layer_sizes=(64, 32), early_stopping=True)`: ReLU hidden layers, a
 * logistic output, log loss with an L2 penalty α = 1e-4 (scaled by the batch size, as
 * scikit-learn), Glorot-uniform initialisation, Adam (learning rate 1e-3, β₁ 0.9, β₂ 0.999,
 * ε 1e-8) on shuffled mini-batches of 200 rows, at most 500 epochs. Early stopping: a stratified
 * 10 % of the training rows is held out; training stops when the hold-out accuracy has not
 * improved by more than 1e-4 for more than 10 epochs, and the weights of the best epoch are kept.
 *
 * @example
 * ```ts
 * import { MultilayerPerceptron } from "./mlp.ts";
 * import { matrix } from "./matrix.ts";
 * const mlp = new MultilayerPerceptron({ hidden: [8], earlyStopping: false, maxEpochs: 200 });
 * mlp.fit(matrix([[0], [1], [2], [3]]), Uint8Array.of(0, 0, 1, 1));
 * mlp.predict(matrix([[3]])); // [1]
 * ```
 * @module
 */
import { Rng } from "../../data/random.ts";
import { stratifiedHoldout } from "./sampling.ts";
import { type Classifier, NotFittedError, requireBothClasses, sigmoid } from "./estimator.ts";
import { checkColumns, checkTrainingData, takeLabels, takeRows } from "./matrix.ts";
import type { Labels, Matrix } from "./matrix.ts";

/** Options of {@link MultilayerPerceptron}; defaults are the comparison's. */
export interface MultilayerPerceptronOptions {
  /** Units of each hidden layer; default [64, 32]. */
  hidden?: number[];
  /** L2 penalty; default 1e-4. */
  alpha?: number;
  /** Adam's learning rate; default 1e-3. */
  learningRate?: number;
  /** Rows per mini-batch (fewer if the training set is smaller); default 200. */
  batchSize?: number;
  /** Most epochs; default 500. */
  maxEpochs?: number;
  /** Hold out a stratified share of the training rows and stop on its accuracy; default true. */
  earlyStopping?: boolean;
  /** Share held out for early stopping; default 0.1. */
  validationFraction?: number;
  /** Epochs without an improvement above `tolerance` before stopping; default 10. */
  patience?: number;
  /** Smallest improvement of the hold-out accuracy that counts; default 1e-4. */
  tolerance?: number;
  /** Seed of the initial weights, the hold-out and the shuffling; default 0. */
  seed?: number;
}

/** One dense layer: weights (inputs × outputs, row-major) and biases. */
export interface Layer {
  /** Units feeding the layer. */
  inputs: number;
  /** Units of the layer. */
  outputs: number;
  /** inputs × outputs, row-major. */
  weights: Float64Array;
  /** One bias per output unit. */
  bias: Float64Array;
}

/** ReLU network with one logistic output unit. */
export class MultilayerPerceptron implements Classifier {
  /** The options with their defaults filled in. */
  readonly options: Required<MultilayerPerceptronOptions>;
  /** The fitted layers, input side first; empty before fit. */
  layers: Layer[] = [];
  notes: string[] = [];
  /** Epochs run in the last fit. */
  epochs = 0;

  /** A network with `options.hidden` ReLU layers (default 64 and 32 units). */
  constructor(options: MultilayerPerceptronOptions = {}) {
    this.options = {
      hidden: [64, 32],
      alpha: 1e-4,
      learningRate: 1e-3,
      batchSize: 200,
      maxEpochs: 500,
      earlyStopping: true,
      validationFraction: 0.1,
      patience: 10,
      tolerance: 1e-4,
      seed: 0,
      ...options,
    };
  }

  fit(X: Matrix, y: Labels): void {
    checkTrainingData(X, y);
    requireBothClasses(y, "MultilayerPerceptron");
    const o = this.options;
    const rng = new Rng(o.seed);
    let Xt = X, yt = y;
    let validation: { X: Matrix; y: Labels } | null = null;
    if (o.earlyStopping) {
      const split = stratifiedHoldout(y, o.validationFraction, o.seed);
      Xt = takeRows(X, split.train);
      yt = takeLabels(y, split.train);
      validation = { X: takeRows(X, split.test), y: takeLabels(y, split.test) };
    }
    const sizes = [X.cols, ...o.hidden, 1];
    this.layers = sizes.slice(1).map((outputs, l) => {
      const inputs = sizes[l];
      // Glorot uniform; scikit-learn uses factor 6 for ReLU layers and 2 for the logistic output.
      const factor = l === sizes.length - 2 ? 2 : 6;
      const bound = Math.sqrt(factor / (inputs + outputs));
      const draw = () => rng.uniform(-bound, bound);
      return {
        inputs,
        outputs,
        weights: Float64Array.from({ length: inputs * outputs }, draw),
        bias: Float64Array.from({ length: outputs }, draw),
      };
    });
    const n = Xt.rows;
    const batch = Math.min(o.batchSize, n);
    const work = new BatchWorkspace(this.layers, batch);
    const adam = this.layers.map((layer) => ({
      mW: new Float64Array(layer.weights.length),
      vW: new Float64Array(layer.weights.length),
      mb: new Float64Array(layer.bias.length),
      vb: new Float64Array(layer.bias.length),
    }));
    let step = 0;
    let best = -Infinity, stale = 0;
    let bestLayers = this.#copyLayers();
    const order = Int32Array.from({ length: n }, (_, i) => i);
    this.notes = [];
    let epoch = 0;
    for (; epoch < o.maxEpochs; epoch++) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (let start = 0; start < n; start += batch) {
        const size = Math.min(batch, n - start);
        work.load(Xt, yt, order, start, size);
        work.forward(size);
        work.backward(size, o.alpha);
        step++;
        const b1 = 0.9, b2 = 0.999, eps = 1e-8;
        const rate = o.learningRate * Math.sqrt(1 - b2 ** step) / (1 - b1 ** step);
        this.layers.forEach((layer, l) => {
          const a = adam[l];
          adamUpdate(layer.weights, work.gradW[l], a.mW, a.vW, rate, b1, b2, eps);
          adamUpdate(layer.bias, work.gradB[l], a.mb, a.vb, rate, b1, b2, eps);
        });
      }
      if (validation) {
        const predicted = this.predict(validation.X);
        let correct = 0;
        for (let i = 0; i < predicted.length; i++) {
          correct += predicted[i] === validation.y[i] ? 1 : 0;
        }
        const score = correct / predicted.length;
        stale = score < best + o.tolerance ? stale + 1 : 0;
        if (score > best) {
          best = score;
          bestLayers = this.#copyLayers();
        }
        if (stale > o.patience) {
          epoch++;
          break;
        }
      }
    }
    this.epochs = epoch;
    if (validation) {
      this.layers = bestLayers;
      this.notes.push(
        `MLP: ${epoch} epochs, early stopping on a 10 % hold-out (best accuracy ${
          best.toFixed(4)
        })`,
      );
    } else if (epoch === o.maxEpochs) {
      this.notes.push(`MLP: stopped at the epoch limit (${o.maxEpochs})`);
    }
  }

  #copyLayers(): Layer[] {
    return this.layers.map((l) => ({ ...l, weights: l.weights.slice(), bias: l.bias.slice() }));
  }

  /** Probability of class 1 per row. */
  predictProba(X: Matrix): Float64Array {
    if (this.layers.length === 0) throw new NotFittedError("MultilayerPerceptron");
    checkColumns(X, this.layers[0].inputs);
    const out = new Float64Array(X.rows);
    const chunk = 512;
    const work = new BatchWorkspace(this.layers, chunk);
    const index = Int32Array.from({ length: X.rows }, (_, i) => i);
    for (let start = 0; start < X.rows; start += chunk) {
      const size = Math.min(chunk, X.rows - start);
      work.load(X, null, index, start, size);
      work.forward(size);
      const z = work.activations[work.activations.length - 1];
      for (let i = 0; i < size; i++) out[start + i] = sigmoid(z[i]);
    }
    return out;
  }

  predict(X: Matrix): Uint8Array {
    return Uint8Array.from(this.predictProba(X), (p) => (p > 0.5 ? 1 : 0));
  }
}

function adamUpdate(
  param: Float64Array,
  grad: Float64Array,
  m: Float64Array,
  v: Float64Array,
  rate: number,
  b1: number,
  b2: number,
  eps: number,
): void {
  for (let k = 0; k < param.length; k++) {
    const g = grad[k];
    m[k] = b1 * m[k] + (1 - b1) * g;
    v[k] = b2 * v[k] + (1 - b2) * g * g;
    param[k] -= rate * m[k] / (Math.sqrt(v[k]) + eps);
  }
}

/**
 * Buffers for one mini-batch and the forward and backward passes over them: activations, deltas
 * and gradients of every layer. Exported so tests can check the gradients against finite
 * differences.
 */
export class BatchWorkspace {
  /** activations[0] = inputs; activations[L] = output pre-activation (logit). */
  readonly activations: Float64Array[];
  /** Per layer, the loss's derivative with respect to its pre-activations (rows × outputs). */
  readonly deltas: Float64Array[];
  /** Per layer, the gradient of the loss with respect to its weights. */
  readonly gradW: Float64Array[];
  /** Per layer, the gradient of the loss with respect to its biases. */
  readonly gradB: Float64Array[];
  /** The batch's 0/1 labels, one per row. */
  readonly target: Float64Array;

  /** Buffers for batches of at most `capacity` rows through `layers`. */
  constructor(readonly layers: Layer[], capacity: number) {
    this.activations = [
      new Float64Array(capacity * layers[0].inputs),
      ...layers.map((l) => new Float64Array(capacity * l.outputs)),
    ];
    this.deltas = layers.map((l) => new Float64Array(capacity * l.outputs));
    this.gradW = layers.map((l) => new Float64Array(l.weights.length));
    this.gradB = layers.map((l) => new Float64Array(l.bias.length));
    this.target = new Float64Array(capacity);
  }

  /** Copies rows order[start … start+size) of X (and their labels) into the input buffer. */
  load(X: Matrix, y: Labels | null, order: Int32Array, start: number, size: number): void {
    const d = X.cols, input = this.activations[0];
    for (let r = 0; r < size; r++) {
      const i = order[start + r];
      input.set(X.data.subarray(i * d, (i + 1) * d), r * d);
      if (y) this.target[r] = y[i];
    }
  }

  /** Fills the activations of the first `size` loaded rows; the last holds the output logits. */
  forward(size: number): void {
    const last = this.layers.length - 1;
    this.layers.forEach((layer, l) => {
      const input = this.activations[l], output = this.activations[l + 1];
      const { inputs, outputs, weights, bias } = layer;
      for (let r = 0; r < size; r++) {
        const oo = r * outputs, io = r * inputs;
        for (let m = 0; m < outputs; m++) output[oo + m] = bias[m];
        for (let k = 0; k < inputs; k++) {
          const a = input[io + k];
          if (a === 0) continue; // ReLU zeros contribute nothing
          const wo = k * outputs;
          for (let m = 0; m < outputs; m++) output[oo + m] += a * weights[wo + m];
        }
        if (l < last) {
          for (let m = 0; m < outputs; m++) if (output[oo + m] < 0) output[oo + m] = 0;
        }
      }
    });
  }

  /** Gradients of the mean log loss plus (α / 2·size) Σ‖W‖², as scikit-learn's. */
  backward(size: number, alpha: number): void {
    const L = this.layers.length;
    const out = this.activations[L], delta = this.deltas[L - 1];
    for (let r = 0; r < size; r++) delta[r] = sigmoid(out[r]) - this.target[r];
    for (let l = L - 1; l >= 0; l--) {
      const { inputs, outputs, weights } = this.layers[l];
      const input = this.activations[l], dl = this.deltas[l];
      const gW = this.gradW[l], gB = this.gradB[l];
      for (let k = 0; k < gW.length; k++) gW[k] = alpha * weights[k];
      gB.fill(0);
      for (let r = 0; r < size; r++) {
        const io = r * inputs, oo = r * outputs;
        for (let m = 0; m < outputs; m++) gB[m] += dl[oo + m];
        for (let k = 0; k < inputs; k++) {
          const a = input[io + k];
          if (a === 0) continue;
          const wo = k * outputs;
          for (let m = 0; m < outputs; m++) gW[wo + m] += a * dl[oo + m];
        }
      }
      for (let k = 0; k < gW.length; k++) gW[k] /= size;
      for (let m = 0; m < outputs; m++) gB[m] /= size;
      if (l === 0) break;
      const below = this.deltas[l - 1];
      for (let r = 0; r < size; r++) {
        const io = r * inputs, oo = r * outputs;
        for (let k = 0; k < inputs; k++) {
          if (input[io + k] === 0) {
            below[io + k] = 0; // ReLU gradient is 0 where the unit is off
            continue;
          }
          const wo = k * outputs;
          let s = 0;
          for (let m = 0; m < outputs; m++) s += weights[wo + m] * dl[oo + m];
          below[io + k] = s;
        }
      }
    }
  }
}
