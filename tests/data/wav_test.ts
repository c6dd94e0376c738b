import assert from "node:assert/strict";
import { encodeWav, toPcm, toPcm16, WAV_HEADER_BYTES } from "../../lib/data/wav.ts";
import { parseWav } from "./sources/demo/audio_measures.ts";

Deno.test("encodeWav writes a RIFF/WAVE header that parses back", () => {
  const samples = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 10) * 0.5);
  const bytes = encodeWav(samples, 22_050);
  assert.equal(bytes.length, WAV_HEADER_BYTES + 2 * samples.length);
  const wav = parseWav(bytes);
  assert.equal(wav.riff, "RIFF");
  assert.equal(wav.riffSize, bytes.length - 8);
  assert.equal(wav.wave, "WAVE");
  assert.equal(wav.fmt, "fmt ");
  assert.equal(wav.fmtSize, 16);
  assert.equal(wav.format, 1);
  assert.equal(wav.channels, 1);
  assert.equal(wav.sampleRate, 22_050);
  assert.equal(wav.byteRate, 44_100);
  assert.equal(wav.blockAlign, 2);
  assert.equal(wav.bitsPerSample, 16);
  assert.equal(wav.data, "data");
  assert.equal(wav.dataBytes, 2 * samples.length);
  for (let i = 0; i < samples.length; i++) {
    assert.ok(Math.abs(wav.samples[i] - samples[i]) < 1 / 32_000);
  }
});

Deno.test("encodeWav clips beyond full scale and maps NaN to zero", () => {
  const wav = parseWav(encodeWav(new Float32Array([2, -2, 1, -1, 0.5, -0.5, 0, NaN]), 8000));
  assert.deepEqual([...wav.pcm], [32767, -32768, 32767, -32768, 16384, -16384, 0, 0]);
  assert.equal(toPcm16(Infinity), 32767);
  assert.equal(toPcm16(-Infinity), -32768);
});

Deno.test("encodeWav writes little-endian samples and rejects a bad sample rate", () => {
  const bytes = encodeWav(new Float32Array([1 / 32767]), 8000);
  assert.deepEqual([...bytes.subarray(44, 46)], [1, 0]);
  assert.deepEqual([...bytes.subarray(24, 28)], [0x40, 0x1f, 0, 0]); // 8000
  assert.throws(() => encodeWav(new Float32Array(1), 0), RangeError);
  assert.throws(() => encodeWav(new Float32Array(1), 44_100.5), RangeError);
  assert.equal(encodeWav(new Float32Array(0), 8000).length, 44);
});

Deno.test("encodeWav: every format's integers invert the reader's scaling; channels interleave", () => {
  assert.deepEqual([toPcm(-1, 8), toPcm(1, 8), toPcm(0.5, 24), toPcm(-1, 32)], [
    -128,
    127,
    4194304,
    -2147483648,
  ]);
  const left = Float32Array.of(0.25, -0.5), right = Float32Array.of(-1, 1);
  const bytes = encodeWav([left, right], 8000, { format: "s24" });
  const view = new DataView(bytes.buffer);
  assert.equal(bytes.length, 44 + 2 * 2 * 3);
  assert.equal(view.getUint16(22, true), 2); // channels
  assert.equal(view.getUint16(32, true), 6); // block align
  assert.equal(view.getUint16(34, true), 24);
  // frame 0: left 0.25 → 0x200000, right −1 → 0x800000
  assert.deepEqual([...bytes.subarray(44, 50)], [0, 0, 0x20, 0, 0, 0x80]);
  const f64 = encodeWav(Float32Array.of(0.1), 8000, { format: "f64", extensible: true });
  const v64 = new DataView(f64.buffer);
  assert.equal(f64.length, 68 + 8);
  assert.equal(v64.getUint16(20, true), 0xfffe);
  assert.equal(v64.getUint16(44, true), 3); // sub-format: IEEE float
  assert.equal(v64.getFloat64(68, true), Math.fround(0.1));
  assert.throws(() => encodeWav([left, Float32Array.of(1)], 8000), RangeError);
  assert.throws(() => encodeWav([], 8000), RangeError);
});
