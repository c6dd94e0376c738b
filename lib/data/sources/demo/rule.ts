/**
 * The generative model of the demo corpus: the genres and the distributions its hidden musical
 * attributes are drawn from, how an artist's hidden star power sets the artist columns, and the
 * documented rule that turns all of it into `track_popularity`. A notebook shows
 * {@link DEMO_RULE_MARKDOWN} so a reader knows exactly what a model could recover; its variance
 * shares are computed from the formula and the distributions below, not measured on a sample.
 *
 * @example
 * ```ts
 * import { popularityTerms, demoVarianceShares } from "./rule.ts";
 * const terms = popularityTerms({
 *   starPower: 1, genre: "pop", tempo: 118, energy: 0.7, brightness: 0.6, hook: 0.9,
 *   releaseTime: 2019.5, noise: 0,
 * });
 * console.log(terms.popularity, terms.audio, demoVarianceShares().audio); // 0–100, points, share
 * ```
 * @module
 */

/** The demo corpus's genres. */
export const DEMO_GENRES = ["pop", "rock", "hiphop", "electronic", "folk", "jazz"] as const;
/** One demo genre. */
export type DemoGenre = typeof DEMO_GENRES[number];

/** A closed interval `[lo, hi]` a uniform attribute is drawn from. */
export type Range = readonly [number, number];

/**
 * What tracks of a genre tend to be: each attribute is drawn uniformly from its range (0–1 unless
 * a unit is given), independently of the others and of the artist's star power.
 */
export interface GenreProfile {
  /** Tempo range in BPM. */
  tempo: Range;
  /** Tempo in BPM that the popularity rule rewards most in this genre. */
  tempoSweetSpot: number;
  /** 0–1, perceived intensity. */
  energy: Range;
  /** Beat regularity and drum density. */
  danceability: Range;
  /** Timbre: harmonic content and filter opening (no tabular column carries it). */
  brightness: Range;
  /** 0–1, how acoustic (plucked, soft drums) rather than electronic. */
  acousticness: Range;
  /** Musical positiveness; major-mode tracks get +0.15 (clipped to 1). */
  valence: Range;
  /** 0–1, share of speech-like sound. */
  speechiness: Range;
  /** 0–1, 1 = no vocals. */
  instrumentalness: Range;
  /** 0–1, audience presence. */
  liveness: Range;
  /** Probability that a track is in a minor key. */
  minorShare: number;
  /** Probability that a track is in 3/4 rather than 4/4. */
  waltzShare: number;
  /** Relative weight of each tonic pitch class 0–11 (C = 0). */
  keyWeights: readonly number[];
  /** Whole-song duration range in seconds. */
  durationSeconds: Range;
}

/** Key weights favouring the given pitch classes (weight 3) over the others (weight 1). */
function favour(...pitchClasses: number[]): number[] {
  return Array.from({ length: 12 }, (_, pc) => pitchClasses.includes(pc) ? 3 : 1);
}

