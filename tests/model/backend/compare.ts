/**
 * Test helper: runs the same computation on tfjs's `cpu` backend and on `fast-cpu`, on the same
 * random inputs, and measures the relative error max|fast − cpu| / max|cpu| per output.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../../lib/data/random.ts";
import { FAST_CPU, registerFastCpu } from "../../../lib/model/backend/fast_cpu.ts";

/** Whether the fast backend can run here (OpenBLAS present). */
export const FAST_AVAILABLE = registerFastCpu().ok;

/** The fast backend's name. */
export const FAST_CPU_NAME = FAST_CPU;

/** Seeded normal values. */
export function randomValues(n: number, seed: number, scale = 1): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.normal(0, scale));
}

/** Values of `f()` on a backend (the function builds its tensors from plain arrays). */
export async function runOn(
  backend: string,
  f: () => tf.Tensor | tf.Tensor[],
): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
  return tf.tidy(() => {
    const out = f();
    return (Array.isArray(out) ? out : [out]).map((t) => Float32Array.from(t.dataSync()));
  });
}

/** Relative errors of the fast backend against cpu, one per output, and the shapes' sizes. */
export async function relativeErrors(f: () => tf.Tensor | tf.Tensor[]): Promise<number[]> {
  const ref = await runOn("cpu", f);
  const fast = await runOn(FAST_CPU, f);
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
