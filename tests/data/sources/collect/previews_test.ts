import assert from "node:assert/strict";
import {
  CorruptPreviewError,
  PreviewStore,
} from "../../../../lib/data/sources/collect/previews.ts";
import { silentMp3 } from "./mp3_fixture.ts";

Deno.test("a saved preview verifies; a missing one is missing", async () => {
  const dir = await Deno.makeTempDir();
  const store = new PreviewStore(`${dir}/previews`);
  assert.equal(await store.verify("42"), "missing");
  const record = await store.save("42", silentMp3(20));
  assert.equal(record.frames, 20);
  assert.equal(await store.verify("42"), "ok");
  assert.equal(store.path("a/b:c"), `${dir}/previews/a_b_c.mp3`);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a preview cut or altered on disk is detected, with or without its record", async () => {
  const dir = await Deno.makeTempDir();
  const store = new PreviewStore(dir);
  const bytes = silentMp3(20);
  await store.save("1", bytes);
  await Deno.writeFile(store.path("1"), bytes.subarray(0, 4000));
  assert.match(await store.verify("1"), /corrupt: 4000 bytes on disk, 8340 recorded/);
  const altered = bytes.slice();
  altered[500] = 7;
  await Deno.writeFile(store.path("1"), altered);
  assert.match(await store.verify("1"), /checksum/);
  // Without a record (a file put there by hand), the stream itself is checked.
  await Deno.remove(`${dir}/1.json`);
  await Deno.writeFile(store.path("1"), bytes.subarray(0, 4000));
  assert.match(await store.verify("1"), /corrupt: truncated/);
  await Deno.writeFile(store.path("1"), bytes);
  assert.equal(await store.verify("1"), "ok");
  assert.ok(
    Deno.statSync(`${dir}/1.json`).isFile,
    "the record is written once the stream checks out",
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("bytes that are not a whole MP3 are refused; killed downloads' temporaries are cleared", async () => {
  const dir = await Deno.makeTempDir();
  const store = new PreviewStore(dir);
  await assert.rejects(store.save("2", silentMp3(5).subarray(0, 1000)), CorruptPreviewError);
  assert.equal(await store.verify("2"), "missing");
  await Deno.writeFile(`${dir}/.3.mp3.tmp-999999-0badcafe`, new Uint8Array(10));
  assert.deepEqual(await store.removeTemporaries(), [".3.mp3.tmp-999999-0badcafe"]);
  await Deno.remove(dir, { recursive: true });
});
