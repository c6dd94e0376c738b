/**
 * Fast Fourier transforms on float64 arrays, written for the STFT's inner loop.
 *
 * - Power-of-two sizes: an iterative radix-4 decimation-in-time FFT (one radix-2 pass when
 *   log₂ is odd) on bit-reversed input with precomputed twiddles, and the real-input trick:
 *   a real frame of N samples is packed into N/2 complex values, transformed, and untangled.
 *   Windowing and the bit-reversal gather happen in one pass while the frame is read.
 * - Any other size: Bluestein's chirp-z algorithm on a power-of-two FFT (exact, slower).
 *
 * Convention (numpy's `rfft`): X[k] = Σₙ x[n]·e^(−2πi·kn/N), k = 0…⌊N/2⌋, no scaling.
 *
 * @example
 * ```ts
 * import { RealFft } from "./fft.ts";
 * const fft = new RealFft(8);
 * const re = new Float64Array(fft.bins), im = new Float64Array(fft.bins);
 * fft.forward(Float64Array.of(1, 0, 0, 0, 0, 0, 0, 0), 0, null, re, im);
 * console.log(re); // all ones: the transform of an impulse
 * ```
 * @module
 */

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && (n & (n - 1)) === 0;
}

function bitReversal(m: number): Uint32Array {
  const bits = Math.round(Math.log2(m));
  const rev = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let b = 0, x = i; b < bits; b++, x >>= 1) r = (r << 1) | (x & 1);
    rev[i] = r;
  }
  return rev;
}

/**
 * An in-place complex FFT of a power-of-two size on data already in bit-reversed order.
 * Radix-4 passes with three twiddle products per butterfly of four points.
 */
class Pow2Core {
  readonly size: number;
  readonly rev: Uint32Array;
  readonly #oddFirst: boolean;
  /** Per radix-4 pass (quarter size q): [cos j, sin j, cos 2j, sin 2j, cos 3j, sin 3j] for j < q. */
  readonly #twiddles: Float64Array[] = [];

  constructor(size: number) {
    this.size = size;
    this.rev = bitReversal(size);
    const log2 = Math.round(Math.log2(size));
    this.#oddFirst = log2 % 2 === 1;
    for (let q = this.#oddFirst ? 2 : 1; 4 * q <= size; q *= 4) {
      const t = new Float64Array(6 * q);
      for (let j = 0; j < q; j++) {
        for (let p = 1; p <= 3; p++) {
          const angle = (-2 * Math.PI * p * j) / (4 * q);
          t[6 * j + 2 * (p - 1)] = Math.cos(angle);
          t[6 * j + 2 * (p - 1) + 1] = Math.sin(angle);
        }
      }
      this.#twiddles.push(t);
    }
  }

