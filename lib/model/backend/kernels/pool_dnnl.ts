/**
 * Max pooling and its gradient on oneDNN (see ../dnnl/dnnl.ts), in front of the TypeScript
 * kernels of pool.ts: the forward pass keeps oneDNN's workspace (where each window's maximum
 * was) for the output tensor while gradients are recorded, and the gradient routes through it.
 * Ties go to the first maximum in row-major order, as on the `cpu` backend. Geometries oneDNN
 * refuses, a gradient without a recorded workspace and non-float32 tensors go to pool.ts.
 *
 * Kernels: `MaxPool`, `MaxPoolGrad`.
 *
 * @example
 * ```ts
 * import { loadDnnl } from "../dnnl/dnnl.ts";
 * import { poolKernels } from "./pool.ts";
 * import { dnnlPoolKernels } from "./pool_dnnl.ts";
 * const dnnl = loadDnnl();
 * const kernels = dnnl ? dnnlPoolKernels(dnnl, poolKernels()) : poolKernels();
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { Dnnl } from "../dnnl/dnnl.ts";
import { recordingGradients } from "./patch_cache.ts";
import { type PoolAttrs, poolInfo } from "./pool.ts";
import { allocate, type CpuKernel, type FastKernel, floatValues, output } from "./tensors.ts";

/** Workspaces of pooled outputs still alive, by the output's data id. */
const workspaces = new WeakMap<object, { key: string; workspace: Uint8Array }>();

function poolKey(info: tf.backend_util.Conv2DInfo): string {
  const p = info.padInfo;
  return [info.inShape, info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth]
    .concat([p.top, p.left, p.bottom, p.right]).join("|");
}

/**
 * `MaxPool` and `MaxPoolGrad` on oneDNN, each handing what it does not cover to the kernel of
 * the same name in `inner` (the TypeScript ones of pool.ts).
 */
export function dnnlPoolKernels(dnnl: Dnnl, inner: FastKernel[]): FastKernel[] {
  const innerOf = (name: string) => inner.find((k) => k.kernelName === name);
  const maxPool: FastKernel = {
    kernelName: tf.MaxPool,
    make: (fallback: CpuKernel): CpuKernel => {
      const other = innerOf(tf.MaxPool)?.make(fallback) ?? fallback;
      return (args) => {
        const x = floatValues(args.backend, args.inputs.x);
        if (!x) return other(args);
        const info = poolInfo(args.inputs.x.shape, args.attrs as PoolAttrs);
        const y = allocate(args.backend, tf.util.sizeFromShape(info.outShape));
        const workspace = dnnl.maxPoolForward(info, x, y);
        if (!workspace) return other(args);
        const out = output(args.backend, info.outShape, y);
        if (recordingGradients()) workspaces.set(out.dataId, { key: poolKey(info), workspace });
        return out;
      };
    },
  };
  const maxPoolGrad: FastKernel = {
    kernelName: tf.MaxPoolGrad,
    make: (fallback: CpuKernel): CpuKernel => {
      const other = innerOf(tf.MaxPoolGrad)?.make(fallback) ?? fallback;
      return (args) => {
        const { dy, input, output: pooled } = args.inputs;
        const dyValues = floatValues(args.backend, dy);
        const info = poolInfo(input.shape, args.attrs as PoolAttrs);
        const kept = workspaces.get(pooled.dataId);
        if (!dyValues || !kept || kept.key !== poolKey(info)) return other(args);
        const dx = allocate(args.backend, tf.util.sizeFromShape(info.inShape));
        if (!dnnl.maxPoolBackward(info, dyValues, kept.workspace, dx)) return other(args);
        return output(args.backend, info.inShape, dx);
      };
    },
  };
  return [maxPool, maxPoolGrad];
}
