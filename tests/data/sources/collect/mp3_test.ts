import assert from "node:assert/strict";
import { resolvePath } from "../../../../lib/config.ts";
import { readFrameHeader, scanMp3 } from "../../../../lib/data/sources/collect/mp3.ts";
import { concat, FRAME_BYTES, id3v2Tag, silentMp3 } from "./mp3_fixture.ts";

Deno.test("a stream of whole frames is complete, with its duration and format", () => {
  const scan = scanMp3(silentMp3(40));
  assert.ok(scan.ok, scan.problem ?? "");
  assert.equal(scan.frames, 40);
  assert.equal(scan.sampleRate, 44100);
  assert.equal(scan.bitrateKbps, 128);
  assert.equal(scan.channels, 1);
  assert.ok(Math.abs(scan.seconds - (40 * 1152) / 44100) < 1e-9);
});

Deno.test("a stream cut inside a frame is reported as truncated", () => {
  const whole = silentMp3(10);
  const scan = scanMp3(whole.subarray(0, whole.length - 100));
  assert.equal(scan.ok, false);
  assert.match(scan.problem ?? "", /truncated: the last frame needs 417 bytes, 317 left/);
});

Deno.test("ID3v2 at the start and ID3v1 at the end are skipped", () => {
  const v1 = new Uint8Array(128);
  v1.set([0x54, 0x41, 0x47]); // "TAG"
  const scan = scanMp3(concat(id3v2Tag({ title: "T", artist: "A" }), silentMp3(5), v1));
  assert.ok(scan.ok, scan.problem ?? "");
  assert.equal(scan.frames, 5);
  assert.match(
    scanMp3(id3v2Tag({ title: "T" }).subarray(0, 12)).problem ?? "",
    /truncated inside the ID3v2 tag/,
  );
});

Deno.test("bodies that are not MP3 — an HTML page, garbage after frames, nothing — are rejected", () => {
  const html = new TextEncoder().encode("<html><body>403 Forbidden</body></html>");
  assert.match(scanMp3(html).problem ?? "", /not an MP3 stream/);
  assert.match(scanMp3(new Uint8Array(0)).problem ?? "", /no audio frame/);
  assert.match(
    scanMp3(concat(silentMp3(3), html)).problem ?? "",
    /unexpected bytes at 1251 after 3 frames/,
  );
});

Deno.test("frame headers follow the MPEG tables (MPEG-1 L3 with padding, MPEG-2 L3)", () => {
  const padded = readFrameHeader(new Uint8Array([0xff, 0xfb, 0x92, 0x44]), 0);
  assert.equal(padded?.length, FRAME_BYTES + 1);
  assert.equal(padded?.channels, 2);
  const mpeg2 = readFrameHeader(new Uint8Array([0xff, 0xf3, 0x80, 0xc4]), 0); // 64 kbit/s, 22.05 kHz
  assert.deepEqual(
    [mpeg2?.version, mpeg2?.layer, mpeg2?.sampleRate, mpeg2?.samples, mpeg2?.length],
    [2, 3, 22050, 576, 208],
  );
  assert.equal(
    readFrameHeader(new Uint8Array([0xff, 0xfb, 0xf0, 0x00]), 0),
    null,
    "bit-rate index 15 is invalid",
  );
});

const audio = `${resolvePath("../shared/data")}/audio`;
const haveAudio = (() => {
  try {
    return Deno.statSync(`${audio}/frontiers.mp3`).isFile;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "real 30-s MP3 excerpts are complete; each cut short is not",
  ignore: !haveAudio,
  fn: () => {
    for (const name of ["frontiers.mp3", "hr3-crossroads.mp3", "time_to_strike.mp3"]) {
      const bytes = Deno.readFileSync(`${audio}/${name}`);
      const scan = scanMp3(bytes);
      assert.ok(scan.ok, `${name}: ${scan.problem}`);
      assert.ok(scan.seconds > 17 && scan.seconds < 31, `${name}: ${scan.seconds} s`);
      assert.equal(scanMp3(bytes.subarray(0, bytes.length - 1000)).ok, false, name);
    }
  },
});