  /** Forward transform in place; `re`/`im` hold the input in bit-reversed order. */
  run(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    if (this.#oddFirst) {
      for (let i = 0; i < n; i += 2) {
        const ar = re[i], ai = im[i], br = re[i + 1], bi = im[i + 1];
        re[i] = ar + br;
        im[i] = ai + bi;
        re[i + 1] = ar - br;
        im[i + 1] = ai - bi;
      }
    }
    let q = this.#oddFirst ? 2 : 1;
    let pass = 0;
    if (q === 1 && n >= 4) {
      // first radix-4 pass: every twiddle is 1
      for (let i0 = 0; i0 < n; i0 += 4) {
        const a0r = re[i0], a0i = im[i0], a1r = re[i0 + 1], a1i = im[i0 + 1];
        const a2r = re[i0 + 2], a2i = im[i0 + 2], a3r = re[i0 + 3], a3i = im[i0 + 3];
        const b0r = a0r + a1r, b0i = a0i + a1i, b1r = a0r - a1r, b1i = a0i - a1i;
        const sr = a2r + a3r, si = a2i + a3i, dr = a2r - a3r, di = a2i - a3i;
        re[i0] = b0r + sr;
        im[i0] = b0i + si;
        re[i0 + 2] = b0r - sr;
        im[i0 + 2] = b0i - si;
        re[i0 + 1] = b1r + di;
        im[i0 + 1] = b1i - dr;
        re[i0 + 3] = b1r - di;
        im[i0 + 3] = b1i + dr;
      }
      q = 4;
      pass = 1;
    }
    for (; pass < this.#twiddles.length; pass++) {
      const tw = this.#twiddles[pass];
      const step = 4 * q;
      for (let b = 0; b < n; b += step) {
        for (let j = 0; j < q; j++) {
          const i0 = b + j, i1 = i0 + q, i2 = i1 + q, i3 = i2 + q;
          const t = 6 * j;
          const c1 = tw[t], s1 = tw[t + 1], c2 = tw[t + 2], s2 = tw[t + 3];
          const c3 = tw[t + 4], s3 = tw[t + 5];
          // Two fused radix-2 stages: the point at i1 takes W^2j, i2 W^j and i3 W^3j
          // (W = e^(−2πi/4q)), then one radix-4 butterfly.
          const a0r = re[i0], a0i = im[i0];
          const x1r = re[i1], x1i = im[i1];
          const a1r = x1r * c2 - x1i * s2, a1i = x1r * s2 + x1i * c2;
          const x2r = re[i2], x2i = im[i2];
          const a2r = x2r * c1 - x2i * s1, a2i = x2r * s1 + x2i * c1;
          const x3r = re[i3], x3i = im[i3];
          const a3r = x3r * c3 - x3i * s3, a3i = x3r * s3 + x3i * c3;
          const b0r = a0r + a1r, b0i = a0i + a1i;
          const b1r = a0r - a1r, b1i = a0i - a1i;
          const sr = a2r + a3r, si = a2i + a3i;
          const dr = a2r - a3r, di = a2i - a3i;
          re[i0] = b0r + sr;
          im[i0] = b0i + si;
          re[i2] = b0r - sr;
          im[i2] = b0i - si;
          // b1 − i·d and b1 + i·d
          re[i1] = b1r + di;
          im[i1] = b1i - dr;
          re[i3] = b1r - di;
          im[i3] = b1i + dr;
        }
      }
      q *= 4;
    }
  }
}

/** A complex FFT of any size ≥ 1 (Bluestein's algorithm when the size is not a power of two). */
export class ComplexFft {
  /** Transform length. */
  readonly size: number;
  readonly #pow2: Pow2Core | null;
  // Bluestein state
  readonly #inner: Pow2Core | null = null;
  readonly #chirpRe: Float64Array = new Float64Array(0);
  readonly #chirpIm: Float64Array = new Float64Array(0);
  readonly #kernelRe: Float64Array = new Float64Array(0);
  readonly #kernelIm: Float64Array = new Float64Array(0);
  readonly #bufRe: Float64Array = new Float64Array(0);
  readonly #bufIm: Float64Array = new Float64Array(0);
  readonly #tmpRe: Float64Array;
  readonly #tmpIm: Float64Array;

  /**
   * Precomputes twiddles (and, for other sizes than powers of two, Bluestein's chirp).
   *
   * @param size transform length, a positive integer
   */
  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`ComplexFft: expected a positive integer size, found ${size}`);
    }
    this.size = size;
    this.#tmpRe = new Float64Array(size);
    this.#tmpIm = new Float64Array(size);
    if (isPowerOfTwo(size)) {
      this.#pow2 = new Pow2Core(size);
      return;
    }
    this.#pow2 = null;
    let l = 1;
    while (l < 2 * size - 1) l *= 2;
    const inner = new Pow2Core(l);
    this.#inner = inner;
    this.#chirpRe = new Float64Array(size);
    this.#chirpIm = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      // k² mod 2N keeps the angle small and exact for large k
      const angle = (-Math.PI * ((k * k) % (2 * size))) / size;
      this.#chirpRe[k] = Math.cos(angle);
      this.#chirpIm[k] = Math.sin(angle);
    }
    const br = new Float64Array(l), bi = new Float64Array(l);
    for (let k = 0; k < size; k++) {
      const r = inner.rev[k];
      br[r] = this.#chirpRe[k];
      bi[r] = -this.#chirpIm[k];
      if (k > 0) {
        const r2 = inner.rev[l - k];
        br[r2] = this.#chirpRe[k];
        bi[r2] = -this.#chirpIm[k];
      }
    }
    inner.run(br, bi);
    this.#kernelRe = br;
    this.#kernelIm = bi;
    this.#bufRe = new Float64Array(l);
    this.#bufIm = new Float64Array(l);
  }

  /** Forward transform in place: X[k] = Σ x[n]·e^(−2πi·kn/N). */
  forward(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    if (this.#pow2) {
      const rev = this.#pow2.rev;
      const tr = this.#tmpRe, ti = this.#tmpIm;
      for (let j = 0; j < n; j++) {
        tr[j] = re[rev[j]];
        ti[j] = im[rev[j]];
      }
      this.#pow2.run(tr, ti);
      re.set(tr);
      im.set(ti);
      return;
    }
    const inner = this.#inner!;
    const l = inner.size;
    const ar = this.#bufRe, ai = this.#bufIm;
    ar.fill(0);
    ai.fill(0);
    const cr = this.#chirpRe, ci = this.#chirpIm;
    for (let k = 0; k < n; k++) {
      const r = inner.rev[k];
      ar[r] = re[k] * cr[k] - im[k] * ci[k];
      ai[r] = re[k] * ci[k] + im[k] * cr[k];
    }
    inner.run(ar, ai);
    // multiply by the kernel's spectrum, then inverse FFT as conj(FFT(conj(·))) / l
    const kr = this.#kernelRe, ki = this.#kernelIm;
    const tr = new Float64Array(l), ti = new Float64Array(l);
    for (let k = 0; k < l; k++) {
      const pr = ar[k] * kr[k] - ai[k] * ki[k];
      const pi = ar[k] * ki[k] + ai[k] * kr[k];
      const r = inner.rev[k];
      tr[r] = pr;
      ti[r] = -pi;
    }
    inner.run(tr, ti);
    for (let k = 0; k < n; k++) {
      const yr = tr[k] / l, yi = -ti[k] / l;
      re[k] = yr * cr[k] - yi * ci[k];
      im[k] = yr * ci[k] + yi * cr[k];
    }
  }
}

