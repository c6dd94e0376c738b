/**
 * Element-wise kernels on float32 tensors with one plain loop per operation: `Add`, `Sub`,
 * `Multiply`, `RealDiv`, `Maximum`, `SquaredDifference` for equal shapes, a scalar on either
 * side, or one side repeating over the other's trailing dimensions (a bias over NHWC
 * channels); `Relu`, `Step`, `Square`, `Sqrt` and `Neg`. The `cpu` backend computes a broadcast
 * element by converting each flat index to coordinates, about 20 ns a value, which dominated a
 * training step; other broadcasts go to it unchanged.
 *
 * @example
 * ```ts
 * import { broadcastRepeat } from "./elementwise.ts";
 * broadcastRepeat([32, 64, 64, 16], [16]); // 16: the bias repeats every 16 values
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { reluInPlace } from "./activation.ts";
import { allocate, floatValues, output } from "./tensors.ts";
import type { CpuKernel, FastKernel, KernelArgs } from "./tensors.ts";

type BinaryLoop = (
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
  aRepeat: boolean,
  bRepeat: boolean,
) => void;

/**
 * When `small` repeats over the trailing dimensions of `big` (its shape, without leading 1s,
 * equals the end of `big`'s), the period in values; 0 otherwise.
 */
export function broadcastRepeat(big: readonly number[], small: readonly number[]): number {
  const trimmed = small.slice(small.findIndex((d) => d !== 1));
  if (small.every((d) => d === 1)) return 1;
  if (trimmed.length > big.length) return 0;
  const tail = big.slice(big.length - trimmed.length);
  if (tail.some((d, i) => d !== trimmed[i])) return 0;
  return trimmed.reduce((p, d) => p * d, 1);
}

/**
 * Defines a binary loop: `f` is written out inside each of the three access patterns so every
 * loop stays monomorphic (a shared closure call per value costs several times the arithmetic).
 */
function loops(
  same: (a: Float32Array, b: Float32Array, o: Float32Array) => void,
  aRepeats: (a: Float32Array, b: Float32Array, o: Float32Array) => void,
  bRepeats: (a: Float32Array, b: Float32Array, o: Float32Array) => void,
): BinaryLoop {
  return (a, b, o, aRepeat, bRepeat) =>
    aRepeat ? aRepeats(a, b, o) : bRepeat ? bRepeats(a, b, o) : same(a, b, o);
}

// In the repeating loops the shorter operand's length p divides the output's; i % p is avoided
// by walking the output in periods.
const BINARY: Record<string, BinaryLoop> = {
  [tf.Add]: loops(
    (a, b, o) => {
      for (let i = 0; i < o.length; i++) o[i] = a[i] + b[i];
    },
    (a, b, o) => {
      const p = a.length;
      for (let s = 0; s < o.length; s += p) for (let j = 0; j < p; j++) o[s + j] = a[j] + b[s + j];
    },
    (a, b, o) => {
      const p = b.length;
      for (let s = 0; s < o.length; s += p) for (let j = 0; j < p; j++) o[s + j] = a[s + j] + b[j];
    },
  ),
  [tf.Sub]: loops(
    (a, b, o) => {
      for (let i = 0; i < o.length; i++) o[i] = a[i] - b[i];
    },
    (a, b, o) => {
      const p = a.length;
      for (let s = 0; s < o.length; s += p) for (let j = 0; j < p; j++) o[s + j] = a[j] - b[s + j];
    },
    (a, b, o) => {
      const p = b.length;
      for (let s = 0; s < o.length; s += p) for (let j = 0; j < p; j++) o[s + j] = a[s + j] - b[j];
    },
  ),
  [tf.Multiply]: loops(
    (a, b, o) => {
      for (let i = 0; i < o.length; i++) o[i] = a[i] * b[i];
    },
    (a, b, o) => {
      const p = a.length;
      for (let s = 0; s < o.length; s += p) for (let j = 0; j < p; j++) o[s + j] = a[j] * b[s + j];
    },
    (a, b, o) => {
      const p = b.length;
      for (let s = 0; s < o.length; s += p) for (let j = 0; j < p; j++) o[s + j] = a[s + j] * b[j];
    },
  ),
  [tf.RealDiv]: loops(
    (a, b, o) => {
      for (let i = 0; i < o.length; i++) o[i] = a[i] / b[i];
    },
    (a, b, o) => {
      const p = a.length;
      for (let s = 0; s < o.length; s += p) for (let j = 0; j < p; j++) o[s + j] = a[j] / b[s + j];
    },
    (a, b, o) => {
      const p = b.length;
      for (let s = 0; s < o.length; s += p) for (let j = 0; j < p; j++) o[s + j] = a[s + j] / b[j];
    },
  ),
  [tf.SquaredDifference]: loops(
    (a, b, o) => {
      for (let i = 0; i < o.length; i++) o[i] = (a[i] - b[i]) * (a[i] - b[i]);
    },
    (a, b, o) => {
      const p = a.length;
      for (let s = 0; s < o.length; s += p) {
        for (let j = 0; j < p; j++) o[s + j] = (a[j] - b[s + j]) * (a[j] - b[s + j]);
      }
    },
    (a, b, o) => {
      const p = b.length;
      for (let s = 0; s < o.length; s += p) {
        for (let j = 0; j < p; j++) o[s + j] = (a[s + j] - b[j]) * (a[s + j] - b[j]);
      }
    },
  ),
};

