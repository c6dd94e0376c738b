/**
 * Small audio measurements the demo-corpus tests use to check that clips carry their attributes:
 * the 16-bit WAV header's fields, magnitude spectrogram, spectral centroid, onset envelope and
 * tempo from its autocorrelation. Samples come from the workspace's reader
 * (lib/audio/decode/wav.ts) and spectra from its STFT (lib/audio/spectrogram), neither of which
 * the demo corpus uses to make its clips.
 * @module
 */
import { parseWav as readWav } from "../../../../lib/audio/decode/wav.ts";
import { stftPower } from "../../../../lib/audio/spectrogram/stft.ts";

/** The fields of a 16-bit PCM WAV file's 44-byte header and its samples scaled to [-1, 1). */
export interface ParsedWav {
  riff: string;
  wave: string;
  riffSize: number;
  fmt: string;
  fmtSize: number;
  format: number;
  channels: number;
  sampleRate: number;
  byteRate: number;
  blockAlign: number;
  bitsPerSample: number;
  data: string;
  dataBytes: number;
  samples: Float32Array;
  /** The raw 16-bit values. */
  pcm: Int16Array;
}

/** The 44-byte header written by the demo corpus, field by field, and its samples. */
export function parseWav(bytes: Uint8Array): ParsedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (o: number) => String.fromCharCode(...bytes.subarray(o, o + 4));
  const dataBytes = view.getUint32(40, true);
  const samples = readWav(bytes).channels[0];
  return {
    riff: text(0),
    riffSize: view.getUint32(4, true),
    wave: text(8),
    fmt: text(12),
    fmtSize: view.getUint32(16, true),
    format: view.getUint16(20, true),
    channels: view.getUint16(22, true),
    sampleRate: view.getUint32(24, true),
    byteRate: view.getUint32(28, true),
    blockAlign: view.getUint16(32, true),
    bitsPerSample: view.getUint16(34, true),
    data: text(36),
    dataBytes,
    pcm: Int16Array.from({ length: dataBytes / 2 }, (_, i) => view.getInt16(44 + 2 * i, true)),
    samples,
  };
}

/** Magnitude spectrogram: frames of `nFft` samples (Hann window) every `hop` samples. */
export function magnitudes(x: Float32Array, nFft = 2048, hop = 512): Float64Array[] {
  const s = stftPower(x, 44_100, { nFft, hopLength: hop, center: false, power: 1 });
  return Array.from(
    { length: s.frames },
    (_, t) => Float64Array.from({ length: s.rows }, (_, k) => s.data[k * s.frames + t]),
  );
}

/** Mean spectral centroid in Hz over the frames (power-weighted). */
export function spectralCentroid(x: Float32Array, sampleRate: number, nFft = 2048): number {
  let num = 0;
  let den = 0;
  for (const mag of magnitudes(x, nFft, nFft)) {
    for (let k = 0; k < mag.length; k++) {
      const p = mag[k] * mag[k];
      num += p * k * sampleRate / nFft;
      den += p;
    }
  }
  return num / den;
}

/**
 * Spectral-flux onset envelope, one value per hop: the half-wave rectified increase of log energy
 * in 24 log-spaced bands from 30 Hz to 11 kHz, summed (each band counts equally, as in a mel
 * spectrogram, so kick drums weigh as much as hi-hats).
 */
export function onsetEnvelope(
  x: Float32Array,
  sampleRate: number,
  nFft = 1024,
  hop = 256,
): Float64Array {
  const frames = magnitudes(x, nFft, hop);
  const nBands = 24;
  const edges = Array.from(
    { length: nBands + 1 },
    (_, b) => Math.round(30 * Math.pow(11_000 / 30, b / nBands) * nFft / sampleRate),
  );
  const bands = frames.map((mag) =>
    Array.from({ length: nBands }, (_, b) => {
      let e = 0;
      for (let k = edges[b]; k <= Math.max(edges[b], edges[b + 1] - 1); k++) e += mag[k] * mag[k];
      return Math.log(1e-6 + e);
    })
  );
  const env = new Float64Array(frames.length);
  for (let f = 1; f < frames.length; f++) {
    let flux = 0;
    for (let b = 0; b < nBands; b++) flux += Math.max(0, bands[f][b] - bands[f - 1][b]);
    env[f] = flux;
  }
  return env;
}

/** Normalised autocorrelation of a mean-removed series at each lag in [0, maxLag]. */
export function autocorrelation(x: Float64Array, maxLag: number): Float64Array {
  let mean = 0;
  for (const v of x) mean += v / x.length;
  const c = x.map((v) => v - mean);
  let den = 0;
  for (const v of c) den += v * v;
  const out = new Float64Array(maxLag + 1);
  for (let lag = 0; lag <= maxLag; lag++) {
    let num = 0;
    for (let i = 0; i + lag < c.length; i++) num += c[i] * c[i + lag];
    out[lag] = num / den;
  }
  return out;
}

/**
 * Tempo in BPM from the onset envelope's autocorrelation peak between `lo` and `hi` BPM
 * (hop 512 samples).
 */
export function estimateTempo(x: Float32Array, sampleRate: number, lo = 60, hi = 200): number {
  const hop = 512;
  const env = onsetEnvelope(x, sampleRate, 1024, hop);
  const fps = sampleRate / hop;
  const maxLag = Math.ceil(60 * fps / lo);
  const ac = autocorrelation(env, maxLag + 1);
  let bestLag = Math.floor(60 * fps / hi);
  for (let lag = bestLag; lag <= maxLag; lag++) if (ac[lag] > ac[bestLag]) bestLag = lag;
  // Refine with a parabola through the peak and its neighbours.
  const [a, b, c] = [ac[bestLag - 1], ac[bestLag], ac[bestLag + 1]];
  const shift = (a - c) / (2 * (a - 2 * b + c) || 1);
  return 60 * fps / (bestLag + (Math.abs(shift) < 1 ? shift : 0));
}
