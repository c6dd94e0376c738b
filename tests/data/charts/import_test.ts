import assert from "node:assert/strict";
import { combineChartTexts, importChartFiles } from "../../../lib/data/charts/import.ts";
import { ChartFormatError } from "../../../lib/data/charts/errors.ts";
import { dailyUrlFile, dayDate, longIdFile, spotifyId } from "./fixtures.ts";

Deno.test("importChartFiles reads a folder of one file per day (URL variant) in date order", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (let d = 0; d < 5; d++) {
      const tracks = d === 2 ? [1, 3] : [1, 2, 3]; // track 2 off the chart on day 2
      await Deno.writeTextFile(
        `${dir}/regional-global-daily-${dayDate(d)}.csv`,
        dailyUrlFile(tracks, d),
      );
    }
    await Deno.writeTextFile(`${dir}/README.txt`, "not a chart");
    const charts = await importChartFiles(dir);
    assert.equal(charts.files.length, 5);
    assert.equal(charts.entries.length, 14);
    assert.equal(charts.region, "global");
    assert.deepEqual(charts.issues, []);
    assert.deepEqual(
      charts.entries.filter((e) => e.trackId === spotifyId(2)).map((e) => e.date),
      [dayDate(0), dayDate(1), dayDate(3), dayDate(4)],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("importChartFiles reads one long file (id variant), keeping global by default or the region asked for", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/data.csv`;
    await Deno.writeTextFile(file, "\ufeff" + longIdFile([1, 2], 3, ["global", "us"]));
    const global = await importChartFiles(file);
    assert.equal(global.region, "global");
    assert.equal(global.entries.length, 6);
    assert.equal(global.otherRegionRows, 6);
    assert.deepEqual(global.regions, [{ region: "global", rows: 6 }, { region: "us", rows: 6 }]);
    const us = await importChartFiles(file, { region: "US" });
    assert.equal(us.region, "us");
    assert.equal(us.entries[0].trackId, spotifyId(1));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("several regions without global, or a region absent, stop with the regions found", () => {
  const text = longIdFile([1], 2, ["de", "fr"]);
  assert.throws(
    () => combineChartTexts([{ file: "a.csv", text }]),
    (e) =>
      e instanceof ChartFormatError &&
      /none is "global".*de \(2 rows\), fr \(2 rows\)/.test(e.message),
  );
  assert.throws(
    () => combineChartTexts([{ file: "a.csv", text }], { region: "jp" }),
    /expected rows of region "jp"; regions found: de \(2 rows\), fr \(2 rows\)/,
  );
});

Deno.test("a track listed twice on one day keeps its first row; the second is reported with both places", () => {
  const day = dailyUrlFile([1, 2], 0);
  const charts = combineChartTexts([
    { file: "regional-global-daily-2017-01-01.csv", text: day },
    { file: "copy/regional-global-daily-2017-01-01.csv", text: day },
  ]);
  assert.equal(charts.entries.length, 2);
  assert.equal(charts.issues.length, 2);
  assert.match(
    charts.issues[0].reason,
    /duplicate: track .* is already listed on 2017-01-01 \(regional-global-daily-2017-01-01.csv line 3\)/,
  );
});

Deno.test("a malformed row in one daily file is reported with its file and line", () => {
  const bad = dailyUrlFile([1, 2], 1).replace(/\n2,[^\n]*\n/, '\n2,"Song 2,Artist 2\n');
  const charts = combineChartTexts([
    { file: "regional-global-daily-2017-01-01.csv", text: dailyUrlFile([1, 2], 0) },
    { file: "regional-global-daily-2017-01-02.csv", text: bad },
  ]);
  assert.equal(charts.entries.length, 3);
  assert.equal(charts.issues.length, 1);
  assert.equal(charts.issues[0].file, "regional-global-daily-2017-01-02.csv");
  assert.equal(charts.issues[0].line, 4);
  assert.match(charts.issues[0].reason, /malformed row: unterminated quoted field/);
});

Deno.test("importChartFiles explains a missing path or an empty folder", async () => {
  await assert.rejects(
    () => importChartFiles("/no/such/charts"),
    /expected a chart file or a folder of chart files at \/no\/such\/charts/,
  );
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(
      () => importChartFiles(dir),
      /expected \*\.csv chart files in .*; found none/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