/** The genre profiles (see {@link GenreProfile} for units). */
export const DEMO_GENRE_PROFILES: Readonly<Record<DemoGenre, GenreProfile>> = {
  pop: {
    tempo: [96, 132],
    tempoSweetSpot: 118,
    energy: [0.5, 0.85],
    danceability: [0.6, 0.9],
    brightness: [0.45, 0.85],
    acousticness: [0.05, 0.4],
    valence: [0.4, 0.85],
    speechiness: [0.03, 0.12],
    instrumentalness: [0, 0.1],
    liveness: [0.05, 0.3],
    minorShare: 0.3,
    waltzShare: 0,
    keyWeights: favour(0, 7, 2, 9, 5, 4),
    durationSeconds: [170, 240],
  },
  rock: {
    tempo: [100, 160],
    tempoSweetSpot: 128,
    energy: [0.6, 0.95],
    danceability: [0.35, 0.65],
    brightness: [0.5, 0.9],
    acousticness: [0.02, 0.3],
    valence: [0.3, 0.8],
    speechiness: [0.03, 0.08],
    instrumentalness: [0, 0.3],
    liveness: [0.1, 0.5],
    minorShare: 0.35,
    waltzShare: 0,
    keyWeights: favour(4, 9, 2, 7, 0),
    durationSeconds: [180, 300],
  },
  hiphop: {
    tempo: [80, 100],
    tempoSweetSpot: 92,
    energy: [0.45, 0.8],
    danceability: [0.65, 0.95],
    brightness: [0.3, 0.65],
    acousticness: [0.05, 0.35],
    valence: [0.25, 0.7],
    speechiness: [0.15, 0.45],
    instrumentalness: [0, 0.05],
    liveness: [0.05, 0.35],
    minorShare: 0.65,
    waltzShare: 0,
    keyWeights: favour(1, 5, 8, 9),
    durationSeconds: [150, 260],
  },
  electronic: {
    tempo: [118, 132],
    tempoSweetSpot: 126,
    energy: [0.6, 0.95],
    danceability: [0.7, 0.95],
    brightness: [0.4, 0.9],
    acousticness: [0, 0.15],
    valence: [0.2, 0.7],
    speechiness: [0.03, 0.08],
    instrumentalness: [0.3, 0.9],
    liveness: [0.03, 0.2],
    minorShare: 0.6,
    waltzShare: 0,
    keyWeights: favour(9, 5, 7, 0),
    durationSeconds: [180, 300],
  },
  folk: {
    tempo: [70, 120],
    tempoSweetSpot: 100,
    energy: [0.15, 0.5],
    danceability: [0.3, 0.6],
    brightness: [0.2, 0.55],
    acousticness: [0.6, 0.95],
    valence: [0.3, 0.8],
    speechiness: [0.03, 0.06],
    instrumentalness: [0, 0.4],
    liveness: [0.1, 0.6],
    minorShare: 0.4,
    waltzShare: 0.2,
    keyWeights: favour(7, 2, 0, 9, 4),
    durationSeconds: [150, 270],
  },
  jazz: {
    tempo: [80, 180],
    tempoSweetSpot: 140,
    energy: [0.2, 0.6],
    danceability: [0.3, 0.65],
    brightness: [0.25, 0.6],
    acousticness: [0.5, 0.9],
    valence: [0.3, 0.8],
    speechiness: [0.03, 0.08],
    instrumentalness: [0.4, 0.95],
    liveness: [0.1, 0.6],
    minorShare: 0.45,
    waltzShare: 0.15,
    keyWeights: favour(5, 10, 3, 0, 8),
    durationSeconds: [180, 300],
  },
};

/** Hook strength (melodic repetition), 0–1, drawn uniformly in every genre. */
export const DEMO_HOOK_RANGE: Range = [0.05, 0.95];

/** How release dates are drawn: calendar years, and the share of recent (last-year) releases. */
export const DEMO_RELEASES = {
  /** First release year. */
  firstYear: 1970,
  /** Last release year; the stream window ends on 31 December of this year. */
  lastYear: 2024,
  /** Probability that a track is a recent release, drawn uniformly within `lastYear`. */
  recentShare: 0.08,
} as const;

/** How an artist's hidden star power (a standard normal draw) sets the artist columns. */
export const DEMO_ARTIST_MODEL = {
  /** artist_popularity = clip(0–100, round(mean + perStarPower · s + N(0, noiseSd))). */
  popularityMean: 50,
  popularityPerStarPower: 16,
  popularityNoiseSd: 4,
  /** log10(followers) = mean + perStarPower · s + N(0, noiseSd): log-normal followers. */
  log10FollowersMean: 4.5,
  log10FollowersPerStarPower: 0.8,
  log10FollowersNoiseSd: 0.3,
} as const;

/** Coefficients of the popularity rule (points of popularity, 0–100 scale). */
export const DEMO_RULE = {
  /** Constant term. */
  base: 48,
  /** Points per unit of the artist's star power (a standard normal draw). */
  artistPerStarPower: 16,
  /** Points per unit of tempo fit (0–1), centred on the genre's mean fit. */
  tempoFit: 16,
  /** Width in BPM of the Gaussian tempo-fit bump around the genre's sweet spot. */
  tempoWidthBpm: 12,
  /** Points per unit of energy, centred on the genre's mid-range. */
  energy: 20,
  /** Points per unit of brightness (timbre), centred on the genre's mid-range. */
  brightness: 50,
  /** Points per unit of hook strength, centred at the mid-range 0.5. */
  hook: 36,
  /** Points per unit of centred release time (−1 in 1970, +1 at the end of 2024). */
  recency: 7,
  /** Release time (fractional year) at which the recency term is zero. */
  recencyCentre: 1997.5,
  /** Half the release span in years. */
  recencyHalfSpan: 27.5,
  /** Standard deviation of the per-track noise, in points. */
  noiseSd: 8,
} as const;

