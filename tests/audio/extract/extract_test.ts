import assert from "node:assert/strict";
import { loadConfig, projectRoot } from "../../../lib/config.ts";
import {
  extractAudioDescriptors,
  extractNetworkInputs,
} from "../../../lib/audio/extract/extract.ts";
import { networkInputFromFile } from "../../../lib/audio/input/from_file.ts";
import { cacheSize } from "../../../lib/audio/extract/cache.ts";
import { encodeTestWav } from "../signals.ts";

const audio = { ...loadConfig({ env: {} }).audio, cropSeconds: 2, frames: 32, nMels: 64 };

/** `count` distinct 3 s clips (a chirp each at another pitch) in `dir`. */
async function writeClips(dir: string, count: number, seconds = 3): Promise<string[]> {
  const sr = 22_050;
  const paths: string[] = [];
  for (let k = 0; k < count; k++) {
    const x = Float32Array.from(
      { length: seconds * sr },
      (_, i) =>
        0.3 * Math.sin(2 * Math.PI * (200 + 50 * k) * (i / sr) * (1 + i / (4 * seconds * sr))),
    );
    const path = `${dir}/clip${String(k).padStart(3, "0")}.wav`;
    await Deno.writeFile(path, encodeTestWav([x], sr, "s16"));
    paths.push(path);
  }
  return paths;
}

