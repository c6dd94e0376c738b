/**
 * A small synthetic dataset for the comparison tests: 12 artists × 10 tracks whose popularity
 * depends on danceability and the artist's popularity, with a constant column, a column missing
 * in most rows, a column missing in one row, and extra targets (`streams` without a threshold, a
 * binary `hit`), plus its artist-grouped split.
 *
 * @example
 * ```ts
 * import { demoTable } from "./fixture.ts";
 * const { dataset, split } = demoTable();
 * console.log(dataset.tracks.height); // 120
 * ```
 * @module
 */
import type pl from "nodejs-polars";
import { artistsFrame, type Dataset, targetSpec, tracksFrame } from "../../../lib/data/dataset.ts";
import { Rng } from "../../../lib/data/random.ts";
import { groupTrainTestSplit, splitFrame } from "../../../lib/data/split.ts";
import type { TargetSpec } from "../../../lib/data/schema.ts";

/** The dataset with the given target, and its 80/20 split (validation 0.2 of training). */
export function demoTable(
  target: Partial<TargetSpec> = {},
): { dataset: Dataset; split: pl.DataFrame } {
  const rng = new Rng(11);
  const artists = Array.from({ length: 12 }, (_, a) => ({
    artist_id: `a${a}`,
    artist_name: `Artist ${a}`,
    artist_popularity: 20 + 5 * a,
  }));
  const tracks = artists.flatMap((artist, a) =>
    Array.from({ length: 10 }, (_, t) => {
      const danceability = rng.uniform(0, 1);
      const popularity = Math.min(
        100,
        Math.max(0, 0.6 * artist.artist_popularity + 30 * danceability + rng.normal(0, 5)),
      );
      const i = a * 10 + t;
      return {
        track_id: `t${i}`,
        track_name: `Track ${i}`,
        artist_id: artist.artist_id,
        artist_name: artist.artist_name,
        track_popularity: Math.round(popularity),
        danceability,
        energy: rng.uniform(0, 1),
        tempo: i === 5 ? null : rng.uniform(80, 160),
        mode: 1,
        key: i % 3 === 0 ? rng.int(0, 12) : null,
        streams: Math.round(1e6 * Math.exp(popularity / 20)),
        hit: popularity >= 50 ? 1 : 0,
      };
    })
  );
  const dataset: Dataset = {
    name: "fixture",
    source: "synthetic test fixture",
    artists: artistsFrame(artists),
    tracks: tracksFrame(tracks, ["streams", "hit"]),
    target: targetSpec({
      column: "track_popularity",
      kind: "regression",
      threshold: 50,
      ...target,
    }),
    issues: [],
    tables: {},
  };
  const parts = groupTrainTestSplit(tracks.map((t) => t.artist_id), {
    testFraction: 0.25,
    validationFraction: 0.2,
    seed: 3,
  });
  return { dataset, split: splitFrame(dataset.tracks, parts) };
}
