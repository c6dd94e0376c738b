import assert from "node:assert/strict";
import {
  dailyStreams,
  DEMO_STREAM_DAYS,
  DEMO_STREAM_END,
  streamDates,
  streamsFrame,
  type StreamTrack,
  WEEKDAY_PROFILE,
} from "../../../../lib/data/sources/demo/streams.ts";

const TRACKS: StreamTrack[] = Array.from({ length: 120 }, (_, i) => ({
  trackId: `t${i}`,
  popularity: (i * 37) % 101,
  releaseDate: i % 10 === 0 ? `2024-${String(1 + (i % 12)).padStart(2, "0")}-15` : "2001-05-04",
}));
const OPTIONS = { days: 365, seed: 3 };

Deno.test("streamDates: a contiguous window ending on the last day", () => {
  const dates = streamDates(DEMO_STREAM_DAYS.tiny);
  assert.equal(dates.length, 120);
  assert.equal(dates.at(-1), DEMO_STREAM_END);
  assert.equal(dates[0], "2024-09-03");
  assert.equal(new Set(dates).size, 120);
  assert.deepEqual(streamDates(3, "2024-03-01"), ["2024-02-28", "2024-02-29", "2024-03-01"]);
  assert.equal(DEMO_STREAM_DAYS.default, 365);
  assert.equal(DEMO_STREAM_DAYS.paper, 365);
});

Deno.test("streamsFrame: long table, deterministic, non-negative integer counts", () => {
  const a = streamsFrame(TRACKS, OPTIONS);
  assert.deepEqual(a.columns, ["track_id", "date", "streams"]);
  assert.equal(a.height, TRACKS.length * 365);
  assert.equal(a.writeCSV().toString(), streamsFrame(TRACKS, OPTIONS).writeCSV().toString());
  assert.notEqual(
    a.writeCSV().toString(),
    streamsFrame(TRACKS, { ...OPTIONS, seed: 4 }).writeCSV().toString(),
  );
  const values = a.getColumn("streams").toArray() as (number | null)[];
  assert.ok(values.every((v) => v === null || (Number.isInteger(v) && v >= 0)));
  assert.ok(values.some((v) => v === null));
});

Deno.test("streams: level rises with popularity", () => {
  const mean = (pop: number) => {
    const s = dailyStreams({ trackId: "x", popularity: pop, releaseDate: "1999-01-01" }, 0, OPTIONS)
      .filter((v): v is number => v !== null);
    return s.reduce((a, b) => a + b, 0) / s.length;
  };
  assert.ok(mean(80) > 10 * mean(50));
  assert.ok(mean(50) > 10 * mean(20));
});

Deno.test("streams: a multiplicative weekly rhythm peaks on Friday", () => {
  const dates = streamDates(OPTIONS.days);
  const byDay = Array.from({ length: 7 }, () => [] as number[]);
  TRACKS.forEach((t, i) => {
    if (t.releaseDate.startsWith("2024")) return; // keep release bumps out of the rhythm
    const s = dailyStreams(t, i, OPTIONS);
    const known = s.filter((v): v is number => v !== null);
    const level = known.reduce((a, b) => a + b, 0) / known.length;
    s.forEach((v, d) => {
      if (v !== null) byDay[new Date(dates[d] + "T00:00:00Z").getUTCDay()].push(v / level);
    });
  });
  const means = byDay.map((xs) => xs.reduce((a, b) => a + b, 0) / xs.length);
  const friday = means[5];
  const tuesday = means[2];
  assert.ok(friday / tuesday > 1.25, `Friday/Tuesday = ${friday / tuesday}`);
  assert.equal(means.indexOf(Math.max(...means)), 5);
  const profileMean = WEEKDAY_PROFILE.reduce((a, b) => a + b, 0) / 7;
  assert.ok(Math.abs(profileMean - 1) < 1e-9);
});

Deno.test("streams: single-day and multi-day gaps off the chart", () => {
  let single = 0;
  let long = 0;
  TRACKS.forEach((t, i) => {
    const s = dailyStreams(t, i, OPTIONS);
    let run = 0;
    for (let d = 0; d <= s.length; d++) {
      if (d < s.length && s[d] === null) run++;
      else {
        const start = d - run;
        const released = start > 0 || !t.releaseDate.startsWith("2024"); // not the pre-release run
        if (run === 1 && released) single++;
        if (run >= 3 && released) long++;
        run = 0;
      }
    }
  });
  assert.ok(single >= 100, `${single} single-day gaps`);
  assert.ok(long >= 20, `${long} gaps of 3 days or more`);
});

Deno.test("streams: a release inside the window starts at release and decays", () => {
  const track = { trackId: "new", popularity: 60, releaseDate: "2024-06-14" };
  const dates = streamDates(OPTIONS.days);
  const release = dates.indexOf("2024-06-14");
  let s = dailyStreams(track, 0, OPTIONS);
  for (let i = 1; s.slice(release, release + 7).includes(null); i++) {
    s = dailyStreams(track, i, OPTIONS);
  }
  assert.ok(s.slice(0, release).every((v) => v === null), "no streams before release");
  const mean = (xs: (number | null)[]) => {
    const k = xs.filter((v): v is number => v !== null);
    return k.reduce((a, b) => a + b, 0) / k.length;
  };
  const firstWeek = mean(s.slice(release, release + 7));
  const later = mean(s.slice(release + 90, release + 180));
  assert.ok(firstWeek > 3 * later, `first week ${firstWeek}, later ${later}`);
  assert.ok(mean(s.slice(release + 14, release + 21)) > mean(s.slice(release + 60, release + 67)));
});
