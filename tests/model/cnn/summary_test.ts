import assert from "node:assert/strict";
import { selectBackend } from "../../../lib/model/backend/select.ts";
import { buildCnn } from "../../../lib/model/cnn/architecture.ts";
import { networkSummary } from "../../../lib/model/cnn/summary.ts";

await selectBackend("auto", { log: () => {} });

Deno.test("networkSummary lists every layer with its output shape and parameters", () => {
  const options = { audioShape: [32, 32, 1] as const, metadataFeatures: 8 };
  const summary = networkSummary(options);
  const model = buildCnn({ inputs: "both", ...options });
  assert.equal(summary.parameters, model.countParams());
  assert.equal(summary.layers.length, model.layers.length);
  assert.equal(summary.layers.reduce((s, l) => s + l.parameters, 0), summary.parameters);
  assert.equal(summary.layers[0].output, "[batch,32,32,1]");
  // 3×3 kernels on one channel into 16 filters, with biases
  assert.equal(summary.layers.find((l) => l.layer === "conv1")!.parameters, 16 * 9 + 16);
  model.dispose();
  const audioOnly = networkSummary({ inputs: "audio", audioShape: [32, 32, 1] });
  assert.ok(audioOnly.parameters < summary.parameters);
  assert.ok(!audioOnly.layers.some((l) => l.layer.startsWith("meta")));
});
