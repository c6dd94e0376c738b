import assert from "node:assert/strict";
import { projectRoot } from "../../lib/config.ts";
import { guardedKernelArgv, KERNEL_GUARD } from "../../lib/workspace/kernelspec.ts";
import {
  alive,
  plantedRunnerArgs,
  plantLongNotebook,
  processesWithEnv,
  waitForPid,
  within,
} from "./planted_long.ts";

const python = `${projectRoot()}/.venv/bin/python`;

Deno.test("the guarded kernel's command line runs Deno's kernel through the guard", () => {
  assert.deepEqual(guardedKernelArgv("/venv/bin/python", "/usr/bin/deno"), [
    "/venv/bin/python",
    KERNEL_GUARD,
    "/usr/bin/deno",
    "jupyter",
    "--kernel",
    "--conn",
    "{connection_file}",
  ]);
});

Deno.test("a guarded process dies with its parent, even a parent killed with SIGKILL", async () => {
  // bash starts the guard (which becomes `sleep`) and waits; then bash is killed.
  const parent = new Deno.Command("bash", {
    args: ["-c", `"${python}" "${KERNEL_GUARD}" sleep 600 & echo $!; wait`],
    stdout: "piped",
  }).spawn();
  const reader = parent.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) text += (await reader.read()).value ?? "";
  const pid = Number(text.trim());
  assert.ok(
    await within(10, () => {
      try {
        return Deno.readTextFileSync(`/proc/${pid}/cmdline`).startsWith("sleep");
      } catch {
        return false;
      }
    }),
    "the guard became the guarded command (exec, no extra process)",
  );
  parent.kill("SIGKILL");
  await parent.status;
  reader.releaseLock();
  await parent.stdout.cancel().catch(() => {});
  assert.ok(await within(10, () => !alive(pid)), `process ${pid} outlived its parent`);
});

Deno.test({
  name: "SIGKILL of the runner's process group during a long cell leaves no kernel behind",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const { dir, pidFile } = await plantLongNotebook("kernel_guard");
    const tag = crypto.randomUUID();
    // setsid: the runner leads its own process group, as `deno task run` in a terminal does.
    const runner = new Deno.Command("setsid", {
      args: [Deno.execPath(), ...plantedRunnerArgs(dir)],
      env: { KERNEL_PID_FILE: pidFile, KERNEL_GUARD_TEST_RUN: tag },
      stdout: "null",
      stderr: "null",
    }).spawn();
    const kernel = await waitForPid(pidFile, runner.status);
    assert.ok(alive(kernel));
    const threads = Deno.readTextFileSync(`/proc/${kernel}/status`).match(/^Threads:\s+(\d+)/m);
    assert.ok(threads && Number(threads[1]) > 1, "the kernel runs threads (its Worker among them)");
    const ours = processesWithEnv("KERNEL_GUARD_TEST_RUN", tag);
    assert.ok(ours.includes(kernel) && ours.includes(runner.pid), `run's processes: ${ours}`);

    const kill = await new Deno.Command("kill", { args: ["-KILL", "--", `-${runner.pid}`] })
      .output();
    assert.ok(kill.success, new TextDecoder().decode(kill.stderr));
    await runner.status;
    const gone = await within(
      10,
      () => processesWithEnv("KERNEL_GUARD_TEST_RUN", tag).length === 0,
    );
    assert.ok(
      gone,
      `still running 10 s later: ${processesWithEnv("KERNEL_GUARD_TEST_RUN", tag).join(", ")}`,
    );
    // By pid and run tag: pids are reused quickly here, so a bare "pid alive" can see a newcomer.
    assert.ok(
      !(alive(kernel) && processesWithEnv("KERNEL_GUARD_TEST_RUN", tag).includes(kernel)),
      `the kernel (pid ${kernel}) survived the runner`,
    );
  },
});
