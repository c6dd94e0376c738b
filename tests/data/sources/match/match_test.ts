import assert from "node:assert/strict";
import { matchLocalAudio, scanLocalAudio } from "../../../../lib/data/sources/match/match.ts";
import { concat, id3v2Tag, silentMp3 } from "../collect/mp3_fixture.ts";

const TRACKS = [
  {
    track_id: "1",
    track_name: "Harder, Better, Faster, Stronger",
    artist_name: "Daft Punk",
    isrc: "GBDUW0000059",
  },
  { track_id: "2", track_name: "Digital Love", artist_name: "Daft Punk", isrc: "GBDUW0000053" },
  { track_id: "3", track_name: "Papaoutai", artist_name: "Stromae", isrc: null },
  { track_id: "4", track_name: "Tous les mêmes", artist_name: "Stromae", isrc: null },
  { track_id: "5", track_name: "Balance ton quoi", artist_name: "Angèle", isrc: null },
];

async function folder(): Promise<string> {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/sub`);
  // By ISRC in the tags, whatever the file is called.
  await Deno.writeFile(
    `${dir}/track01.mp3`,
    concat(id3v2Tag({ title: "HBFS", artist: "DP", isrc: "GBDUW0000059" }), silentMp3(2)),
  );
  // By title + artist from the tags (a remaster note and an accent aside).
  await Deno.writeFile(
    `${dir}/sub/x.mp3`,
    concat(id3v2Tag({ title: "Digital Love (Remastered)", artist: "Daft Punk" }), silentMp3(2)),
  );
  // By file name.
  await Deno.writeFile(`${dir}/sub/07 - Stromae - Papaoutai.mp3`, silentMp3(2));
  // Two files for one track: ambiguous, both listed.
  await Deno.writeFile(`${dir}/Stromae - Tous les memes.mp3`, silentMp3(2));
  await Deno.writeFile(`${dir}/Stromae - Tous Les Mêmes (Live).mp3`, silentMp3(2));
  // Nothing to match with, and not audio at all.
  await Deno.writeFile(`${dir}/Unknown Artist - Unknown Song.mp3`, silentMp3(2));
  await Deno.writeFile(`${dir}/notes.txt`, new TextEncoder().encode("not audio"));
  return dir;
}

Deno.test("local files match by ISRC, then title + artist; the unmatched are listed with reasons", async () => {
  const dir = await folder();
  const files = await scanLocalAudio(dir);
  assert.equal(files.length, 6, "only audio files, recursively");
  assert.equal(files.find((f) => f.path.endsWith("track01.mp3"))?.from, "tags");
  const report = matchLocalAudio(TRACKS, files);
  assert.deepEqual(report.matches.map((m) => [m.track_id, m.path.slice(dir.length + 1), m.by]), [
    ["1", "track01.mp3", "isrc"],
    ["2", "sub/x.mp3", "title + artist"],
    ["3", "sub/07 - Stromae - Papaoutai.mp3", "title + artist"],
  ]);
  assert.deepEqual(report.unmatchedTracks.map((t) => t.track_id), ["4", "5"]);
  const reasons = Object.fromEntries(
    report.unmatchedFiles.map((f) => [f.path.slice(dir.length + 1), f.reason]),
  );
  assert.match(reasons["Stromae - Tous les memes.mp3"], /ambiguous: 2 files match track 4/);
  assert.match(reasons["Stromae - Tous Les Mêmes (Live).mp3"], /ambiguous/);
  assert.match(reasons["Unknown Artist - Unknown Song.mp3"], /no track with its title \+ artist/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("an ISRC match outranks a title match for the same track", () => {
  const files = [
    {
      path: "/a.mp3",
      title: "Digital Love",
      artist: "Daft Punk",
      isrc: null,
      from: "tags" as const,
    },
    {
      path: "/b.mp3",
      title: "Something Else",
      artist: "Someone",
      isrc: "GBDUW0000053",
      from: "tags" as const,
    },
  ];
  const report = matchLocalAudio(TRACKS, files);
  assert.deepEqual(report.matches, [{ track_id: "2", path: "/b.mp3", by: "isrc" }]);
  assert.match(report.unmatchedFiles[0].reason, /track 2 matched \/b\.mp3 by ISRC/);
});

Deno.test("two tracks sharing a title + artist make a file ambiguous rather than guessed", () => {
  const tracks = [...TRACKS, {
    track_id: "6",
    track_name: "Papaoutai (Radio Edit)",
    artist_name: "Stromae",
    isrc: null,
  }];
  const report = matchLocalAudio(tracks, [{
    path: "/p.mp3",
    title: "Papaoutai",
    artist: "Stromae",
    isrc: null,
    from: "file name",
  }]);
  assert.deepEqual(report.matches, []);
  assert.match(
    report.unmatchedFiles[0].reason,
    /ambiguous: 2 tracks share its title \+ artist \(3, 6\)/,
  );
});
