/**
 * Assembles the synthetic demo corpus: artists with a hidden star power, a catalogue of tracks
 * per artist with hidden musical attributes, the seed paper's protocol (the 5 most popular
 * tracks of each artist's catalogue plus 15 drawn at random), a WAV clip per track, the
 * Spotify-like columns a provider would estimate, and the daily stream counts.
 *
 * {@link drawDemoCatalogue} is the pure, I/O-free part (every hidden value, for checking what a
 * model recovers); {@link buildDemoCorpus} renders the audio and builds the {@link Dataset}.
 *
 * @example
 * ```ts
 * import { buildDemoCorpus } from "./corpus.ts";
 * const dataset = await buildDemoCorpus({ size: "tiny", seed: 42, audioDir: "/tmp/demo-audio" });
 * console.log(dataset.name, dataset.tracks.height); // demo-tiny 100
 * ```
 * @module
 */
import { normalQuantile } from "../../stats.ts";
import { DEMO_SIZES, projectRoot } from "../../../config.ts";
import { PAPER_SETTINGS } from "../../../paper.ts";
import { artistsFrame, type Dataset, targetSpec, tracksFrame } from "../../dataset.ts";
import { deriveSeed, Rng } from "../../random.ts";
import {
  DEMO_ARTIST_MODEL,
  DEMO_GENRE_PROFILES,
  DEMO_GENRES,
  DEMO_HOOK_RANGE,
  DEMO_RELEASES,
  type DemoGenre,
  fractionalYear,
  type PopularityTerms,
  popularityTerms,
  type Range,
} from "./rule.ts";
import { DEMO_STREAM_DAYS, streamsFrame } from "./streams.ts";
import { type ClipAttributes, rmsDb, synthesizeClip } from "./synth.ts";
import { encodeWav } from "../../wav.ts";

/** A demo corpus size. */
export type DemoSize = typeof DEMO_SIZES[number];

/** Version of the generator; it changes whenever the same seed would give different data. */
export const DEMO_GENERATOR_VERSION = "demo-v2";

/** What one demo size holds. */
export interface DemoSizeSpec {
  /** Number of artists. */
  artists: number;
  /** Tracks drawn per artist into the catalogue before selection. */
  catalogue: number;
  /** Tracks kept per artist: the top tracks plus random ones. */
  tracksPerArtist: number;
  /** How many of the kept tracks are the artist's most popular. */
  topTracks: number;
  /** Default clip length in seconds. */
  clipSeconds: number;
  /** Length of the daily stream window in days. */
  streamDays: number;
}

/** The demo sizes: `tiny` for tests and CI, `default` for the main run, `paper` = 100 × 20. */
export const DEMO_SIZES_SPEC: Readonly<Record<DemoSize, DemoSizeSpec>> = {
  tiny: {
    artists: 5,
    catalogue: 40,
    tracksPerArtist: 20,
    topTracks: 5,
    clipSeconds: 3,
    streamDays: DEMO_STREAM_DAYS.tiny,
  },
  default: {
    artists: 30,
    catalogue: 40,
    tracksPerArtist: 20,
    topTracks: 5,
    clipSeconds: 10,
    streamDays: DEMO_STREAM_DAYS.default,
  },
  paper: {
    artists: 100,
    catalogue: 40,
    tracksPerArtist: 20,
    topTracks: 5,
    clipSeconds: 10,
    streamDays: DEMO_STREAM_DAYS.paper,
  },
};

/** Raised for invalid {@link buildDemoCorpus} options; says what was expected and found. */
export class DemoCorpusError extends Error {
  /** Creates the error with a message naming the option, what was expected and what was found. */
  constructor(message: string) {
    super(message);
    this.name = "DemoCorpusError";
  }
}

/** A generated artist with its hidden star power. */
export interface DemoArtist {
  /** `demo-a001`, … */
  id: string;
  /** Generated, pronounceable artist or band name. */
  name: string;
  /** Main genre; sets the ranges of its tracks' attributes. */
  genre: DemoGenre;
  /** Hidden star power, a standard normal draw; drives the artist term of the rule. */
  starPower: number;
  /** artist_popularity, 0–100. */
  popularity: number;
  /** Follower count. */
  followers: number;
}

