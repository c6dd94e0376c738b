/**
 * The clips a spectrogram study looks at, and what each file held: the dataset's tracks that
 * have audio, three contrasting ones (slowest, fastest, most energetic), the audio files of a
 * folder with their codec, rate, channels and duration, a file's mel spectrogram in dB with the
 * configured parameters, the network input drawn back as a spectrogram, and audio descriptors as a
 * table. Paths are resolved against the project root the way `audio_path` values are stored.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { describeAudioFiles, listAudioFiles, melDbOfFile } from "./clips.ts";
 * const config = loadConfig();
 * const paths = await listAudioFiles("../shared/data/audio");
 * console.log((await describeAudioFiles(paths, config.audio.sampleRate)).toString());
 * const { spectrogram } = await melDbOfFile(paths[0], config.audio);
 * console.log(spectrogram.rows, spectrogram.frames);
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { type Config, resolvePath } from "../config.ts";
import type { Dataset } from "../data/dataset.ts";
import { loadAudio, type LoadedAudio } from "./decode/load.ts";
import { extractNetworkInputs } from "./extract/extract.ts";
import type { AudioDescriptors } from "./descriptors/audio_descriptors.ts";
import { PITCH_CLASSES } from "./descriptors/key.ts";
import { type AudioConfig, networkInputShape } from "./input/network_input.ts";
import { powerToDb } from "./spectrogram/db.ts";
import { melFilterbank } from "./spectrogram/mel.ts";
import { melSpectrogram } from "./spectrogram/mel_spectrogram.ts";
import type { Spectrogram } from "./spectrogram/types.ts";

/** File name extensions the pipeline reads (WAV itself, the others through ffmpeg). */
export const AUDIO_EXTENSIONS: readonly string[] = ["wav", "mp3", "ogg", "flac"];

/** What {@link tracksWithAudio} returns. */
export interface TracksWithAudio {
  /** The tracks whose `audio_path` is set. */
  tracks: pl.DataFrame;
  /** Their audio files, resolved against the project root. */
  paths: string[];
  /** How many tracks have audio, in a sentence. */
  reading: string;
}

/** The dataset's tracks that carry an audio file, with their resolved paths. */
export function tracksWithAudio(dataset: Pick<Dataset, "name" | "tracks">): TracksWithAudio {
  const tracks = dataset.tracks.columns.includes("audio_path")
    ? dataset.tracks.filter(pl.col("audio_path").isNotNull())
    : dataset.tracks.head(0);
  const paths = tracks.height > 0
    ? (tracks.getColumn("audio_path").toArray() as string[]).map((p) => resolvePath(p))
    : [];
  const reading = paths.length > 0
    ? `${paths.length.toLocaleString("en")} of ${
      dataset.tracks.height.toLocaleString("en")
    } tracks have an audio file.`
    : `The \`${dataset.name}\` dataset has no audio files; the sections on the dataset's clips ` +
      `are skipped, the real recordings below are still shown.`;
  return { tracks, paths, reading };
}

/** One track row as a record (column → value). */
export type TrackRecord = Record<string, unknown>;

function extreme(rows: TrackRecord[], key: string, larger: boolean): TrackRecord | null {
  let best: TrackRecord | null = null;
  for (const r of rows) {
    const v = r[key];
    if (v === null || v === undefined || !Number.isFinite(Number(v))) continue;
    if (best === null || (larger ? Number(v) > Number(best[key]) : Number(v) < Number(best[key]))) {
      best = r;
    }
  }
  return best;
}

/**
 * Three contrasting tracks: the slowest and the fastest by `tempo`, and the most energetic by
 * `energy` (fewer when those columns are missing or empty; a track is listed once).
 */
export function contrastingTracks(tracks: pl.DataFrame): TrackRecord[] {
  const rows = tracks.toRecords() as TrackRecord[];
  const picks = [
    extreme(rows, "tempo", false),
    extreme(rows, "tempo", true),
    extreme(rows, "energy", true),
  ];
  const chosen = [...new Set(picks.filter((r): r is TrackRecord => r !== null))];
  return chosen.length > 0 ? chosen : rows.slice(0, 1);
}

