import assert from "node:assert/strict";
import { projectRoot } from "../../lib/config.ts";
import {
  cellSource,
  formatNotebookCells,
  hasOutputs,
  type Notebook,
  notebookModule,
  readNotebook,
  stripOutputs,
} from "../../lib/workspace/notebook.ts";
import { listNotebooks } from "../../lib/workspace/run_notebooks.ts";

const executed: Notebook = {
  cells: [
    { cell_type: "markdown", source: "# Title", metadata: {} },
    {
      cell_type: "code",
      source: ["const a = 1;\n", "a"],
      metadata: {},
      outputs: [{ x: 1 }],
      execution_count: 3,
    },
  ],
  metadata: {},
  nbformat: 4,
  nbformat_minor: 5,
};

Deno.test("stripOutputs clears outputs and execution counts", () => {
  assert.ok(hasOutputs(executed));
  const clean = stripOutputs(executed);
  assert.ok(!hasOutputs(clean));
  assert.equal(clean.cells[0].source, "# Title");
});

Deno.test("notebookModule joins code cells with their numbers", () => {
  const code = notebookModule(executed);
  assert.match(code, /\/\/ --- cell 2\nconst a = 1;\na\n/);
  assert.ok(!code.includes("# Title"));
});

Deno.test("committed notebooks carry no outputs and use the Deno kernel", () => {
  const dir = `${projectRoot()}/notebooks`;
  const names = listNotebooks(dir);
  assert.ok(names.length > 0, "no numbered notebook found");
  for (const name of names) {
    const nb = readNotebook(`${dir}/${name}`);
    assert.ok(!hasOutputs(nb), `${name} is committed with outputs: deno task strip`);
    const spec = nb.metadata.kernelspec as { name?: string } | undefined;
    assert.equal(spec?.name, "deno", `${name} does not use the Deno kernel`);
  }
});

Deno.test("formatNotebookCells finds and fixes unformatted code and Markdown cells", async () => {
  const path = await Deno.makeTempFile({ suffix: ".ipynb" });
  const nb: Notebook = {
    cells: [
      { cell_type: "markdown", source: "# T\n\n*  item", metadata: {} },
      {
        cell_type: "code",
        source: "const  x={a:1}",
        metadata: {},
        outputs: [],
        execution_count: null,
      },
      {
        cell_type: "code",
        source: "const y = 2;",
        metadata: {},
        outputs: [],
        execution_count: null,
      },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 4,
  };
  await Deno.writeTextFile(path, JSON.stringify(nb));
  const root = projectRoot();
  assert.deepEqual(await formatNotebookCells(path, { check: true, root }), [1, 2]);
  assert.deepEqual(await formatNotebookCells(path, { root }), [1, 2]);
  assert.deepEqual(await formatNotebookCells(path, { check: true, root }), []);
  const fixed = readNotebook(path);
  assert.equal(cellSource(fixed.cells[1]), "const x = { a: 1 };");
  assert.equal(cellSource(fixed.cells[0]), "# T\n\n- item");
  await Deno.remove(path);
});