/**
 * The FFT of real frames: bins 0…⌊N/2⌋ of X[k] = Σₙ w[n]·x[offset + n]·e^(−2πi·kn/N).
 * One instance holds its scratch buffers; use one per thread.
 */
export class RealFft {
  /** Frame length N in samples. */
  readonly size: number;
  /** Number of output bins, ⌊N/2⌋ + 1. */
  readonly bins: number;
  readonly #core: Pow2Core | null;
  readonly #zr: Float64Array;
  readonly #zi: Float64Array;
  readonly #postCos: Float64Array;
  readonly #postSin: Float64Array;
  readonly #generic: ComplexFft | null;
  /** Sample offsets 2·rev[j] and the window's values there, for the last window used. */
  readonly #gather: Int32Array;
  #window: Float64Array | null = null;
  readonly #windowEven: Float64Array;
  readonly #windowOdd: Float64Array;

  /**
   * Precomputes the bit-reversal gather, twiddles and scratch buffers.
   *
   * @param size frame length N, an integer ≥ 2
   */
  constructor(size: number) {
    if (!Number.isInteger(size) || size < 2) {
      throw new RangeError(`RealFft: expected an integer size ≥ 2, found ${size}`);
    }
    this.size = size;
    this.bins = Math.floor(size / 2) + 1;
    if (isPowerOfTwo(size) && size >= 4) {
      const m = size / 2;
      this.#core = new Pow2Core(m);
      this.#zr = new Float64Array(m);
      this.#zi = new Float64Array(m);
      this.#postCos = new Float64Array(m + 1);
      this.#postSin = new Float64Array(m + 1);
      for (let k = 0; k <= m; k++) {
        this.#postCos[k] = Math.cos((2 * Math.PI * k) / size);
        this.#postSin[k] = Math.sin((2 * Math.PI * k) / size);
      }
      this.#generic = null;
      this.#gather = Int32Array.from(this.#core.rev, (r) => 2 * r);
      this.#windowEven = new Float64Array(m).fill(1);
      this.#windowOdd = new Float64Array(m).fill(1);
    } else {
      this.#core = null;
      this.#generic = new ComplexFft(size);
      this.#zr = new Float64Array(size);
      this.#zi = new Float64Array(size);
      this.#postCos = new Float64Array(0);
      this.#postSin = new Float64Array(0);
      this.#gather = new Int32Array(0);
      this.#windowEven = new Float64Array(0);
      this.#windowOdd = new Float64Array(0);
    }
  }

