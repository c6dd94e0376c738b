/**
 * Small audio measurements the demo-corpus tests use to check that clips carry their attributes:
 * a 16-bit WAV reader, an FFT, magnitude spectrogram, spectral centroid, onset envelope and
 * tempo from its autocorrelation. Deliberately independent of the code under test.
 * @module
 */

/** The fields of a 16-bit PCM WAV file and its samples scaled to [-1, 1). */
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

/** Parses the 44-byte header written by the demo corpus and its data chunk. */
export function parseWav(bytes: Uint8Array): ParsedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (o: number) => String.fromCharCode(...bytes.subarray(o, o + 4));
  const dataBytes = view.getUint32(40, true);
  const pcm = new Int16Array(dataBytes / 2);
  for (let i = 0; i < pcm.length; i++) pcm[i] = view.getInt16(44 + 2 * i, true);
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
    pcm,
    samples: Float32Array.from(pcm, (v) => v / 32768),
  };
}

const TWIDDLES = new Map<number, { cos: Float64Array; sin: Float64Array }>();

/** In-place radix-2 complex FFT; `re.length` must be a power of two. */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  let tw = TWIDDLES.get(n);
  if (!tw) {
    tw = { cos: new Float64Array(n / 2), sin: new Float64Array(n / 2) };
    for (let k = 0; k < n / 2; k++) {
      tw.cos[k] = Math.cos(-2 * Math.PI * k / n);
      tw.sin[k] = Math.sin(-2 * Math.PI * k / n);
    }
    TWIDDLES.set(n, tw);
  }
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const stride = n / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < half; k++) {
        const wr = tw.cos[k * stride];
        const wi = tw.sin[k * stride];
        const p = i + k + half;
        const tr = re[p] * wr - im[p] * wi;
        const ti = re[p] * wi + im[p] * wr;
        re[p] = re[i + k] - tr;
        im[p] = im[i + k] - ti;
        re[i + k] += tr;
        im[i + k] += ti;
      }
    }
  }
}

/** Magnitude spectrogram: frames of `nFft` samples (Hann window) every `hop` samples. */
export function magnitudes(x: Float32Array, nFft = 2048, hop = 512): Float64Array[] {
  const frames: Float64Array[] = [];
  for (let start = 0; start + nFft <= x.length; start += hop) {
    const re = new Float64Array(nFft);
    const im = new Float64Array(nFft);
    for (let i = 0; i < nFft; i++) {
      re[i] = x[start + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / nFft));
    }
    fft(re, im);
    const mag = new Float64Array(nFft / 2 + 1);
    for (let k = 0; k <= nFft / 2; k++) mag[k] = Math.hypot(re[k], im[k]);
    frames.push(mag);
  }
  return frames;
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

/** Pearson correlation of two equal-length series. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Population variance. */
export function variance(x: readonly number[]): number {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  return x.reduce((a, b) => a + (b - m) ** 2, 0) / x.length;
}
