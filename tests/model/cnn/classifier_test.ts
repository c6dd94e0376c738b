import assert from "node:assert/strict";
import { selectBackend } from "../../../lib/model/backend/select.ts";
import { buildCnn } from "../../../lib/model/cnn/architecture.ts";
import {
  AUDIO_CLASSIFIER_VARIANTS,
  audioClassifierOptions,
} from "../../../lib/model/cnn/classifier.ts";
import { FusedConv2D } from "../../../lib/model/cnn/layers.ts";

await selectBackend("cpu", { log: () => {} });

Deno.test("the study's four networks: 2/4/4/6 conv blocks over 1/1/3/3 channels, 512 in the best", () => {
  assert.deepEqual(
    AUDIO_CLASSIFIER_VARIANTS.map((v) => [v.name, v.convFilters.length, v.channels]),
    [["2-conv mono", 2, 1], ["4-conv mono", 4, 1], ["4-conv RGB", 4, 3], ["6-conv RGB", 6, 3]],
  );
  assert.equal(AUDIO_CLASSIFIER_VARIANTS.at(-1)!.denseUnits, 512);
  assert.deepEqual(AUDIO_CLASSIFIER_VARIANTS.map((v) => v.study.test), [0.42, 0.51, 0.53, 0.61]);
});

Deno.test("each network builds at 102×159: conv → batch norm → ReLU → 2×2 pool, dropout, softmax 3", () => {
  for (const variant of AUDIO_CLASSIFIER_VARIANTS) {
    const audioShape = [102, 159, variant.channels] as const;
    const model = buildCnn(audioClassifierOptions(variant, { audioShape, seed: 1 }));
    try {
      const convs = model.layers.filter((l): l is FusedConv2D => l instanceof FusedConv2D);
      assert.deepEqual(convs.map((c) => c.filters), [...variant.convFilters]);
      assert.ok(convs.every((c) => c.activation === "linear"), "ReLU comes after batch norm");
      const kinds = model.layers.map((l) => l.getClassName());
      assert.equal(kinds.filter((k) => k === "BatchNormalization").length, convs.length);
      assert.equal(kinds.filter((k) => k === "MaxPooling2D").length, convs.length);
      let h = 102, w = 159;
      for (let i = 0; i < convs.length; i++) [h, w] = [Math.floor(h / 2), Math.floor(w / 2)];
      const last = variant.convFilters.at(-1)!;
      assert.deepEqual(model.getLayer("flatten").outputShape, [null, h * w * last]);
      assert.deepEqual(model.getLayer("dense1").outputShape, [null, variant.denseUnits]);
      assert.equal(model.getLayer("dropout1").getConfig().rate, variant.dropout);
      assert.deepEqual(model.outputs[0].shape, [null, 3]);
      assert.equal(model.getLayer("output").getConfig().activation, "softmax");
    } finally {
      model.dispose();
    }
  }
});

Deno.test("a variant refuses an input with the other channel count", () => {
  assert.throws(
    () => audioClassifierOptions(AUDIO_CLASSIFIER_VARIANTS[2], { audioShape: [102, 159, 1] }),
    /4-conv RGB reads 3 channel/,
  );
});
