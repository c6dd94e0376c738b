import assert from "node:assert/strict";
import { projectRoot } from "../../lib/config.ts";
import {
  DEBIAN_PACKAGES,
  ensureJupyterVenv,
  ensureSetup,
  JUPYTER_REQUIREMENTS,
  pipEnv,
  PYTHON_MODULES,
  SetupError,
  venvStamp,
} from "../../lib/workspace/setup.ts";

const root = projectRoot();

async function python(interpreter: string, code: string): Promise<string> {
  const out = await new Deno.Command(interpreter, { args: ["-c", code], stdout: "piped" }).output();
  assert.equal(out.code, 0, `${interpreter} -c failed`);
  return new TextDecoder().decode(out.stdout).trim();
}

Deno.test("the Jupyter stack is pinned to exact versions", async () => {
  const pins = Object.fromEntries(
    (await Deno.readTextFile(JUPYTER_REQUIREMENTS)).split("\n")
      .map((line) => line.replace(/#.*/, "").trim()).filter(Boolean)
      .map((line) => {
        const match = line.match(/^([A-Za-z0-9_.-]+)==([\w.]+)$/);
        assert.ok(match, `not an exact pin: ${line}`);
        return [match[1].toLowerCase(), match[2]];
      }),
  );
  assert.deepEqual(pins, {
    jupyterlab: "4.6.4",
    notebook: "7.6.3",
    plotly: "7.1.0",
    nbclient: "0.11.0",
    nbconvert: "7.17.1",
    nbformat: "5.11.1",
    "jupyter-client": "8.10.0",
  });
});

Deno.test("Debian provides the tools, the virtual environment provides Jupyter", () => {
  for (const pkg of ["ffmpeg", "libopenblas0", "libfftw3-double3", "python3-venv", "chromium"]) {
    assert.ok((DEBIAN_PACKAGES as readonly string[]).includes(pkg), pkg);
  }
  const jupyterFromDebian = DEBIAN_PACKAGES.filter((p) =>
    /jupyter|nbclient|nbconvert|ipykernel/.test(p)
  );
  assert.deepEqual(jupyterFromDebian, []);
  for (const module of ["jupyterlab", "plotly", "nbclient", "nbconvert", "jupyter_client"]) {
    assert.ok(module in PYTHON_MODULES, module);
  }
});

Deno.test("pip runs without retries unless the user set PIP_RETRIES", () => {
  assert.deepEqual(pipEnv({}), { PIP_RETRIES: "0" });
  assert.deepEqual(pipEnv({ PIP_RETRIES: "5" }), { PIP_RETRIES: "5" });
});

Deno.test("the environment's stamp follows the requirements and the Python version", async () => {
  const a = await venvStamp("jupyterlab==4.6.4\n", "3.11.2");
  assert.equal(a, await venvStamp("jupyterlab==4.6.4\n", "3.11.2"));
  assert.notEqual(a, await venvStamp("jupyterlab==4.6.5\n", "3.11.2"));
  assert.notEqual(a, await venvStamp("jupyterlab==4.6.4\n", "3.12.0"));
});

Deno.test({
  name: "a virtual environment is created once, reinstalled when its requirements change, " +
    "and pip's failure is reported with its own words",
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const venv = `${dir}/venv`;
      const requirements = `${dir}/requirements.txt`;
      const lines: string[] = [];
      const options = {
        venv,
        requirements,
        modules: ["nbformat"],
        log: (l: string) => lines.push(l),
      };
      await Deno.writeTextFile(requirements, "nbformat==5.11.1\n");

      const first = await ensureJupyterVenv(options);
      assert.deepEqual(first, { python: `${venv}/bin/python`, installed: true });
      assert.equal(
        await python(first.python, "import nbformat; print(nbformat.__version__)"),
        "5.11.1",
      );
      assert.match(lines.join("\n"), /-m venv/);

      lines.length = 0;
      assert.deepEqual(await ensureJupyterVenv(options), {
        python: first.python,
        installed: false,
      });
      assert.deepEqual(lines, [], "nothing to do the second time");

      await Deno.writeTextFile(requirements, "nbformat==5.11.1\n# a changed file\n");
      assert.equal((await ensureJupyterVenv(options)).installed, true);
      assert.doesNotMatch(lines.join("\n"), /-m venv/, "same Python: the environment is kept");

      await Deno.writeTextFile(requirements, "no-such-package-for-this-test==1.0\n");
      await assert.rejects(
        () => ensureJupyterVenv(options),
        (error: Error) =>
          error instanceof SetupError && /pip could not install/.test(error.message) &&
          /no-such-package-for-this-test/.test(error.message),
      );
      assert.ok(
        !await Deno.stat(`${venv}/.setup-stamp`).then(() => true, () => false),
        "no stamp after a failed install",
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("setup gives the runner and the lab the project's Jupyter environment", async () => {
  const report = await ensureSetup({ log: () => {} });
  assert.equal(report.python, `${root}/.venv/bin/python`);
  assert.equal(report.jupyter, `${root}/.venv/bin/jupyter`);
  const versions = JSON.parse(
    await python(
      report.python,
      "import json, jupyterlab, nbclient, plotly; print(json.dumps([jupyterlab.__version__, " +
        "nbclient.__version__, plotly.__version__]))",
    ),
  );
  assert.deepEqual(versions, ["4.6.4", "0.11.0", "7.1.0"]);
  const kernels = await new Deno.Command(report.jupyter, {
    args: ["kernelspec", "list", "--json"],
    stdout: "piped",
    stderr: "null",
  }).output();
  const specs = JSON.parse(new TextDecoder().decode(kernels.stdout)).kernelspecs;
  assert.ok(specs.deno, "the Deno kernel is visible to the environment's Jupyter");
  assert.deepEqual((await ensureSetup({ log: () => {} })).actions, [], "nothing to do again");
});
