import assert from "node:assert/strict";
import { loadConfig } from "../../lib/config.ts";
import type { NotebookHeadlines } from "../../lib/eval/headline.ts";
import { PLOTLY_FILE } from "../../lib/viz/plotly.ts";
import {
  failureLine,
  frontPage,
  notebookStem,
  useSharedPlotly,
  withoutRemoteResources,
} from "../../lib/workspace/report.ts";
import type { NotebookResult } from "../../lib/workspace/run_notebooks.ts";

const config = loadConfig({ env: {}, overrides: { dataset: { demoSize: "tiny" }, seed: 7 } });

const results: NotebookResult[] = [
  { notebook: "notebooks/02_eda.ipynb", ok: true, seconds: 3.8123, output: "/x/02_eda.ipynb" },
  {
    notebook: "notebooks/04_cnn_training.ipynb",
    ok: true,
    seconds: 61.27,
    output: "/x/04_cnn_training.ipynb",
  },
  {
    notebook: "notebooks/05_model_comparison.ipynb",
    ok: false,
    seconds: 12.5,
    output: "/x/05_model_comparison.ipynb",
    failure: { cell: 7, ename: "RangeError", evalue: "planted <failure>", source: "await fit();" },
  },
];

const headlines: NotebookHeadlines[] = [{
  notebook: "04_cnn_training",
  headlines: [{
    label: "CNN (audio + metadata)",
    metric: "MAE",
    value: 9.32411,
    interval: [8.1432, 10.6189],
    baseline: "mean predictor",
    baselineValue: 16.0731,
    lowerIsBetter: true,
    n: 1200,
  }, {
    label: "CNN (audio only)",
    metric: "MAE",
    value: 17.2,
    baseline: "mean predictor",
    baselineValue: 16.0731,
    lowerIsBetter: true,
  }],
}, {
  notebook: "06_stream_forecasting",
  headlines: [{
    label: "LSTM",
    metric: "RMSE (streams)",
    value: 1234.5,
    baseline: "last value",
    baselineValue: 1300,
    lowerIsBetter: true,
  }],
}];

const pages = {
  "02_eda": { file: "02_eda.html" },
  "04_cnn_training": { file: "04_cnn_training.html" },
  "05_model_comparison": { error: "nbconvert exited with 1: boom" },
};

function page(): string {
  return frontPage({
    config,
    results,
    headlines,
    pages,
    generated: new Date("2026-12-06T00:00:00Z"),
  });
}

