/**
 * 2-D convolutions (forward, input gradient, filter gradient) and max pooling (forward, gradient)
 * on oneDNN, the library PyTorch's CPU convolutions run on, called through Deno's FFI by a small
 * C shim (dnnl_conv.c). The shim is compiled on first use — synchronously, because
 * {@link loadDnnl} runs inside the synchronous backend registration — into
 * `node_modules/.cache/hss-dnnl/`, one library per version of its source and flags, written to a
 * temporary file and renamed into place so parallel processes never see half a file (about a
 * second here).
 *
 * Optional by design: without a C compiler, oneDNN's headers (Debian's `libdnnl-dev`, which
 * `deno task setup` installs when it can) or the FFI permission, {@link loadDnnl} returns null
 * and {@link dnnlUnavailableReason} says why; the `fast-cpu` backend then keeps its OpenBLAS
 * convolutions and TypeScript max pooling.
 *
 * Tensors are float32 in tfjs's layouts: input and output NHWC, filter HWIO. Primitives are made
 * once per geometry and cached in C. oneDNN runs on OpenMP threads: `OMP_NUM_THREADS` sets their
 * number when the library loads, and {@link Dnnl.setThreads} changes it later; idle, they sleep
 * (`OMP_WAIT_POLICY=passive` unless the environment sets a policy).
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { loadDnnl } from "./dnnl.ts";
 * const dnnl = loadDnnl();
 * if (dnnl) {
 *   const info = tf.backend_util.computeConv2DInfo([1, 3, 3, 1], [2, 2, 1, 1], 1, 1, "valid");
 *   const y = new Float32Array(4);
 *   dnnl.forward(info, Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), Float32Array.of(1, 0, 0, 1), y);
 *   // y = [6, 8, 12, 14] (each window's top-left + bottom-right)
 * }
 * ```
 * @module
 */
import { createHash } from "node:crypto";
import { projectRoot } from "../../../config.ts";
import { type AdamArrays, adamScalars, type AdamStep } from "../kernels/adam.ts";
import type { ConvInfo } from "../kernels/conv2d.ts";

const SYMBOLS = {
  hss_dnnl_init: { parameters: [], result: "i32" },
  hss_dnnl_version: { parameters: [], result: "i32" },
  hss_dnnl_threads: { parameters: [], result: "i32" },
  hss_dnnl_set_threads: { parameters: ["i32"], result: "void" },
  hss_dnnl_set_layout: { parameters: ["i32"], result: "void" },
  hss_dnnl_conv_forward: {
    parameters: ["buffer", "buffer", "buffer", "buffer", "buffer"],
    result: "i32",
  },
  hss_dnnl_conv_backward_data: {
    parameters: ["buffer", "buffer", "buffer", "buffer"],
    result: "i32",
  },
  hss_dnnl_conv_backward_weights: {
    parameters: ["buffer", "buffer", "buffer", "buffer", "buffer"],
    result: "i32",
  },
  hss_dnnl_pool_workspace_bytes: { parameters: ["buffer"], result: "i64" },
  hss_dnnl_maxpool_forward: { parameters: ["buffer", "buffer", "buffer", "buffer"], result: "i32" },
  hss_dnnl_maxpool_backward: {
    parameters: ["buffer", "buffer", "buffer", "buffer"],
    result: "i32",
  },
  hss_adam_update: {
    parameters: [
      "i64",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
      "buffer",
    ],
    result: "void",
  },
  hss_bias_activation_grad: {
    parameters: ["i64", "i32", "i32", "buffer", "buffer", "buffer", "buffer"],
    result: "i32",
  },
} as const satisfies Deno.ForeignLibraryInterface;

/**
 * How the primitives hold their tensors: tfjs's plain NHWC/HWIO (`plain`), oneDNN's own choice
 * for every tensor with reorders around each call (`any`), or plain NHWC activations with
 * oneDNN's choice of filter layout (`filter`: only the small filter is reordered).
 */
export type DnnlLayout = "plain" | "any" | "filter";

/**
 * The loaded shim. Every call returns true on success, false when oneDNN refused the geometry
 * (the caller then computes the result another way; the output buffer is then undefined).
 */
