import assert from "node:assert/strict";
import { resolvePath } from "../../../../lib/config.ts";
import { deezerInterpreter } from "../../../../lib/data/sources/deezer/api.ts";
import {
  DeezerAlbumPage,
  DeezerArtist,
  DeezerArtistSearch,
  DeezerTrack,
  DeezerTrackPage,
} from "../../../../lib/data/sources/deezer/schemas.ts";

const recorded = `${resolvePath("../shared/data")}/deezer-api`;
const haveRecorded = (() => {
  try {
    return Deno.statSync(`${recorded}/track_3135556.json`).isFile;
  } catch {
    return false;
  }
})();

function body(name: string): unknown {
  return JSON.parse(Deno.readTextFileSync(`${recorded}/${name}`)).body;
}

Deno.test({
  name: "the schemas accept Deezer's recorded answers and read the protocol's fields",
  ignore: !haveRecorded,
  fn: () => {
    const artist = DeezerArtist.parse(body("artist_27.json"));
    assert.equal(artist.nb_fan, 3677952);
    assert.equal(
      DeezerArtistSearch.parse(body("search_artist_q_Daft_Punk.json")).data[0].name,
      "Daft Punk",
    );
    const albums = DeezerAlbumPage.parse(body("artist_27_albums.json"));
    assert.equal(albums.data.length, 25);
    assert.ok(albums.next, "the first page of 32 albums has a next page");
    assert.ok(
      albums.data.every((a) => ["album", "single", "ep", "compilation"].includes(a.record_type)),
    );
    assert.equal(DeezerAlbumPage.parse(body("artist_27_albums_index_25.json")).next, undefined);
    const track = DeezerTrack.parse(body("track_3135556.json"));
    assert.deepEqual(
      [track.rank, track.bpm, track.gain, track.isrc, track.duration, track.release_date],
      [760033, 123, -12.4, "GBDUW0000059", 224, "2001-03-07"],
    );
    assert.match(track.preview, /\.mp3$/);
    // Top tracks and album tracks come in the chart-track shape.
    assert.ok(
      DeezerTrackPage.parse(body("chart_0_tracks.json")).data.every((t) => t.rank !== undefined),
    );
    const album = body("album_302127.json") as { tracks: unknown };
    assert.equal(DeezerTrackPage.parse(album.tracks).data[0].title, "One More Time");
  },
});

Deno.test({
  name: "Deezer's recorded error bodies are read as what they mean",
  ignore: !haveRecorded,
  fn: () => {
    assert.deepEqual(deezerInterpreter(200, body("track_-1.json"), "track -1"), { kind: "accept" });
    // A 404 for an unknown path has a string error: not a Deezer error body, left to the status.
    assert.equal(deezerInterpreter(404, body("does-not-exists.json"), "x"), null);
    assert.equal(deezerInterpreter(200, body("artist_27.json"), "x"), null);
  },
});

Deno.test("quota bodies are retried; other error codes are errors naming the request", () => {
  const quota = deezerInterpreter(200, {
    error: { type: "Exception", message: "Quota limit exceeded", code: 4 },
  }, "x");
  assert.equal(quota?.kind, "retry");
  const other = deezerInterpreter(200, {
    error: { type: "OAuthException", message: "Invalid OAuth access token.", code: 300 },
  }, "Deezer track 1");
  assert.equal(other?.kind, "fail");
  assert.match(
    other?.kind === "fail" ? other.error.message : "",
    /Deezer track 1: Deezer answered error 300 \(OAuthException\)/,
  );
});
