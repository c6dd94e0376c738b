import assert from "node:assert/strict";
import { resolvePath } from "../../../../lib/config.ts";
import {
  parseAudioFileName,
  readAudioTags,
  readVorbisComment,
} from "../../../../lib/data/sources/match/tags.ts";
import { concat, id3v2Tag, silentMp3 } from "../collect/mp3_fixture.ts";

function vorbisComment(fields: string[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: number[] = [];
  const u32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >> 24) & 255];
  const vendor = enc.encode("test");
  parts.push(...u32(vendor.length), ...vendor, ...u32(fields.length));
  for (const f of fields) {
    const b = enc.encode(f);
    parts.push(...u32(b.length), ...b);
  }
  return new Uint8Array(parts);
}

Deno.test("ID3v2 tags give title, artist and ISRC", () => {
  const bytes = concat(
    id3v2Tag({ title: "Digital Love", artist: "Daft Punk", isrc: "GB-DUW-00-00053" }),
    silentMp3(3),
  );
  assert.deepEqual(readAudioTags(bytes), {
    title: "Digital Love",
    artist: "Daft Punk",
    isrc: "GBDUW0000053",
  });
  assert.deepEqual(readAudioTags(silentMp3(3)), { title: null, artist: null, isrc: null });
});

Deno.test("FLAC Vorbis comments give title, artist and ISRC, any key case", () => {
  const comment = vorbisComment([
    "title=Papaoutai",
    "ARTIST=Stromae",
    "ISRC=BEUM71300123",
    "GENRE=pop",
  ]);
  const streamInfo = new Uint8Array(34);
  const header = (type: number, last: boolean, length: number) =>
    new Uint8Array([
      (last ? 0x80 : 0) | type,
      (length >> 16) & 255,
      (length >> 8) & 255,
      length & 255,
    ]);
  const flac = concat(
    new TextEncoder().encode("fLaC"),
    header(0, false, 34),
    streamInfo,
    header(4, true, comment.length),
    comment,
  );
  assert.deepEqual(readAudioTags(flac), {
    title: "Papaoutai",
    artist: "Stromae",
    isrc: "BEUM71300123",
  });
  assert.deepEqual(
    readVorbisComment(comment.subarray(0, 20), 0).title,
    null,
    "a cut block reads what it can",
  );
});

Deno.test("file names: 'Artist - Title', track numbers dropped, an ISRC anywhere", () => {
  assert.deepEqual(parseAudioFileName("music/03 - Daft Punk - Digital Love.mp3"), {
    artist: "Daft Punk",
    title: "Digital Love",
    isrc: null,
  });
  assert.deepEqual(parseAudioFileName("Stromae_-_Papaoutai [BEUM71300123].flac"), {
    artist: "Stromae",
    title: "Papaoutai",
    isrc: "BEUM71300123",
  });
  assert.deepEqual(parseAudioFileName("GBDUW0000059.mp3"), {
    artist: null,
    title: null,
    isrc: "GBDUW0000059",
  });
  assert.deepEqual(parseAudioFileName("12. Intro.ogg"), {
    artist: null,
    title: "Intro",
    isrc: null,
  });
});

const audio = `${resolvePath("../shared/data")}/audio`;
const haveAudio = (() => {
  try {
    return Deno.statSync(`${audio}/hr3-caves.ogg`).isFile;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "real files: Ogg Vorbis comments are read; untagged MP3 and FLAC read as untagged",
  ignore: !haveAudio,
  fn: () => {
    const head = (name: string) => Deno.readFileSync(`${audio}/${name}`).subarray(0, 1 << 16);
    assert.deepEqual(readAudioTags(head("hr3-caves.ogg")), {
      title: "Living Caves",
      artist: "NeonCorridor",
      isrc: null,
    });
    for (const name of ["frontiers.mp3", "hr3-graveyard.flac"]) {
      const tags = readAudioTags(head(name));
      assert.deepEqual([tags.title, tags.isrc], [null, null], name);
    }
  },
});
