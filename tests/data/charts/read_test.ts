import assert from "node:assert/strict";
import {
  dateFromFileName,
  parseStreams,
  readChartText,
  regionFromFileName,
} from "../../../lib/data/charts/read.ts";
import { ChartFormatError } from "../../../lib/data/charts/errors.ts";
import { chartStreams, dailyUriFile, dailyUrlFile, spotifyId } from "./fixtures.ts";

Deno.test("readChartText reads a spotifycharts.com daily file: note line, URL, date and region from the name", () => {
  const read = readChartText(dailyUrlFile([1, 2, 3], 4), {
    file: "charts/regional-global-daily-2017-01-05.csv",
  });
  assert.equal(read.preambleLines, 1);
  assert.deepEqual(read.issues, []);
  assert.equal(read.entries.length, 3);
  const e = read.entries[1];
  assert.equal(e.trackId, spotifyId(2));
  assert.equal(e.trackName, "Song 2, part 2");
  assert.equal(e.position, 2);
  assert.equal(e.streams, chartStreams(2, 4));
  assert.equal(e.date, "2017-01-05");
  assert.equal(e.region, "global");
  assert.equal(e.line, 4); // note line 1, header line 2, rows from line 3
});

Deno.test("readChartText reads a charts.spotify.com download (uri variant, CRLF)", () => {
  const read = readChartText(dailyUriFile([7, 8], 0), { file: "regional-us-daily-2023-05-01.csv" });
  assert.deepEqual(read.issues, []);
  assert.deepEqual(read.entries.map((e) => e.trackId), [spotifyId(7), spotifyId(8)]);
  assert.equal(read.entries[0].region, "us");
  assert.equal(read.entries[0].date, "2023-05-01");
});

Deno.test("readChartText reports malformed and unusable rows with their line, never drops them silently", () => {
  const text = [
    "Position,Track Name,Artist,Streams,URL,Date",
    `1,A,X,100,https://open.spotify.com/track/${spotifyId(1)},2017-01-01`,
    `2,B,Y,200`, // too few fields
    `3,C,Z,300,https://example.com/track/1,2017-01-01`, // not a Spotify URL
    `4,D,W,lots,https://open.spotify.com/track/${spotifyId(4)},2017-01-01`, // streams not a number
    `5,E,V,500,https://open.spotify.com/track/${spotifyId(5)},2017-02-30`, // no such day
    `x,F,U,600,https://open.spotify.com/track/${spotifyId(6)},2017-01-01`, // position
    `7,"G,H",T,"1,234",https://open.spotify.com/track/${spotifyId(7)}?si=abc,2017-01-01`,
  ].join("\n");
  const read = readChartText(text, { file: "long.csv" });
  assert.deepEqual(read.entries.map((e) => e.line), [2, 8]);
  assert.equal(read.entries[1].streams, 1234);
  assert.deepEqual(read.issues.map((i) => i.line), [3, 4, 5, 6, 7]);
  assert.match(
    read.issues[0].reason,
    /malformed row: expected 6 fields \(as in the header\), found 4/,
  );
  assert.match(
    read.issues[1].reason,
    /expected a Spotify track URL.*found "https:\/\/example.com\/track\/1"/,
  );
  assert.equal(read.issues[2].column, "Streams");
  assert.match(read.issues[2].reason, /streams: .*found "lots"/);
  assert.equal(read.issues[3].column, "Date");
  assert.equal(read.issues[4].column, "Position");
  assert.ok(read.issues.every((i) => i.action === "excluded" && i.file === "long.csv"));
});

Deno.test("readChartText skips rows of a viral chart in a multi-chart file and counts them", () => {
  const text = [
    "title,rank,date,artist,url,region,chart,trend,streams",
    `A,1,2020-01-01,X,https://open.spotify.com/track/${
      spotifyId(1)
    },Global,top200,SAME_POSITION,100`,
    `B,1,2020-01-01,Y,https://open.spotify.com/track/${spotifyId(2)},Global,viral50,SAME_POSITION,`,
  ].join("\n");
  const read = readChartText(text);
  assert.equal(read.entries.length, 1);
  assert.equal(read.otherChartRows, 1);
  assert.equal(read.entries[0].region, "Global");
});

Deno.test("readChartText names what is missing when a file is not a chart or has no date", () => {
  assert.throws(
    () => readChartText("a,b\n1,2\n", { file: "x.csv" }),
    (e) =>
      e instanceof ChartFormatError &&
      /expected a header with a position .* in x.csv/.test(e.message),
  );
  assert.throws(
    () => readChartText("Position,Streams,URL\n1,5,x\n", { file: "nodate.csv" }),
    (e) =>
      e instanceof ChartFormatError &&
      /expected a Date column or a YYYY-MM-DD date in the file name of nodate.csv/.test(e.message),
  );
});

Deno.test("file-name dates and regions, and stream counts with thousands separators", () => {
  assert.equal(
    dateFromFileName("/a/2019-03-04/regional-global-daily-2017-01-02.csv"),
    "2017-01-02",
  );
  assert.equal(dateFromFileName("charts.csv"), null);
  assert.equal(regionFromFileName("regional-GB-daily-2017-01-02.csv"), "gb");
  assert.equal(regionFromFileName("day.csv"), null);
  assert.equal(parseStreams("1,234,567"), 1234567);
  assert.equal(parseStreams(" 42 "), 42);
  assert.ok(Number.isNaN(parseStreams("12,34")));
  assert.ok(Number.isNaN(parseStreams("")));
  assert.ok(Number.isNaN(parseStreams("-3")));
});
