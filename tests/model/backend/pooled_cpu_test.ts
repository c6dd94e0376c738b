import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { PooledCpuBackend } from "../../../lib/model/backend/pooled_cpu.ts";

function makeBackend(): PooledCpuBackend {
  const backend = new PooledCpuBackend();
  if (!tf.findBackendFactory("pooled-test")) {
    tf.registerBackend("pooled-test", () => backend, 0);
    for (const k of tf.getKernelsForBackend("cpu")) {
      tf.registerKernel({ ...k, backendName: "pooled-test" });
    }
  }
  return backend;
}

Deno.test("PooledCpuBackend recycles a freed tensor's array for the next of that length", () => {
  const backend = new PooledCpuBackend();
  const values = backend.allocate(16);
  values.fill(7);
  const info = backend.makeTensorInfo([16], "float32", values);
  backend.disposeData(info.dataId);
  assert.equal(backend.pooledBytes(), 64);
  const again = backend.allocate(16);
  assert.equal(again, values, "the same array comes back");
  assert.equal(backend.allocate(16, true)[0], 0, "a fresh zeroed array when the pool is empty");
  const zeroed = backend.allocate(8);
  backend.disposeData(backend.makeTensorInfo([8], "float32", zeroed).dataId);
  assert.deepEqual([...backend.allocate(8, true)], new Array(8).fill(0), "zeroed on request");
  assert.deepEqual(backend.stats, { reused: 2, allocated: 3 });
});

Deno.test("PooledCpuBackend never recycles an array that was read out or shared", () => {
  const backend = new PooledCpuBackend();
  const read = backend.allocate(4);
  const a = backend.makeTensorInfo([4], "float32", read);
  backend.readSync(a.dataId); // like dataSync(): the caller may keep the array
  backend.disposeData(a.dataId);
  const viewed = backend.allocate(4);
  const b = backend.makeTensorInfo([4], "float32", viewed);
  backend.makeTensorInfo([2], "float32", viewed.subarray(2)); // a second tensor over it
  backend.disposeData(b.dataId);
  const twice = backend.allocate(4);
  const c = backend.makeTensorInfo([4], "float32", twice);
  backend.makeTensorInfo([4], "float32", twice); // the same array under two tensors
  backend.disposeData(c.dataId);
  assert.equal(backend.pooledBytes(), 0);
  const fresh = backend.allocate(4);
  assert.ok(fresh !== read && fresh !== viewed && fresh !== twice);
});

Deno.test("PooledCpuBackend keeps results right while tensors come and go (dataSync copies)", async () => {
  makeBackend();
  await tf.setBackend("pooled-test");
  const kept = tf.tidy(() => tf.add(tf.ones([1000]), tf.ones([1000])));
  const values = kept.dataSync();
  kept.dispose();
  for (let i = 0; i < 5; i++) tf.tidy(() => tf.mul(tf.ones([1000]), 3).dataSync());
  assert.ok(values.every((v) => v === 2), "an array read out is never reused");
  await tf.setBackend("cpu");
});