/** The Spotify-like columns as a provider would estimate them (all but `loudness`, measured). */
export interface ProviderEstimates {
  /** 0–1, hidden danceability + N(0, 0.05), clipped. */
  danceability: number;
  /** 0–1, hidden energy + N(0, 0.05), clipped. */
  energy: number;
  /** Pitch class 0–11; a fifth off for about 3 % of tracks. */
  key: number;
  /** 1 major, 0 minor; flipped for about 3 % of tracks. */
  mode: number;
  /** 0–1, hidden speechiness + N(0, 0.05), clipped. */
  speechiness: number;
  /** 0–1, hidden acousticness + N(0, 0.05), clipped. */
  acousticness: number;
  /** 0–1, hidden instrumentalness + N(0, 0.05), clipped. */
  instrumentalness: number;
  /** 0–1, hidden liveness + N(0, 0.05), clipped. */
  liveness: number;
  /** 0–1, hidden valence + N(0, 0.05), clipped. */
  valence: number;
  /** BPM, within about 0.3 % of the true tempo. */
  tempo: number;
  /** Beats per bar. */
  time_signature: number;
}

/** One track of an artist's catalogue, with everything hidden and observed about it. */
export interface DemoTrack {
  /** `demo-t00001`, … for kept tracks; null for catalogue tracks left out. */
  id: string | null;
  /** Position in the artist's catalogue (0-based). */
  catalogueIndex: number;
  /** The artist's id, `demo-a001`, … */
  artistId: string;
  /** Generated track title. */
  name: string;
  /** The artist's genre. */
  genre: DemoGenre;
  /** Hidden musical attributes, as synthesised. */
  attributes: ClipAttributes;
  /** Release date YYYY-MM-DD. */
  releaseDate: string;
  /** Whole-song duration in milliseconds (the clip is an excerpt). */
  durationMs: number;
  /** The popularity rule's terms; `terms.popularity` is `track_popularity`. */
  terms: PopularityTerms;
  /** Kept by the protocol. */
  selected: boolean;
  /** One of the artist's top tracks by popularity in its catalogue. */
  isTopTrack: boolean;
  /** The Spotify-like columns a provider would report (loudness is measured on the clip). */
  estimates: ProviderEstimates;
  /** Seed of the clip's synthesis. */
  clipSeed: number;
}

/** The drawn corpus without audio: artists, full catalogues and the kept tracks. */
export interface DemoCatalogue {
  /** The size drawn. */
  size: DemoSize;
  /** The seed drawn with. */
  seed: number;
  /** The artists, in id order. */
  artists: DemoArtist[];
  /** Every drawn track, artist by artist, in catalogue order. */
  catalogue: DemoTrack[];
  /** The kept tracks in table order: per artist its top tracks (most popular first), then the rest. */
  tracks: DemoTrack[];
}

const ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "r", "s", "t", "v", "z", "br", "tr", "st"];
const VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io"];
const CODAS = ["", "", "", "n", "r", "l", "s", "x"];
const ADJECTIVES = [
  "Golden",
  "Electric",
  "Silent",
  "Velvet",
  "Midnight",
  "Neon",
  "Broken",
  "Wild",
  "Crystal",
  "Paper",
  "Restless",
  "Blue",
];
const NOUNS = [
  "Hearts",
  "Rivers",
  "Comets",
  "Lights",
  "Echoes",
  "Wolves",
  "Satellites",
  "Roads",
  "Tides",
  "Mirrors",
  "Summers",
  "Skies",
];
const WORDS = [
  "Love",
  "Night",
  "Fire",
  "Home",
  "Dance",
  "Rain",
  "Dream",
  "Gold",
  "Stars",
  "Heart",
  "Road",
  "Light",
  "Ocean",
  "Shadow",
  "Summer",
  "City",
];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function syllables(rng: Rng, count: number): string {
  let word = "";
  for (let i = 0; i < count; i++) word += rng.choice(ONSETS) + rng.choice(VOWELS);
  return capitalise(word + rng.choice(CODAS));
}

function artistName(rng: Rng): string {
  const style = rng.int(0, 3);
  if (style === 0) return `The ${rng.choice(ADJECTIVES)} ${rng.choice(NOUNS)}`;
  if (style === 1) return syllables(rng, rng.int(2, 4));
  return `${syllables(rng, 2)} ${syllables(rng, rng.int(2, 4))}`;
}