  /** Packs input·window into the complex scratch (bit-reversed for the power-of-two path). */
  #load(input: ArrayLike<number>, offset: number, window: Float64Array | null): void {
    const zr = this.#zr, zi = this.#zi;
    if (this.#core) {
      const gather = this.#gather, m = gather.length;
      if (window) {
        if (window !== this.#window) {
          for (let j = 0; j < m; j++) {
            this.#windowEven[j] = window[gather[j]];
            this.#windowOdd[j] = window[gather[j] + 1];
          }
          this.#window = window;
        }
        const we = this.#windowEven, wo = this.#windowOdd;
        for (let j = 0; j < m; j++) {
          const s = offset + gather[j];
          zr[j] = input[s] * we[j];
          zi[j] = input[s + 1] * wo[j];
        }
      } else {
        for (let j = 0; j < m; j++) {
          const s = offset + gather[j];
          zr[j] = input[s];
          zi[j] = input[s + 1];
        }
      }
      this.#core.run(zr, zi);
    } else {
      for (let j = 0; j < this.size; j++) {
        zr[j] = window ? input[offset + j] * window[j] : input[offset + j];
        zi[j] = 0;
      }
      this.#generic!.forward(zr, zi);
    }
  }

  /**
   * The spectrum of one frame.
   *
   * @param input samples; the frame is input[offset … offset + size)
   * @param offset index of the frame's first sample
   * @param window per-sample weights of length `size`, or null for none (rectangular)
   * @param re receives the real parts of bins 0…size/2 (length ≥ `bins`)
   * @param im receives the imaginary parts
   */
  forward(
    input: ArrayLike<number>,
    offset: number,
    window: Float64Array | null,
    re: Float64Array,
    im: Float64Array,
  ): void {
    this.#load(input, offset, window);
    const zr = this.#zr, zi = this.#zi;
    if (!this.#core) {
      for (let k = 0; k < this.bins; k++) {
        re[k] = zr[k];
        im[k] = zi[k];
      }
      return;
    }
    const m = this.size / 2;
    const cs = this.#postCos, sn = this.#postSin;
    re[0] = zr[0] + zi[0];
    im[0] = 0;
    re[m] = zr[0] - zi[0];
    im[m] = 0;
    for (let k = 1; k < m; k++) {
      const a = zr[k], b = zi[k], c = zr[m - k], d = zi[m - k];
      const er = 0.5 * (a + c), ei = 0.5 * (b - d);
      const or = 0.5 * (b + d), oi = -0.5 * (a - c);
      re[k] = er + cs[k] * or + sn[k] * oi;
      im[k] = ei + cs[k] * oi - sn[k] * or;
    }
  }

  /**
   * |X[k]|^exponent of one frame (exponent 2: power spectrum), bins 0…size/2.
   *
   * @param input samples; the frame is input[offset … offset + size)
   * @param offset index of the frame's first sample
   * @param window per-sample weights of length `size`, or null
   * @param out receives `bins` values
   * @param exponent magnitude exponent, default 2
   */
  power(
    input: ArrayLike<number>,
    offset: number,
    window: Float64Array | null,
    out: Float64Array,
    exponent = 2,
  ): void {
    this.#load(input, offset, window);
    const zr = this.#zr, zi = this.#zi;
    const bins = this.bins;
    if (!this.#core) {
      for (let k = 0; k < bins; k++) out[k] = zr[k] * zr[k] + zi[k] * zi[k];
    } else {
      const m = this.size / 2;
      const cs = this.#postCos, sn = this.#postSin;
      const dc = zr[0] + zi[0], ny = zr[0] - zi[0];
      out[0] = dc * dc;
      out[m] = ny * ny;
      // bins k and m − k share their inputs: compute both per step
      for (let k = 1; 2 * k <= m; k++) {
        const a = zr[k], b = zi[k], c = zr[m - k], d = zi[m - k];
        const sr = a + c, di = b - d, si = b + d, dr = a - c;
        // X[k]
        let xr = 0.5 * (sr + cs[k] * si - sn[k] * dr);
        let xi = 0.5 * (di - cs[k] * dr - sn[k] * si);
        out[k] = xr * xr + xi * xi;
        if (2 * k !== m) {
          // X[m − k]: swap roles (a,b) ↔ (c,d), with cos(π − θ) = −cos θ, sin(π − θ) = sin θ
          const j = m - k;
          xr = 0.5 * (sr - cs[k] * si + sn[k] * dr);
          xi = 0.5 * (-di - cs[k] * dr - sn[k] * si);
          out[j] = xr * xr + xi * xi;
        }
      }
    }
    if (exponent !== 2) {
      const half = exponent / 2;
      for (let k = 0; k < bins; k++) out[k] = half === 0.5 ? Math.sqrt(out[k]) : out[k] ** half;
    }
  }
}
