import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import { loadStreamSource } from "../../../lib/data/charts/load.ts";
import { dailyUriFile, dayDate } from "./fixtures.ts";

Deno.test("loadStreamSource reads the chart files the configuration points to", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (let d = 0; d < 3; d++) {
      await Deno.writeTextFile(
        `${dir}/regional-global-daily-${dayDate(d)}.csv`,
        dailyUriFile([1, 2, 3], d),
      );
    }
    const config = loadConfig({ env: {}, overrides: { forecast: { chartsPath: dir } } });
    const source = await loadStreamSource(config, { log: () => {} });
    assert.equal(source.table.trackIds.length, 3);
    assert.equal(source.table.dates.length, 3);
    assert.equal(source.tracks, null); // the demo corpus shares no ids with chart files
    assert.match(source.tracksNote, /no metadata to join/);
    assert.match(source.description, /3 files, region global/);
    assert.equal(source.names.size, 3);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadStreamSource explains that a dataset without daily counts needs chart files", async () => {
  const config = loadConfig({ env: {}, overrides: { dataset: { source: "spotify-2023" } } });
  await assert.rejects(
    () => loadStreamSource(config),
    /has no daily stream counts: set forecast.chartsPath/,
  );
});