function trackName(rng: Rng): string {
  const style = rng.int(0, 3);
  if (style === 0) return `${rng.choice(ADJECTIVES)} ${rng.choice(WORDS)}`;
  if (style === 1) return `${rng.choice(WORDS)} of ${rng.choice(NOUNS)}`;
  return `${rng.choice(WORDS)} ${rng.choice(WORDS)}`;
}

const clip01 = (x: number) => Math.min(1, Math.max(0, x));
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const draw = (rng: Rng, [lo, hi]: Range) => rng.uniform(lo, hi);
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * Star powers of `count` artists, stratified: each artist gets its own 1/count slice of (0, 1)
 * (slices shuffled) and the normal quantile of a uniform draw in the middle half of that slice.
 * The values are close to N(0, 1) draws, but even 5 artists span the range, so the artist term's
 * spread in a small corpus does not hinge on luck.
 */
function drawStarPowers(seed: number, count: number): number[] {
  const rng = new Rng(deriveSeed(seed, "star-power", count));
  const slices = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  return slices.map((slice) => normalQuantile((slice + rng.uniform(0.25, 0.75)) / count));
}

function drawArtist(seed: number, index: number, starPower: number): DemoArtist {
  const rng = new Rng(deriveSeed(seed, "artist", index));
  const m = DEMO_ARTIST_MODEL;
  const genre = rng.choice(DEMO_GENRES);
  const popularity = Math.min(
    100,
    Math.max(
      0,
      Math.round(
        m.popularityMean + m.popularityPerStarPower * starPower +
          rng.normal(0, m.popularityNoiseSd),
      ),
    ),
  );
  const log10Followers = m.log10FollowersMean + m.log10FollowersPerStarPower * starPower +
    rng.normal(0, m.log10FollowersNoiseSd);
  return {
    id: `demo-a${pad(index + 1, 3)}`,
    name: artistName(rng),
    genre,
    starPower,
    popularity,
    followers: Math.round(Math.pow(10, log10Followers)),
  };
}

