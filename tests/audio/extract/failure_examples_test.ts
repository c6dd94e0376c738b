import assert from "node:assert/strict";
import { loadConfig, resolvePath } from "../../../lib/config.ts";
import type { NetworkInputBatch } from "../../../lib/audio/extract/extract.ts";
import {
  batchRun,
  batchRunsFrame,
  extractTwice,
  failuresReport,
  writeFailureExamples,
} from "../../../lib/audio/extract/failure_examples.ts";
import { parseWav } from "../../../lib/audio/decode/wav.ts";
import { encodeTestWav } from "../signals.ts";

const audio = { ...loadConfig({ env: {} }).audio, cropSeconds: 1, frames: 16, nMels: 32 };

async function goodWav(dir: string): Promise<string> {
  const sr = 22_050;
  const x = Float32Array.from({ length: 2 * sr }, (_, i) => 0.3 * Math.sin(i * 0.05));
  const path = `${dir}/good.wav`;
  await Deno.writeFile(path, encodeTestWav([x], sr, "s16"));
  return path;
}

Deno.test("the bad files are written, the silent one by the project's WAV writer", async () => {
  const dir = await Deno.makeTempDir();
  const made = `${dir}/made`;
  const plain = await writeFailureExamples(made);
  assert.deepEqual(plain.map((p) => p.slice(made.length + 1)), [
    "empty.mp3",
    "lyrics.mp3",
    "silence.wav",
  ]);
  const silence = parseWav(await Deno.readFile(`${made}/silence.wav`));
  assert.equal(silence.sampleRate, 44_100);
  assert.equal(silence.channels[0].length, 44_100);
  assert.ok(silence.channels[0].every((v) => v === 0));
  assert.equal((await Deno.readFile(`${made}/empty.mp3`)).length, 0);

  const wav = await goodWav(dir);
  const withCuts = await writeFailureExamples(made, { wav });
  assert.ok(withCuts.some((p) => p.endsWith("/cut.wav")));
  const whole = (await Deno.stat(wav)).size;
  assert.equal((await Deno.stat(`${made}/cut.wav`)).size, Math.floor(whole / 3));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("every bad file fails with its kind; two runs read the second from the cache", async () => {
  const dir = await Deno.makeTempDir();
  const good = await goodWav(dir);
  const bad = await writeFailureExamples(`${dir}/made`, { wav: good });
  const { runs, last } = await extractTwice([good, ...bad], audio, {
    cacheDir: `${dir}/cache`,
    workers: 0,
  });
  assert.deepEqual(runs.map((r) => [r.run, r.files, r.extracted, r.failed]), [
    ["first", 5, 1, 4],
    ["second", 5, 1, 4],
  ]);
  assert.equal(runs[0].cacheMisses, 1);
  assert.equal(runs[1].cacheHits, 1);
  assert.equal(runs[1].hitRate, 1);
  const kinds = Object.fromEntries(last.failures.map((f) => [f.path.split("/").pop(), f.kind]));
  assert.deepEqual(kinds, {
    "cut.wav": "truncated",
    "empty.mp3": "empty",
    "lyrics.mp3": "not-audio",
    "silence.wav": "silent",
  });
  const report = failuresReport(last.failures, { madeDir: `${dir}/made` });
  assert.match(report.reading, /^\*\*4\*\* files could not be used \(failure kinds: `missing`/);
  assert.deepEqual(report.table!.getColumn("file").toArray(), [
    "(made here)/cut.wav",
    "(made here)/empty.mp3",
    "(made here)/lyrics.mp3",
    "(made here)/silence.wav",
  ]);
  const frame = batchRunsFrame(runs);
  assert.deepEqual(frame.columns, [
    "run",
    "files",
    "extracted",
    "failed",
    "cache hits",
    "cache misses",
    "hit rate",
    "seconds",
    "clips/s",
  ]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("failures outside the made folder show their path; none gives no table", () => {
  const path = resolvePath("data/x/a.mp3");
  const report = failuresReport([{ path, reason: "empty file (0 bytes)", kind: "empty" }]);
  assert.deepEqual(report.table!.getColumn("file").toArray(), ["data/x/a.mp3"]);
  assert.match(report.reading, /^\*\*1\*\* file could not be used/);
  assert.equal(failuresReport([]).table, null);
});

Deno.test("a run's counts: hit rate over lookups, speed over wall time", () => {
  const batch: NetworkInputBatch = {
    inputs: [new Float32Array(1), null, new Float32Array(1)],
    failures: [{ path: "b", reason: "x", kind: "empty" }],
    warnings: [],
    entries: [null, null, null],
    cache: { hits: 1, misses: 3, bytes: 0 },
    seconds: 2,
  };
  assert.deepEqual(batchRun("first", batch, 3), {
    run: "first",
    files: 3,
    extracted: 2,
    failed: 1,
    cacheHits: 1,
    cacheMisses: 3,
    hitRate: 0.25,
    seconds: 2,
    clipsPerSecond: 1.5,
  });
  const empty = batchRun(
    "none",
    { ...batch, cache: { hits: 0, misses: 0, bytes: 0 }, seconds: 0 },
    0,
  );
  assert.equal(empty.hitRate, 0);
  assert.equal(empty.clipsPerSecond, 0);
});
