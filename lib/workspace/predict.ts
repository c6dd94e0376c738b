/**
 * `deno task predict <audio file> [column=value …] [--model DIR] [--json]`: the popularity a
 * saved model predicts for one song. The file is decoded and turned into the network input
 * with the spectrogram settings stored with the model; metadata columns (artist_popularity,
 * followers, release_year, genre, …) are given as `column=value`, and any the model reads but
 * that are not given count as the training mean — the command lists them.
 *
 * The model defaults to `outputs/models/<dataset>/cnn-both` for the configured dataset, as
 * notebook 04 saves it. A missing model or an unreadable file stops with a message saying what
 * to do, and exit code 1.
 *
 * @example
 * ```sh
 * deno task predict data/demo-default-seed42-44100hz/audio/t0001.wav artist_popularity=72 followers=150000
 * deno task predict song.mp3 --model outputs/models/demo-paper-seed42-44100hz/cnn-audio --json
 * ```
 * @module
 */
import { displayPath, loadConfig, resolvePath } from "../config.ts";
import { networkInputFromFile } from "../audio/input/mod.ts";
import { selectBackend } from "../model/backend/select.ts";
import { listModels, modelDir } from "../model/popularity/paths.ts";
import { PopularityModel } from "../model/popularity/model.ts";

/** What {@link predictSong} returns. */
export interface Prediction {
  /** The model folder used. */
  model: string;
  /** Predicted popularity 0–100 (regression), or the most likely class (classification). */
  value: number;
  /** Class probabilities of a classifier; null for a regression model. */
  probabilities: number[] | null;
  /** Metadata columns the model reads that were not given (their training mean was used). */
  missingMetadata: string[];
  /** Seconds from reading the file to the prediction (the model already loaded). */
  seconds: number;
}

/** Parsed command line. */
export interface PredictArgs {
  /** The audio file to predict for; null when none was given. */
  audio: string | null;
  /** Metadata values given as `column=value`, numbers and booleans parsed. */
  metadata: Record<string, string | number | boolean>;
  /** The saved model's folder (`--model`); null for the default. */
  model: string | null;
  /** Whether to print the result as JSON (`--json`). */
  json: boolean;
}

/** Raised for a wrong command line; the message shows the usage. */
export class UsageError extends Error {
  /** Creates the error; the message is `message` followed by the usage. */
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = "UsageError";
  }
}

const USAGE = `usage: deno task predict <audio file> [column=value …] [--model DIR] [--json]
  column=value   metadata, e.g. artist_popularity=72 followers=150000 release_year=2021 genre=pop
  --model DIR    a saved model (default outputs/models/<dataset>/cnn-both)
  --json         print the result as JSON`;

function parseValue(raw: string): string | number | boolean {
  if (raw === "true" || raw === "false") return raw === "true";
  const n = Number(raw);
  return raw.trim() !== "" && Number.isFinite(n) ? n : raw;
}

/** Parses the command line (see the module's description). */
export function parsePredictArgs(args: readonly string[]): PredictArgs {
  const out: PredictArgs = { audio: null, metadata: {}, model: null, json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") out.json = true;
    else if (a === "--model") {
      if (!args[i + 1]) throw new UsageError("--model needs a folder");
      out.model = args[++i];
    } else if (a.startsWith("--model=")) out.model = a.slice("--model=".length);
    else if (a === "-h" || a === "--help") throw new UsageError("");
    else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
    else if (/^[A-Za-z_][\w]*=/.test(a)) {
      const eq = a.indexOf("=");
      out.metadata[a.slice(0, eq)] = parseValue(a.slice(eq + 1));
    } else if (out.audio === null) out.audio = a;
    else throw new UsageError(`expected one audio file, found a second: ${a}`);
  }
  return out;
}

/** Predicts for one song with an already loaded model. */
export async function predictSong(
  model: PopularityModel,
  modelPath: string,
  audioPath: string | null,
  metadata: Record<string, unknown>,
  options: { seed?: number } = {},
): Promise<Prediction> {
  const t0 = performance.now();
  const usesAudio = model.meta.inputs !== "metadata";
  if (usesAudio && !audioPath) throw new UsageError("this model listens: give an audio file");
  const spectrogram = usesAudio
    ? await networkInputFromFile(resolvePath(audioPath!, Deno.cwd()), model.meta.audio, {
      seed: options.seed,
      // One file: FFmpeg's libraries in process save the ffmpeg program's ~80 ms start.
      inProcess: true,
    })
    : null;
  const encoder = model.encoder;
  const missingMetadata = encoder
    ? [...new Set(encoder.inputs.map((f) => f.column))].filter((c) => !(c in metadata))
    : [];
  const song = { spectrogram, metadata };
  const value = model.predict([song])[0];
  const probabilities = model.meta.task.kind === "classification"
    ? Array.from(model.predictProba([song]))
    : null;
  return {
    model: modelPath,
    value,
    probabilities,
    missingMetadata,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Runs the command; returns the exit code. */
export async function predictCommand(
  args: readonly string[],
  io: { out?: (line: string) => void; err?: (line: string) => void } = {},
): Promise<number> {
  const out = io.out ?? ((l: string) => console.log(l));
  const err = io.err ?? ((l: string) => console.error(l));
  try {
    const parsed = parsePredictArgs(args);
    const config = loadConfig();
    const dir = parsed.model ? resolvePath(parsed.model, Deno.cwd()) : modelDir(config);
    await selectBackend(config.model.backend, { log: err });
    let model: PopularityModel;
    try {
      model = await PopularityModel.load(dir);
    } catch (error) {
      const others = listModels(config);
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        message.replaceAll(dir, displayPath(dir)) +
          (others.length
            ? `\nsaved models: ${others.join(", ")} (pass one with --model outputs/models/<name>)`
            : `\nno model is saved yet: run notebook 04 (deno task run --only 04)`),
      );
    }
    const result = await predictSong(model, displayPath(dir), parsed.audio, parsed.metadata, {
      seed: config.seed,
    });
    if (parsed.json) out(JSON.stringify(result));
    else {
      const what = result.probabilities
        ? `class ${result.value} (probabilities ${
          result.probabilities.map((p) => p.toFixed(3)).join(", ")
        })`
        : `${result.value.toFixed(1)} / 100`;
      out(`predicted popularity: ${what}`);
      out(
        `model ${result.model} (inputs: ${model.meta.inputs}); ${
          result.seconds.toFixed(2)
        } s for decoding and prediction`,
      );
      if (result.missingMetadata.length) {
        out(`not given, training mean used: ${result.missingMetadata.join(", ")}`);
      }
    }
    return 0;
  } catch (error) {
    err(`predict: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

if (import.meta.main) Deno.exit(await predictCommand(Deno.args));
