/**
 * End to end: starts JupyterLab through lib/workspace/lab.ts on the tiny demo corpus, opens
 * notebooks/02_eda.ipynb in headless Chromium, runs every cell from the Run menu and checks what a
 * researcher would see: every code cell executed, no error output, plotly figures drawn as SVG by
 * JupyterLab's plotly renderer, and Table 1. The notebook on disk is never saved (autosave off,
 * bytes compared). A full-page screenshot lands in tests/output/lab/notebook_02.png. Fails (never
 * skips) when Chromium is missing.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { loadConfig, projectRoot } from "../../lib/config.ts";
import { PLOTLY_MIME } from "../../lib/viz/plotly.ts";
import { launchChromium } from "../../lib/workspace/browser.ts";
import { type Lab, startLab } from "../../lib/workspace/lab.ts";

const root = projectRoot();
const base = `${root}/tests/output/lab`;
const NOTEBOOK = "notebooks/02_eda.ipynb";

/** JupyterLab user settings for the test's server: no autosave, every cell in the DOM, no news. */
const SETTINGS: Record<string, unknown> = {
  "@jupyterlab/docmanager-extension/plugin": { autosave: false },
  "@jupyterlab/notebook-extension/tracker": { windowingMode: "none" },
  "@jupyterlab/apputils-extension/notification": { fetchNews: "false", checkForUpdates: false },
};

async function writeSettings(dir: string): Promise<void> {
  for (const [plugin, values] of Object.entries(SETTINGS)) {
    const file = `${dir}/${plugin}.jupyterlab-settings`;
    await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(file, JSON.stringify(values));
  }
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Command lines of the running processes that mention `needle`. */
async function processesWith(needle: string): Promise<string[]> {
  const out = await new Deno.Command("ps", { args: ["-eo", "pid,args"], stdout: "piped" })
    .output();
  return new TextDecoder().decode(out.stdout).split("\n")
    .filter((line) => line.includes(needle) && !line.includes(" ps -eo"));
}

// Expressions run in the page (strings: this file is type-checked without the DOM library).
const CODE_CELLS = `[...document.querySelectorAll(".jp-NotebookPanel .jp-CodeCell")]`;
/** Prompts of the code cells: "[3]:" once run, "[*]:" while running, "[ ]:" before. */
const PROMPTS = `${CODE_CELLS}.map((c) => c.querySelector(".jp-InputPrompt")?.textContent?.trim())`;
const KERNEL_STATUS =
  `document.querySelector(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator")` +
  `?.getAttribute("data-status")`;
/**
 * The notebook model's outputs, as nbformat JSON. JupyterLab 4.6 renders an `error` output and a
 * `stderr` stream alike (`.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]`, no
 * class tells them apart), so the output types are read from the model
 * (`--LabApp.expose_app_in_browser` gives the page `window.jupyterapp`).
 */
const MODEL_OUTPUTS = `window.jupyterapp.shell.currentWidget.content.model.toJSON().cells` +
  `.filter((c) => c.cell_type === "code").map((c) => c.outputs)`;
const STDERR_TEXTS = `[...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output` +
  `[data-mime-type="application/vnd.jupyter.stderr"]')].map((e) => e.textContent)`;

interface NbOutput {
  output_type: string;
  data?: Record<string, unknown>;
  name?: string;
  ename?: string;
  evalue?: string;
  text?: string | string[];
}

/**
 * Page errors that say nothing about the notebook: JupyterLab's debugger panel asks every kernel
 * for a debug session, and the Deno kernel has none.
 */
const BENIGN_PAGE_ERRORS = /^No active debugger session$/;

/** A stderr text that only reports progress (counts, percentages, rates), not a problem. */
function isProgress(text: string): boolean {
  const lines = text.split("\n").filter((l) => l.trim());
  return lines.length > 0 && !/error|exception|uncaught|failed/i.test(text) &&
    lines.every((l) => /\d+\s*\/\s*\d+|\d\s*%|ETA|\/s\b/.test(l));
}

/**
 * Run → Run All Cells, as a researcher clicks it. The menu item is disabled until the notebook is
 * the lab's current widget, so the notebook is clicked first, and the click is repeated while no
 * cell has started (a disabled item ignores it).
 */
async function runAllFromMenu(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.locator(".jp-NotebookPanel .jp-Cell").first().click();
    await page.locator(".lm-MenuBar-item", { hasText: /^Run$/ }).click();
    const item = page.locator('.lm-Menu-item[data-command="runmenu:run-all"]');
    await item.waitFor();
    if (await item.getAttribute("aria-disabled") === "true") {
      await page.keyboard.press("Escape");
    } else {
      await item.click();
      const started = await page.waitForFunction(
        `${PROMPTS}.some((p) => p !== "[ ]:")`,
        undefined,
        { timeout: 10_000 },
      ).then(() => true, () => false);
      if (started) return;
    }
    await page.waitForTimeout(1_000);
  }
  throw new Error("Run → Run All Cells did not start any cell");
}

