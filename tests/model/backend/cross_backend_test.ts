import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { loadConfig } from "../../../lib/config.ts";
import { PopularityModel } from "../../../lib/model/popularity/model.ts";
import { silentProgress } from "../../../lib/model/training/progress.ts";
import { trainNetwork } from "../../../lib/model/training/mod.ts";
import { buildCnn } from "../../../lib/model/cnn/mod.ts";
import { randomModelData, SIZE, syntheticSongs } from "../training/synthetic.ts";
import { KERNEL_BACKENDS } from "./compare.ts";

const audio = { ...loadConfig({ env: {} }).audio, nMels: SIZE, frames: SIZE };
const train = syntheticSongs(64, 21),
  validation = syntheticSongs(32, 22),
  test = syntheticSongs(32, 23);
const options = {
  inputs: "both" as const,
  audio,
  epochs: 3,
  batchSize: 16,
  learningRate: 3e-3,
  cnn: { convFilters: [4, 8], denseUnits: [16] },
  seed: 7,
  progress: silentProgress,
};
// Predictions read synchronously, which the webgpu backend cannot do under Deno: it gets its own
// training test below; its kernels are compared with cpu in kernels_test.ts.
const TRAINING_BACKENDS = KERNEL_BACKENDS.filter((b) => b.name !== "webgpu");
const installed = TRAINING_BACKENDS.filter((b) => b.available);
const skipped = TRAINING_BACKENDS.filter((b) => !b.available);
const note = skipped.length
  ? ` (not installed: ${skipped.map((b) => `${b.name}: ${b.reason}`).join("; ")})`
  : "";

for (const backend of TRAINING_BACKENDS) {
  Deno.test({
    name: `[${backend.name}] seeded training gives the same metrics and predictions twice${
      backend.available ? "" : ` (skipped: ${backend.reason})`
    }`,
    ignore: !backend.available,
    fn: async () => {
      await tf.setBackend(backend.tfBackend);
      const runs = [];
      for (let i = 0; i < 2; i++) {
        const { model, result } = await PopularityModel.train(train, validation, options);
        runs.push({
          history: result.history.map((e) => [e.loss, e.valLoss, e.mae, e.valMae]),
          predicted: Array.from(model.predict(test)),
        });
        model.dispose();
      }
      assert.ok(runs[0].history.flat().every(Number.isFinite), JSON.stringify(runs[0].history));
      assert.deepEqual(runs[1].history, runs[0].history);
      assert.deepEqual(runs[1].predicted, runs[0].predicted);
    },
  });
}

const random = (n: number, seed: number) => randomModelData(SIZE, SIZE, n, seed, 4);
const webgpu = KERNEL_BACKENDS.find((b) => b.name === "webgpu")!;
Deno.test({
  name: `[webgpu] the training loop runs and follows cpu's losses within 1e-3${
    webgpu.available ? "" : ` (skipped: ${webgpu.reason})`
  }`,
  ignore: !webgpu.available,
  fn: async () => {
    const histories: number[][] = [];
    for (const backend of ["cpu", webgpu.tfBackend]) {
      await tf.setBackend(backend);
      const model = buildCnn({ inputs: "both", audioShape: [SIZE, SIZE, 1], metadataFeatures: 4 });
      const { history } = await trainNetwork(model, random(32, 31), random(16, 32), {
        epochs: 2,
        batchSize: 16,
        seed: 7,
        progress: silentProgress,
      });
      histories.push(history.flatMap((e) => [e.loss, e.valLoss]));
      model.dispose();
    }
    const [cpu, gpu] = histories;
    assert.ok(cpu.every(Number.isFinite), JSON.stringify(cpu));
    const worst = Math.max(
      ...gpu.map((v, i) => Math.abs(v - cpu[i]) / Math.max(1, Math.abs(cpu[i]))),
    );
    assert.ok(worst < 1e-3, `webgpu ${JSON.stringify(gpu)} vs cpu ${JSON.stringify(cpu)}`);
  },
});

Deno.test({
  name: `a model trained on one backend loads on every other and predicts within 1e-4${note}`,
  ignore: installed.length < 2,
  fn: async () => {
    for (const from of installed) {
      const dir = await Deno.makeTempDir();
      try {
        await tf.setBackend(from.tfBackend);
        const { model } = await PopularityModel.train(train, validation, { ...options, dir });
        const expected = model.predict(test);
        model.dispose();
        for (const to of installed.filter((b) => b !== from)) {
          await tf.setBackend(to.tfBackend);
          const loaded = await PopularityModel.load(dir);
          const got = loaded.predict(test);
          loaded.dispose();
          const worst = Math.max(...got.map((v, i) => Math.abs(v - expected[i])));
          assert.ok(worst < 1e-4, `${from.name} → ${to.name}: largest difference ${worst}`);
        }
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    }
  },
});