/** What {@link popularityTerms} needs to know about a track. */
export interface PopularityInputs {
  /** The artist's hidden star power, a standard normal draw. */
  starPower: number;
  /** The artist's genre. */
  genre: DemoGenre;
  /** Tempo in BPM. */
  tempo: number;
  /** 0–1. */
  energy: number;
  /** 0–1, timbre. */
  brightness: number;
  /** 0–1, melodic repetition. */
  hook: number;
  /** Release time as a fractional year, e.g. 2019.5 (see {@link fractionalYear}). */
  releaseTime: number;
  /** The track's noise draw, a standard normal value (scaled by `DEMO_RULE.noiseSd`). */
  noise: number;
}

/** The audio term's parts, in points (or, in {@link DEMO_GENRE_CENTRES}, attribute units). */
export interface AudioParts {
  /** Tempo-fit part. */
  tempo: number;
  /** Energy part. */
  energy: number;
  /** Brightness part. */
  brightness: number;
  /** Hook-strength part. */
  hook: number;
}

/** The popularity of one track, term by term, in points of popularity. */
export interface PopularityTerms {
  /** Constant term, `DEMO_RULE.base`. */
  base: number;
  /** Artist term: `artistPerStarPower · starPower`. */
  artist: number;
  /** Sum of {@link AudioParts}. */
  audio: number;
  /** The audio term's parts. */
  audioParts: AudioParts;
  /** Recency term: newer releases slightly more popular. */
  recency: number;
  /** Noise term: `noiseSd · noise draw`. */
  noise: number;
  /** base + artist + audio + recency + noise, before rounding and clipping. */
  raw: number;
  /** `track_popularity`: the raw sum rounded and clipped to 0–100. */
  popularity: number;
}

/** Gaussian tempo fit in (0, 1]: 1 at the genre's sweet spot, exp(−½) one width away. */
export function tempoFit(tempo: number, genre: DemoGenre): number {
  const z = (tempo - DEMO_GENRE_PROFILES[genre].tempoSweetSpot) / DEMO_RULE.tempoWidthBpm;
  return Math.exp(-0.5 * z * z);
}

/** Mean and variance of a uniform draw on [lo, hi]. */
function uniformMoments([lo, hi]: Range): { mean: number; variance: number } {
  return { mean: (lo + hi) / 2, variance: (hi - lo) ** 2 / 12 };
}

/** Mean and variance of the tempo fit (0–1) for a uniform tempo on the genre's range. */
function tempoFitMoments(genre: DemoGenre): { mean: number; variance: number } {
  const [lo, hi] = DEMO_GENRE_PROFILES[genre].tempo;
  const n = 4000; // midpoint rule
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const v = tempoFit(lo + (hi - lo) * (i + 0.5) / n, genre);
    m1 += v / n;
    m2 += v * v / n;
  }
  return { mean: m1, variance: m2 - m1 * m1 };
}

/**
 * The value of each audio attribute the rule centres on, per genre: the genre's mean tempo fit
 * (0–1) and the mid-points of its energy and brightness ranges; 0.5 for hook strength. Centring
 * within the genre keeps the audio term independent of the artist term (artists have one genre).
 */
const DEMO_GENRE_CENTRES: Readonly<Record<DemoGenre, AudioParts>> = Object.fromEntries(
  DEMO_GENRES.map((g) => {
    const p = DEMO_GENRE_PROFILES[g];
    return [g, {
      tempo: tempoFitMoments(g).mean,
      energy: uniformMoments(p.energy).mean,
      brightness: uniformMoments(p.brightness).mean,
      hook: uniformMoments(DEMO_HOOK_RANGE).mean,
    }];
  }),
) as Record<DemoGenre, AudioParts>;

/**
 * A calendar date as a fractional year: `year + (month − 1) / 12 + (day − 1) / (12 · days in month)`.
 *
 * @param year calendar year
 * @param month 1–12
 * @param day 1–31
 */
export function fractionalYear(year: number, month: number, day: number): number {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return year + (month - 1) / 12 + (day - 1) / (12 * daysInMonth);
}

