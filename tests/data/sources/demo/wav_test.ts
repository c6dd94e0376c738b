import assert from "node:assert/strict";
import { encodeWav, toPcm16, WAV_HEADER_BYTES } from "../../../../lib/data/sources/demo/wav.ts";
import { parseWav } from "./audio_measures.ts";

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
