import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  ClassesError,
  classSplits,
  countClasses,
  countedTracks,
  fitCountThresholds,
  popularityCounts,
  STUDY_CLASS_SHARES,
  tracksWithInputs,
} from "../../lib/data/classes.ts";
import { Rng } from "../../lib/data/random.ts";

/** Spotify 2023's real stream counts: a heavy-tailed count like FMA's listens. */
function realStreams(): number[] {
  const df = pl.readCSV("../shared/data/spotify-2023/spotify-2023.csv", {
    ignoreErrors: true,
    inferSchemaLength: 0,
  } as never);
  return df.getColumn("streams").toArray().map(Number).filter(Number.isFinite);
}

Deno.test("shares: classes hold the study's shares of the training counts", () => {
  const counts = realStreams();
  assert.ok(counts.length > 900);
  const fit = fitCountThresholds(counts, { shares: STUDY_CLASS_SHARES });
  assert.equal(fit.thresholds.length, 2);
  assert.ok(fit.thresholds[0] < fit.thresholds[1]);
  fit.trainShares.forEach((s, k) => assert.ok(Math.abs(s - STUDY_CLASS_SHARES[k]) < 0.01, `${k}`));
  const classes = countClasses(counts, fit.thresholds);
  assert.deepEqual(new Set(classes), new Set([0, 1, 2]));
  // Every count at or above a cut is in a higher class than every count below it.
  const lowMax = Math.max(...counts.filter((_, i) => classes[i] === 0));
  assert.ok(lowMax < fit.thresholds[0]);
});

Deno.test("quantiles: tertiles of 1…9 cut at 4 and 7; a tie goes to the class above", () => {
  const fit = fitCountThresholds([9, 1, 5, 3, 7, 2, 8, 4, 6], { quantiles: [1 / 3, 2 / 3] });
  assert.deepEqual(fit.thresholds, [4, 7]);
  assert.deepEqual(countClasses([3.9, 4, 6.99, 7, 100], fit.thresholds), [0, 1, 1, 2, 2]);
  assert.deepEqual(fit.trainShares, [3 / 9, 3 / 9, 3 / 9]);
});

Deno.test("invalid specs and too few counts are errors naming what was found", () => {
  assert.throws(() => fitCountThresholds([1, 2, 3], { shares: [0.5, 0.4] }), ClassesError);
  assert.throws(() => fitCountThresholds([1, 2, 3], { quantiles: [0.6, 0.3] }), /ascending/);
  assert.throws(() => fitCountThresholds([1, 2], { quantiles: [0.3, 0.6] }), /more than 2/);
  assert.throws(() => countClasses([NaN], [1]), /finite/);
});

Deno.test("thresholds are fitted on training rows only: test counts do not move them", () => {
  const counts = Array.from({ length: 200 }, (_, i) => i);
  const artists = counts.map((i) => `a${i % 40}`);
  const [random, grouped] = classSplits(counts, artists, { seed: 3 });
  for (const split of [random, grouped]) {
    const train = counts.filter((_, i) => split.parts[i] === "train");
    assert.deepEqual(
      split.thresholds.thresholds,
      fitCountThresholds(train, { shares: STUDY_CLASS_SHARES }).thresholds,
    );
    assert.deepEqual(split.labels, countClasses(counts, split.thresholds.thresholds));
  }
  // Changing a test count of the artist-grouped split (whose parts ignore counts) moves no cut.
  const moved = [...counts];
  const testRow = grouped.parts.indexOf("test");
  moved[testRow] = 1e9;
  const again = classSplits(moved, artists, { seed: 3 });
  assert.deepEqual(again[1].thresholds, grouped.thresholds);
});

Deno.test("the random split is stratified 80/10/10; the grouped one keeps artists together", () => {
  const rng = new Rng(5);
  const counts = Array.from({ length: 1000 }, () => Math.round(Math.exp(rng.normal(6, 2))));
  const artists = counts.map((_, i) => `a${i % 50}`);
  const [random, grouped] = classSplits(counts, artists, { seed: 1 });
  assert.equal(random.kind, "stratified");
  assert.equal(grouped.kind, "artist");
  const share = (parts: string[], p: string) => parts.filter((x) => x === p).length / parts.length;
  assert.ok(Math.abs(share(random.parts, "test") - 0.1) < 0.01);
  assert.ok(Math.abs(share(random.parts, "validation") - 0.1) < 0.01);
  const side = new Map<string, string>();
  artists.forEach((a, i) => {
    assert.equal(side.get(a) ?? grouped.parts[i], grouped.parts[i]);
    side.set(a, grouped.parts[i]);
  });
  // The random split shares artists across sides.
  const testArtists = new Set(artists.filter((_, i) => random.parts[i] === "test"));
  assert.ok(artists.some((a, i) => random.parts[i] === "train" && testArtists.has(a)));
});

Deno.test("popularityCounts: listens when present, else the summed daily streams", () => {
  const tracks = pl.DataFrame({ track_id: ["t1", "t2"], listens: [10, 25] });
  assert.deepEqual(popularityCounts({ tracks, tables: {} }), {
    column: "listens",
    counts: new Map([["t1", 10], ["t2", 25]]),
  });
  const noListens = pl.DataFrame({ track_id: ["t1", "t2"] });
  const streams = pl.DataFrame({
    track_id: ["t1", "t1", "t2", "t2"],
    date: ["d1", "d2", "d1", "d2"],
    streams: [5, null, 7, 8],
  });
  const found = popularityCounts({ tracks: noListens, tables: { streams } })!;
  assert.equal(found.column, "streams");
  assert.deepEqual([...found.counts], [["t1", 5], ["t2", 15]]);
  assert.equal(popularityCounts({ tracks: noListens, tables: {} }), null);
});

Deno.test("countedTracks keeps tracks with a count and audio; tracksWithInputs drops failures", () => {
  const tracks = pl.DataFrame({
    track_id: ["t1", "t2", "t3"],
    artist_id: ["a", "a", "b"],
    audio_path: ["x.wav", null, "z.wav"],
    listens: [3, 4, 5],
  });
  const counted = countedTracks({ tracks, tables: {} });
  assert.deepEqual(counted.trackIds, ["t1", "t3"]);
  assert.deepEqual(counted.counts, [3, 5]);
  const kept = tracksWithInputs(counted, [null, "input"]);
  assert.deepEqual(kept.tracks.trackIds, ["t3"]);
  assert.deepEqual(kept.inputs, ["input"]);
  assert.equal(kept.dropped, 1);
  assert.throws(() => tracksWithInputs(counted, []), /2 tracks but 0 inputs/);
});
