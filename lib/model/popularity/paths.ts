/**
 * Where models live: `<paths.outputs>/models/<dataset>/<name>`, one folder per dataset (the
 * key of lib/data/load.ts, e.g. `demo-default-seed42-44100hz`) and per model (`cnn-both`,
 * `cnn-audio`, `cnn-metadata`, …), so models of different corpora never overwrite each other.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { modelDir } from "./paths.ts";
 * console.log(modelDir(loadConfig(), "cnn-both")); // …/outputs/models/demo-default-seed42-44100hz/cnn-both
 * ```
 * @module
 */
import { type Config, resolvePath } from "../../config.ts";
import { datasetKey } from "../../data/load.ts";

/** The model the predict command uses by default: audio + metadata, the paper's. */
const DEFAULT_MODEL_NAME = "cnn-both";

/** The folder of model `name` for the configured dataset. */
export function modelDir(config: Config, name: string = DEFAULT_MODEL_NAME): string {
  if (!/^[\w.-]+$/.test(name)) {
    throw new RangeError(`model name must be letters, digits, ".", "-" or "_"; found "${name}"`);
  }
  return `${resolvePath(config.paths.outputs)}/models/${datasetKey(config)}/${name}`;
}

/** Saved models under `<paths.outputs>/models/`, as paths relative to it (`dataset/name`). */
export function listModels(config: Config): string[] {
  const root = `${resolvePath(config.paths.outputs)}/models`;
  const found: string[] = [];
  try {
    for (const dataset of Deno.readDirSync(root)) {
      if (!dataset.isDirectory) continue;
      for (const model of Deno.readDirSync(`${root}/${dataset.name}`)) {
        try {
          if (Deno.statSync(`${root}/${dataset.name}/${model.name}/checkpoint.json`).isFile) {
            found.push(`${dataset.name}/${model.name}`);
          }
        } catch { /* not a model folder */ }
      }
    }
  } catch { /* no models yet */ }
  return found.sort();
}
