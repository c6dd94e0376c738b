import assert from "node:assert/strict";
import {
  alive,
  LONG_CELL_FIRST_LINE,
  LONG_NOTEBOOK,
  plantedRunnerArgs,
  plantLongNotebook,
  waitForPid,
  within,
} from "./planted_long.ts";

Deno.test({
  name: "Ctrl-C stops the kernel, keeps the partial notebook, prints one line and exits 130",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const { dir, pidFile } = await plantLongNotebook("interrupt");
    const runner = new Deno.Command(Deno.execPath(), {
      args: plantedRunnerArgs(dir),
      env: { KERNEL_PID_FILE: pidFile, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const stderr = new Response(runner.stderr).text();
    const stdout = new Response(runner.stdout).text();
    const kernel = await waitForPid(pidFile, runner.status);
    runner.kill("SIGINT");
    const [{ code }, err] = await Promise.all([runner.status, stderr, stdout]);
    assert.equal(code, 130, err);
    assert.ok(!/Traceback|AssertionError|KeyboardInterrupt/.test(err), err);
    const lines = err.split("\n").filter((l) => l.trim());
    assert.match(
      lines.at(-1)!,
      new RegExp(
        `^interrupted: notebooks/${LONG_NOTEBOOK} stopped in cell 2 \\(${LONG_CELL_FIRST_LINE}\\); ` +
          `partial notebook: ${dir}/out/${LONG_NOTEBOOK}; run the same command again to resume`,
      ),
    );
    assert.equal(lines.filter((l) => l.startsWith("interrupted:")).length, 1);
    assert.ok(await within(10, () => !alive(kernel)), `the kernel (pid ${kernel}) still runs`);
    const partial = JSON.parse(await Deno.readTextFile(`${dir}/out/${LONG_NOTEBOOK}`));
    assert.deepEqual(
      partial.cells.map((c: { execution_count: number | null }) => c.execution_count),
      [1, 2, null],
      "the partial notebook keeps the cells that ran",
    );
  },
});
