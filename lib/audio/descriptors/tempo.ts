/**
 * Global tempo from an onset strength envelope, in the manner of librosa's `beat.tempo`: the
 * autocorrelation of the envelope (mean removed, normalised by the overlap at each lag) is
 * weighted by a log-normal prior on tempo centred at 120 BPM with a standard deviation of one
 * octave, the best lag between 30 and 300 BPM is taken, and the period is refined to a fraction
 * of a frame by maximising the summed autocorrelation at its first four multiples.
 *
 * @example
 * ```ts
 * import { estimateTempo } from "./tempo.ts";
 * // an envelope with a spike every 43 frames at 86.13 frames/s ≈ 120 BPM
 * const env = Float64Array.from({ length: 1000 }, (_, t) => (t % 43 === 0 ? 1 : 0));
 * console.log(estimateTempo(env, 44_100 / 512).bpm.toFixed(0)); // "120"
 * ```
 * @module
 */

/** Options of {@link estimateTempo}. */
export interface TempoOptions {
  /** Centre of the tempo prior in BPM; default 120 (librosa's start_bpm). */
  startBpm?: number;
  /** Standard deviation of the prior in octaves; default 1. */
  stdOctaves?: number;
  /** Lowest tempo considered, BPM; default 30. */
  minBpm?: number;
  /** Highest tempo considered, BPM; default 300. */
  maxBpm?: number;
}

/** A tempo estimate. */
export interface TempoEstimate {
  /** Tempo in beats per minute; 0 when the envelope has no periodicity. */
  bpm: number;
  /** Normalised autocorrelation at the chosen period, 0–1 (how periodic the onsets are). */
  confidence: number;
}

/**
 * Estimates the tempo of an onset envelope.
 *
 * @param envelope onset strength per frame
 * @param frameRate frames per second (sampleRate / hopLength)
 */
export function estimateTempo(
  envelope: ArrayLike<number>,
  frameRate: number,
  options: TempoOptions = {},
): TempoEstimate {
  const startBpm = options.startBpm ?? 120;
  const std = options.stdOctaves ?? 1;
  const minBpm = options.minBpm ?? 30, maxBpm = options.maxBpm ?? 300;
  const n = envelope.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += envelope[i];
  mean /= Math.max(1, n);
  const x = Float64Array.from(envelope, (v) => v - mean);
  let energy = 0;
  for (let i = 0; i < n; i++) energy += x[i] * x[i];
  if (n < 4 || energy <= 1e-12 * n) return { bpm: 0, confidence: 0 };
  const maxLag = Math.min(n - 2, Math.ceil((60 * frameRate) / minBpm) * 4 + 2);
  // normalised (unbiased) autocorrelation, divided by the zero-lag value
  const acf = new Float64Array(maxLag + 1);
  for (let lag = 0; lag <= maxLag; lag++) {
    let s = 0;
    for (let i = 0; i + lag < n; i++) s += x[i] * x[i + lag];
    acf[lag] = (s / (n - lag)) / (energy / n);
  }
  const lagLo = Math.max(1, Math.floor((60 * frameRate) / maxBpm));
  const lagHi = Math.min(maxLag, Math.ceil((60 * frameRate) / minBpm));
  let best = -1, bestScore = -Infinity;
  for (let lag = lagLo; lag <= lagHi; lag++) {
    if (acf[lag] <= 0) continue;
    const bpm = (60 * frameRate) / lag;
    const prior = Math.exp(-0.5 * (Math.log2(bpm / startBpm) / std) ** 2);
    const score = acf[lag] * prior;
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  if (best < 0) return { bpm: 0, confidence: 0 };
  // sub-frame refinement: the period p maximising Σ_k acf(k·p), k = 1…4, near the best lag
  const interp = (t: number) => {
    const i = Math.floor(t);
    if (i + 1 > maxLag) return -Infinity;
    return acf[i] + (acf[i + 1] - acf[i]) * (t - i);
  };
  let period = best, periodScore = -Infinity;
  for (let p = best - 0.5; p <= best + 0.5 + 1e-9; p += 0.01) {
    let s = 0, used = 0;
    for (let k = 1; k <= 4; k++) {
      const v = interp(k * p);
      if (v === -Infinity) break;
      s += v;
      used++;
    }
    const score = used ? s / used : -Infinity;
    if (score > periodScore) {
      periodScore = score;
      period = p;
    }
  }
  return {
    bpm: (60 * frameRate) / period,
    confidence: Math.max(0, Math.min(1, acf[best])),
  };
}
