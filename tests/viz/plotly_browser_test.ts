import assert from "node:assert/strict";
import { launchChromium } from "../../lib/workspace/browser.ts";
import { type Figure, figureBundle, newFigurePage } from "../../lib/viz/plotly.ts";

/**
 * The notebook `text/html` of figures as a viewer that runs scripts in HTML outputs meets them
 * (nbconvert's HTML, classic Notebook): one page, outputs in order, the first carrying the
 * compressed plotly.js. Every figure must draw, with no JavaScript error.
 */
Deno.test("figure bundles draw in a browser page: compressed library, queued draws", async () => {
  const page = newFigurePage();
  const figures: Figure[] = [1, 2, 3].map((k) => ({
    data: [{ type: "bar", x: ["a", "b"], y: [k, 2 * k] }],
    layout: { title: { text: `figure ${k}` } },
  }));
  const outputs = figures.map((f) =>
    `<div class="output">${figureBundle(f, { page })["text/html"]}</div>`
  );
  const dir = await Deno.makeTempDir();
  const file = `${dir}/page.html`;
  await Deno.writeTextFile(file, `<!DOCTYPE html><html><body>${outputs.join("\n")}</body></html>`);
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on("pageerror", (e) => errors.push(e.message));
    await tab.goto(`file://${file}`);
    await tab.waitForFunction(`document.querySelectorAll(".main-svg").length >= 3`, undefined, {
      timeout: 60_000,
    });
    assert.deepEqual(errors, []);
    const drawn = await tab.evaluate(`document.querySelectorAll(".js-plotly-plot").length`);
    assert.equal(drawn, 3);
  } finally {
    await browser.close();
    await Deno.remove(dir, { recursive: true });
  }
});
