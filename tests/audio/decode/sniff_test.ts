import assert from "node:assert/strict";
import { formatFromName, sniffFormat } from "../../../lib/audio/decode/sniff.ts";

const bytes = (...parts: (string | number[])[]) => {
  const out: number[] = [];
  for (const p of parts) {
    out.push(...(typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p));
  }
  return Uint8Array.from(out);
};

Deno.test("containers are recognised from their first bytes", () => {
  const cases: [Uint8Array, string][] = [
    [bytes("RIFF", [0, 0, 0, 0], "WAVE"), "wav"],
    [bytes("OggS", [0, 2]), "ogg"],
    [bytes("fLaC", [0, 0, 0, 34]), "flac"],
    [bytes("ID3", [4, 0, 0]), "mp3"],
    [bytes([0xff, 0xfb, 0x90, 0x64]), "mp3"],
    [bytes([0xff, 0xf1, 0x50, 0x80]), "aac"],
    [bytes([0, 0, 0, 0x20], "ftypM4A "), "mp4"],
    [bytes("FORM", [0, 0, 0, 0], "AIFF"), "aiff"],
    [bytes([0x1a, 0x45, 0xdf, 0xa3]), "matroska"],
    [bytes(), "empty"],
    [bytes("hello, this is a text file\n"), "text"],
    [bytes("<!DOCTYPE html><html>"), "text"],
    [bytes([0x89], "PNG", [13, 10, 26, 10]), "image"],
    [bytes("PK", [3, 4]), "archive"],
    [bytes([0, 1, 2, 3, 250, 251, 0, 9]), "unknown"],
  ];
  for (const [b, format] of cases) {
    assert.equal(sniffFormat(b).format, format, String(b.slice(0, 8)));
  }
  assert.match(sniffFormat(bytes("<html><body>")).description, /HTML/);
});

Deno.test("extensions map to the format they promise", () => {
  assert.equal(formatFromName("a/b/Song.MP3"), "mp3");
  assert.equal(formatFromName("x.m4a"), "mp4");
  assert.equal(formatFromName("x.opus"), "ogg");
  assert.equal(formatFromName("noext"), null);
});
