import assert from "node:assert/strict";
import {
  codeVersion,
  describeStart,
  fingerprintMismatch,
  runFingerprint,
  sha256Hex,
} from "../../../lib/model/training/resume.ts";

Deno.test("sha256Hex separates its parts and reads typed arrays as bytes", async () => {
  assert.notEqual(await sha256Hex(["ab", "c"]), await sha256Hex(["a", "bc"]));
  const floats = new Float32Array([1, 2, 3]);
  assert.equal(await sha256Hex([floats]), await sha256Hex([new Uint8Array(floats.buffer)]));
  assert.notEqual(await sha256Hex([floats]), await sha256Hex([new Float32Array([1, 2, 3.5])]));
  assert.match(await sha256Hex([]), /^[0-9a-f]{64}$/);
});

Deno.test("the code version is a hash of the training sources, the same on every call", async () => {
  const version = await codeVersion();
  assert.match(version, /^[0-9a-f]{64}$/);
  assert.equal(await codeVersion(), version);
});

Deno.test("fingerprintMismatch: null when equal, else the reason", async () => {
  const now = await runFingerprint({
    data: "d1",
    settings: { epochs: 3, seed: 42, cnn: { a: 1 } },
  });
  assert.equal(now.code, await codeVersion());
  assert.equal(fingerprintMismatch(structuredClone(now), now), null);
  assert.equal(fingerprintMismatch({ ...now, data: "d0" }, now), "the training data changed");
  assert.equal(
    fingerprintMismatch({ ...now, settings: { ...now.settings, epochs: 25 } }, now),
    "the configuration changed (epochs: 25 → 3)",
  );
  assert.equal(
    fingerprintMismatch({ ...now, settings: { epochs: 3, seed: 42, cnn: { a: 2 }, x: 1 } }, now),
    'the configuration changed (cnn: {"a":2} → {"a":1}, x: 1 → unset)',
  );
  assert.equal(
    fingerprintMismatch({ ...now, code: "0".repeat(64) }, now),
    "the training code changed since the checkpoint was written",
  );
  assert.equal(
    fingerprintMismatch(undefined, now),
    "the checkpoint carries no fingerprint (written by older code)",
  );
});

Deno.test("describeStart: resumed from epoch k, or started over with the reason", () => {
  assert.equal(
    describeStart("model both", { kind: "resumed", epoch: 2, finished: false }, 3),
    "model both: resumed from epoch 2 of 3",
  );
  assert.equal(
    describeStart("model both", { kind: "resumed", epoch: 3, finished: true }, 3),
    "model both: resumed from epoch 3 of 3; the saved run had already finished",
  );
  assert.equal(
    describeStart("model audio", { kind: "started", reason: "no checkpoint yet" }),
    "model audio: started over: no checkpoint yet",
  );
});
