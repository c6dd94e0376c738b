/**
 * Test helper: runs the same computation on tfjs's `cpu` backend and on another installed backend
 * (`fast-cpu` with each of its convolution engines, tfjs-node's `tensorflow`, `webgpu`), on the
 * same random inputs, and measures the relative error max|other − cpu| / max|cpu| per output.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../../lib/data/random.ts";
import { FAST_CPU, registerFastCpu } from "../../../lib/model/backend/fast_cpu.ts";
import { loadNativeBackend } from "../../../lib/model/backend/native.ts";
import { registerWebgpu } from "../../../lib/model/backend/webgpu.ts";

const fast = registerFastCpu();
/** `fast-cpu` with its convolutions on oneDNN, and with OpenBLAS im2col, side by side. */
const fastDnnl = registerFastCpu({ name: "fast-cpu-onednn", convolutions: "onednn" });
const fastBlas = registerFastCpu({ name: "fast-cpu-openblas", convolutions: "openblas" });

/** Whether the fast backend can run here (OpenBLAS present). */
export const FAST_AVAILABLE = fast.ok;

/** The fast backend's name. */
export const FAST_CPU_NAME = FAST_CPU;

/** A backend the kernel tests compare with tfjs's cpu backend, and whether it runs here. */
export interface KernelBackend {
  /** The configuration's name (`model.backend`). */
  name: string;
  /** tfjs's name of it. */
  tfBackend: string;
  /** Whether it is installed and loads. */
  available: boolean;
  /** Why not, when it is not. */
  reason: string;
}

const native = await loadNativeBackend("tensorflow");
const webgpu = await registerWebgpu();
await tf.setBackend("cpu");

/** A backend's entry from its registration (`ok`, and `reason` when not). */
function entry(
  name: string,
  tfBackend: string,
  loaded: { ok: boolean; reason?: string },
): KernelBackend {
  return { name, tfBackend, available: loaded.ok, reason: loaded.ok ? "" : loaded.reason ?? "" };
}

/** Every backend the kernel tests run on: each is compared with tfjs's `cpu` backend. */
export const KERNEL_BACKENDS: readonly KernelBackend[] = [
  entry("fast-cpu/oneDNN", "fast-cpu-onednn", fastDnnl),
  entry("fast-cpu/OpenBLAS", "fast-cpu-openblas", fastBlas),
  entry("tensorflow", "tensorflow", native),
  entry("webgpu", "webgpu", webgpu),
];

/** Seeded normal values. */
export function randomValues(n: number, seed: number, scale = 1): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.normal(0, scale));
}

/**
 * Values of `f()` on a backend (the function builds its tensors from plain arrays), read
 * asynchronously (the webgpu backend cannot read synchronously under Deno).
 */
export async function runOn(
  backend: string,
  f: () => tf.Tensor | tf.Tensor[],
): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
  const outputs = tf.tidy(() => {
    const out = f();
    return Array.isArray(out) ? out : [out];
  });
  try {
    return await Promise.all(outputs.map(async (t) => Float32Array.from(await t.data())));
  } finally {
    tf.dispose(outputs);
  }
}

/** Relative errors of `backend` (tfjs's name) against cpu, one per output. */
export async function relativeErrors(
  backend: string,
  f: () => tf.Tensor | tf.Tensor[],
): Promise<number[]> {
  const ref = await runOn("cpu", f);
  const fast = await runOn(backend, f);
  if (ref.length !== fast.length) throw new Error(`${ref.length} vs ${fast.length} outputs`);
  return ref.map((r, i) => {
    const g = fast[i];
    if (r.length !== g.length) throw new Error(`output ${i}: ${r.length} vs ${g.length} values`);
    let diff = 0, scale = 0;
    for (let j = 0; j < r.length; j++) {
      if (Number.isNaN(r[j]) !== Number.isNaN(g[j])) return Infinity;
      if (Number.isNaN(r[j])) continue;
      diff = Math.max(diff, Math.abs(r[j] - g[j]));
      scale = Math.max(scale, Math.abs(r[j]));
    }
    return scale === 0 ? diff : diff / scale;
  });
}
