/**
 * The one entry point notebooks use to get the configured dataset: builds the demo corpus or
 * imports a real dataset, attaches the artist-grouped split, stores everything under data/ and
 * returns it. A demo corpus already built with the same size, seed and sample rate is read back
 * instead of synthesised again; real datasets are re-imported (seconds) so that a changed file is
 * never hidden behind a stale copy. A provider's collection (`deezer`, `spotify`) is read back from
 * data/, or collected with the configured artist list (see sources/collect/).
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { prepareDataset } from "./load.ts";
 * const { dataset, split } = await prepareDataset(loadConfig());
 * console.log(dataset.tracks.height, split.getColumn("split").toArray().slice(0, 3));
 * ```
 * @module
 */
import type pl from "nodejs-polars";
import { type Config, displayPath, resolvePath } from "../config.ts";
import type { Dataset } from "./dataset.ts";
import { buildDemoCorpus, DEMO_GENERATOR_VERSION } from "./sources/demo/mod.ts";
import { CollectionError } from "./sources/collect/provider.ts";
import {
  collectFromConfig,
  collectionRequest,
  configuredArtists,
  type ProviderName,
} from "./sources/collect/from_config.ts";
import { importMappedCsv } from "./sources/csv/mod.ts";
import { importFma } from "./sources/fma/mod.ts";
import { importCanonicalCsv, importPreset, type PresetName, PRESETS } from "./sources/presets.ts";
import { groupTrainTestSplit, splitFrame } from "./split.ts";
import { loadDataset, type Manifest, readManifest, saveDataset } from "./store.ts";

/** A dataset ready for a study: tables, split assignment, manifest and where it is stored. */
export interface PreparedDataset {
  /** The dataset's tables, target and issues. */
  dataset: Dataset;
  /** track_id, artist_id, split (`train` / `validation` / `test`), artist-grouped. */
  split: pl.DataFrame;
  /** The stored copy's manifest: provenance, counts and split settings. */
  manifest: Manifest;
  /** Folder under data/ holding the stored copy. */
  dir: string;
  /** True when it was built or imported now, false when read back from data/. */
  built: boolean;
}

/** Options of {@link prepareDataset}. */
export interface PrepareOptions {
  /** Build again even when a matching copy exists. */
  rebuild?: boolean;
  /** Progress lines; default stderr. */
  log?: (line: string) => void;
}

/** The folder name under data/ for the configured dataset. */
export function datasetKey(config: Config): string {
  const { source, demoSize } = config.dataset;
  if (source === "demo") return `demo-${demoSize}-seed${config.seed}-${config.audio.sampleRate}hz`;
  if (source === "fma") return `fma-${config.dataset.fmaSubset}`;
  return source;
}

function demoMeta(config: Config): Record<string, unknown> {
  return {
    generator: DEMO_GENERATOR_VERSION,
    size: config.dataset.demoSize,
    seed: config.seed,
    sampleRate: config.audio.sampleRate,
  };
}

async function build(config: Config, dir: string, log: (line: string) => void): Promise<Dataset> {
  const { source } = config.dataset;
  if (source === "demo") {
    log(
      `building the ${config.dataset.demoSize} demo corpus (seed ${config.seed}) in ${
        displayPath(dir)
      }`,
    );
    let last = 0;
    return await buildDemoCorpus({
      size: config.dataset.demoSize,
      seed: config.seed,
      sampleRate: config.audio.sampleRate,
      audioDir: `${dir}/audio`,
      onProgress: (done, total) => {
        const now = performance.now();
        if (done === total || now - last > 2000) {
          last = now;
          log(`  ${done}/${total} clips`);
        }
      },
    });
  }
  const sharedData = resolvePath(config.paths.sharedData);
  if (source === "csv") {
    if (!config.dataset.path) {
      throw new Error("dataset.source is csv but dataset.path (HSS_DATASET_PATH) is empty");
    }
    const path = resolvePath(config.dataset.path);
    const mapping = config.dataset.mapping;
    if (!mapping) return await importCanonicalCsv(path);
    const mappingPath = resolvePath(mapping);
    log(`importing ${displayPath(path)} through the column mapping ${displayPath(mappingPath)}`);
    return await importMappedCsv(path, mappingPath);
  }
  if (source === "fma") {
    if (!config.dataset.path) {
      throw new Error(
        "dataset.source is fma but dataset.path (HSS_DATASET_PATH) is empty: set it to the " +
          "fma_metadata folder (and dataset.audioDir, HSS_DATASET_AUDIO_DIR, to the audio folder)",
      );
    }
    const metadataDir = resolvePath(config.dataset.path);
    const audioDir = config.dataset.audioDir ? resolvePath(config.dataset.audioDir) : "";
    log(
      `importing fma_${config.dataset.fmaSubset} from ${displayPath(metadataDir)}` +
        (audioDir ? ` (audio in ${displayPath(audioDir)})` : " (no audio folder)"),
    );
    return await importFma({ metadataDir, audioDir, subset: config.dataset.fmaSubset });
  }
  if (source in PRESETS) {
    log(`importing ${source} from ${displayPath(config.dataset.path || sharedData)}`);
    return await importPreset(source as PresetName, {
      sharedData,
      path: config.dataset.path ? resolvePath(config.dataset.path) : undefined,
    });
  }
  throw new Error(
    `dataset source "${source}" has no offline builder; collect it in notebook 01 first`,
  );
}

