import assert from "node:assert/strict";
import { loadConfig, projectRoot } from "../../lib/config.ts";
import {
  describeFailure,
  listNotebooks,
  notebookOutputDir,
  runNotebooks,
  selectNotebooks,
} from "../../lib/workspace/run_notebooks.ts";
import { plantedNotebook } from "./planted_long.ts";

async function plantedFolder(): Promise<string> {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(
    `${dir}/01_fine.ipynb`,
    plantedNotebook("const n = Number(Deno.env.get('HSS_SEED'));", "`seed ${n}`;"),
  );
  await Deno.writeTextFile(
    `${dir}/02_broken.ipynb`,
    plantedNotebook(
      "const ok = 1;",
      "// the planted failure\nthrow new RangeError('planted ' + ok);",
    ),
  );
  await Deno.writeTextFile(`${dir}/03_after.ipynb`, plantedNotebook("1 + 1;"));
  await Deno.writeTextFile(`${dir}/notes.ipynb`, plantedNotebook("1;")); // not numbered: not run
  return dir;
}

Deno.test("notebooks are listed in number order and selected by number or name", () => {
  const names = ["01_a.ipynb", "02_b.ipynb", "10_c.ipynb"];
  assert.deepEqual(selectNotebooks(names, ["2", "10"]), ["02_b.ipynb", "10_c.ipynb"]);
  assert.deepEqual(selectNotebooks(names, ["01_a"]), ["01_a.ipynb"]);
  assert.deepEqual(selectNotebooks(names), names);
  assert.throws(() => selectNotebooks(names, ["7"]), /no notebook matches 7/);
});

