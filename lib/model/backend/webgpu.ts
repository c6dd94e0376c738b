/**
 * The `webgpu` backend: `@tensorflow/tfjs-backend-webgpu` on Deno's `navigator.gpu`. Chosen only
 * when named (`model.backend: webgpu`), never by `auto`: where no GPU driver is reachable, Deno
 * offers a software adapter that is correct but slow. On NVIDIA Linux, Deno's WebGPU needs the
 * Vulkan driver (`DENO_WEBGPU_BACKEND=vulkan`). The webgpu backend reads results only
 * asynchronously under Deno (`await tensor.data()`; `dataSync()` needs a canvas and fails). The
 * training loop reads asynchronously and trains on it; predictions and evaluations read
 * synchronously and do not run on it yet.
 *
 * @example
 * ```ts
 * import { registerWebgpu } from "./webgpu.ts";
 * const result = await registerWebgpu();
 * console.log(result.ok ? result.detail : result.reason);
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** Outcome of {@link registerWebgpu}: the adapter in words, or why there is none. */
export type WebgpuLoad = { ok: true; detail: string } | { ok: false; reason: string };

interface AdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** Whether a WebGPU adapter exists, and if so its description (never loads tfjs's backend). */
export async function webgpuAdapter(): Promise<WebgpuLoad> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return { ok: false, reason: "this Deno has no navigator.gpu" };
  let adapter: { info?: AdapterInfo } | null;
  try {
    adapter = await gpu.requestAdapter() as { info?: AdapterInfo } | null;
  } catch (error) {
    return {
      ok: false,
      reason: `no WebGPU adapter (${error instanceof Error ? error.message : error})`,
    };
  }
  if (!adapter) return { ok: false, reason: "no WebGPU adapter on this machine" };
  const info = adapter.info ?? {};
  const words = [info.vendor, info.architecture, info.device, info.description]
    .filter((w) => w).join(" ");
  return {
    ok: true,
    detail: `WebGPU adapter ${words || "(unnamed, likely Deno's software adapter)"}${
      info.isFallbackAdapter ? ", software fallback" : ""
    }`,
  };
}

/** Loads tfjs's webgpu backend and makes it current, or says why it cannot. */
export async function registerWebgpu(): Promise<WebgpuLoad> {
  const adapter = await webgpuAdapter();
  if (!adapter.ok) return adapter;
  try {
    await import("@tensorflow/tfjs-backend-webgpu");
    if (!(await tf.setBackend("webgpu"))) {
      return { ok: false, reason: "tfjs could not initialise the webgpu backend" };
    }
  } catch (error) {
    return {
      ok: false,
      reason: `@tensorflow/tfjs-backend-webgpu failed to load: ${
        error instanceof Error ? error.message.split("\n")[0] : error
      }`,
    };
  }
  return {
    ok: true,
    detail: `${adapter.detail}; note: training runs on it, predictions read synchronously, which ` +
      `webgpu cannot under Deno`,
  };
}
