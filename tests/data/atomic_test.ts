import assert from "node:assert/strict";
import { removeStaleTemporaries, writeFileAtomic, writeTextAtomic } from "../../lib/data/atomic.ts";

Deno.test("writeTextAtomic replaces a file and leaves no temporary behind", async () => {
  const dir = await Deno.makeTempDir();
  await writeTextAtomic(`${dir}/a/b.txt`, "one");
  await writeTextAtomic(`${dir}/a/b.txt`, "two");
  assert.equal(await Deno.readTextFile(`${dir}/a/b.txt`), "two");
  const names = [...Deno.readDirSync(`${dir}/a`)].map((e) => e.name);
  assert.deepEqual(names, ["b.txt"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a failing stream leaves the old file intact and removes its temporary", async () => {
  const dir = await Deno.makeTempDir();
  await writeTextAtomic(`${dir}/f.txt`, "old");
  const broken = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(new TextEncoder().encode("partial"));
      controller.error(new Error("source failed"));
    },
  });
  await assert.rejects(writeFileAtomic(`${dir}/f.txt`, broken), /source failed/);
  assert.equal(await Deno.readTextFile(`${dir}/f.txt`), "old");
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["f.txt"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a writer killed mid-write leaves the old file intact", async () => {
  const dir = await Deno.makeTempDir();
  const target = `${dir}/big.bin`;
  await writeTextAtomic(target, "old content");
  const module = new URL("../../lib/data/atomic.ts", import.meta.url).href;
  // The child streams chunks forever; it is killed once its temporary file has grown.
  const script = `
    import { writeFileAtomic } from "${module}";
    const chunk = new Uint8Array(1 << 16).fill(120);
    const endless = new ReadableStream({ async pull(c) { c.enqueue(chunk); await new Promise((r) => setTimeout(r, 1)); } });
    await writeFileAtomic(${JSON.stringify(target)}, endless);`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    stdout: "null",
    stderr: "null",
  }).spawn();
  const started = Date.now();
  let tmpGrew = false;
  while (Date.now() - started < 20_000 && !tmpGrew) {
    await new Promise((r) => setTimeout(r, 50));
    for (const e of Deno.readDirSync(dir)) {
      if (e.name.includes(".tmp-") && Deno.statSync(`${dir}/${e.name}`).size > 1 << 18) {
        tmpGrew = true;
      }
    }
  }
  child.kill("SIGKILL");
  await child.status;
  assert.ok(tmpGrew, "the child never started writing");
  assert.equal(await Deno.readTextFile(target), "old content");
  const removed = await removeStaleTemporaries(dir);
  assert.equal(removed.length, 1);
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["big.bin"]);
  await Deno.remove(dir, { recursive: true });
});
