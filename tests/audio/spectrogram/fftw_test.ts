import assert from "node:assert/strict";
import { fftwBatch, fftwStatus } from "../../../lib/audio/spectrogram/fftw.ts";
import { RealFft } from "../../../lib/audio/spectrogram/fft.ts";
import { melSpectrogram } from "../../../lib/audio/spectrogram/mel_spectrogram.ts";
import { stftPower } from "../../../lib/audio/spectrogram/stft.ts";

const status = fftwStatus();

Deno.test({
  name: "FFTW's batched transform equals the TypeScript FFT frame by frame",
  ignore: !status.available,
  fn: () => {
    const size = 512, frames = 8;
    const batch = fftwBatch(size, frames)!;
    assert.equal(batch, fftwBatch(size, frames), "plans are cached");
    for (let i = 0; i < batch.input.length; i++) {
      batch.input[i] = Math.sin(i * 0.37) + (i % 11) / 10;
    }
    const input = batch.input.slice();
    batch.execute();
    const fft = new RealFft(size);
    const re = new Float64Array(fft.bins), im = new Float64Array(fft.bins);
    for (let f = 0; f < frames; f++) {
      fft.forward(input, f * size, null, re, im);
      for (let k = 0; k < fft.bins; k++) {
        const o = 2 * (f * fft.bins + k);
        assert.ok(Math.abs(batch.output[o] - re[k]) < 1e-9, `frame ${f} bin ${k} re`);
        assert.ok(Math.abs(batch.output[o + 1] - im[k]) < 1e-9, `frame ${f} bin ${k} im`);
      }
    }
  },
});

Deno.test("spectrograms agree whichever FFT computes them", () => {
  const x = Float32Array.from(
    { length: 30_000 },
    (_, i) => Math.sin(i * 0.01) * Math.cos(i * 0.37),
  );
  for (
    const options of [{}, { nFft: 1000, hopLength: 250 }, { padMode: "reflect" as const, power: 1 }]
  ) {
    const js = melSpectrogram(x, 22_050, { ...options, fft: "js" }).data;
    const auto = melSpectrogram(x, 22_050, { ...options, fft: "auto" }).data;
    // rounding differs between the two FFTs by about 1e-16 of the frame's energy
    const max = js.reduce((m, v) => Math.max(m, v), 0);
    for (let i = 0; i < js.length; i++) {
      const ok = Math.abs(js[i] - auto[i]) <= 1e-9 * Math.abs(js[i]) + 1e-13 * max;
      assert.ok(ok, `${JSON.stringify(options)} value ${i}: ${js[i]} vs ${auto[i]}`);
    }
  }
  if (status.available) {
    assert.equal(stftPower(x, 8000, { fft: "fftw" }).frames, 59);
  } else {
    assert.throws(() => stftPower(x, 8000, { fft: "fftw" }), /fftw/);
  }
  console.log(status.available ? "FFTW available" : `FFTW unavailable: ${status.reason}`);
});