export interface Dnnl {
  /** What runs the convolutions, e.g. "oneDNN 2.6.3". */
  library: string;
  /** y[N, OH, OW, cout] = conv(x, filter) (+ bias per channel) (then ReLU when `relu`). */
  forward(
    info: ConvInfo,
    x: Float32Array,
    filter: Float32Array,
    y: Float32Array,
    bias?: Float32Array | null,
    relu?: boolean,
  ): boolean;
  /** dx[N, H, W, cin] = the input gradient of conv(·, filter) given dy (overwritten). */
  backwardData(info: ConvInfo, dy: Float32Array, filter: Float32Array, dx: Float32Array): boolean;
  /** dw[kh, kw, cin, cout] = the filter gradient of conv(x, ·) given dy (overwritten). */
  backwardWeights(info: ConvInfo, x: Float32Array, dy: Float32Array, dw: Float32Array): boolean;
  /**
   * y[N, OH, OW, C] = max pooling of x (window, strides and padding from `info`, as
   * tfjs's computePool2DInfo gives them); returns the workspace the backward pass needs (where
   * each maximum was), or null when oneDNN refused the geometry.
   */
  maxPoolForward(info: ConvInfo, x: Float32Array, y: Float32Array): Uint8Array | null;
  /** dx[N, H, W, C] = the gradient of max pooling given dy and the forward pass's workspace. */
  maxPoolBackward(
    info: ConvInfo,
    dy: Float32Array,
    workspace: Uint8Array,
    dx: Float32Array,
  ): boolean;
  /**
   * The backward pass of a convolution's bias and activation in one sweep (plain C on oneDNN's
   * OpenMP threads, see kernels/bias_activation_grad.ts): dx = dy · step(y) for ReLU (dy for
   * linear) and dBias = its sum per channel (float64 sums, added per thread in thread order).
   * Arrays hold rows × `channels` values.
   */
  biasActivationGrad(
    dy: Float32Array,
    y: Float32Array,
    channels: number,
    relu: boolean,
    dx: Float32Array,
    dBias: Float32Array,
  ): boolean;
  /**
   * One Adam step of one variable (plain C on oneDNN's OpenMP threads, see kernels/adam.ts):
   * bit for bit {@link adamUpdate}'s values; `out` may be `state`.
   */
  adamUpdate(state: AdamArrays & { gradient: Float32Array }, out: AdamArrays, step: AdamStep): void;
  /** oneDNN's OpenMP threads. */
  threads(): number;
  /** Sets oneDNN's OpenMP threads (for calls from this thread). */
  setThreads(n: number): void;
  /**
   * Sets the primitives' layout (default `filter`: per core 2.4× faster than OpenBLAS im2col on
   * the paper CNN's convolutions here, `any` 2.2×, `plain` slower than OpenBLAS); clears the
   * primitive cache.
   */
  setLayout(layout: DnnlLayout): void;
}

const LAYOUTS: readonly DnnlLayout[] = ["plain", "any", "filter"];

const INSTALL = "apt-get install gcc libdnnl-dev";

/**
 * The shim's compiler flags (part of its cache key). `-O3` vectorises the element-wise loops,
 * `-ffp-contract=off` keeps their float32 arithmetic exactly tfjs's (no fused multiply-adds),
 * `-fopenmp` threads them. `-z nodelete`: once loaded, the shim — and with it oneDNN and
 * libgomp — stays loaded for the life of the process. Deno closes a module's FFI libraries when
 * the module's isolate ends (each file of `deno test`, each worker); without this, libgomp could
 * be unmapped while its OpenMP threads still spin in it after a parallel region, and the process
 * died with a segmentation fault.
 */
const COMPILE = [
  "-O3",
  "-ffp-contract=off",
  "-fopenmp",
  "-shared",
  "-fPIC",
  "-Wl,-z,nodelete",
];

/**
 * Compiles the shim unless the library for this source version exists (synchronously).
 *
 * @param cacheDir folder of the compiled library; default `<project>/node_modules/.cache/hss-dnnl`
 * @returns the library's path
 * @throws Error when the compiler or oneDNN's headers are missing (the message says what to
 *   install)
 */
export function buildDnnlShim(cacheDir?: string): string {
  const source = Deno.readFileSync(new URL("./dnnl_conv.c", import.meta.url));
  const hash = createHash("sha256").update(source).update(COMPILE.join(" ")).digest("hex")
    .slice(0, 12);
  const dir = cacheDir ?? `${projectRoot()}/node_modules/.cache/hss-dnnl`;
  const library = `${dir}/libhss_dnnl_${hash}.so`;
  try {
    if (Deno.statSync(library).isFile) return library;
  } catch { /* not built yet */ }
  Deno.mkdirSync(dir, { recursive: true });
  const unique = `${Deno.pid}.${crypto.randomUUID().slice(0, 8)}`;
  const sourcePath = `${dir}/dnnl_conv.${unique}.c`;
  const tmp = `${library}.${unique}.tmp`;
  Deno.writeFileSync(sourcePath, source);
  try {
    let out: Deno.CommandOutput;
    try {
      out = new Deno.Command("cc", {
        args: [...COMPILE, "-o", tmp, sourcePath, "-ldnnl", "-lgomp", "-lm"],
        stdout: "piped",
        stderr: "piped",
      }).outputSync();
    } catch (error) {
      throw new Error(
        `no C compiler to build the oneDNN shim (${
          error instanceof Error ? error.message : error
        }); install one and oneDNN's headers: ${INSTALL}`,
      );
    }
    if (out.code !== 0) {
      const said = new TextDecoder().decode(out.stderr).trim().split("\n")[0];
      throw new Error(
        `compiling the oneDNN shim failed (${said}); install a C compiler and oneDNN's headers: ` +
          INSTALL,
      );
    }
    Deno.renameSync(tmp, library);
    return library;
  } finally {
    for (const path of [sourcePath, tmp]) {
      try {
        Deno.removeSync(path);
      } catch { /* already gone */ }
    }
  }
}

