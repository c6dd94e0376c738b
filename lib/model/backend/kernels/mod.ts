/**
 * The kernels the `fast-cpu` backend puts in place of the `cpu` backend's: convolutions and
 * matrix products through OpenBLAS; max pooling, element-wise operations, sums and slices as
 * plain loops over memory in order.
 * Every other kernel is the `cpu` backend's own.
 *
 * - tensors.ts — reading and writing the `cpu` backend's storage, scratch memory
 * - conv2d.ts — `Conv2D`, `FusedConv2D`, `Conv2DBackpropInput`, `Conv2DBackpropFilter`
 * - matmul.ts — `BatchMatMul`, `_FusedMatMul`
 * - pool.ts — `MaxPool`, `MaxPoolGrad`
 * - elementwise.ts — `Add`, `Sub`, `Multiply`, `RealDiv`, `Maximum`, `SquaredDifference`,
 *   `Relu`, `Step`, `Square`, `Sqrt`, `Neg`
 * - reduce.ts — `Sum` over leading or trailing axes
 * - slice.ts — `Slice`, `SplitV`
 * - bias_activation_grad.ts — `BiasActivationGrad` (this workspace's): the backward pass of a
 *   fused convolution's bias and ReLU in one sweep
 * - activation.ts — bias and activation of the fused kernels
 *
 * @example
 * ```ts
 * import { loadOpenBlas } from "../openblas.ts";
 * import { fastKernels } from "./mod.ts";
 * const blas = loadOpenBlas();
 * if (blas) console.log(fastKernels(blas).map((k) => k.kernelName));
 * ```
 * @module
 */
import type { OpenBlas } from "../openblas.ts";
import { biasActivationGradKernel } from "./bias_activation_grad.ts";
import { convKernels } from "./conv2d.ts";
import { elementwiseKernels } from "./elementwise.ts";
import { reduceKernels } from "./reduce.ts";
import { sliceKernels } from "./slice.ts";
import { matMulKernels } from "./matmul.ts";
import { poolKernels } from "./pool.ts";
import type { FastKernel } from "./tensors.ts";

export * from "./activation.ts";
export * from "./bias_activation_grad.ts";
export * from "./conv2d.ts";
export * from "./elementwise.ts";
export * from "./reduce.ts";
export * from "./slice.ts";
export * from "./matmul.ts";
export * from "./pool.ts";
export * from "./tensors.ts";

/** Every kernel the fast backend replaces, given OpenBLAS. */
export function fastKernels(blas: OpenBlas): FastKernel[] {
  return [
    ...convKernels(blas),
    ...matMulKernels(blas),
    ...poolKernels(),
    ...elementwiseKernels(),
    ...reduceKernels(),
    ...sliceKernels(),
    biasActivationGradKernel(),
  ];
}
