import assert from "node:assert/strict";
import { loadConfig } from "../../lib/config.ts";
import { FAST_CPU, registerFastCpu } from "../../lib/model/backend/fast_cpu.ts";
import { loadNativeBackend } from "../../lib/model/backend/native.ts";
import { selectBackend } from "../../lib/model/backend/select.ts";
import { PopularityModel } from "../../lib/model/popularity/model.ts";
import { silentProgress } from "../../lib/model/training/progress.ts";
import {
  ensureTfjsNode,
  findTensorflowLibrary,
  TENSORFLOW_WHEEL_VERSION,
  tensorflowVersion,
  tensorflowVersionOk,
  tfjsNodeCacheDir,
} from "../../lib/workspace/tfjs_node.ts";
import { SIZE, syntheticSongs } from "../model/training/synthetic.ts";

/** A project root whose node_modules holds tfjs-node's package.json and nothing built. */
async function bareProject(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "tfjs-node-" });
  const pkg = `${root}/node_modules/@tensorflow/tfjs-node`;
  await Deno.mkdir(pkg, { recursive: true });
  await Deno.writeTextFile(
    `${pkg}/package.json`,
    JSON.stringify({
      name: "@tensorflow/tfjs-node",
      version: "4.22.0",
      binary: { napi_versions: [8] },
    }),
  );
  return root;
}

function touch(path: string, text = "") {
  Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  Deno.writeTextFileSync(path, text);
}

Deno.test("TensorFlow versions: 2.9 and later are accepted, older or unreadable ones are not", () => {
  for (const v of ["2.9.1", "2.21.0", "2.10.0-rc1", "3.0.0"]) assert.ok(tensorflowVersionOk(v), v);
  for (const v of ["2.8.4", "1.15.0", "", "unknown"]) assert.ok(!tensorflowVersionOk(v), v);
});

Deno.test("a TensorFlow C library is found in the libtensorflow and the Python-package layouts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    touch(`${dir}/a/lib/libtensorflow.so.2`);
    touch(`${dir}/a/lib/libtensorflow_framework.so.2`);
    touch(`${dir}/a/include/tensorflow/c/c_api.h`);
    const a = findTensorflowLibrary(`${dir}/a`, "archive");
    assert.ok("library" in a, JSON.stringify(a));
    assert.equal(a.library, `${dir}/a/lib/libtensorflow.so.2`);
    assert.equal(a.include, `${dir}/a/include`);
    touch(`${dir}/b/tensorflow/libtensorflow_cc.so.2`);
    touch(`${dir}/b/tensorflow/libtensorflow_framework.so.2`);
    touch(`${dir}/b/tensorflow/include/tensorflow/c/c_api.h`);
    const b = findTensorflowLibrary(`${dir}/b`, "wheel");
    assert.ok("library" in b, JSON.stringify(b));
    assert.equal(b.include, `${dir}/b/tensorflow/include`);
    touch(`${dir}/c/libtensorflow_cc.so.2`);
    touch(`${dir}/c/libtensorflow_framework.so.2`);
    const c = findTensorflowLibrary(`${dir}/c`, "no headers");
    assert.ok("missing" in c && /c_api\.h/.test(c.missing), JSON.stringify(c));
    const d = findTensorflowLibrary(`${dir}/nothing`, "empty");
    assert.ok("missing" in d && /libtensorflow/.test(d.missing));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the cache lives outside the project: XDG_CACHE_HOME, then ~/.cache", () => {
  assert.equal(
    tfjsNodeCacheDir({ XDG_CACHE_HOME: "/c", HOME: "/h" }, "/p"),
    "/c/hit-song-science/tensorflow",
  );
  assert.equal(tfjsNodeCacheDir({ HOME: "/h" }, "/p"), "/h/.cache/hit-song-science/tensorflow");
  assert.equal(tfjsNodeCacheDir({}, "/p"), "/p/node_modules/.cache/tensorflow");
});

