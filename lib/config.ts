/**
 * The workspace's one configuration: dataset, paths, seed, spectrogram parameters, model
 * hyper-parameters and splitting. Every notebook and command reads it through {@link loadConfig},
 * so a value set once in the environment reaches every step of a study.
 *
 * Defaults follow the seed paper, read from the one settings object {@link PAPER_SETTINGS}
 * (./paper.ts): 44.1 kHz audio, batch 32, learning rate 1e-3, 25 epochs, early stopping with
 * patience 7 and δ = 0, an artist-grouped 80/20 split, spectrograms with librosa's defaults
 * (n_fft 2048, hop 512, 128 Slaney mel bands, power 2, top_db 80).
 *
 * Every leaf can be overridden by an environment variable named `HSS_` + its path in upper snake
 * case: `model.batchSize` ← `HSS_MODEL_BATCH_SIZE`, `dataset.demoSize` ← `HSS_DATASET_DEMO_SIZE`.
 * An invalid value stops with a {@link ConfigError} naming the field and the variable.
 *
 * @example
 * ```ts
 * import { loadConfig } from "./config.ts";
 * const config = loadConfig({ env: { HSS_SEED: "7" } });
 * console.log(config.seed, config.model.batchSize); // 7 32
 * ```
 * @module
 */
import { normalize } from "node:path";
import { z } from "zod";
import { DEFAULT_SEED, FORECAST_SETTINGS, PAPER_SETTINGS } from "./paper.ts";

/** Names of the datasets the workspace can build or import. */
const DATASET_SOURCES = [
  "demo",
  "hit-predictor",
  "spotify-2023",
  "playlist-tracks",
  "csv",
  "deezer",
  "spotify",
  "fma",
] as const;

/** Sizes of the synthetic demo corpus: `tiny` for CI, `default` for the main run, `paper` = 100 × 20. */
export const DEMO_SIZES = ["tiny", "default", "paper"] as const;

const positiveInt = z.coerce.number().int().positive();
const nonNegative = z.coerce.number().nonnegative();
const fraction = z.coerce.number().gt(0).lt(1);

/**
 * The sections and values of the configuration, one zod schema each: the shape of
 * {@link ConfigSchema}.
 */