// Maximum follows the cpu backend: NaN when either value is NaN, else the larger.
const maximumSame = (a: Float32Array, b: Float32Array, o: Float32Array) => {
  for (let i = 0; i < o.length; i++) {
    const x = a[i], y = b[i];
    o[i] = x !== x || y !== y ? NaN : x > y ? x : y;
  }
};
BINARY[tf.Maximum] = loops(
  maximumSame,
  (a, b, o) => {
    const p = a.length;
    for (let s = 0; s < o.length; s += p) {
      for (let j = 0; j < p; j++) {
        const x = a[j], y = b[s + j];
        o[s + j] = x !== x || y !== y ? NaN : x > y ? x : y;
      }
    }
  },
  (a, b, o) => {
    const p = b.length;
    for (let s = 0; s < o.length; s += p) {
      for (let j = 0; j < p; j++) {
        const x = a[s + j], y = b[j];
        o[s + j] = x !== x || y !== y ? NaN : x > y ? x : y;
      }
    }
  },
);

function binaryKernel(kernelName: string, loop: BinaryLoop): FastKernel {
  return {
    kernelName,
    make: (fallback: CpuKernel): CpuKernel => (args: KernelArgs) => {
      const { a, b } = args.inputs;
      const av = floatValues(args.backend, a), bv = floatValues(args.backend, b);
      if (!av || !bv) return fallback(args);
      const sizeA = av.length, sizeB = bv.length;
      let aRepeat = false, bRepeat = false, shape: number[];
      if (a.shape.join() === b.shape.join()) shape = a.shape;
      else if (sizeB <= sizeA && broadcastRepeat(a.shape, b.shape) === sizeB) {
        shape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
        bRepeat = true;
      } else if (sizeA < sizeB && broadcastRepeat(b.shape, a.shape) === sizeA) {
        shape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
        aRepeat = true;
      } else return fallback(args);
      const size = shape.reduce((p, d) => p * d, 1);
      if (size !== Math.max(sizeA, sizeB)) return fallback(args); // e.g. [1, n] with [n, 1]
      const out = allocate(args.backend, size);
      loop(av, bv, out, aRepeat, bRepeat);
      return output(args.backend, shape, out);
    },
  };
}

function unaryKernel(
  kernelName: string,
  loop: (x: Float32Array, out: Float32Array, attrs: tf.NamedAttrMap) => void,
): FastKernel {
  return {
    kernelName,
    make: (fallback: CpuKernel): CpuKernel => (args: KernelArgs) => {
      const x = floatValues(args.backend, args.inputs.x);
      if (!x) return fallback(args);
      const out = allocate(args.backend, x.length);
      loop(x, out, args.attrs ?? {});
      return output(args.backend, args.inputs.x.shape, out);
    },
  };
}

/** The fast element-wise kernels. */
export function elementwiseKernels(): FastKernel[] {
  return [
    ...Object.entries(BINARY).map(([name, loop]) => binaryKernel(name, loop)),
    unaryKernel(tf.Relu, (x, o) => reluInPlace(x, o)),
    unaryKernel(tf.Step, (x, o, attrs) => {
      // alpha + (1 − alpha)·[v > 0] is exact for the 0/1 flag and branch-free (see relu).
      const alpha = Number(attrs.alpha ?? 0);
      let nan = 0;
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        nan |= +(v !== v);
        o[i] = alpha + (1 - alpha) * +(v > 0);
      }
      // step(NaN) = NaN in tfjs; noted above without a branch, fixed here in the rare case.
      if (nan) { for (let i = 0; i < x.length; i++) if (x[i] !== x[i]) o[i] = NaN; }
    }),
    unaryKernel(tf.Square, (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = x[i] * x[i];
    }),
    unaryKernel(tf.Sqrt, (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.sqrt(x[i]);
    }),
    unaryKernel(tf.Neg, (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = -x[i];
    }),
  ];
}
