import assert from "node:assert/strict";
import { docLintArgs } from "../../lib/workspace/test_all.ts";

Deno.test("docLintArgs: every lib/**/mod.ts barrel, and a re-export of each module outside them", async () => {
  const root = await Deno.makeTempDir();
  try {
    for (const dir of ["lib/viz", "lib/data/sources/csv", "lib/data", "lib/workspace"]) {
      await Deno.mkdir(`${root}/${dir}`, { recursive: true });
    }
    for (
      const file of [
        "lib/viz/mod.ts",
        "lib/data/sources/csv/mod.ts",
        "lib/data/mod.ts",
        "lib/paper.ts",
        "lib/config.ts",
      ]
    ) {
      await Deno.writeTextFile(`${root}/${file}`, "export {};\n");
    }
    // a module under a barrel is reached through it; a folder without a barrel is linted file by file
    await Deno.writeTextFile(`${root}/lib/data/load.ts`, "export {};\n");
    await Deno.writeTextFile(`${root}/lib/workspace/setup.ts`, "export {};\n");
    await Deno.writeTextFile(`${root}/lib/workspace/kernel_guard.py`, "# not a module\n");
    await Deno.writeTextFile(`${root}/lib/README.md`, "not a module\n");

    const args = await docLintArgs(root);
    assert.deepEqual(args, [
      "doc",
      "--lint",
      "--no-npm",
      "lib/data/mod.ts",
      "lib/data/sources/csv/mod.ts",
      "lib/viz/mod.ts",
      "tests/output/doc_lint/config.ts",
      "tests/output/doc_lint/paper.ts",
      "tests/output/doc_lint/workspace/setup.ts",
    ]);
    assert.equal(
      await Deno.readTextFile(`${root}/tests/output/doc_lint/config.ts`),
      'export * from "../../../lib/config.ts";\n',
    );
    assert.equal(
      await Deno.readTextFile(`${root}/tests/output/doc_lint/workspace/setup.ts`),
      'export * from "../../../../lib/workspace/setup.ts";\n',
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("the documentation lint of this repository's lib/ passes", async () => {
  const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: await docLintArgs(root),
    cwd: root,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(stderr);
  const problems = text.split("\n").filter((line) => line.startsWith("error[")).slice(0, 20);
  assert.equal(code, 0, `deno doc --lint found problems:\n${problems.join("\n")}`);
});