export const CONFIG_SHAPE = {
  dataset: z.object({
    /** Which dataset notebooks build or import. */
    source: z.enum(DATASET_SOURCES).default("demo"),
    /** Size of the demo corpus when `source` is `demo`. */
    demoSize: z.enum(DEMO_SIZES).default("default"),
    /**
     * A CSV file for the `csv` source, the `fma_metadata/` folder for `fma`, or a folder/file
     * overriding a preset's location.
     */
    path: z.string().default(""),
    /** The `fma` source's audio folder (`fma_small/`, …, `fma_full/`); empty: no audio. */
    audioDir: z.string().default(""),
    /** The `fma` source's subset: `small` (8,000 clips), `medium`, `large` or `full`. */
    fmaSubset: z.enum(["small", "medium", "large", "full"]).default("small"),
    /**
     * A JSON column-mapping file for the `csv` source, shaped like a preset's mapping (see
     * lib/data/sources/csv/mapping_file.ts); empty: the CSV's columns carry the canonical names.
     */
    mapping: z.string().default(""),
    /** Popularity threshold (0–100) above which a track counts as popular in threshold metrics. */
    popularityThreshold: z.coerce.number().min(0).max(100).default(50),
  }).prefault({}),
  paths: z.object({
    /** Generated datasets (git-ignored). */
    data: z.string().min(1).default("data"),
    /** Executed notebooks, figures, models (git-ignored). */
    outputs: z.string().min(1).default("outputs"),
    /** The folder of shared real datasets that presets read in place. */
    sharedData: z.string().min(1).default("../shared/data"),
  }).prefault({}),
  /** Seed for every random choice: corpus synthesis, splits, shuffling, initialisation. */
  seed: z.coerce.number().int().nonnegative().default(DEFAULT_SEED),
  audio: z.object({
    /** Sample rate in Hz that every clip is resampled to. */
    sampleRate: positiveInt.default(PAPER_SETTINGS.audio.sampleRate),
    /** FFT size in samples. */
    nFft: positiveInt.default(PAPER_SETTINGS.audio.nFft),
    /** Hop between frames in samples. */
    hopLength: positiveInt.default(PAPER_SETTINGS.audio.hopLength),
    /** Number of mel bands. */
    nMels: positiveInt.default(PAPER_SETTINGS.audio.nMels),
    /** Lowest mel band edge in Hz. */
    fmin: nonNegative.default(PAPER_SETTINGS.audio.fmin),
    /** Highest mel band edge in Hz; 0 means sampleRate / 2. */
    fmax: nonNegative.default(PAPER_SETTINGS.audio.fmax),
    /** Exponent of the magnitude: 1 amplitude, 2 power. */
    power: z.coerce.number().positive().default(PAPER_SETTINGS.audio.power),
    /** Dynamic range kept by power_to_db, in dB. */
    topDb: z.coerce.number().positive().default(PAPER_SETTINGS.audio.topDb),
    /** Length in seconds of the crop fed to the network (seed 004: 10 s). */
    cropSeconds: z.coerce.number().positive().default(PAPER_SETTINGS.audio.cropSeconds),
    /** Where the crop is taken. */
    cropMode: z.enum(["center", "random"]).default("center"),
    /** Width in frames of the network input after time pooling. */
    frames: positiveInt.default(PAPER_SETTINGS.audio.frames),
  }).prefault({}),
  model: z.object({
    /** Examples per mini-batch. */
    batchSize: positiveInt.default(PAPER_SETTINGS.training.batchSize),
    /** Adam's learning rate. */
    learningRate: z.coerce.number().positive().default(PAPER_SETTINGS.training.learningRate),
    /** Most epochs of a training run. */
    epochs: positiveInt.default(PAPER_SETTINGS.training.epochs),
    /** Early stopping: epochs without improvement before stopping. */
    patience: positiveInt.default(PAPER_SETTINGS.training.patience),
    /** Early stopping: minimum decrease of validation loss that counts as improvement. */
    minDelta: nonNegative.default(PAPER_SETTINGS.training.minDelta),
    /**
     * Continue an interrupted training from its last checkpoint when the dataset, configuration
     * and code still match; false (`deno task run --fresh`) trains every model from its first epoch.
     */
    resume: z.union([z.boolean(), z.stringbool()]).default(true),
    /**
     * Seeds per network of the training notebook's ablation (seed, seed + 1, …): every metric is
     * reported with its mean, standard deviation and range over them. One on the tiny demo corpus.
     */
    seeds: positiveInt.default(3),
    /** Training backend; `auto` picks the fastest available. */
    backend: z.enum(["auto", "tensorflow-gpu", "tensorflow", "fast-cpu", "wasm", "webgpu", "cpu"])
      .default("auto"),
  }).prefault({}),
  split: z.object({
    /** Fraction of artists held out for testing (paper: 80/20). */
    testFraction: fraction.default(PAPER_SETTINGS.split.testFraction),
    /** Fraction of the training artists carved out for validation. */
    validationFraction: fraction.default(PAPER_SETTINGS.split.validationFraction),
    /** Folds of grouped k-fold cross-validation. */
    folds: z.coerce.number().int().min(2).default(5),
  }).prefault({}),
  /** The model comparison of notebook 05 (classical baselines side by side). */
  comparison: z.object({
    /** Baselines to run, comma-separated names (dummy, logreg, …, mlp), or `all`. */
    models: z.string().default("all"),
    /** Protocols: artist-grouped k-fold (`split.folds` folds), the paper's 80/20 hold-out, or both. */
    protocol: z.enum(["both", "group-kfold", "holdout"]).default("both"),
    /** Most training rows the RBF SVM learns from (stratified subset; its cost grows as n²); 0 = all. */
    rbfSvmMaxRows: z.coerce.number().int().nonnegative().default(10_000),
    /** Worker threads that fit models in parallel; 0 = one per CPU core. */
    workers: z.coerce.number().int().nonnegative().default(0),
    /**
     * CNN variants trained and scored on the k-fold's folds beside the baselines: `auto` (all
     * three on data with audio; none without audio or on the tiny demo corpus, which CI runs),
     * `all` (those the data supports), `none`, or variants separated by commas (`both`, `audio`,
     * `metadata`).
     */
    cnnFolds: z.string().trim().regex(
      /^(auto|all|none|(both|audio|metadata)(\s*,\s*(both|audio|metadata))*)$/,
      "expected auto, all, none or variants among both, audio, metadata separated by commas",
    ).default("auto"),
  }).prefault({}),
  /** Collecting a dataset from a provider with the seed paper's protocol (notebook 01). */
  collect: z.object({
    /** Provider to collect from; `none` skips collection (offline). */
    provider: z.enum(["none", "deezer", "spotify"]).default("none"),
    /** Artists separated by `;`: names, or ids as `id:27`, provider URLs or Spotify URIs. */
    artists: z.string().default(""),
    /** A text file with one artist per line (`#` comments), relative to the project root. */
    artistsFile: z.string().default(""),
    /** Top tracks per artist (paper: 5). */
    topTracks: z.coerce.number().int().nonnegative().default(5),
    /** Tracks drawn at random per artist from its albums and singles (paper: 15). */
    randomTracks: z.coerce.number().int().nonnegative().default(15),
    /** Seed of the random draw; -1 reuses `seed`, so the draw can stay fixed while `seed` varies. */
    seed: z.coerce.number().int().min(-1).default(-1),
    /** Spotify market, ISO 3166-1 alpha-2 (Deezer answers for the caller's country). */
    market: z.string().regex(/^[A-Z]{2}$/, "expected a two-letter country code").default("US"),
    /** Per-request timeout in seconds. */
    timeoutSeconds: z.coerce.number().positive().default(30),
    /** Retries after a 5xx answer, a network error or a timeout (with exponential backoff). */
    retries: z.coerce.number().int().nonnegative().default(4),
    /** Longest Retry-After (429) waited out, in seconds; a longer one stops, resumable. */
    maxRetryAfterSeconds: nonNegative.default(120),
    /** Least time between two requests in ms (Deezer allows about 50 requests per 5 s). */
    minIntervalMs: nonNegative.default(110),
    /** Download the 30-s previews into the dataset folder. */
    downloadPreviews: z.union([z.boolean(), z.stringbool()]).default(true),
    /** Draw only random tracks that have a preview, when the provider gives previews. */
    requirePreviews: z.union([z.boolean(), z.stringbool()]).default(true),
    /** Collect even when the provider lacks some of the paper's fields (left empty, recorded). */
    allowMissingFields: z.union([z.boolean(), z.stringbool()]).default(false),
    /** A folder of your own audio files, matched to tracks by ISRC or title + artist. */
    localAudioDir: z.string().default(""),
    /** Another API root (a mirror, a local test server); empty: the provider's own. */
    apiBaseUrl: z.string().default(""),
  }).prefault({}),
  /** Stream-count forecasting with LSTM and GRU (seed 003, notebook 06). */
  forecast: z.object({
    /**
     * Chart files in the Spotify Charts layout: a folder of daily CSVs or one long CSV, relative
     * to the project root. Empty: the demo corpus's daily stream counts.
     */
    chartsPath: z.string().default(""),
    /** Region kept from chart files holding several (`global`, `us`, …); empty: the only one, or `global`. */
    region: z.string().default(""),
    /** Lookbacks of the sweep, days of history per window, comma-separated. */
    lookbacks: z.preprocess(
      (v) => (typeof v === "string" ? v.split(",").map((x) => Number(x.trim())) : v),
      z.array(z.number().int().positive()).min(1),
    ).default([7, 14, 21, 28, 35, 42, 49, 56]),
    /** Lookbacks of the sweep on the tiny demo corpus (CI), comma-separated. */
    tinyLookbacks: z.preprocess(
      (v) => (typeof v === "string" ? v.split(",").map((x) => Number(x.trim())) : v),
      z.array(z.number().int().positive()).min(1),
    ).default([7, 14]),
    /** Lookback of the per-song and multi-input models; 0: the sweep's best by validation RMSE. */
    lookback: z.coerce.number().int().nonnegative().default(0),
    /** Windows of the sweep: all songs as one series (`multivariate`, fast) or `per-song`. */
    sweepShape: z.enum(["multivariate", "per-song"]).default("multivariate"),
    /** Most missing days a song may have once one-day gaps are interpolated; songs with more are dropped. */
    maxMissingDays: z.coerce.number().int().nonnegative().default(7),
    /** Share of the days, at the end, held out for testing. */
    testFraction: fraction.default(FORECAST_SETTINGS.testFraction),
    /** Share of the remaining days, at their end, for validation (early stopping, choice of lookback). */
    validationFraction: fraction.default(FORECAST_SETTINGS.validationFraction),
    /** Per-song scaling fitted on the training days: `minmax` (seed 003) or `log-standard`. */
    scaling: z.enum(["minmax", "log-standard"]).default("minmax"),
    /** Units of the recurrent layer. */
    hiddenUnits: positiveInt.default(32),
    /** Units of the multi-input model's ReLU layer after the concatenation. */
    headUnits: positiveInt.default(32),
    /** Most epochs per model; early stopping (model.patience, model.minDelta) usually ends sooner. */
    epochs: positiveInt.default(FORECAST_SETTINGS.epochs),
    /** Most epochs per model on the tiny demo corpus (CI). */
    tinyEpochs: positiveInt.default(8),
    /** Windows per batch of the multivariate models (learning rate: model.learningRate). */
    batchSize: positiveInt.default(PAPER_SETTINGS.training.batchSize),
    /** Windows per batch of the per-song and multi-input models. */
    perSongBatchSize: positiveInt.default(256),
  }).prefault({}),
};