Deno.test({
  name: "JupyterLab runs notebook 02 from its Run menu and draws its tables and plotly figures",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await Deno.remove(base, { recursive: true }).catch(() => {});
    await Deno.mkdir(base, { recursive: true });
    await writeSettings(`${base}/settings`);
    const before = await Deno.readFile(`${root}/${NOTEBOOK}`);
    const codeCells =
      (JSON.parse(new TextDecoder().decode(before)) as { cells: { cell_type: string }[] })
        .cells.filter((c) => c.cell_type === "code").length;
    const checkpoints = `${root}/notebooks/.ipynb_checkpoints`;
    const hadCheckpoints = await Deno.stat(checkpoints).then(() => true, () => false);
    // Chromium first: when it is missing the test fails at once with the command to install it.
    const browser = await launchChromium();
    const token = crypto.randomUUID().replaceAll("-", "");
    const config = loadConfig({
      env: {},
      overrides: {
        dataset: { demoSize: "tiny" },
        paths: { data: "tests/output/lab/data", outputs: "tests/output/lab/outputs" },
      },
    });
    let lab: Lab | null = null;
    const kernelIds: string[] = [];
    try {
      lab = await startLab({
        port: freePort(),
        token,
        openBrowser: false,
        config,
        env: {
          JUPYTERLAB_SETTINGS_DIR: `${base}/settings`,
          JUPYTERLAB_WORKSPACES_DIR: `${base}/workspaces`,
        },
        // JupyterLab may take a checkpoint of a notebook it opens: keep it out of notebooks/.
        extraArgs: [
          "--LabApp.expose_app_in_browser=True",
          `--FileCheckpoints.checkpoint_dir=${base}/checkpoints`,
        ],
        logFile: `${base}/server.log`,
        log: () => {},
      });
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => {
        if (!BENIGN_PAGE_ERRORS.test(error.message)) pageErrors.push(error.message);
      });
      await page.goto(`${lab.baseUrl}lab/tree/${NOTEBOOK}?token=${token}`);
      await page.waitForFunction(`${CODE_CELLS}.length === ${codeCells}`, undefined, {
        timeout: 60_000,
      });
      // The first kernel start compiles lib/ on first import: generous timeouts.
      await page.waitForFunction(`${KERNEL_STATUS} === "idle"`, undefined, { timeout: 60_000 });
      // Fold the file browser away so the notebook takes the page's width.
      await page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click();
      await runAllFromMenu(page);
      // Every cell executed and the kernel idle; a page error (e.g. a kernel message the page
      // cannot read, after which no later cell finishes) ends the wait at once.
      const done = `${PROMPTS}.every((p) => /^\\[\\d+\\]:$/.test(p ?? "")) && ` +
        `${KERNEL_STATUS} === "idle"`;
      const deadline = Date.now() + 90_000;
      while (!await page.evaluate(done)) {
        if (pageErrors.length > 0 || Date.now() > deadline) {
          const prompts = await page.evaluate(PROMPTS);
          throw new Error(
            `not every cell ran: prompts ${JSON.stringify(prompts)}; page errors ` +
              JSON.stringify(pageErrors),
          );
        }
        await page.waitForTimeout(250);
      }
      const prompts = await page.evaluate(PROMPTS) as string[];
      assert.equal(prompts.length, codeCells);
      assert.deepEqual(
        prompts.map((p) => Number(p.slice(1, -2))),
        prompts.map((_, i) => i + 1),
        "execution counts 1…n in order",
      );

      const outputs = (await page.evaluate(MODEL_OUTPUTS) as NbOutput[][]).flat();
      const errors = outputs.filter((o) => o.output_type === "error");
      assert.deepEqual(errors.map((o) => `${o.ename}: ${o.evalue}`), [], "no error output");
      const stderr = (await page.evaluate(STDERR_TEXTS) as string[]).filter((t) => !isProgress(t));
      assert.deepEqual(stderr, [], "no stderr output other than progress");
      assert.deepEqual(pageErrors, [], "no JavaScript error in the page");

      // Plotly figures drawn by JupyterLab's renderer (jupyterlab-plotly, from the plotly
      // package), not only declared: one SVG figure per plotly output of the model. That renderer
      // marks its output with a class, not a data-mime-type attribute.
      const declared = outputs.filter((o) => o.data?.[PLOTLY_MIME] !== undefined).length;
      assert.ok(declared > 0, "the notebook displays plotly figures");
      const drawn = `[...document.querySelectorAll(".jp-NotebookPanel ` +
        `.jp-OutputArea-output.jp-RenderedPlotly")].filter((e) => e.querySelector(".main-svg"))` +
        `.length`;
      await page.waitForFunction(`${drawn} >= ${declared}`, undefined, { timeout: 30_000 })
        .catch(() => {/* counted below: the assertion names both numbers */});
      assert.equal(await page.evaluate(drawn), declared, "every plotly output drawn as SVG");
      const outputText = await page.evaluate(
        `[...document.querySelectorAll(".jp-NotebookPanel .jp-OutputArea")]` +
          `.map((e) => e.textContent).join("\\n")`,
      ) as string;
      assert.match(outputText, /Table 1/);
      // The kernel read the configuration the lab passed it: the tiny corpus under tests/output/lab.
      assert.match(outputText, /tests\/output\/lab\/data\/demo-tiny-/);

      // The whole notebook in one picture: the page is as tall as the notebook's content.
      const height = await page.evaluate(
        `(() => { const s = document.querySelector(".jp-NotebookPanel .jp-WindowedPanel-outer");` +
          ` return s ? s.getBoundingClientRect().top + s.scrollHeight + 60 : 900; })()`,
      ) as number;
      await page.setViewportSize({ width: 1280, height: Math.min(Math.ceil(height), 16_000) });
      await page.evaluate(
        `document.querySelector(".jp-NotebookPanel .jp-WindowedPanel-outer")?.scrollTo(0, 0)`,
      );
      await page.waitForTimeout(500); // relayout after the resize
      await page.screenshot({ path: `${base}/notebook_02.png`, fullPage: true });

      const response = await fetch(`${lab.baseUrl}api/kernels`, {
        headers: { Authorization: `token ${token}` },
      });
      kernelIds.push(...(await response.json() as { id: string }[]).map((k) => k.id));
      assert.equal(kernelIds.length, 1, "one kernel, the notebook's");
      await page.close();
    } finally {
      await browser.close();
      if (lab) {
        for (const id of kernelIds) {
          const r = await fetch(`${lab.baseUrl}api/kernels/${id}`, {
            method: "DELETE",
            headers: { Authorization: `token ${token}` },
          });
          await r.body?.cancel();
        }
        await lab.stop();
      }
    }
    assert.deepEqual(await Deno.readFile(`${root}/${NOTEBOOK}`), before, "notebook not saved");
    if (!hadCheckpoints) {
      assert.ok(!await Deno.stat(checkpoints).then(() => true, () => false), "no checkpoint");
    }
    assert.deepEqual(await processesWith(`--IdentityProvider.token=${token}`), [], "server gone");
    for (const id of kernelIds) {
      assert.deepEqual(await processesWith(`kernel-${id}.json`), [], "kernel gone");
    }
  },
});