/**
 * The popularity rule, term by term:
 * `track_popularity = clip(0–100, round(base + artist + audio + recency + noise))` with
 * the coefficients of {@link DEMO_RULE} and the centres of {@link DEMO_GENRE_CENTRES}
 * (see {@link DEMO_RULE_MARKDOWN}).
 */
export function popularityTerms(inputs: PopularityInputs): PopularityTerms {
  const r = DEMO_RULE;
  const c = DEMO_GENRE_CENTRES[inputs.genre];
  const audioParts: AudioParts = {
    tempo: r.tempoFit * (tempoFit(inputs.tempo, inputs.genre) - c.tempo),
    energy: r.energy * (inputs.energy - c.energy),
    brightness: r.brightness * (inputs.brightness - c.brightness),
    hook: r.hook * (inputs.hook - c.hook),
  };
  const audio = audioParts.tempo + audioParts.energy + audioParts.brightness + audioParts.hook;
  const artist = r.artistPerStarPower * inputs.starPower;
  const recency = r.recency * (inputs.releaseTime - r.recencyCentre) / r.recencyHalfSpan;
  const noise = r.noiseSd * inputs.noise;
  const raw = r.base + artist + audio + recency + noise;
  return {
    base: r.base,
    artist,
    audio,
    audioParts,
    recency,
    noise,
    raw,
    popularity: Math.min(100, Math.max(0, Math.round(raw))),
  };
}

/** Variance of each term (points²) and its share of the total, from the formula. */
export interface VarianceShares {
  /** Variance of the raw sum, points² (the terms are independent, so this is their sum). */
  total: number;
  /** Variance of each term, points². */
  variance: { artist: number; audio: number; recency: number; noise: number };
  /** Share of the artist term in `total`, 0–1; the four shares sum to 1. */
  artist: number;
  /** Share of the audio term. */
  audio: number;
  /** Share of the recency term. */
  recency: number;
  /** Share of the noise term. */
  noise: number;
  /** Each audio part's variance, points²; they sum to the audio variance. */
  audioPartVariance: AudioParts;
}

/**
 * Variance shares of the popularity terms over the whole drawn catalogue (before the top-track
 * selection, which favours high values), from the rule and the attribute distributions: genre
 * uniform over {@link DEMO_GENRES}; attributes uniform on the genre's ranges; star power and the
 * noise draw standard normal; release time uniform on [firstYear, lastYear + 1) mixed with the
 * recent share uniform on [lastYear, lastYear + 1). Rounding and clipping are ignored.
 */
