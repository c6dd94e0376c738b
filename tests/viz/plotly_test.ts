import assert from "node:assert/strict";
import { loadConfig } from "../../lib/config.ts";
import { datasetKey } from "../../lib/data/load.ts";
import {
  type Figure,
  figureBundle,
  figuresDir,
  newFigurePage,
  PLOTLY_FILE,
  PLOTLY_MIME,
  PLOTLY_SCRIPT_ATTRIBUTE,
  plotlyJs,
  plotlyJsGzipBase64,
  plotlyVersion,
  saveFigure,
  standaloneHtml,
} from "../../lib/viz/plotly.ts";

const figure: Figure = {
  data: [{ type: "bar", x: ["a", "</script><b>"], y: [1, 2] }],
  layout: { title: { text: "Counts" } },
};

/** How often plotly.js's own source occurs in `html`. */
function libraryCopies(html: string): number {
  const marker = plotlyJsGzipBase64().slice(0, 2000);
  return html.split(marker).length - 1;
}

Deno.test("standalone HTML loads the shared plotly.min.js beside it and escapes the data", () => {
  const html = standaloneHtml(figure);
  assert.equal(libraryCopies(html), 0, "plotly.js is not inlined");
  assert.ok(html.length < 10_000, `a small page, found ${html.length} characters`);
  assert.match(html, /<title>Counts<\/title>/);
  const sources = [...html.matchAll(/<script[^>]*\ssrc="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(sources, [PLOTLY_FILE], "one script, relative: opens offline from file://");
  assert.ok(!html.includes('"</script><b>"'), "data cannot close the script element");
  assert.match(html, /\\u003c\/script>\\u003cb>/);
});

Deno.test("the first bundle of a page embeds plotly.js once; later bundles only draw", () => {
  const page = newFigurePage();
  const first = figureBundle(figure, { page, file: "outputs/figures/x/counts.html" });
  const second = figureBundle(figure, { page });
  const firstHtml = String(first["text/html"]);
  const secondHtml = String(second["text/html"]);
  assert.equal(libraryCopies(firstHtml), 1, "the first figure carries the library");
  assert.equal(libraryCopies(secondHtml), 0, "the second reuses it");
  assert.equal(libraryCopies(firstHtml + secondHtml), 1, "exactly once across both");
  const marked = new RegExp(`<script ${PLOTLY_SCRIPT_ATTRIBUTE}="${plotlyVersion()}">`, "g");
  assert.equal(firstHtml.match(marked)?.length, 1, "the embedded library is marked");
  assert.equal(secondHtml.match(marked), null);
  // Each figure draws itself into its own element, or queues the draw until plotly.js loads.
  const ids = [firstHtml, secondHtml].map((h) => h.match(/<div id="([^"]+)"/)?.[1]);
  assert.ok(ids[0] && ids[1] && ids[0] !== ids[1], `unique ids, found ${ids}`);
  for (const [i, html] of [firstHtml, secondHtml].entries()) {
    assert.ok(html.includes(`Plotly.newPlot(${JSON.stringify(ids[i])},`), "draws into its div");
    assert.match(html, /if\(window\.Plotly\)\{draw\(\);\}else\{\(window\.__hssPlotlyQueue=/);
  }
  // In the first figure the draw is queued before the library loads, which then flushes it.
  const queued = firstHtml.indexOf("__hssPlotlyQueue||[]).push(draw)");
  const library = firstHtml.indexOf(`<script ${PLOTLY_SCRIPT_ATTRIBUTE}`);
  const flush = firstHtml.lastIndexOf("for(var i=0;i<q.length;i++)q[i]();");
  assert.ok(queued >= 0 && queued < library && library < flush, "queue, library, flush");
  // The plotly JSON stays for JupyterLab's renderer and VS Code; the text is a short caption.
  assert.deepEqual((first[PLOTLY_MIME] as Figure).data, figure.data);
  assert.equal(first["text/plain"], "Counts — interactive version: outputs/figures/x/counts.html");
  assert.equal(second["text/plain"], "Counts");
  // Another page (another kernel process) embeds its own copy.
  assert.equal(
    libraryCopies(String(figureBundle(figure, { page: newFigurePage() })["text/html"])),
    1,
  );
});

Deno.test("figure data cannot close the drawing script", () => {
  const html = String(figureBundle(figure, { page: newFigurePage() })["text/html"]);
  const drawing = html.slice(0, html.indexOf(`<script ${PLOTLY_SCRIPT_ATTRIBUTE}`));
  assert.ok(!drawing.includes("</script><b>"));
  assert.equal(drawing.match(/<\/script>/g)?.length, 1);
});

Deno.test("saveFigure writes <name>.html with one shared plotly.min.js per folder", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const a = await saveFigure("counts", figure, { dir });
    const b = await saveFigure("more", figure, { dir });
    assert.equal(a, `${dir}/counts.html`);
    assert.equal(b, `${dir}/more.html`);
    assert.match(await Deno.readTextFile(a), /Plotly\.newPlot\("figure"/);
    const files = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assert.deepEqual(files, ["counts.html", "more.html", PLOTLY_FILE]);
    assert.equal(await Deno.readTextFile(`${dir}/${PLOTLY_FILE}`), plotlyJs());
    for (const path of [a, b]) assert.ok(Deno.statSync(path).size < 10_000);
    await assert.rejects(saveFigure("../escape", figure, { dir }), /figure name/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("figures of different datasets land in different folders and never overwrite", async () => {
  const outputs = await Deno.makeTempDir();
  const saved = Deno.env.toObject();
  const setEnv = (vars: Record<string, string>) => {
    for (const [k, v] of Object.entries(vars)) Deno.env.set(k, v);
  };
  try {
    const envs: Record<string, string>[] = [
      { HSS_PATHS_OUTPUTS: outputs, HSS_DATASET_SOURCE: "demo", HSS_DATASET_DEMO_SIZE: "tiny" },
      { HSS_PATHS_OUTPUTS: outputs, HSS_DATASET_SOURCE: "hit-predictor" },
    ];
    const paths: string[] = [];
    for (const [i, vars] of envs.entries()) {
      setEnv(vars);
      const key = datasetKey(loadConfig());
      assert.equal(figuresDir(), `${outputs}/figures/${key}`);
      paths.push(
        await saveFigure("06_series", { data: [{ type: "bar", x: ["a"], y: [i + 1] }] }),
      );
      assert.equal(paths[i], `${outputs}/figures/${key}/06_series.html`);
    }
    assert.notEqual(paths[0], paths[1]);
    assert.match(await Deno.readTextFile(paths[0]), /"y":\[1\]/, "the first is not overwritten");
    assert.match(await Deno.readTextFile(paths[1]), /"y":\[2\]/);
    for (const path of paths) {
      const folder = path.slice(0, path.lastIndexOf("/"));
      assert.ok(Deno.statSync(`${folder}/${PLOTLY_FILE}`).isFile, `plotly.js in ${folder}`);
    }
  } finally {
    for (const k of ["HSS_PATHS_OUTPUTS", "HSS_DATASET_SOURCE", "HSS_DATASET_DEMO_SIZE"]) {
      if (saved[k] === undefined) Deno.env.delete(k);
      else Deno.env.set(k, saved[k]);
    }
    await Deno.remove(outputs, { recursive: true });
  }
});

Deno.test("the embedded plotly.js is gzip + base64 of the npm package's file, under 2.5 MB", async () => {
  const payload = plotlyJsGzipBase64();
  assert.ok(payload.length < 2_500_000, `payload ${payload.length} characters`);
  const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
  const text = await new Response(
    new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")),
  ).text();
  assert.equal(text, plotlyJs());
});