/** zod schema of the configuration; defaults are filled in for every missing field. */
export const ConfigSchema: z.ZodObject<typeof CONFIG_SHAPE, z.core.$strip> = z.object(CONFIG_SHAPE);

/** The validated configuration. */
export type Config = z.infer<typeof ConfigSchema>;

/** Raised when a configuration value is invalid; the message names the field and its variable. */
export class ConfigError extends Error {
  /**
   * Creates the error; `message` names the field, its environment variable and what was expected.
   */
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Converts a config path such as `model.batchSize` to its variable, `HSS_MODEL_BATCH_SIZE`. */
export function envName(path: readonly (string | number | symbol)[]): string {
  return "HSS_" +
    path.map((p) => String(p).replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()).join("_");
}

function leafPaths(schema: z.ZodType, prefix: string[] = []): string[][] {
  let inner: z.ZodType = schema;
  // Unwrap defaults/prefaults to reach nested objects.
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault) {
    inner = inner.def.innerType as z.ZodType;
  }
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape).flatMap(([key, child]) =>
      leafPaths(child as z.ZodType, [...prefix, key])
    );
  }
  return [prefix];
}

/** Every configurable field as `[path, variable]`, in declaration order. */
export const CONFIG_FIELDS: readonly (readonly [string, string])[] = leafPaths(ConfigSchema).map(
  (p) => [p.join("."), envName(p)] as const,
);

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Environment to read `HSS_*` variables from; defaults to `Deno.env`. */
  env?: Record<string, string | undefined>;
  /** Values set in code; they win over the environment. */
  overrides?: Record<string, unknown>;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown) {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function mergeDeep(base: Record<string, unknown>, extra: Record<string, unknown>) {
  for (const [key, value] of Object.entries(extra)) {
    const current = base[key];
    if (
      value && typeof value === "object" && !Array.isArray(value) && current &&
      typeof current === "object"
    ) {
      mergeDeep(current as Record<string, unknown>, value as Record<string, unknown>);
    } else base[key] = value;
  }
  return base;
}

function readEnv(): Record<string, string | undefined> {
  try {
    return Deno.env.toObject();
  } catch {
    return {};
  }
}

/**
 * Builds the configuration from defaults, `HSS_*` environment variables and code overrides
 * (in that order of precedence, lowest first), validated by {@link ConfigSchema}.
 *
 * @throws {ConfigError} naming each invalid field, its variable, what was expected and what was found.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? readEnv();
  const raw: Record<string, unknown> = {};
  const fromEnv = new Set<string>();
  for (const path of leafPaths(ConfigSchema)) {
    const value = env[envName(path)];
    if (value !== undefined && value !== "") {
      setPath(raw, path, value);
      fromEnv.add(path.join("."));
    }
  }
  const unknown = Object.keys(env).filter((k) =>
    k.startsWith("HSS_") && !CONFIG_FIELDS.some(([, name]) => name === k)
  );
  if (unknown.length > 0) {
    throw new ConfigError(
      `unknown configuration variable ${unknown.join(", ")}; known: ${
        CONFIG_FIELDS.map(([, n]) => n).join(", ")
      }`,
    );
  }
  mergeDeep(raw, options.overrides ?? {});
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const field = issue.path.join(".");
      const origin = fromEnv.has(field) ? ` (from ${envName(issue.path)})` : "";
      let found: unknown = raw;
      for (const key of issue.path) found = (found as Record<string, unknown>)?.[key as string];
      return `config field ${field}${origin}: ${issue.message}; found ${JSON.stringify(found)}`;
    });
    throw new ConfigError(lines.join("\n"));
  }
  return result.data;
}

/** The configuration as `HSS_*` variables, for passing it to a child process or a kernel. */
export function configToEnv(config: Config): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of leafPaths(ConfigSchema)) {
    let value: unknown = config;
    for (const key of path) value = (value as Record<string, unknown>)[key];
    out[envName(path)] = String(value);
  }
  return out;
}

