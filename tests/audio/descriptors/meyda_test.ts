import assert from "node:assert/strict";
import meydaDefault from "meyda";
import { meydaDescriptors } from "../../../lib/audio/descriptors/meyda.ts";
import { chords, clickTrack } from "../signals.ts";

interface MeydaFrame {
  spectralCentroid: number;
  spectralRolloff: number;
  spectralFlatness: number;
  zcr: number;
  mfcc: number[];
  chroma: number[];
}
const Meyda = meydaDefault as unknown as Record<string, unknown> & {
  extract(features: string[], signal: Float32Array): MeydaFrame;
};

/** meyda's own path: `Meyda.extract` (its FFT) on each frame, with fresh filter banks. */
function viaMeydaExtract(x: Float32Array, sampleRate: number, starts: number[], size: number) {
  Object.assign(Meyda, {
    bufferSize: size,
    sampleRate,
    numberOfMFCCCoefficients: 13,
    windowingFunction: "hanning",
    barkScale: undefined,
    melFilterBank: undefined,
    chromaFilterBank: undefined,
  });
  return starts.map((s) =>
    Meyda.extract(
      ["spectralCentroid", "spectralRolloff", "spectralFlatness", "zcr", "mfcc", "chroma"],
      x.slice(s, s + size),
    )
  );
}

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= 1e-5 * Math.max(1e-3, Math.abs(b)), `${what}: ${a} vs ${b}`);

Deno.test("descriptors from the workspace's STFT equal Meyda.extract's within 1e-5", () => {
  for (const sampleRate of [22_050, 44_100, 22_050]) {
    const x = chords([[60, 64, 67], [57, 60, 64], [62, 65, 69]], 1, sampleRate);
    const click = clickTrack(120, 3, sampleRate);
    for (let i = 0; i < x.length; i++) x[i] += 0.5 * click[i];
    const size = 2048, count = 20;
    const d = meydaDescriptors(x, sampleRate, { maxFrames: count });
    const step = (x.length - size) / (count - 1);
    const starts = Array.from({ length: count }, (_, i) => Math.round(i * step));
    const frames = viaMeydaExtract(x, sampleRate, starts, size);
    assert.equal(d.frames, count);
    const mean = (f: (m: MeydaFrame) => number) => frames.reduce((s, m) => s + f(m), 0) / count;
    const what = `${sampleRate} Hz`;
    close(d.spectralCentroid, mean((m) => m.spectralCentroid) * sampleRate / size, what);
    close(d.spectralRolloff, mean((m) => m.spectralRolloff), what);
    close(d.spectralFlatness, mean((m) => m.spectralFlatness), what);
    close(d.zcr, mean((m) => m.zcr) / (size - 1), what);
    for (let c = 0; c < 13; c++) close(d.mfccMean[c], mean((m) => m.mfcc[c]), `${what} mfcc ${c}`);
    for (let c = 0; c < 12; c++) {
      close(
        d.chroma[c],
        mean((m) => m.chroma[c]),
        `${what} chroma ${c}`,
      );
    }
  }
});