/** The table row (`<tr>…</tr>`) that contains `text`. */
function rowWith(html: string, text: string): string {
  const at = html.indexOf(text);
  assert.ok(at >= 0, `"${text}" is on the page`);
  return html.slice(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
}

Deno.test("notebook stems come from result paths", () => {
  assert.equal(notebookStem("notebooks/02_eda.ipynb"), "02_eda");
  assert.equal(notebookStem("/a/b/06_x.ipynb"), "06_x");
});

Deno.test("the front page shows each headline beside its baseline, formatted, linked", () => {
  const html = page();
  assert.match(html, /<title>Run report — demo-tiny-seed7-44100hz<\/title>/);
  const cnn = rowWith(html, "CNN (audio + metadata)");
  assert.match(cnn, /<a href="04_cnn_training\.html">04_cnn_training<\/a>/);
  assert.match(cnn, /<b>9\.32<\/b>/);
  assert.match(cnn, /\[8\.14, 10\.6\]/);
  assert.match(cnn, /mean predictor<\/td><td class="num">16\.1</);
  assert.match(cnn, /beats the baseline \(lower is better\)/);
  assert.match(cnn, /1,200/);
  const audio = rowWith(html, "CNN (audio only)");
  assert.match(audio, /does not beat the baseline/);
  assert.match(audio, /<td class="num">—<\/td>/, "no interval reads as a dash");
  const lstm = rowWith(html, "RMSE (streams)");
  assert.match(lstm, /not run this time/, "headlines of a notebook outside this run are marked");
  assert.match(lstm, /1,235/);
});

Deno.test("notebooks without headline numbers are named, a failed one marked", () => {
  const html = page();
  const line = html.slice(html.indexOf("No headline numbers written by"));
  assert.match(line.slice(0, line.indexOf("</p>")), /02_eda.*05_model_comparison.*\(failed\)/s);
  assert.ok(!line.slice(0, line.indexOf("</p>")).includes("04_cnn_training"));
  const stale = frontPage({
    config,
    results,
    headlines,
    pages,
    staleHeadlines: new Set(["04_cnn_training"]),
    generated: new Date(),
  });
  assert.match(rowWith(stale, "CNN (audio + metadata)"), /written before this run started/);
  assert.match(stale, /No headline numbers written by .*04_cnn_training/s);
  const none = frontPage({ config, results, headlines: [], pages, generated: new Date() });
  assert.match(none, /No headline numbers were found in <code>.*headlines<\/code>/);
});

Deno.test("a failed notebook shows its failure line; the run is flagged failed", () => {
  const html = page();
  assert.equal(
    failureLine(results[2]),
    "cell 7 (await fit();) failed: RangeError: planted <failure>",
  );
  const row = rowWith(html, "<td>notebooks/05_model_comparison.ipynb<br>");
  assert.match(
    row,
    /class="bad">failed<br><code>cell 7 \(await fit\(\);\) failed: RangeError: planted &lt;failure&gt;/,
  );
  assert.match(row, /not rendered: nbconvert exited with 1: boom/);
  assert.ok(!row.includes("<a href"), "no link to a page that was not rendered");
  assert.match(html, /<div class="failed-run"><b>The run failed\.<\/b>/);
  assert.match(html, /3 notebooks: 2 ok, 1 failed/);
  assert.match(
    rowWith(html, "notebooks/02_eda.ipynb"),
    /class="ok">ok<\/td><td class="num">3\.81 s/,
  );
  assert.match(html, /total<\/td><td><\/td><td class="num">77\.6 s/);
  const fine = frontPage({
    config,
    results: results.slice(0, 2),
    headlines,
    pages,
    generated: new Date(),
  });
  assert.ok(!fine.includes(`<div class="failed-run">`));
});

Deno.test("the configuration is listed with its variables; changed fields in bold", () => {
  const html = page();
  assert.match(
    rowWith(html, "<code>seed</code>"),
    /class="changed".*<td>7<\/td><td><code>HSS_SEED<\/code>/,
  );
  assert.match(rowWith(html, "<code>dataset.demoSize</code>"), /class="changed".*tiny/);
  assert.ok(!rowWith(html, "<code>model.batchSize</code>").includes("changed"));
  assert.match(rowWith(html, "<code>dataset.path</code>"), /\(empty\)/);
});

const LIBRARY = "/* plotly.js */ var Plotly={};window.Plotly=Plotly;";

Deno.test("the embedded plotly.js is swapped for the shared file; other scripts stay", () => {
  const html = `<html><body><div id="a"></div><script>queue(1)</script>\n` +
    `<script data-hss-plotly="4.1.2">${LIBRARY}</script>\n<script>flush()</script>` +
    `<script data-hss-plotly="4.1.2">${LIBRARY}</script></body></html>`;
  const swapped = useSharedPlotly(html);
  assert.equal(swapped.embedded, 2);
  assert.ok(!swapped.html.includes(LIBRARY), "no embedded copy left");
  assert.equal(
    swapped.html,
    `<html><body><div id="a"></div><script>queue(1)</script>\n` +
      `<script data-hss-plotly="4.1.2" src="${PLOTLY_FILE}"></script>\n<script>flush()</script>` +
      `</body></html>`,
  );
  assert.equal(useSharedPlotly("<p>no figures</p>").embedded, 0);
});

Deno.test("remote scripts, module imports from URLs and CDN styles are removed", () => {
  const html = `<head><script src="https://cdnjs.cloudflare.com/require.min.js"></script>` +
    `<script src="file:///usr/share/javascript/mathjax/MathJax.js?config=x"></script>` +
    `<link rel="stylesheet" href="https://cdn.example/font.css">` +
    `<link rel="stylesheet" href="local.css">` +
    `<script type="text/x-mathjax-config">MathJax.Hub.Config({})</script>` +
    `<script type="module">const m = (await import("https://cdn/mermaid.mjs")).default;</script>` +
    `<script data-hss-plotly="4.1.2" src="plotly.min.js"></script><script>draw()</script></head>`;
  const { html: out, removed } = withoutRemoteResources(html);
  assert.equal(
    out,
    `<head><link rel="stylesheet" href="local.css">` +
      `<script data-hss-plotly="4.1.2" src="plotly.min.js"></script><script>draw()</script></head>`,
  );
  assert.equal(removed.length, 4);
});