function drawReleaseDate(rng: Rng): string {
  const { firstYear, lastYear, recentShare } = DEMO_RELEASES;
  const year = rng.bernoulli(recentShare) ? lastYear : rng.int(firstYear, lastYear + 1);
  const month = rng.int(1, 13);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month, 2)}-${pad(rng.int(1, days + 1), 2)}`;
}

function drawTrack(seed: number, artist: DemoArtist, artistIndex: number, k: number): DemoTrack {
  const rng = new Rng(deriveSeed(seed, "track", artistIndex, k));
  const p = DEMO_GENRE_PROFILES[artist.genre];
  const mode = rng.bernoulli(p.minorShare) ? 0 : 1;
  const attributes: ClipAttributes = {
    tempo: draw(rng, p.tempo),
    beatsPerBar: rng.bernoulli(p.waltzShare) ? 3 : 4,
    key: rng.choice(Array.from({ length: 12 }, (_, i) => i), p.keyWeights),
    mode,
    energy: draw(rng, p.energy),
    danceability: draw(rng, p.danceability),
    brightness: draw(rng, p.brightness),
    valence: clip01(draw(rng, p.valence) + (mode === 1 ? 0.15 : 0)),
    acousticness: draw(rng, p.acousticness),
    hook: draw(rng, DEMO_HOOK_RANGE),
    speechiness: draw(rng, p.speechiness),
    instrumentalness: draw(rng, p.instrumentalness),
    liveness: draw(rng, p.liveness),
    gain: rng.uniform(0.6, 1),
  };
  const releaseDate = drawReleaseDate(rng);
  const [y, m, d] = releaseDate.split("-").map(Number);
  const terms = popularityTerms({
    starPower: artist.starPower,
    genre: artist.genre,
    tempo: attributes.tempo,
    energy: attributes.energy,
    brightness: attributes.brightness,
    hook: attributes.hook,
    releaseTime: fractionalYear(y, m, d),
    noise: rng.normal(),
  });
  const est = rng.fork("estimates");
  const noisy = (x: number) => round3(clip01(x + est.normal(0, 0.05)));
  const estimates: ProviderEstimates = {
    danceability: noisy(attributes.danceability),
    energy: noisy(attributes.energy),
    key: est.bernoulli(0.03) ? (attributes.key + 7) % 12 : attributes.key,
    mode: est.bernoulli(0.03) ? 1 - mode : mode,
    speechiness: noisy(attributes.speechiness),
    acousticness: noisy(attributes.acousticness),
    instrumentalness: noisy(attributes.instrumentalness),
    liveness: noisy(attributes.liveness),
    valence: noisy(attributes.valence),
    tempo: round3(attributes.tempo * (1 + est.normal(0, 0.003))),
    time_signature: attributes.beatsPerBar,
  };
  return {
    id: null,
    catalogueIndex: k,
    artistId: artist.id,
    name: trackName(rng),
    genre: artist.genre,
    attributes,
    releaseDate,
    durationMs: Math.round(draw(rng, p.durationSeconds) * 1000),
    terms,
    selected: false,
    isTopTrack: false,
    estimates,
    clipSeed: 0,
  };
}

/** Orders catalogue tracks by popularity, most popular first (ties: raw sum, then position). */
function byPopularity(a: DemoTrack, b: DemoTrack): number {
  return b.terms.popularity - a.terms.popularity || b.terms.raw - a.terms.raw ||
    a.catalogueIndex - b.catalogueIndex;
}

/** Options of {@link drawDemoCatalogue}. */
export interface DemoCatalogueOptions {
  /** `tiny`, `default` or `paper` (see {@link DEMO_SIZES_SPEC}). */
  size: DemoSize;
  /** Seed of every random choice (an integer). */
  seed: number;
}

/**
 * Draws the corpus without audio: artists, each artist's catalogue with the popularity rule
 * applied, and the protocol's selection (top tracks + tracks drawn at random). Pure and fast.
 * Star powers are stratified over the artists (each still N(0, 1)); an artist's name, genre and
 * tracks depend only on the seed and its index.
 */
export function drawDemoCatalogue(options: DemoCatalogueOptions): DemoCatalogue {
  const spec = DEMO_SIZES_SPEC[options.size];
  if (!spec) {
    throw new DemoCorpusError(
      `size: expected one of ${DEMO_SIZES.join(", ")}; found ${JSON.stringify(options.size)}`,
    );
  }
  if (!Number.isInteger(options.seed)) {
    throw new DemoCorpusError(`seed: expected an integer; found ${options.seed}`);
  }
  const artists: DemoArtist[] = [];
  const catalogue: DemoTrack[] = [];
  const tracks: DemoTrack[] = [];
  const starPowers = drawStarPowers(options.seed, spec.artists);
  for (let a = 0; a < spec.artists; a++) {
    const artist = drawArtist(options.seed, a, starPowers[a]);
    artists.push(artist);
    const own = Array.from(
      { length: spec.catalogue },
      (_, k) => drawTrack(options.seed, artist, a, k),
    );
    catalogue.push(...own);
    const ranked = own.slice().sort(byPopularity);
    const top = ranked.slice(0, spec.topTracks);
    const picker = new Rng(deriveSeed(options.seed, "select", a));
    const rest = picker.shuffle(ranked.slice(spec.topTracks))
      .slice(0, spec.tracksPerArtist - spec.topTracks)
      .sort((x, y) => x.catalogueIndex - y.catalogueIndex);
    for (const t of top) t.isTopTrack = true;
    for (const t of [...top, ...rest]) {
      t.selected = true;
      t.id = `demo-t${pad(tracks.length + 1, 5)}`;
      t.clipSeed = deriveSeed(options.seed, "clip", tracks.length);
      tracks.push(t);
    }
  }
  return { size: options.size, seed: options.seed, artists, catalogue, tracks };
}

/** Options of {@link buildDemoCorpus}. */
export interface DemoCorpusOptions {
  /** `tiny` (5 × 20 tracks, 3 s clips), `default` (30 × 20, 10 s) or `paper` (100 × 20, 10 s). */
  size: DemoSize;
  /** Seed of every random choice (an integer): same seed, same tables and WAV bytes. */
  seed: number;
  /** Absolute folder the WAV clips are written to (`<track_id>.wav`); created if missing. */
  audioDir: string;
  /** Sample rate of the clips in Hz; default 44 100. */
  sampleRate?: number;
  /** Clip length in seconds; default the size's (see {@link DEMO_SIZES_SPEC}). */
  clipSeconds?: number;
  /** Called after each clip is written with the count done and the total. */
  onProgress?: (done: number, total: number) => void;
}

function isAbsolute(path: string): boolean {
  return path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path);
}

/** Prefix of `audio_path` values: relative to the project root when the folder is inside it. */
function audioPathPrefix(audioDir: string): string {
  try {
    const root = projectRoot();
    if (audioDir === root) return "";
    if (audioDir.startsWith(root + "/")) return audioDir.slice(root.length + 1) + "/";
  } catch { /* no project root above the working directory: keep the absolute path */ }
  return audioDir + "/";
}

/**
 * Builds the demo corpus: draws it ({@link drawDemoCatalogue}), synthesises and writes each kept
 * track's clip as 16-bit mono WAV, measures each clip's RMS level for the `loudness` column
 * (dBFS, see {@link rmsDb}) and adds the daily `streams` table.
 *
 * @returns the dataset `demo-<size>` with target `track_popularity` (regression, threshold 50),
 *   no issues and `tables.streams`
 * @throws {DemoCorpusError} for an unknown size, a non-integer seed, a relative `audioDir`, a
 *   non-positive-integer sample rate or a non-positive clip length
 */
export async function buildDemoCorpus(options: DemoCorpusOptions): Promise<Dataset> {
  const sampleRate = options.sampleRate ?? PAPER_SETTINGS.audio.sampleRate;
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) {
    throw new DemoCorpusError(`sampleRate: expected a positive integer (Hz); found ${sampleRate}`);
  }
  if (!isAbsolute(options.audioDir)) {
    throw new DemoCorpusError(`audioDir: expected an absolute path; found "${options.audioDir}"`);
  }
  const drawn = drawDemoCatalogue(options);
  const spec = DEMO_SIZES_SPEC[options.size];
  const seconds = options.clipSeconds ?? spec.clipSeconds;
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new DemoCorpusError(`clipSeconds: expected a positive number; found ${seconds}`);
  }
  const audioDir = options.audioDir.replace(/[\\/]+$/, "") || "/";
  await Deno.mkdir(audioDir, { recursive: true });
  const prefix = audioPathPrefix(audioDir);

  const artistName = new Map(drawn.artists.map((a) => [a.id, a.name]));
  const rows: Record<string, unknown>[] = [];
  for (const [i, t] of drawn.tracks.entries()) {
    const clip = synthesizeClip(t.attributes, { seconds, seed: t.clipSeed, sampleRate });
    const loudness = round3(rmsDb(clip));
    await Deno.writeFile(`${audioDir}/${t.id}.wav`, encodeWav(clip, sampleRate));
    const [year, month] = t.releaseDate.split("-").map(Number);
    rows.push({
      track_id: t.id,
      track_name: t.name,
      artist_id: t.artistId,
      artist_name: artistName.get(t.artistId),
      track_popularity: t.terms.popularity,
      release_date: t.releaseDate,
      release_year: year,
      release_month: month,
      duration_ms: t.durationMs,
      ...t.estimates,
      loudness,
      is_top_track: t.isTopTrack,
      audio_path: `${prefix}${t.id}.wav`,
    });
    options.onProgress?.(i + 1, drawn.tracks.length);
  }

  const artists = artistsFrame(drawn.artists.map((a) => ({
    artist_id: a.id,
    artist_name: a.name,
    artist_popularity: a.popularity,
    followers: a.followers,
    genre: a.genre,
  })));
  const streams = streamsFrame(
    drawn.tracks.map((t) => ({
      trackId: t.id ?? "",
      popularity: t.terms.popularity,
      releaseDate: t.releaseDate,
    })),
    { days: spec.streamDays, seed: deriveSeed(options.seed, "streams") },
  );
  return {
    name: `demo-${options.size}`,
    source: `synthetic demo corpus, generator ${DEMO_GENERATOR_VERSION} (lib/data/sources/demo), ` +
      `seed ${options.seed}, size ${options.size}: ${spec.artists} artists × ${spec.tracksPerArtist} ` +
      `tracks, ${seconds} s clips at ${sampleRate} Hz`,
    artists,
    tracks: tracksFrame(rows),
    target: targetSpec({ column: "track_popularity", kind: "regression", threshold: 50 }),
    issues: [],
    tables: { streams },
  };
}
