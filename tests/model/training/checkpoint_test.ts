import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../../lib/model/backend/select.ts";
import { buildCnn } from "../../../lib/model/cnn/architecture.ts";
import {
  CHECKPOINT_FILE,
  CheckpointError,
  loadCheckpoint,
  saveCheckpoint,
} from "../../../lib/model/training/checkpoint.ts";

await selectBackend("cpu", { log: () => {} });

const model = () =>
  buildCnn({
    inputs: "both",
    audioShape: [16, 16, 1],
    metadataFeatures: 3,
    convFilters: [2],
    seed: 5,
  });

Deno.test("a checkpoint restores weights, best weights, optimizer state and metadata", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const m = model();
    const best = m.getWeights().map((w) => tf.mul(w, 2));
    const optimizer = [{ name: "iter", tensor: tf.scalar(3, "int32") }, {
      name: "m0",
      tensor: tf.ones([2, 2]),
    }];
    await saveCheckpoint(dir, {
      model: m,
      meta: { a: 1 },
      training: { epoch: 4 },
      bestWeights: best,
      optimizer,
      tag: "e004",
    });
    const loaded = await loadCheckpoint(dir);
    assert.deepEqual(loaded.meta, { a: 1 });
    assert.deepEqual(loaded.training, { epoch: 4 });
    assert.deepEqual(
      loaded.model.getWeights().map((w) => Array.from(w.dataSync())),
      m.getWeights().map((w) => Array.from(w.dataSync())),
    );
    assert.deepEqual(
      loaded.bestWeights!.map((w) => Array.from(w.dataSync())),
      best.map((w) => Array.from(w.dataSync())),
    );
    assert.equal(loaded.optimizer![0].tensor.dtype, "int32");
    assert.deepEqual(loaded.optimizer!.map((o) => o.name), ["iter", "m0"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a new checkpoint replaces the old files only after its pointer is written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const m = model();
    await saveCheckpoint(dir, { model: m, meta: {}, tag: "e001" });
    await saveCheckpoint(dir, { model: m, meta: {}, tag: "e002" });
    const files = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assert.deepEqual(files, [CHECKPOINT_FILE, "weights-e002.bin"]);
    // A writer killed after its binary but before the pointer leaves the old checkpoint whole.
    await Deno.writeFile(`${dir}/weights-e003.bin`, new Uint8Array(10));
    const loaded = await loadCheckpoint(dir);
    assert.equal(loaded.model.getWeights().length, m.getWeights().length);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("missing, damaged or incomplete checkpoints fail with what is wrong", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(() => loadCheckpoint(dir), /no saved model in/);
    await Deno.writeTextFile(`${dir}/${CHECKPOINT_FILE}`, "{not json");
    await assert.rejects(() => loadCheckpoint(dir), /not valid JSON/);
    await Deno.writeTextFile(`${dir}/${CHECKPOINT_FILE}`, JSON.stringify({ format: "other" }));
    await assert.rejects(() => loadCheckpoint(dir), CheckpointError);
    await saveCheckpoint(dir, { model: model(), meta: {}, tag: "x" });
    await Deno.writeFile(`${dir}/weights-x.bin`, new Uint8Array(12));
    await assert.rejects(() => loadCheckpoint(dir), /holds 12 bytes/);
    await Deno.remove(`${dir}/weights-x.bin`);
    await assert.rejects(() => loadCheckpoint(dir), /is missing/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