const unpacked =
  `${tfjsNodeCacheDir()}/tensorflow-cpu-${TENSORFLOW_WHEEL_VERSION}/tensorflow/libtensorflow_cc.so.2`;
let haveWheel = false;
try {
  haveWheel = Deno.statSync(unpacked).isFile;
} catch { /* setup has not unpacked the wheel on this machine */ }

Deno.test({
  name: `the version check reads TF_Version() from the unpacked wheel${
    haveWheel ? "" : " (skipped: run deno task setup to unpack it)"
  }`,
  ignore: !haveWheel,
  fn: async () => {
    assert.deepEqual(await tensorflowVersion(unpacked), { version: TENSORFLOW_WHEEL_VERSION });
    const bogus = await Deno.makeTempFile();
    const result = await tensorflowVersion(bogus);
    await Deno.remove(bogus);
    assert.ok("error" in result, JSON.stringify(result));
  },
});

Deno.test({
  name:
    "with no TensorFlow library, setup says why in one line and training falls back to fast-cpu",
  ignore: !registerFastCpu().ok,
  fn: async () => {
    const root = await bareProject();
    try {
      // A folder that is not a TensorFlow library, and a fake one that does not load.
      const fake = `${root}/fake`;
      touch(`${fake}/lib/libtensorflow.so.2`, "not a library");
      touch(`${fake}/lib/libtensorflow_framework.so.2`, "not a library");
      touch(`${fake}/include/tensorflow/c/c_api.h`);
      for (const folder of [`${root}/empty`, fake]) {
        const result = await ensureTfjsNode({
          root,
          sources: ["env"],
          env: { TENSORFLOW_LIB_DIR: folder, HOME: root },
          log: () => assert.fail("nothing is built"),
        });
        assert.equal(result.ok, false);
        assert.equal(result.changed, false);
        assert.ok(!result.message.includes("\n"), result.message);
        assert.match(result.message, /fast-cpu/);
        assert.match(result.message, new RegExp(`TENSORFLOW_LIB_DIR=${folder}`));
      }
      const again = await ensureTfjsNode({
        root,
        sources: ["env"],
        env: { TENSORFLOW_LIB_DIR: fake, HOME: root },
        log: () => assert.fail("a remembered failure is not retried"),
      });
      assert.match(again.message, /remembered: delete .* to retry/);
      const nothing = await ensureTfjsNode({ root, sources: ["env"], env: {}, log: () => {} });
      assert.match(nothing.message, /no TensorFlow source tried/);
      // Nothing half-built is left, and the backend reads as not built.
      assert.throws(() => Deno.statSync(`${root}/node_modules/@tensorflow/tfjs-node/deps`));
      const native = await loadNativeBackend("tensorflow", root);
      assert.ok(
        !native.ok && /not built/.test(native.reason) && /deno task setup/.test(native.reason),
      );

      // For batch-normalised networks auto tries tfjs-node before fast-cpu: it is passed over.
      const lines: string[] = [];
      const network = "batch-norm";
      const choice = await selectBackend("auto", { root, log: (l) => lines.push(l), network });
      assert.equal(choice.name, "fast-cpu");
      assert.equal(choice.tfBackend, FAST_CPU);
      assert.match(
        choice.summary,
        /tensorflow \(@tensorflow\/tfjs-node is installed but its addon is not built\)/,
      );

      const audio = { ...loadConfig({ env: {} }).audio, nMels: SIZE, frames: SIZE };
      const { model, result } = await PopularityModel.train(
        syntheticSongs(48, 1),
        syntheticSongs(16, 2),
        {
          audio,
          epochs: 2,
          batchSize: 16,
          cnn: { convFilters: [4, 8], denseUnits: [16] },
          progress: silentProgress,
        },
      );
      model.dispose();
      assert.equal(result.history.length, 2);
      assert.ok(result.history.every((e) => Number.isFinite(e.loss) && Number.isFinite(e.valLoss)));
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