/**
 * The project root: the nearest folder at or above `start` that holds this workspace's deno.json.
 * Relative paths in the configuration are relative to it, so notebooks (which Jupyter runs in
 * notebooks/) and commands (run from the root) see the same files.
 */
export function projectRoot(start: string = Deno.cwd()): string {
  let dir = start.replace(/\/+$/, "") || "/";
  for (;;) {
    try {
      if (Deno.statSync(`${dir}/deno.json`).isFile && Deno.statSync(`${dir}/lib`).isDirectory) {
        return dir;
      }
    } catch { /* not here: go up */ }
    const parent = dir.replace(/\/[^/]*$/, "") || "/";
    if (parent === dir) {
      throw new ConfigError(`no project root (a folder with deno.json and lib/) above ${start}`);
    }
    dir = parent;
  }
}

/** Resolves a configured path against the project root (absolute paths are kept). */
export function resolvePath(path: string, root: string = projectRoot()): string {
  return normalize(path.startsWith("/") ? path : `${root}/${path}`);
}

/** A path as shown to people: relative to the project root when it lies inside it. */
export function displayPath(path: string, root: string = projectRoot()): string {
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

/** The `--dataset`, `--size` and `--set PATH=VALUE` options of the runner and the lab. */
export interface ConfigArgs {
  /** `--dataset NAME`: `dataset.source`. */
  dataset?: string;
  /** `--size SIZE`: `dataset.demoSize`. */
  size?: string;
  /** `--set PATH=VALUE`, repeatable: any configuration field. */
  set?: readonly string[];
}

/**
 * Turns `--dataset`, `--size` and `--set PATH=VALUE` options into overrides for
 * {@link loadConfig} (`--size tiny` → `{ dataset: { demoSize: "tiny" } }`).
 *
 * @throws {ConfigError} when a `--set` value is not `PATH=VALUE`.
 */
export function configOverrides(args: ConfigArgs): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  const set = (path: string, value: string) => {
    const keys = path.split(".");
    let node = overrides;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  };
  if (args.dataset) set("dataset.source", args.dataset);
  if (args.size) set("dataset.demoSize", args.size);
  for (const pair of args.set ?? []) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new ConfigError(`--set expects PATH=VALUE, got "${pair}"`);
    set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return overrides;
}
