/**
 * Bad files made on purpose, to show how a batch reports and skips them — an empty file, a text
 * file named `.mp3`, a second of digital silence written by the project's WAV writer, and, when
 * sources are given, a WAV cut to a third and an MP3 cut in half — plus a batch's failures and
 * its two-run cache statistics as tables and sentences.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { extractNetworkInputs } from "./extract.ts";
 * import { failuresReport, writeFailureExamples } from "./failure_examples.ts";
 * const dir = await Deno.makeTempDir();
 * const paths = await writeFailureExamples(dir);
 * const batch = await extractNetworkInputs(paths, loadConfig().audio, { cacheDir: null });
 * console.log(failuresReport(batch.failures, { madeDir: dir }).reading);
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { displayPath } from "../../config.ts";
import { encodeWav } from "../../data/wav.ts";
import { AUDIO_FAILURE_KINDS } from "../decode/errors.ts";
import type { AudioConfig } from "../input/network_input.ts";
import {
  type ExtractFailure,
  extractNetworkInputs,
  type ExtractOptions,
  type ExtractWarning,
  type NetworkInputBatch,
} from "./extract.ts";
import { progressReporter } from "./progress.ts";

/** Real files to cut short, when available. */
export interface FailureSources {
  /** A valid WAV file: its first third is written as `cut.wav`. */
  wav?: string;
  /** A valid MP3 file: its first half is written as `half.mp3`. */
  mp3?: string;
}

/**
 * Writes the bad files into `dir` and returns their paths, sorted: `empty.mp3`, `lyrics.mp3`
 * (text), `silence.wav` (1 s of zeros at 44.1 kHz), and `cut.wav` / `half.mp3` from `sources`.
 */
export async function writeFailureExamples(
  dir: string,
  sources: FailureSources = {},
): Promise<string[]> {
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeFile(`${dir}/empty.mp3`, new Uint8Array(0));
  await Deno.writeTextFile(
    `${dir}/lyrics.mp3`,
    "Not a song: the lyrics, saved with the wrong name.\n",
  );
  await Deno.writeFile(`${dir}/silence.wav`, encodeWav(new Float32Array(44_100), 44_100));
  const written = ["empty.mp3", "lyrics.mp3", "silence.wav"];
  const cut = async (from: string | undefined, name: string, share: number) => {
    if (!from) return;
    const bytes = await Deno.readFile(from);
    await Deno.writeFile(`${dir}/${name}`, bytes.subarray(0, Math.floor(bytes.length * share)));
    written.push(name);
  };
  await cut(sources.wav, "cut.wav", 1 / 3);
  await cut(sources.mp3, "half.mp3", 1 / 2);
  return written.sort().map((name) => `${dir}/${name}`);
}

/** Options of {@link failuresReport}. */
export interface FailuresReportOptions {
  /** Folder of the files made on purpose: shown as `(made here)/<name>`. */
  madeDir?: string;
  /** A batch's warnings (clips shorter than the crop, padded): listed after the failures. */
  warnings?: readonly ExtractWarning[];
}

/**
 * How many files failed and the failure kinds (reading), each with its kind and reason (table);
 * with `options.warnings`, the clips used but padded follow, kind `padded`, and the reading
 * counts them too.
 */
export function failuresReport(
  failures: readonly ExtractFailure[],
  options: FailuresReportOptions = {},
): { reading: string; table: pl.DataFrame | null } {
  const n = failures.length;
  const warnings = options.warnings ?? [];
  const w = warnings.length;
  const reading =
    `**${n}** file${n === 1 ? "" : "s"} could not be used (failure kinds: ${
      AUDIO_FAILURE_KINDS.map((k) => `\`${k}\``).join(", ")
    }).` + (w > 0
      ? ` **${w}** clip${w === 1 ? " was" : "s were"} shorter than the crop: padded with zeros, ` +
        `used and flagged \`padded\`.`
      : "");
  if (n + w === 0) return { reading, table: null };
  const made = options.madeDir;
  const shown = (p: string) =>
    made && p.startsWith(`${made}/`) ? `(made here)/${p.slice(made.length + 1)}` : displayPath(p);
  const rows = [...failures, ...warnings];
  const table = pl.DataFrame([
    pl.Series("file", rows.map((f) => shown(f.path)), pl.Utf8),
    pl.Series("kind", rows.map((f) => f.kind), pl.Utf8),
    pl.Series("reason", rows.map((f) => f.reason), pl.Utf8),
  ]);
  return { reading, table };
}

