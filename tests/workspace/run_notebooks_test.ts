import assert from "node:assert/strict";
import { loadConfig, projectRoot } from "../../lib/config.ts";
import {
  describeFailure,
  listNotebooks,
  runNotebooks,
  selectNotebooks,
} from "../../lib/workspace/run_notebooks.ts";

function notebook(...cells: string[]): string {
  return JSON.stringify({
    cells: cells.map((source) => ({
      cell_type: "code",
      source,
      metadata: {},
      outputs: [],
      execution_count: null,
    })),
    metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 4,
  });
}

async function plantedFolder(): Promise<string> {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(
    `${dir}/01_fine.ipynb`,
    notebook("const n = Number(Deno.env.get('HSS_SEED'));", "`seed ${n}`;"),
  );
  await Deno.writeTextFile(
    `${dir}/02_broken.ipynb`,
    notebook("const ok = 1;", "// the planted failure\nthrow new RangeError('planted ' + ok);"),
  );
  await Deno.writeTextFile(`${dir}/03_after.ipynb`, notebook("1 + 1;"));
  await Deno.writeTextFile(`${dir}/notes.ipynb`, notebook("1;")); // not numbered: not run
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
