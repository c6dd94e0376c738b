import assert from "node:assert/strict";
import { ComplexFft, RealFft } from "../../../lib/audio/spectrogram/fft.ts";

function naiveDft(x: ArrayLike<number>): { re: number[]; im: number[] } {
  const n = x.length, re: number[] = [], im: number[] = [];
  for (let k = 0; k < n; k++) {
    let sr = 0, si = 0;
    for (let t = 0; t < n; t++) {
      sr += x[t] * Math.cos((2 * Math.PI * k * t) / n);
      si -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
    }
    re.push(sr);
    im.push(si);
  }
  return { re, im };
}

const signal = (n: number) =>
  Float64Array.from(
    { length: n },
    (_, i) => Math.sin(i * 1.3) + 0.25 * Math.cos(i * 0.07) + (i % 5) / 10,
  );

Deno.test("the real FFT equals a direct DFT for power-of-two and other sizes", () => {
  for (const n of [2, 4, 8, 32, 128, 512, 2048, 6, 12, 100, 441]) {
    const x = signal(n);
    const fft = new RealFft(n);
    assert.equal(fft.bins, Math.floor(n / 2) + 1);
    const re = new Float64Array(fft.bins), im = new Float64Array(fft.bins);
    fft.forward(x, 0, null, re, im);
    const ref = naiveDft(x);
    const scale = Math.max(...ref.re.map(Math.abs));
    for (let k = 0; k < fft.bins; k++) {
      assert.ok(Math.abs(re[k] - ref.re[k]) < 1e-9 * scale, `n=${n} k=${k} re`);
      assert.ok(Math.abs(im[k] - ref.im[k]) < 1e-9 * scale, `n=${n} k=${k} im`);
    }
    const power = new Float64Array(fft.bins);
    fft.power(x, 0, null, power);
    for (let k = 0; k < fft.bins; k++) {
      const p = ref.re[k] ** 2 + ref.im[k] ** 2;
      assert.ok(Math.abs(power[k] - p) < 1e-9 * scale * scale, `n=${n} k=${k} power`);
    }
  }
});

Deno.test("Parseval: the spectrum's energy equals N times the signal's", () => {
  const n = 2048;
  const x = signal(n + 100);
  const fft = new RealFft(n);
  const p = new Float64Array(fft.bins);
  fft.power(x, 100, null, p); // a frame at an offset
  let time = 0;
  for (let i = 0; i < n; i++) time += x[100 + i] ** 2;
  // one-sided: bins 1 … N/2−1 stand for two
  let freq = p[0] + p[n / 2];
  for (let k = 1; k < n / 2; k++) freq += 2 * p[k];
  assert.ok(Math.abs(freq / n - time) < 1e-9 * time);
});

Deno.test("a windowed frame and magnitude exponents", () => {
  const n = 64;
  const x = signal(n);
  const w = Float64Array.from({ length: n }, (_, i) => 0.5 + i / n);
  const fft = new RealFft(n);
  const a = new Float64Array(fft.bins), b = new Float64Array(fft.bins);
  fft.power(x, 0, w, a);
  fft.power(Float64Array.from(x, (v, i) => v * w[i]), 0, null, b);
  for (let k = 0; k < fft.bins; k++) assert.ok(Math.abs(a[k] - b[k]) < 1e-9 * (1 + b[k]));
  const mag = new Float64Array(fft.bins);
  fft.power(x, 0, w, mag, 1);
  for (let k = 0; k < fft.bins; k++) assert.ok(Math.abs(mag[k] - Math.sqrt(b[k])) < 1e-9);
});

Deno.test("the complex FFT of any size matches the DFT of a complex signal", () => {
  for (const n of [1, 3, 16, 30, 64]) {
    const re = signal(n), im = Float64Array.from(re, (v, i) => v * 0.5 - i / n);
    const fft = new ComplexFft(n);
    const outRe = re.slice(), outIm = im.slice();
    fft.forward(outRe, outIm);
    for (let k = 0; k < n; k++) {
      let sr = 0, si = 0;
      for (let t = 0; t < n; t++) {
        const a = (-2 * Math.PI * k * t) / n;
        sr += re[t] * Math.cos(a) - im[t] * Math.sin(a);
        si += re[t] * Math.sin(a) + im[t] * Math.cos(a);
      }
      assert.ok(Math.abs(outRe[k] - sr) < 1e-9 && Math.abs(outIm[k] - si) < 1e-9, `n=${n} k=${k}`);
    }
  }
  assert.throws(() => new RealFft(1), RangeError);
});