/** A key and mode in words: (9, 0) → "A minor"; an unknown key (−1 or null) → "key unknown". */
export function keyName(key: unknown, mode: unknown): string {
  const k = key === null || key === undefined ? -1 : Number(key);
  if (!Number.isInteger(k) || k < 0 || k > 11) return "key unknown";
  return `${PITCH_CLASSES[k]} ${Number(mode) === 1 ? "major" : "minor"}`;
}

/** A track's figure title: "name — artist · tempo 120 BPM · A minor · energy 0.53". */
export function trackTitle(r: TrackRecord): string {
  const parts = [`${r.track_name ?? r.track_id ?? "track"} — ${r.artist_name ?? "?"}`];
  if (r.tempo !== null && r.tempo !== undefined) {
    parts.push(`tempo ${Number(r.tempo).toFixed(0)} BPM`);
  }
  if (r.key !== undefined) parts.push(keyName(r.key, r.mode));
  if (r.energy !== null && r.energy !== undefined) {
    parts.push(`energy ${Number(r.energy).toFixed(2)}`);
  }
  return parts.join(" · ");
}

/** The audio files of a folder (by extension, sorted); an empty list when it does not exist. */
export async function listAudioFiles(dir: string): Promise<string[]> {
  const pattern = new RegExp(`\\.(${AUDIO_EXTENSIONS.join("|")})$`, "i");
  const paths: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && pattern.test(e.name)) paths.push(`${dir}/${e.name}`);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return paths.sort();
}

/** The last segment of a path. */
export function fileName(path: string): string {
  return path.split("/").pop() ?? path;
}

/**
 * What each file held: file, codec, rate (Hz), channels, duration (s); a file that cannot be
 * decoded keeps its row with `failed: <reason>` as codec.
 *
 * @param sampleRate rate in Hz the clips are resampled to (as the pipeline does)
 */
