import assert from "node:assert/strict";
import { selectArtistTracks } from "../../../../lib/data/sources/collect/artist_tracks.ts";
import type {
  CollectedTrack,
  Provider,
  ProviderReadiness,
  ResolvedArtist,
  TrackCandidate,
} from "../../../../lib/data/sources/collect/provider.ts";
import { HttpClient } from "../../../../lib/data/sources/http/client.ts";
import { ResponseShapeError } from "../../../../lib/data/sources/http/errors.ts";

const artist: ResolvedArtist = {
  id: "a",
  name: "A",
  followers: 1,
  popularity: null,
  genre: null,
  matchedBy: "id",
};

/** A provider over a list of 30 tracks: t0…t29; t3 no data, t4 malformed, even ids without preview. */
function stub(calls: string[]): Provider {
  const candidate = (i: number): TrackCandidate => ({
    id: `t${i}`,
    title: `Song ${i}`,
    albumId: "x",
    releaseType: "album",
    hasPreview: null,
  });
  return {
    name: "stub",
    market: null,
    extraColumns: [],
    client: new HttpClient(),
    popularityMapping: "",
    resolveArtist: () => Promise.resolve(artist),
    prepare: () => Promise.reject(new Error("unused")),
    topTracks: (_a, n) => Promise.resolve([0, 1, 2].map(candidate).slice(0, n)),
    catalogue: () => Promise.resolve(Array.from({ length: 30 }, (_, i) => candidate(i))),
    track: (c): Promise<CollectedTrack | null> => {
      calls.push(c.id);
      const i = Number(c.id.slice(1));
      if (i === 3) return Promise.resolve(null);
      if (i === 4) {
        return Promise.reject(
          new ResponseShapeError("stub track t4", "rank", "expected number", '"x"'),
        );
      }
      return Promise.resolve({
        row: { track_id: c.id },
        previewUrl: i % 2 === 1 ? `https://cdn.example/${c.id}.mp3` : null,
        isrc: null,
      });
    },
    columns: () => [],
  };
}

const ready = (topTracks: boolean, previews: boolean): ProviderReadiness => ({
  missing: [],
  topTracks,
  previews,
  notices: [],
});

Deno.test("top tracks first, then drawn candidates with a preview; failures are issues, not stops", async () => {
  const calls: string[] = [];
  const got = await selectArtistTracks(stub(calls), artist, ready(true, true), {
    seed: 1,
    topTracks: 2,
    randomTracks: 4,
    requirePreviews: true,
    line: 7,
  });
  assert.deepEqual(got.kept.slice(0, 2).map((k) => [k.track.row.track_id, k.isTop]), [
    ["t0", true],
    ["t1", true],
  ]);
  const random = got.kept.slice(2);
  assert.equal(random.length, 4);
  assert.ok(random.every((k) => k.isTop === false && k.track.previewUrl !== null));
  assert.ok(
    !random.some((k) => ["t0", "t1"].includes(k.track.row.track_id)),
    "no top track drawn again",
  );
  assert.equal(got.issues.length, calls.filter((id) => id === "t3" || id === "t4").length);
  for (const issue of got.issues) {
    assert.equal(issue.row, 7);
    assert.match(
      issue.reason,
      /t3.*no data from stub|t4: stub track t4: unexpected response body: field rank/,
    );
  }
  assert.deepEqual(got.notes, []);
});

Deno.test("without top tracks from the provider, all picks are random and is_top_track is unknown", async () => {
  const got = await selectArtistTracks(stub([]), artist, ready(false, false), {
    seed: 1,
    topTracks: 2,
    randomTracks: 3,
    requirePreviews: true,
    line: 1,
  });
  assert.equal(got.kept.length, 5);
  assert.ok(got.kept.every((k) => k.isTop === null));
});

Deno.test("a short catalogue is noted with how many candidates lacked a preview", async () => {
  const calls: string[] = [];
  const got = await selectArtistTracks(stub(calls), artist, ready(true, true), {
    seed: 1,
    topTracks: 3,
    randomTracks: 40,
    requirePreviews: true,
    line: 1,
  });
  assert.equal(got.issues.length, 2, "t3 (no data) and t4 (malformed) were both drawn");
  assert.equal(got.kept.length, 3 + 13, "the 13 other tracks with a preview");
  assert.match(
    got.notes.join(),
    /^\d+ of 40 random tracks: 27 other tracks in the discography, \d+ without preview$/,
  );
});