Deno.test("a planted failing cell stops the run naming notebook, cell and error", async () => {
  const dir = await plantedFolder();
  assert.deepEqual(listNotebooks(dir), ["01_fine.ipynb", "02_broken.ipynb", "03_after.ipynb"]);
  const results = await runNotebooks({
    config: loadConfig({ env: {}, overrides: { seed: 5 } }),
    notebooksDir: dir,
    outputDir: `${dir}/out`,
    log: () => {},
  });
  assert.equal(results.length, 2, "the run stops at the failing notebook");
  assert.ok(results[0].ok);
  const executed = JSON.parse(await Deno.readTextFile(`${dir}/out/01_fine.ipynb`));
  assert.match(JSON.stringify(executed.cells[1].outputs), /seed 5/, "config reached the kernel");
  assert.equal(results[1].ok, false);
  assert.equal(results[1].failure?.cell, 2);
  assert.equal(results[1].failure?.ename, "RangeError");
  assert.match(results[1].failure?.evalue ?? "", /planted 1/);
  assert.match(describeFailure(results[1]), /02_broken\.ipynb: cell 2 .* failed: RangeError/);
  // the executed copy keeps the error for inspection
  assert.match(await Deno.readTextFile(`${dir}/out/02_broken.ipynb`), /planted 1/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the command exits non-zero and prints the failing notebook and cell", async () => {
  const dir = await plantedFolder();
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `${projectRoot()}/lib/workspace/run_notebooks.ts`,
      "--notebooks",
      dir,
      "--out",
      `${dir}/out`,
      "--keep-going",
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 1);
  assert.match(text, /02_broken\.ipynb: cell 2 .*RangeError: planted 1/);
  assert.match(text, /notebooks: 2 passed, 1 failed/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("executed notebooks go to <paths.outputs>/notebooks/<dataset key>/", () => {
  const outputs = "/tmp/somewhere/outputs";
  const tiny = loadConfig({
    env: {},
    overrides: { paths: { outputs }, dataset: { demoSize: "tiny" } },
  });
  const standard = loadConfig({ env: {}, overrides: { paths: { outputs } } });
  const real = loadConfig({
    env: {},
    overrides: { paths: { outputs }, dataset: { source: "hit-predictor" } },
  });
  assert.equal(notebookOutputDir(tiny), `${outputs}/notebooks/demo-tiny-seed42-44100hz`);
  assert.equal(notebookOutputDir(standard), `${outputs}/notebooks/demo-default-seed42-44100hz`);
  assert.equal(notebookOutputDir(real), `${outputs}/notebooks/hit-predictor`);
  const relative = loadConfig({ env: {}, overrides: { paths: { outputs: "tests/output/x" } } });
  assert.equal(
    notebookOutputDir(relative, "/project"),
    "/project/tests/output/x/notebooks/demo-default-seed42-44100hz",
  );
});

Deno.test("a cell past the timeout fails naming notebook and cell, and its kernel is shut down", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/01_slow.ipynb`,
      plantedNotebook(
        `Deno.writeTextFileSync(${JSON.stringify(`${dir}/kernel.pid`)}, String(Deno.pid));`,
        "await new Promise((resolve) => setTimeout(resolve, 120_000)); // sleeps past 3 s",
        "'never reached';",
      ),
    );
    await Deno.writeTextFile(`${dir}/02_after.ipynb`, plantedNotebook("1 + 1;"));
    const results = await runNotebooks({
      config: loadConfig({ env: {} }),
      notebooksDir: dir,
      outputDir: `${dir}/out`,
      cellTimeout: 3,
      log: () => {},
    });
    assert.equal(results.length, 1, "the run stops at the timed-out notebook");
    assert.equal(results[0].ok, false);
    assert.deepEqual(
      { cell: results[0].failure?.cell, ename: results[0].failure?.ename },
      { cell: 2, ename: "Timeout" },
    );
    assert.equal(
      describeFailure(results[0]),
      "notebooks/01_slow.ipynb: cell 2 (await new Promise((resolve) => setTimeout(resolve, " +
        "120_000)); // sleeps past 3 s) failed: Timeout: cell ran longer than 3 s",
    );
    // the executed copy is written, up to the cell that timed out
    const executed = JSON.parse(await Deno.readTextFile(`${dir}/out/01_slow.ipynb`));
    assert.equal(executed.cells[2].execution_count, null);
    // the kernel that ran the notebook is gone (its process entry disappears once it is reaped)
    const pid = Number(await Deno.readTextFile(`${dir}/kernel.pid`));
    assert.ok(pid > 0);
    const alive = () => {
      try {
        return !/\) Z /.test(Deno.readTextFileSync(`/proc/${pid}/stat`)); // a zombie is dead
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(), false, `kernel process ${pid} still runs after the timeout`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the progress a cell displays in place reaches the runner's log, without ANSI", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // a display updated in place, as lib/viz/training.ts draws training: a label, one line per
    // finished epoch, and the current epoch's bar last
    await Deno.writeTextFile(
      `${dir}/01_progress.ipynb`,
      plantedNotebook(
        [
          "const done: string[] = [];",
          "for (let epoch = 1; epoch <= 3; epoch++) {",
          "  for (const step of [1, 2]) {",
          "    const bar = `epoch ${epoch}/3 \\x1b[32m${'#'.repeat(step)}\\x1b[0m step ${step}/2`;",
          "    const text = ['planted training', ...done, bar].join('\\n');",
          "    await Deno.jupyter.display({ 'text/plain': text }, {",
          "      raw: true,",
          "      display_id: 'planted-progress',",
          "      update: epoch > 1 || step > 1,",
          "    });",
          "  }",
          "  done.push(`epoch ${epoch}/3: loss ${(1 / epoch).toFixed(2)}`);",
          "}",
          "await Deno.jupyter.display({ 'text/plain': ['planted training', ...done].join('\\n') }, {",
          "  raw: true,",
          "  display_id: 'planted-progress',",
          "  update: true,",
          "});",
        ].join("\n"),
        "'second cell';",
      ),
    );
    const outputs = `${dir}/outputs`;
    const lines: string[] = [];
    const results = await runNotebooks({
      config: loadConfig({
        env: {},
        overrides: { paths: { outputs }, dataset: { demoSize: "tiny" } },
      }),
      notebooksDir: dir,
      log: (line) => lines.push(line),
    });
    assert.ok(results[0].ok, JSON.stringify(results[0].failure));
    const log = lines.join("\n");
    assert.ok(!log.includes("\x1b"), "ANSI sequences are stripped");
    // the label and each finished epoch once, in order, then the cell's time
    const progress = lines.filter((l) => l.startsWith("  cell 1/2 · "));
    const finished = ["planted training", "epoch 1/3: loss 1.00", "epoch 2/3: loss 0.50"]
      .concat("epoch 3/3: loss 0.33")
      .map((l) => `  cell 1/2 · ${l}`);
    assert.deepEqual(progress.filter((l) => !/step \d\/2$/.test(l)), finished);
    assert.ok(progress.includes("  cell 1/2 · epoch 1/3 # step 1/2"), "the first bar is shown");
    assert.match(log, /\n {2}cell 1\/2 \(const done: string\[\] = \[\];\) \d+\.\d s\n/);
    assert.match(log, /\n {2}cell 2\/2 \('second cell';\) \d+\.\d s/);
    // with no outputDir, the executed copy lands in the dataset's folder
    const executed = `${outputs}/notebooks/demo-tiny-seed42-44100hz/01_progress.ipynb`;
    assert.equal(results[0].output, executed);
    assert.match(await Deno.readTextFile(executed), /epoch 3\/3: loss 0\.33/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