Deno.test("a batch with bad files keeps every good result, lists each bad one, never aborts", async () => {
  const dir = await Deno.makeTempDir();
  const good = await writeClips(dir, 6);
  await Deno.writeFile(`${dir}/empty.mp3`, new Uint8Array(0));
  await Deno.writeTextFile(`${dir}/lyrics.mp3`, "la la la, this is text\n");
  await Deno.writeFile(
    `${dir}/silent.wav`,
    encodeTestWav([new Float32Array(22_050)], 22_050, "s16"),
  );
  const whole = await Deno.readFile(good[0]);
  await Deno.writeFile(`${dir}/cut.wav`, whole.subarray(0, 20_000));
  const paths = [
    good[0],
    `${dir}/empty.mp3`,
    good[1],
    `${dir}/lyrics.mp3`,
    good[2],
    `${dir}/silent.wav`,
    `${dir}/cut.wav`,
    `${dir}/missing.flac`,
    ...good.slice(3),
  ];
  const progress: number[] = [];
  const batch = await extractNetworkInputs(paths, audio, {
    cacheDir: `${dir}/cache`,
    workers: 2,
    onProgress: (p) => progress.push(p.done),
  });
  assert.equal(batch.inputs.length, paths.length);
  const failedPaths = batch.failures.map((f) => f.path);
  assert.deepEqual(failedPaths, [
    `${dir}/empty.mp3`,
    `${dir}/lyrics.mp3`,
    `${dir}/silent.wav`,
    `${dir}/cut.wav`,
    `${dir}/missing.flac`,
  ]);
  assert.deepEqual(batch.failures.map((f) => f.kind), [
    "empty",
    "not-audio",
    "silent",
    "truncated",
    "missing",
  ]);
  assert.match(batch.failures[1].reason, /text .*name ends in \.mp3/);
  for (let i = 0; i < paths.length; i++) {
    const ok = !failedPaths.includes(paths[i]);
    assert.equal(batch.inputs[i] !== null, ok, paths[i]);
    if (ok) assert.equal(batch.inputs[i]!.length, 64 * 32);
  }
  // each entry: 16-byte header, the input, then the clip's duration (one float32)
  assert.deepEqual(batch.cache, { hits: 0, misses: 6, bytes: 6 * (16 + 64 * 32 * 4 + 4) });
  assert.equal(progress.at(-1), paths.length);
  // the workers' results equal the in-thread computation
  assert.deepEqual(batch.inputs[2], await networkInputFromFile(good[1], audio));
  // second run: every good file from the cache, same values
  const again = await extractNetworkInputs(paths, audio, { cacheDir: `${dir}/cache`, workers: 2 });
  assert.equal(again.cache.hits, 6);
  assert.equal(again.cache.misses, 0);
  assert.deepEqual(again.inputs, batch.inputs);
  // a changed parameter misses; a damaged entry is recomputed, not read
  const other = await extractNetworkInputs(good.slice(0, 2), { ...audio, frames: 16 }, {
    cacheDir: `${dir}/cache`,
    workers: 0,
  });
  assert.equal(other.cache.misses, 2);
  const entries = [...Deno.readDirSync(`${dir}/cache`)].map((e) => `${dir}/cache/${e.name}`);
  for (const e of entries) {
    const bytes = await Deno.readFile(e);
    await Deno.writeFile(e, bytes.subarray(0, bytes.length - 7));
  }
  const repaired = await extractNetworkInputs(good, audio, {
    cacheDir: `${dir}/cache`,
    workers: 1,
  });
  assert.equal(repaired.cache.hits, 0);
  assert.deepEqual(repaired.inputs, batch.inputs.filter((x) => x !== null));
  // without a cache nothing is written
  const before = await cacheSize(`${dir}/cache`);
  const none = await extractNetworkInputs(good.slice(0, 2), audio, { cacheDir: null, workers: 2 });
  assert.equal(none.cache.bytes, 0);
  assert.deepEqual(await cacheSize(`${dir}/cache`), before);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a batch killed mid-way resumes from the cache and ends with the same results", async () => {
  const dir = await Deno.makeTempDir();
  const paths = await writeClips(dir, 8);
  const child = `${dir}/child.ts`;
  const extractUrl = new URL("../../../lib/audio/extract/extract.ts", import.meta.url).href;
  // The child extracts in its own thread, one file after the other; after the third file's cache
  // entry is written it says so and blocks on its stdin, where the test kills it without warning.
  await Deno.writeTextFile(
    child,
    `import { extractNetworkInputs } from "${extractUrl}";
const paths = JSON.parse(Deno.args[0]);
await extractNetworkInputs(paths, JSON.parse(Deno.args[1]), {
  cacheDir: Deno.args[2],
  workers: 0,
  onProgress: (p) => {
    if (p.done !== 3) return;
    Deno.stdout.writeSync(new TextEncoder().encode("cached 3\\n"));
    Deno.stdin.readSync(new Uint8Array(1));
  },
});
`,
  );
  const cacheDir = `${dir}/cache`;
  const process = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--config",
      `${projectRoot()}/deno.json`,
      child,
      JSON.stringify(paths),
      JSON.stringify(audio),
      cacheDir,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const said = await firstLine(process.stdout);
  process.kill("SIGKILL");
  const { code, signal } = await process.status;
  const stderr = new TextDecoder().decode(await new Response(process.stderr).arrayBuffer());
  assert.equal(said, "cached 3", `the child ended with ${code}: ${stderr}`);
  assert.equal(signal, "SIGKILL");
  await process.stdin.close().catch(() => {});
  const written = [...Deno.readDirSync(cacheDir)].map((e) => e.name).sort();
  assert.equal((await cacheSize(cacheDir)).entries, 3);
  const resumed = await extractNetworkInputs(paths, audio, { cacheDir, workers: 2 });
  assert.equal(resumed.failures.length, 0);
  assert.equal(resumed.cache.hits, 3);
  assert.equal(resumed.cache.misses, paths.length - 3);
  assert.deepEqual(written, resumed.entries.slice(0, 3).sort(), "the first three files' entries");
  const fresh = await extractNetworkInputs(paths, audio, { cacheDir: null, workers: 2 });
  assert.deepEqual(resumed.inputs, fresh.inputs);
  // no temporary survives the resumed batch
  assert.ok([...Deno.readDirSync(cacheDir)].every((e) => !e.name.startsWith(".")));
  await Deno.remove(dir, { recursive: true });
});

/** The first line a stream carries (without its newline); "" when it ends before one. */
async function firstLine(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  await reader.cancel();
  return text.split("\n")[0];
}

Deno.test("audio descriptors in a batch, with failures and a cache", async () => {
  const dir = await Deno.makeTempDir();
  const good = await writeClips(dir, 2);
  await Deno.writeTextFile(`${dir}/x.ogg`, "not ogg");
  const paths = [...good, `${dir}/x.ogg`];
  const a = await extractAudioDescriptors(paths, 22_050, { cacheDir: `${dir}/cache`, workers: 2 });
  assert.equal(a.failures.length, 1);
  assert.equal(a.failures[0].kind, "not-audio");
  assert.ok(Math.abs(a.descriptors[0]!.duration_ms - 3000) < 1e-6);
  assert.ok(a.descriptors[0]!.loudness < -5 && a.descriptors[0]!.loudness > -20);
  const b = await extractAudioDescriptors(paths, 22_050, { cacheDir: `${dir}/cache`, workers: 0 });
  assert.equal(b.cache.hits, 2);
  assert.deepEqual(b.descriptors, a.descriptors);
  await Deno.remove(dir, { recursive: true });
});
