/**
 * End to end: runs a notebook that makes figures on the tiny demo corpus, writes the run report,
 * and opens every page — the front page, each rendered notebook, each standalone figure — from
 * file:// in headless Chromium: no JavaScript error, nothing fetched from outside the folder,
 * and as many drawn plotly figures as the notebooks made. Screenshots land in
 * tests/output/report/. Fails (never skips) when Chromium is missing.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { loadConfig, projectRoot } from "../../lib/config.ts";
import { datasetKey } from "../../lib/data/load.ts";
import { PLOTLY_FILE, PLOTLY_MIME } from "../../lib/viz/plotly.ts";
import { launchChromium } from "../../lib/workspace/browser.ts";
import { notebookStem, writeRunReport } from "../../lib/workspace/report.ts";
import { runNotebooks } from "../../lib/workspace/run_notebooks.ts";

const root = projectRoot();
const base = `${root}/tests/output/report`;

/** Figures (plotly MIME outputs) in an executed notebook. */
async function figureCount(path: string): Promise<number> {
  const nb = JSON.parse(await Deno.readTextFile(path)) as {
    cells: { outputs?: { data?: Record<string, unknown> }[] }[];
  };
  return nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.[PLOTLY_MIME]).length;
}

interface Visit {
  errors: string[];
  outside: string[];
}

/** Opens a file:// page, collecting JavaScript errors and requests that leave file://. */
async function visit(page: Page, path: string): Promise<Visit> {
  const visitResult: Visit = { errors: [], outside: [] };
  page.removeAllListeners();
  page.on("pageerror", (error) => visitResult.errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") visitResult.errors.push(`console: ${message.text()}`);
  });
  page.on("requestfailed", (request) => {
    visitResult.errors.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on("request", (request) => {
    if (!/^(file|data|blob):/.test(request.url())) visitResult.outside.push(request.url());
  });
  await page.goto(`file://${path}`, { waitUntil: "load" });
  return visitResult;
}

/** Waits until `expected` plotly figures have drawn (or a timeout), then counts them. */
async function drawnFigures(page: Page, expected: number): Promise<number> {
  // Expressions run in the page (strings: this file is type-checked without the DOM library).
  const drawn = `[...document.querySelectorAll(".js-plotly-plot")]` +
    `.filter((e) => e.querySelector(".main-svg")).length`;
  await page.waitForFunction(`${drawn} >= ${expected}`, undefined, { timeout: 30_000 })
    .catch(() => {/* counted below: the assertion names both numbers */});
  return await page.evaluate(drawn) as number;
}

Deno.test({
  name: "the run report's pages draw every figure offline with no JavaScript error",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await Deno.remove(`${base}/outputs`, { recursive: true }).catch(() => {});
    const config = loadConfig({
      env: {},
      overrides: {
        dataset: { demoSize: "tiny" },
        paths: { data: `${base}/data`, outputs: `${base}/outputs` },
      },
    });
    const results = await runNotebooks({ config, only: ["02"], log: () => {} });
    assert.ok(results.length > 0 && results.every((r) => r.ok), JSON.stringify(results));
    const report = await writeRunReport({ config, results, log: () => {} });
    const reportDir = `${base}/outputs/report/${datasetKey(config)}`;
    assert.equal(report.index, `${reportDir}/index.html`);
    assert.ok(Deno.statSync(`${reportDir}/${PLOTLY_FILE}`).isFile, "one shared plotly.js");

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const front = await visit(page, report.index);
      assert.deepEqual(front.errors, []);
      assert.deepEqual(front.outside, []);
      await page.screenshot({ path: `${base}/index.png`, fullPage: true });
      for (const result of results) {
        const stem = notebookStem(result.notebook);
        const link = await page.$(`a[href="${stem}.html"]`);
        assert.ok(link, `the front page links ${stem}.html`);
      }

      let made = 0;
      for (const [i, result] of results.entries()) {
        const expected = await figureCount(result.output);
        made += expected;
        const rendered = `${reportDir}/${notebookStem(result.notebook)}.html`;
        const html = await Deno.readTextFile(rendered);
        assert.ok(html.length < 2_000_000, `plotly.js is not embedded (${html.length} chars)`);
        const seen = await visit(page, rendered);
        const drawn = await drawnFigures(page, expected);
        assert.deepEqual(seen.errors, [], `JavaScript errors in ${rendered}`);
        assert.deepEqual(seen.outside, [], `requests leaving file:// from ${rendered}`);
        assert.equal(drawn, expected, `${rendered}: figures drawn vs made`);
        if (i === 0) await page.screenshot({ path: `${base}/notebook.png`, fullPage: true });
      }
      assert.ok(made > 0, "the notebooks made figures");

      const figuresDir = `${base}/outputs/figures/${datasetKey(config)}`;
      const files = [...Deno.readDirSync(figuresDir)].map((e) => e.name);
      assert.equal(files.filter((f) => f === PLOTLY_FILE).length, 1);
      const figureFiles = files.filter((f) => f.endsWith(".html"));
      assert.equal(figureFiles.length, made, "one standalone file per figure");
      for (const file of figureFiles) {
        const seen = await visit(page, `${figuresDir}/${file}`);
        assert.equal(await drawnFigures(page, 1), 1, `${file} draws its figure`);
        assert.deepEqual(seen.errors, [], `JavaScript errors in ${file}`);
        assert.deepEqual(seen.outside, []);
      }
      await page.screenshot({ path: `${base}/figure.png` });
    } finally {
      await browser.close();
    }
  },
});
