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
  // The child streams 8 chunks of 64 KiB, then says so and stalls: its writer reads a chunk only
  // after writing the one before, so at least 7 chunks are in its temporary file when it is
  // killed, and at most 8 (the kill may cut the eighth write short).
  const script = `
    import { writeFileAtomic } from "${module}";
    const chunk = new Uint8Array(1 << 16).fill(120);
    let pulls = 0;
    const stalling = new ReadableStream({
      pull(c) {
        if (++pulls <= 8) return c.enqueue(chunk);
        Deno.stdout.writeSync(new TextEncoder().encode("stalled\\n"));
        return new Promise(() => {});
      },
    });
    await writeFileAtomic(${JSON.stringify(target)}, stalling);`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let said = "";
  while (!said.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    said += value;
  }
  await reader.cancel();
  child.kill("SIGKILL");
  await child.status;
  assert.equal(said, "stalled\n", "the child never reached its ninth chunk");
  const temporaries = [...Deno.readDirSync(dir)].filter((e) => e.name.includes(".tmp-"));
  assert.equal(temporaries.length, 1);
  const size = Deno.statSync(`${dir}/${temporaries[0].name}`).size;
  assert.ok(size >= 7 << 16 && size <= 8 << 16, `${size} bytes in the temporary`);
  assert.equal(await Deno.readTextFile(target), "old content");
  const removed = await removeStaleTemporaries(dir);
  assert.equal(removed.length, 1);
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["big.bin"]);
  await Deno.remove(dir, { recursive: true });
});
