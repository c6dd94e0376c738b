import assert from "node:assert/strict";
import {
  type Figure,
  figureBundle,
  PLOTLY_MIME,
  saveFigure,
  standaloneHtml,
} from "../../lib/viz/plotly.ts";

const figure: Figure = {
  data: [{ type: "bar", x: ["a", "</script><b>"], y: [1, 2] }],
  layout: { title: { text: "Counts" } },
};

Deno.test("standalone HTML embeds plotly.js and needs no network", () => {
  const html = standaloneHtml(figure);
  assert.ok(html.length > 1_000_000, "plotly.js is embedded");
  assert.match(html, /<title>Counts<\/title>/);
  assert.ok(!/<script[^>]+src=/.test(html), "no external script");
  assert.ok(!html.includes('"</script><b>"'), "data cannot close the script element");
  assert.match(html, /\\u003c\/script>\\u003cb>/);
});

Deno.test("the notebook bundle carries the plotly JSON and a text fallback naming the file", () => {
  const bundle = figureBundle(figure, "outputs/figures/counts.html");
  const json = bundle[PLOTLY_MIME] as Figure;
  assert.deepEqual(json.data, figure.data);
  assert.match(
    String(bundle["text/plain"]),
    /Counts — interactive version: outputs\/figures\/counts.html/,
  );
});

Deno.test("saveFigure writes <name>.html and rejects unsafe names", async () => {
  const dir = await Deno.makeTempDir();
  const path = await saveFigure("counts", figure, { dir });
  assert.equal(path, `${dir}/counts.html`);
  assert.match(await Deno.readTextFile(path), /Plotly\.newPlot\("figure"/);
  await assert.rejects(saveFigure("../escape", figure, { dir }), /figure name/);
  await Deno.remove(dir, { recursive: true });
});
