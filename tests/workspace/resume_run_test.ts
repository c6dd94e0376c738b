// Ctrl-C during a training epoch, then the same command again: the run resumes from the
// checkpoints and ends with the same weights and metrics as a run that was never interrupted.
import assert from "node:assert/strict";
import { projectRoot } from "../../lib/config.ts";

const root = projectRoot();
const base = `${root}/tests/output/resume`;
const data = `${base}/data`;
const KEY = "demo-tiny-seed42-44100hz";
const VARIANTS = ["cnn-both", "cnn-audio", "cnn-metadata"];

function runnerArgs(outputs: string, ...extra: string[]): string[] {
  return [
    "run",
    "-A",
    "lib/workspace/run_notebooks.ts",
    "--size",
    "tiny",
    "--only",
    "04",
    "--set",
    `paths.data=${data}`,
    "--set",
    `paths.outputs=${outputs}`,
    ...extra,
  ];
}

function runner(outputs: string, ...extra: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: runnerArgs(outputs, ...extra),
    cwd: root,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
}

/** Runs to the end; returns the exit code and stderr lines. */
async function runToEnd(outputs: string, ...extra: string[]) {
  const child = runner(outputs, ...extra);
  const [out, err, status] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.status,
  ]);
  return { code: status.code, text: `${out}\n${err}` };
}

/**
 * Runs and sends SIGINT once the audio + metadata model has finished its first epoch (its
 * progress line reaches the runner's log): the second epoch is then running.
 */
async function runAndInterrupt(outputs: string) {
  const child = runner(outputs);
  const lines: string[] = [];
  let sent = false;
  const decoder = new TextDecoderStream();
  const stdout = new Response(child.stdout).text();
  let pending = "";
  for await (const chunk of child.stderr.pipeThrough(decoder)) {
    pending += chunk;
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      // the progress line of the first model once its first epoch is done
      if (!sent && /· model: both, seed \d+: epoch 1\/\d+: /.test(line)) {
        child.kill("SIGINT");
        sent = true;
      }
    }
  }
  if (pending) lines.push(pending);
  await stdout;
  const status = await child.status;
  return { code: status.code, lines, sent };
}

/** SHA-256 of a file, hex (comparing hashes keeps a failure's message short). */
async function sha256(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function executedNotebook(outputs: string): Promise<string> {
  return await Deno.readTextFile(`${outputs}/notebooks/${KEY}/04_cnn_training.ipynb`);
}

/** A result file without its timings and dates, which differ from run to run. */
async function withoutTimings(path: string): Promise<unknown> {
  return JSON.parse(
    await Deno.readTextFile(path),
    (key, value) => (["fit_s", "seconds", "created"].includes(key) ? undefined : value),
  );
}

Deno.test({
  name: "a run interrupted during a training epoch resumes and ends as an uninterrupted one",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const whole = `${base}/whole`, interrupted = `${base}/interrupted`;
    for (const dir of [whole, interrupted]) {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
    // One epoch per model first: fills the spectrogram cache, so that every run below reads the
    // same stored songs, and leaves checkpoints of another configuration behind.
    const warmUp = await runToEnd(whole, "--set", "model.epochs=1");
    assert.equal(warmUp.code, 0, warmUp.text);
    const reference = await runToEnd(whole);
    assert.equal(reference.code, 0, reference.text);
    assert.match(
      await executedNotebook(whole),
      /model both: started over: the configuration changed \(epochs: 1 → 3\)/,
    );

    const stopped = await runAndInterrupt(interrupted);
    const log = stopped.lines.join("\n");
    assert.ok(stopped.sent, `the run never reached epoch 2 of the first model:\n${log}`);
    assert.equal(stopped.code, 130, log);
    const last = stopped.lines.filter((l) => l.trim()).at(-1) ?? "";
    assert.match(
      last,
      /^interrupted: notebooks\/04_cnn_training\.ipynb stopped in cell \d+ \(const trained = await trainVariants.*\); partial notebook: .*04_cnn_training\.ipynb; run the same command again to resume/,
    );
    assert.ok(!/Traceback|AssertionError/.test(log), log);
    const models = `${interrupted}/models/${KEY}`;
    const saved = JSON.parse(
      await Deno.readTextFile(`${models}/cnn-both/training/checkpoint.json`),
    );
    assert.ok(saved.training.epochsDone >= 1, "the first epoch's checkpoint was written");
    const unfinished: string[] = [];
    for (const v of VARIANTS) {
      await Deno.stat(`${models}/${v}/checkpoint.json`).catch(() => unfinished.push(v));
    }
    assert.ok(unfinished.length > 0, "the interruption came before every model was trained");
    const partial = JSON.parse(await executedNotebook(interrupted));
    assert.ok(partial.cells.some((c: { execution_count: number | null }) => c.execution_count));

    const resumed = await runToEnd(interrupted);
    assert.equal(resumed.code, 0, resumed.text);
    assert.match(await executedNotebook(interrupted), /model both: resumed from epoch [12] of 3/);
    for (const v of VARIANTS) {
      assert.equal(
        await sha256(`${models}/${v}/weights-final.bin`),
        await sha256(`${whole}/models/${KEY}/${v}/weights-final.bin`),
        `${v}: the resumed run's weights differ from the uninterrupted run's`,
      );
    }
    const results = `results/${KEY}`;
    const files = [
      "models/cnn_both.json",
      "models/cnn_audio.json",
      "models/cnn_metadata.json",
      "headlines/04_cnn_training.json",
    ];
    for (const file of files) {
      assert.deepEqual(
        await withoutTimings(`${interrupted}/${results}/${file}`),
        await withoutTimings(`${whole}/${results}/${file}`),
        `${file} differs`,
      );
    }

    // --fresh starts every model over on purpose, and says so.
    const fresh = await runToEnd(interrupted, "--fresh", "--set", "model.epochs=1");
    assert.equal(fresh.code, 0, fresh.text);
    assert.match(
      await executedNotebook(interrupted),
      /model both: started over: resuming was not asked for \(--fresh/,
    );
  },
});