function artistSplit(dataset: Dataset, config: Config): pl.DataFrame {
  const artistIds = dataset.tracks.getColumn("artist_id").toArray() as string[];
  const parts = groupTrainTestSplit(artistIds, {
    testFraction: config.split.testFraction,
    validationFraction: config.split.validationFraction,
    seed: config.seed,
  });
  return splitFrame(dataset.tracks, parts);
}

/**
 * A provider's collection (`deezer`, `spotify`): read back from `<paths.data>/<provider>` when it
 * was collected for the configured request (or when no artist list is configured), otherwise
 * collected now — resumably, from the response cache where calls were already made.
 */
async function prepareCollected(
  config: Config,
  provider: ProviderName,
  dir: string,
  options: PrepareOptions,
  log: (line: string) => void,
): Promise<PreparedDataset> {
  const artists = await configuredArtists(config);
  const manifest = await readManifest(dir);
  const wanted = JSON.stringify(collectionRequest(config, provider, artists));
  const same = manifest !== null && JSON.stringify(manifest.meta.request ?? null) === wanted;
  if (manifest && !options.rebuild && (artists.length === 0 || same)) {
    const stored = await loadDataset(dir);
    const split = artistSplit(stored.dataset, config);
    const current = stored.split?.getColumn("split").toArray() ?? null;
    if (JSON.stringify(current) === JSON.stringify(split.getColumn("split").toArray())) {
      return { ...stored, split, dir, built: false };
    }
    // Another seed or other fractions: the same tables with the configured split.
    const again = await saveDataset(stored.dataset, dir, { split, meta: stored.manifest.meta });
    return { dataset: stored.dataset, split, manifest: again, dir, built: false };
  }
  if (artists.length === 0) {
    throw new CollectionError(
      `dataset.source is ${provider} but ${displayPath(dir)} holds no collection and the artist ` +
        `list is empty: set HSS_COLLECT_ARTISTS ("Name; Name; id:…") or HSS_COLLECT_ARTISTS_FILE ` +
        `and run notebook 01 (or lib/data/sources/collect/main.ts)`,
    );
  }
  log(`collecting ${artists.length} artist(s) from ${provider} into ${displayPath(dir)}`);
  const result = await collectFromConfig(config, { provider, log });
  if (result.status === "paused") throw new CollectionError(result.pause.message);
  const { dataset, manifest: written } = result;
  // Too few artists to split raises SplitError here, as for any other source.
  const split = result.split ?? artistSplit(dataset, config);
  return { dataset, split, manifest: written, dir, built: true };
}

/**
 * Returns the configured dataset with its artist-grouped split, building or importing it and
 * storing it under `<paths.data>/<datasetKey>` when needed. A provider's dataset (`deezer`,
 * `spotify`) is read back when collected, or collected now from the configured artist list. The
 * `csv` source reads `dataset.path` through the column-mapping JSON file `dataset.mapping` when
 * one is set (see sources/csv/mapping_file.ts), by canonical column names otherwise; a mapping
 * set for another source is an error rather than silently ignored. The `fma` source reads the
 * `fma_metadata/` folder `dataset.path`, keeps the subset `dataset.fmaSubset` and points each
 * track at its MP3 under `dataset.audioDir` (see sources/fma/).
 */
export async function prepareDataset(
  config: Config,
  options: PrepareOptions = {},
): Promise<PreparedDataset> {
  const log = options.log ?? ((line: string) => console.error(line));
  const dir = `${resolvePath(config.paths.data)}/${datasetKey(config)}`;
  const source = config.dataset.source;
  if (config.dataset.mapping && source !== "csv") {
    throw new Error(
      `dataset.mapping (HSS_DATASET_MAPPING) is ${config.dataset.mapping} but dataset.source is ` +
        `${source}: a column-mapping file is read only for the csv source`,
    );
  }
  if (source === "deezer" || source === "spotify") {
    return await prepareCollected(config, source, dir, options, log);
  }
  if (config.dataset.source === "demo" && !options.rebuild) {
    const manifest = await readManifest(dir);
    const wanted = JSON.stringify(demoMeta(config));
    if (manifest && JSON.stringify(manifest.meta) === wanted) {
      const stored = await loadDataset(dir);
      if (stored.split) return { ...stored, split: stored.split, dir, built: false };
    }
  }
  const dataset = await build(config, dir, log);
  const split = artistSplit(dataset, config);
  const meta = config.dataset.source === "demo" ? demoMeta(config) : {
    path: config.dataset.path || resolvePath(config.paths.sharedData),
    ...(config.dataset.mapping ? { mapping: config.dataset.mapping } : {}),
    ...(source === "fma"
      ? { audioDir: config.dataset.audioDir, subset: config.dataset.fmaSubset }
      : {}),
  };
  const manifest = await saveDataset(dataset, dir, { split, meta });
  log(
    `stored ${dataset.name}: ${dataset.artists.height} artists, ${dataset.tracks.height} tracks ` +
      `→ ${displayPath(dir)}`,
  );
  return { dataset, split, manifest, dir, built: true };
}