export function demoVarianceShares(): VarianceShares {
  const r = DEMO_RULE;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // Within a genre the parts are independent draws centred on their genre mean, so each part's
  // variance is the mean over genres of its within-genre variance, and they add up.
  const within = DEMO_GENRES.map((g) => {
    const p = DEMO_GENRE_PROFILES[g];
    return {
      tempo: r.tempoFit ** 2 * tempoFitMoments(g).variance,
      energy: r.energy ** 2 * uniformMoments(p.energy).variance,
      brightness: r.brightness ** 2 * uniformMoments(p.brightness).variance,
      hook: r.hook ** 2 * uniformMoments(DEMO_HOOK_RANGE).variance,
    };
  });
  const audioPartVariance: AudioParts = {
    tempo: mean(within.map((w) => w.tempo)),
    energy: mean(within.map((w) => w.energy)),
    brightness: mean(within.map((w) => w.brightness)),
    hook: mean(within.map((w) => w.hook)),
  };
  const audio = audioPartVariance.tempo + audioPartVariance.energy +
    audioPartVariance.brightness + audioPartVariance.hook;

  const { firstYear, lastYear, recentShare } = DEMO_RELEASES;
  const all = uniformMoments([firstYear, lastYear + 1]);
  const recent = uniformMoments([lastYear, lastYear + 1]);
  const m1 = (1 - recentShare) * all.mean + recentShare * recent.mean;
  const m2 = (1 - recentShare) * (all.variance + all.mean ** 2) +
    recentShare * (recent.variance + recent.mean ** 2);
  const recency = (r.recency / r.recencyHalfSpan) ** 2 * (m2 - m1 * m1);

  const artist = r.artistPerStarPower ** 2;
  const noise = r.noiseSd ** 2;
  const total = artist + audio + recency + noise;
  return {
    total,
    variance: { artist, audio, recency, noise },
    artist: artist / total,
    audio: audio / total,
    recency: recency / total,
    noise: noise / total,
    audioPartVariance,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const num = (x: number, digits = 1) => x.toFixed(digits);

function ruleMarkdown(): string {
  const r = DEMO_RULE;
  const s = demoVarianceShares();
  const a = DEMO_ARTIST_MODEL;
  const d = DEMO_RELEASES;
  const genres = DEMO_GENRES.map((g) => {
    const p = DEMO_GENRE_PROFILES[g];
    const c = DEMO_GENRE_CENTRES[g];
    return `| ${g} | ${p.tempo[0]}–${p.tempo[1]} | ${p.tempoSweetSpot} | ${num(c.tempo, 3)} | ` +
      `${p.energy[0]}–${p.energy[1]} | ${p.brightness[0]}–${p.brightness[1]} | ${p.minorShare} |`;
  }).join("\n");
  const v = s.audioPartVariance;
  return `## The demo corpus's popularity rule

Every track's popularity (0–100) is

\`\`\`
track_popularity = clip(0, 100, round(base + artist + audio + recency + noise))

base    = ${r.base}
artist  = ${r.artistPerStarPower} · s                   s: the artist's hidden star power, N(0, 1)
audio   = ${r.tempoFit} · (fit − mean_fit[genre])     fit = exp(−½ ((tempo − sweet_spot[genre]) / ${r.tempoWidthBpm})²)
        + ${r.energy} · (energy − mid_energy[genre])
        + ${r.brightness} · (brightness − mid_brightness[genre])   brightness: timbre, in no tabular column
        + ${r.hook} · (hook − 0.5)                       hook: melodic repetition, in no tabular column
recency = ${r.recency} · (t − ${r.recencyCentre}) / ${r.recencyHalfSpan}       t: release date as a fractional year
noise   = ${r.noiseSd} · ε                    ε: N(0, 1), one draw per track
\`\`\`

The artist columns come from the same star power:
\`artist_popularity = clip(0, 100, round(${a.popularityMean} + ${a.popularityPerStarPower}·s + N(0, ${a.popularityNoiseSd})))\`
and \`log10(followers) = ${a.log10FollowersMean} + ${a.log10FollowersPerStarPower}·s + N(0, ${a.log10FollowersNoiseSd})\`.
Star powers are stratified over the artists (normal quantiles of evenly spread draws), so even
the 5 artists of the tiny corpus span the range.

Each attribute is drawn uniformly from its genre's range (hook strength from ${
    DEMO_HOOK_RANGE[0]
  } to ${DEMO_HOOK_RANGE[1]}
in every genre) and the audio parts are centred within the genre, so the audio term does not
depend on the artist. Release dates are uniform over ${d.firstYear}–${d.lastYear}, except a share of
${d.recentShare} drawn within ${d.lastYear}.

| genre | tempo (BPM) | sweet spot (BPM) | mean fit | energy | brightness | minor share |
|---|---|---|---|---|---|---|
${genres}

**Variance shares** over the full catalogue (computed from the formula and these distributions;
rounding, clipping and the top-track selection are ignored): total variance ${num(s.total)} points².

| term | variance (points²) | share |
|---|---|---|
| artist | ${num(s.variance.artist)} | ${pct(s.artist)} |
| audio | ${num(s.variance.audio)} | ${pct(s.audio)} |
| recency | ${num(s.variance.recency)} | ${pct(s.recency)} |
| noise | ${num(s.variance.noise)} | ${pct(s.noise)} |

Within the audio term: tempo fit ${num(v.tempo)}, energy ${num(v.energy)}, brightness ${
    num(v.brightness)
  }, hook ${num(v.hook)} points²
(${pct((v.brightness + v.hook) / s.total)} of the total from brightness and hook together).

**What a model can recover.** The artist term is reachable from \`artist_popularity\` and
\`followers\`; tempo fit from \`tempo\` and \`genre\`; energy (noisily) from \`energy\` and
\`loudness\`; recency from \`release_date\`. Brightness and hook strength are heard in the audio
only (spectral tilt and a repeated melodic motif), so a model that listens can beat one that reads
the metadata by up to their share of the variance. The noise term (${
    pct(s.noise)
  }) is the floor no model can go below.
`;
}

/** The rule as markdown, with its coefficients and the variance shares computed from them. */
export const DEMO_RULE_MARKDOWN: string = ruleMarkdown();