/** The shim's geometry record (see the enum in dnnl_conv.c). */
function geometry(
  info: ConvInfo,
  kind: 0 | 1 | 2 | 3 | 4,
  bias = false,
  relu = false,
): Int32Array {
  const p = info.padInfo;
  return Int32Array.of(
    kind,
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outChannels,
    info.filterHeight,
    info.filterWidth,
    info.outHeight,
    info.outWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    p.top,
    p.left,
    p.bottom,
    p.right,
    bias ? 1 : 0,
    relu ? 1 : 0,
  );
}

/**
 * Runs `load` (which loads libgomp) with `OMP_WAIT_POLICY=passive` unless the user set a wait
 * policy (`OMP_WAIT_POLICY` or `GOMP_SPINCOUNT`), then restores the environment, so child
 * processes do not inherit it. libgomp reads it once, when it loads: its idle threads then sleep
 * at once instead of spinning. On 2 cores shared with one busy process the paper CNN trained at
 * 198–214 samples/s so against 162–173 spinning; quiet, the difference was within noise.
 */
function withPassiveOpenMp<T>(load: () => T): T {
  let set = false;
  try {
    if (!Deno.env.get("OMP_WAIT_POLICY") && !Deno.env.get("GOMP_SPINCOUNT")) {
      Deno.env.set("OMP_WAIT_POLICY", "passive");
      set = true;
    }
  } catch { /* no env permission: libgomp's default */ }
  try {
    return load();
  } finally {
    if (set) Deno.env.delete("OMP_WAIT_POLICY");
  }
}

let cached: { dnnl: Dnnl | null; reason: string } | null = null;

/**
 * Builds (if needed) and opens the oneDNN shim once per process; null when it cannot (the
 * reason is in {@link dnnlUnavailableReason}). Needs the FFI and run permissions (`-A`).
 */
export function loadDnnl(): Dnnl | null {
  if (cached) return cached.dnnl;
  try {
    const path = buildDnnlShim();
    const s = withPassiveOpenMp(() => Deno.dlopen(path, SYMBOLS).symbols);
    const status = s.hss_dnnl_init();
    if (status !== 0) throw new Error(`oneDNN's CPU engine did not start (status ${status})`);
    const v = s.hss_dnnl_version();
    const version = `${Math.floor(v / 10000)}.${Math.floor(v / 100) % 100}.${v % 100}`;
    const none = new Float32Array(0);
    const dnnl: Dnnl = {
      library: `oneDNN ${version}`,
      forward: (info, x, filter, y, bias = null, relu = false) =>
        s.hss_dnnl_conv_forward(
          geometry(info, 0, bias !== null, relu),
          x,
          filter,
          bias ?? none,
          y,
        ) ===
          0,
      backwardData: (info, dy, filter, dx) =>
        s.hss_dnnl_conv_backward_data(geometry(info, 1, false, false), dy, filter, dx) === 0,
      backwardWeights: (info, x, dy, dw) =>
        s.hss_dnnl_conv_backward_weights(geometry(info, 2, false, false), x, dy, dw, none) === 0,
      maxPoolForward: (info, x, y) => {
        const g = geometry(info, 3);
        const bytes = Number(s.hss_dnnl_pool_workspace_bytes(g));
        if (bytes < 0) return null;
        const workspace = new Uint8Array(Math.max(1, bytes));
        return s.hss_dnnl_maxpool_forward(g, x, y, workspace) === 0 ? workspace : null;
      },
      maxPoolBackward: (info, dy, workspace, dx) =>
        s.hss_dnnl_maxpool_backward(geometry(info, 4), dy, workspace, dx) === 0,
      biasActivationGrad: (dy, y, channels, relu, dx, dBias) =>
        s.hss_bias_activation_grad(
          BigInt(dy.length / channels),
          channels,
          relu ? 1 : 0,
          dy,
          y,
          dx,
          dBias,
        ) ===
          0,
      adamUpdate: (state, out, step) =>
        s.hss_adam_update(
          BigInt(state.value.length),
          state.value,
          state.m,
          state.v,
          state.gradient,
          out.value,
          out.m,
          out.v,
          adamScalars(step),
        ),
      threads: () => s.hss_dnnl_threads(),
      setThreads: (n) => s.hss_dnnl_set_threads(n),
      setLayout: (layout) => s.hss_dnnl_set_layout(LAYOUTS.indexOf(layout)),
    };
    cached = { dnnl, reason: "" };
  } catch (error) {
    cached = {
      dnnl: null,
      reason: error instanceof Error ? error.message.split("\n")[0] : String(error),
    };
  }
  return cached.dnnl;
}

/** Why {@link loadDnnl} returned null; empty when it loaded (or was not tried yet). */
export function dnnlUnavailableReason(): string {
  return cached?.reason ?? "";
}
