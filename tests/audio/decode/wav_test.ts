import assert from "node:assert/strict";
import { parseWav, UnsupportedWavError } from "../../../lib/audio/decode/wav.ts";
import { AudioFileError } from "../../../lib/audio/decode/errors.ts";
import { toMono } from "../../../lib/audio/decode/mixdown.ts";
import { encodeTestWav, type TestWavFormat } from "../signals.ts";

const left = Float32Array.from({ length: 1000 }, (_, i) => 0.9 * Math.sin(i * 0.05));
const right = Float32Array.from({ length: 1000 }, (_, i) => -0.5 * Math.cos(i * 0.11));

Deno.test("every integer and float WAV format decodes to its samples, mono or multichannel", () => {
  const tolerance: Record<TestWavFormat, number> = {
    u8: 1 / 128,
    s16: 1 / 32768,
    s24: 1 / 8388608,
    s32: 1e-7,
    f32: 1e-7,
    f64: 1e-7,
  };
  for (const format of Object.keys(tolerance) as TestWavFormat[]) {
    for (const channels of [[left], [left, right], [left, right, left, right, right, left]]) {
      for (const extensible of [false, true]) {
        const bytes = encodeTestWav(channels, 22_050, format, { extensible, extraChunk: true });
        const audio = parseWav(bytes);
        const what = `${format} ×${channels.length}${extensible ? " extensible" : ""}`;
        assert.equal(audio.sampleRate, 22_050, what);
        assert.equal(audio.channels.length, channels.length, what);
        assert.match(audio.codec, format.startsWith("f") ? /float/ : /PCM/);
        for (let c = 0; c < channels.length; c++) {
          assert.equal(audio.channels[c].length, 1000, what);
          for (let i = 0; i < 1000; i += 37) {
            assert.ok(
              Math.abs(audio.channels[c][i] - channels[c][i]) <= tolerance[format],
              `${what} ch ${c} sample ${i}`,
            );
          }
        }
      }
    }
  }
});

Deno.test("integer scaling matches scipy + division: −full scale is exactly −1", () => {
  const x = Float32Array.of(-1, 0, 0.5);
  for (const format of ["s16", "s24", "s32"] as const) {
    const audio = parseWav(encodeTestWav([x], 8000, format));
    assert.deepEqual(Array.from(audio.channels[0]), [-1, 0, 0.5], format);
  }
  assert.deepEqual(Array.from(parseWav(encodeTestWav([x], 8000, "u8")).channels[0]), [-1, 0, 0.5]);
});

Deno.test("a data chunk shorter than declared is reported as truncated, with durations", () => {
  const bytes = encodeTestWav([left], 1000, "s16");
  const cut = bytes.subarray(0, bytes.length - 600);
  assert.throws(
    () => parseWav(cut),
    (e: unknown) =>
      e instanceof AudioFileError && e.kind === "truncated" &&
      /declares 2000 bytes \(1\.00 s\) but the file holds 1400 \(0\.70 s\)/.test(e.message),
  );
  assert.equal(parseWav(cut, { allowTruncated: true }).channels[0].length, 700);
});

Deno.test("a streamed WAV (data size 0xFFFFFFFF) is read to the end", () => {
  const bytes = encodeTestWav([left, right], 8000, "f32", { dataSize: 0xffffffff });
  const audio = parseWav(bytes);
  assert.equal(audio.channels[1].length, 1000);
});

Deno.test("non-WAV, incomplete and unsupported files are rejected with their reason", () => {
  const kind = (bytes: Uint8Array) => {
    try {
      parseWav(bytes);
      return "ok";
    } catch (e) {
      return e instanceof UnsupportedWavError ? "unsupported" : (e as AudioFileError).kind;
    }
  };
  assert.equal(kind(new TextEncoder().encode("not a wav file at all")), "not-audio");
  const good = encodeTestWav([left], 8000, "s16");
  // header only: fmt then nothing
  assert.equal(kind(good.subarray(0, 36)), "corrupt");
  // A-law (format 6) is left to ffmpeg
  const alaw = good.slice();
  new DataView(alaw.buffer).setUint16(20, 6, true);
  new DataView(alaw.buffer).setUint16(34, 8, true);
  new DataView(alaw.buffer).setUint16(32, 1, true);
  assert.equal(kind(alaw), "unsupported");
  // block align inconsistent with channels × bytes
  const odd = good.slice();
  new DataView(odd.buffer).setUint16(32, 3, true);
  assert.equal(kind(odd), "corrupt");
});

Deno.test("mixing down while reading equals reading every channel then toMono", () => {
  for (const format of ["u8", "s16", "s24", "s32", "f32", "f64"] as const) {
    for (const channels of [[left, right], [left, right, left], [right]]) {
      const bytes = encodeTestWav(channels, 16_000, format);
      const mono = parseWav(bytes, { mono: true });
      assert.equal(mono.channels.length, 1);
      assert.deepEqual(
        mono.channels[0],
        toMono(parseWav(bytes).channels),
        `${format} ×${channels.length}`,
      );
    }
  }
});