export async function describeAudioFiles(
  paths: readonly string[],
  sampleRate: number,
): Promise<pl.DataFrame> {
  const rows: {
    file: string;
    codec: string;
    rate: number | null;
    ch: number | null;
    s: number | null;
  }[] = [];
  for (const path of paths) {
    try {
      const { source } = await loadAudio(path, { sampleRate });
      rows.push({
        file: fileName(path),
        codec: source.codec,
        rate: source.sampleRate,
        ch: source.channels,
        s: source.seconds,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      rows.push({
        file: fileName(path),
        codec: `failed: ${reason}`,
        rate: null,
        ch: null,
        s: null,
      });
    }
  }
  return pl.DataFrame([
    pl.Series("file", rows.map((r) => r.file), pl.Utf8),
    pl.Series("codec", rows.map((r) => r.codec), pl.Utf8),
    pl.Series("rate (Hz)", rows.map((r) => r.rate), pl.Int64),
    pl.Series("channels", rows.map((r) => r.ch), pl.Int64),
    pl.Series("duration (s)", rows.map((r) => r.s), pl.Float64),
  ]);
}

/** A decoded clip and its mel spectrogram in dB. */
export interface ClipSpectrogram {
  /** The decoded clip: mono samples at the configured sample rate. */
  clip: LoadedAudio;
  /** Mel power spectrogram → dB re 1 with the configured top_db. */
  spectrogram: Spectrogram;
}

/** Decodes a file at the configured rate and computes its mel spectrogram in dB. */
export async function melDbOfFile(path: string, audio: AudioConfig): Promise<ClipSpectrogram> {
  const clip = await loadAudio(path, { sampleRate: audio.sampleRate });
  const power = melSpectrogram(clip.samples, clip.sampleRate, audio);
  return { clip, spectrogram: powerToDb(power, { topDb: audio.topDb }) };
}

/** A clip's figure title: "name (codec, 48000 Hz → 44100 Hz)". */
export function clipTitle(path: string, clip: LoadedAudio): string {
  return `${fileName(path)} (${clip.source.codec}, ${clip.source.sampleRate} Hz → ` +
    `${clip.sampleRate} Hz)`;
}

/**
 * The network input ([nMels × frames] dB, row-major) as a spectrogram to draw: each column spans
 * `cropSeconds / frames` seconds of a clip (or the whole clip when shorter), each row is labelled
 * with its mel band's centre in Hz.
 *
 * @param input one network input from extractNetworkInputs or networkInput
 * @param clipSeconds duration of the clip it was computed from, in seconds
 */
export function networkInputSpectrogram(
  input: Float32Array,
  clipSeconds: number,
  audio: AudioConfig,
): Spectrogram {
  const [nMels, frames] = networkInputShape(audio);
  if (input.length !== nMels * frames) {
    throw new RangeError(`expected ${nMels} × ${frames} values; found ${input.length}`);
  }
  const crop = Math.min(audio.cropSeconds, clipSeconds);
  return {
    data: Float64Array.from(input),
    rows: nMels,
    frames,
    sampleRate: audio.sampleRate,
    hopLength: (crop * audio.sampleRate) / frames,
    rowHz: melFilterbank({ ...audio, fmax: audio.fmax || audio.sampleRate / 2 }).centerHz,
    scale: "db",
  };
}

/** A file's network input drawn back as a spectrogram, with a figure title. */
export interface NetworkInputView {
  /** The network input as a spectrogram: mel bands × frames, in dB. */
  spectrogram: Spectrogram;
  /** "network input of x.wav: 128 × 128, centre 10 s crop". */
  title: string;
}

/**
 * A file's network input computed as the batch pipeline does (no cache, in this thread), as a
 * spectrogram to draw; null when the file cannot be used.
 */
export async function networkInputOfFile(
  path: string,
  audio: AudioConfig,
): Promise<NetworkInputView | null> {
  const { inputs } = await extractNetworkInputs([path], audio, { cacheDir: null, workers: 0 });
  const input = inputs[0];
  if (!input) return null;
  const clip = await loadAudio(path, { sampleRate: audio.sampleRate });
  const spectrogram = networkInputSpectrogram(input, clip.samples.length / clip.sampleRate, audio);
  const title =
    `network input of ${fileName(path)}: ${spectrogram.rows} × ${spectrogram.frames}, ` +
    `${audio.cropMode} ${audio.cropSeconds} s crop`;
  return { spectrogram, title };
}

/**
 * Audio descriptors of files as a table: file, duration (s), loudness (LUFS), tempo (BPM), key,
 * energy, centroid (Hz), flatness, zcr, MFCC 1 mean; files whose descriptors failed are left out.
 */
export function audioDescriptorsFrame(
  paths: readonly string[],
  descriptors: readonly (AudioDescriptors | null)[],
): pl.DataFrame {
  const kept = paths.flatMap((
    p,
    i,
  ) => (descriptors[i] ? [{ file: fileName(p), f: descriptors[i]! }] : []));
  const num = (name: string, pick: (f: AudioDescriptors) => number) =>
    pl.Series(name, kept.map((k) => pick(k.f)), pl.Float64);
  return pl.DataFrame([
    pl.Series("file", kept.map((k) => k.file), pl.Utf8),
    num("duration (s)", (f) => f.duration_ms / 1000),
    num("loudness (LUFS)", (f) => f.loudness),
    num("tempo (BPM)", (f) => f.tempo),
    pl.Series("key", kept.map((k) => keyName(k.f.key, k.f.mode)), pl.Utf8),
    num("energy", (f) => f.energy),
    num("centroid (Hz)", (f) => f.spectral_centroid),
    num("flatness", (f) => f.spectral_flatness),
    num("zcr", (f) => f.zcr),
    num("MFCC 1 mean", (f) => f.mfcc_mean[1]),
  ]);
}

/** The audio parameters of the configuration, ffmpeg and the FFT in use, in one Markdown line. */
export function audioSetupHeadline(
  config: Pick<Config, "dataset" | "audio">,
  tools: { ffmpeg: boolean; fftw: boolean },
): string {
  const a = config.audio;
  const [nMels, frames] = networkInputShape(a);
  const size = config.dataset.source === "demo" ? ` (size \`${config.dataset.demoSize}\`)` : "";
  return `**Dataset:** \`${config.dataset.source}\`${size} · **rate** ${a.sampleRate} Hz · ` +
    `**n_fft** ${a.nFft} · **hop** ${a.hopLength} · **mels** ${a.nMels} ` +
    `(${a.fmin}–${a.fmax || a.sampleRate / 2} Hz) · **power** ${a.power} · ` +
    `**top_db** ${a.topDb} · **network input** ${nMels} × ${frames} from a ` +
    `${a.cropSeconds} s ${a.cropMode} crop · **ffmpeg** ${
      tools.ffmpeg ? "available" : "missing (only WAV can be read; run `deno task setup`)"
    } · **FFT** ${tools.fftw ? "FFTW (libfftw3 through FFI)" : "TypeScript"}`;
}