/** One batch run's counts: files, extracted, failed, cache hits and misses, hit rate, speed. */
export interface BatchRun {
  /** The run's label, as the batch log names it. */
  run: string;
  /** Audio files the run was given. */
  files: number;
  /** Files whose network input was computed or found in the cache. */
  extracted: number;
  /** Files that could not be decoded or were too short. */
  failed: number;
  /** Network inputs read from the cache instead of computed. */
  cacheHits: number;
  /** Network inputs looked up in the cache and not found (then computed). */
  cacheMisses: number;
  /** Hits over hits + misses, in [0, 1]; 0 when nothing was looked up. */
  hitRate: number;
  /** Wall time of the run, in seconds. */
  seconds: number;
  /** Files per second of wall time. */
  clipsPerSecond: number;
}

/** The counts of one run of extractNetworkInputs over `files` paths. */
export function batchRun(run: string, batch: NetworkInputBatch, files: number): BatchRun {
  const total = batch.cache.hits + batch.cache.misses;
  return {
    run,
    files,
    extracted: batch.inputs.filter((x) => x !== null).length,
    failed: batch.failures.length,
    cacheHits: batch.cache.hits,
    cacheMisses: batch.cache.misses,
    hitRate: total > 0 ? batch.cache.hits / total : 0,
    seconds: batch.seconds,
    clipsPerSecond: batch.seconds > 0 ? files / batch.seconds : 0,
  };
}

/** Runs as a table (run, files, extracted, failed, cache hits, cache misses, hit rate, …). */
export function batchRunsFrame(runs: readonly BatchRun[]): pl.DataFrame {
  const int = (name: string, pick: (r: BatchRun) => number) =>
    pl.Series(name, runs.map(pick), pl.Int64);
  const float = (name: string, pick: (r: BatchRun) => number) =>
    pl.Series(name, runs.map(pick), pl.Float64);
  return pl.DataFrame([
    pl.Series("run", runs.map((r) => r.run), pl.Utf8),
    int("files", (r) => r.files),
    int("extracted", (r) => r.extracted),
    int("failed", (r) => r.failed),
    int("cache hits", (r) => r.cacheHits),
    int("cache misses", (r) => r.cacheMisses),
    float("hit rate", (r) => r.hitRate),
    float("seconds", (r) => r.seconds),
    float("clips/s", (r) => r.clipsPerSecond),
  ]);
}

/** What {@link extractTwice} returns. */
export interface TwoRuns {
  /** The counts of the first and the second run. */
  runs: BatchRun[];
  /** The second run's batch (its inputs and failures). */
  last: NetworkInputBatch;
}

/**
 * Runs extractNetworkInputs twice over the same files with the same cache, showing progress: the
 * second run reads back what the first computed.
 */
export async function extractTwice(
  paths: readonly string[],
  audio: AudioConfig,
  options: Omit<ExtractOptions, "onProgress"> = {},
): Promise<TwoRuns> {
  const runs: BatchRun[] = [];
  let last: NetworkInputBatch | null = null;
  for (const run of ["first", "second"]) {
    last = await extractNetworkInputs(paths, audio, {
      ...options,
      onProgress: progressReporter({ label: `${run} run` }),
    });
    runs.push(batchRun(run, last, paths.length));
  }
  return { runs, last: last! };
}
