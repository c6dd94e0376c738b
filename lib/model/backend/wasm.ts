/**
 * tfjs's `wasm` backend (XNNPACK, one thread under Deno), made able to train convolutions: it
 * lacks the `Conv2DBackpropFilter` kernel [tfjs#8474], which is registered here using the
 * workspace's im2col filter gradient (OpenBLAS when it loads, else plain TypeScript). Used only
 * when `model.backend` is `wasm`: the `fast-cpu` backend trains several times faster.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { registerWasm } from "./wasm.ts";
 * if (registerWasm().ok) await tf.setBackend("wasm");
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { type BackendWasm, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { projectRoot } from "../../config.ts";
import { jsBlas } from "./js_blas.ts";
import { convBackpropFilter } from "./kernels/conv2d.ts";
import { loadOpenBlas } from "./openblas.ts";

let registered: { ok: true } | { ok: false; reason: string } | null = null;

/** Points tfjs at the wasm binaries in node_modules and adds the missing filter gradient. */
export function registerWasm(): { ok: true } | { ok: false; reason: string } {
  if (registered) return registered;
  const dist = `${projectRoot()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`;
  try {
    Deno.statSync(`${dist}tfjs-backend-wasm.wasm`);
  } catch {
    registered = { ok: false, reason: `no wasm binaries in ${dist} (run deno task setup)` };
    return registered;
  }
  setWasmPaths(new URL(`file://${dist}`).href);
  const blas = loadOpenBlas() ?? jsBlas;
  if (!tf.getKernel(tf.Conv2DBackpropFilter, "wasm")) {
    tf.registerKernel({
      kernelName: tf.Conv2DBackpropFilter,
      backendName: "wasm",
      kernelFunc: ({ inputs, backend, attrs }) => {
        const wasm = backend as BackendWasm;
        const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
        const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
        if (a.dataFormat === "NCHW") {
          throw new Error("Conv2DBackpropFilter (wasm): expected NHWC data, found NCHW");
        }
        const info = tf.backend_util.computeConv2DInfo(
          x.shape as [number, number, number, number],
          a.filterShape,
          a.strides,
          1,
          a.pad,
          a.dimRoundingMode,
        );
        const dw = convBackpropFilter(
          blas,
          wasm.readSync(x.dataId) as Float32Array,
          wasm.readSync(dy.dataId) as Float32Array,
          info,
          new Float32Array(tf.util.sizeFromShape(a.filterShape)),
        );
        const out = wasm.makeOutput(a.filterShape, "float32");
        (wasm.typedArrayFromHeap(out) as Float32Array).set(dw);
        return out;
      },
    });
  }
  registered = { ok: true };
  return registered;
}
