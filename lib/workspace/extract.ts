/**
 * `deno task extract`: the network inputs of the configured dataset's tracks, computed on one
 * machine or split over many that share a file system.
 *
 * ```sh
 * deno task extract --prepare            # import/build the dataset once, before the shards start
 * deno task extract --shard 3/16         # shard 3 of 16 (1-based): its tracks' inputs, cached
 * deno task extract --merge              # check every track is cached or failed; write the index
 * deno task extract --shard 1/1 --merge  # everything on this machine, then the index
 * ```
 *
 * A track belongs to shard `FNV-1a(track_id) mod n` (lib/audio/extract/shard.ts), so every shard
 * knows its tracks without talking to the others. Inputs go to the content-addressed cache
 * `<paths.data>/cache/audio/`; each shard leaves `shard-<i>-of-<n>.json` and the merge writes
 * `index.json` in `<paths.data>/cache/extract/<datasetKey>/`. Training reads the index with
 * `readIndexedInputs(path)` (a Map track id → [nMels × frames] input), or reads the same cache
 * entries through `extractNetworkInputs`, which then finds every input cached. The merge lists
 * any track no shard accounted for and exits 1, so a failed array task is seen before training.
 *
 * Options: `--workers K` (default all cores of the machine; on a cluster, the cores allotted),
 * `--zero-based` (shard numbers 0…n−1, as Kubernetes' JOB_COMPLETION_INDEX), `--set PATH=VALUE`
 * for any config field (or the HSS_* variables).
 * @module
 */
import { parseArgs } from "node:util";
import { type Config, displayPath, loadConfig, resolvePath } from "../config.ts";
import { defaultCacheDir } from "../audio/extract/extract.ts";
import { progressReporter } from "../audio/extract/progress.ts";
import {
  mergeShards,
  parseShardSpec,
  runShard,
  ShardError,
  type ShardTrack,
} from "../audio/extract/shard.ts";
import { datasetKey, prepareDataset } from "../data/load.ts";
import { loadDataset, readManifest } from "../data/store.ts";

const USAGE = `deno task extract (--prepare | --shard i/n | --merge) [options]
  --prepare        import or build the configured dataset into <paths.data> and stop
  --shard i/n      extract shard i of n (1-based; --zero-based for 0…n-1)
  --merge          check completeness and write the index (after all shards)
  --workers K      worker threads (default: all cores)
  --set PATH=VAL   any config field, e.g. --set dataset.source=fma (repeatable)`;

/** The folder of the shard files and the index for a configuration. */
function extractDir(config: Config): string {
  return `${resolvePath(config.paths.data)}/cache/extract/${datasetKey(config)}`;
}

/**
 * The configured dataset's tracks that have audio, as (track id, resolved path). The stored
 * copy under `<paths.data>/<datasetKey>` is read when present (so concurrent shards never
 * re-import it), otherwise the dataset is prepared first.
 */
async function extractionTracks(config: Config): Promise<ShardTrack[]> {
  const dir = `${resolvePath(config.paths.data)}/${datasetKey(config)}`;
  const dataset = (await readManifest(dir))
    ? (await loadDataset(dir)).dataset
    : (await prepareDataset(config)).dataset;
  const ids = dataset.tracks.getColumn("track_id").toArray() as string[];
  const paths = dataset.tracks.getColumn("audio_path").toArray() as (string | null)[];
  return ids.flatMap((trackId, i) =>
    paths[i] === null ? [] : [{ trackId, path: resolvePath(paths[i]!) }]
  );
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      prepare: { type: "boolean", default: false },
      shard: { type: "string" },
      merge: { type: "boolean", default: false },
      workers: { type: "string" },
      "zero-based": { type: "boolean", default: false },
      set: { type: "string", multiple: true },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help || (!values.prepare && !values.shard && !values.merge)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const overrides: Record<string, unknown> = {};
  for (const pair of values.set ?? []) {
    const eq = pair.indexOf("=");
    if (eq < 1) {
      console.error(`--set expects PATH=VALUE, got "${pair}"\n\n${USAGE}`);
      return 2;
    }
    const keys = pair.slice(0, eq).split(".");
    let node = overrides;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = pair.slice(eq + 1);
  }
  const config = loadConfig({ overrides });
  const dir = extractDir(config);
  const cacheDir = defaultCacheDir(config);
  if (values.prepare) {
    const prepared = await prepareDataset(config);
    console.error(`${prepared.dataset.tracks.height} tracks in ${displayPath(prepared.dir)}`);
    if (!values.shard && !values.merge) return 0;
  }
  const tracks = await extractionTracks(config);
  if (values.shard) {
    const shard = parseShardSpec(values.shard, { zeroBased: values["zero-based"] });
    const label = `shard ${shard.index + 1}/${shard.count}`;
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    const run = await runShard(tracks, config.audio, {
      ...shard,
      dir,
      cacheDir,
      seed: config.seed,
      workers,
      onProgress: progressReporter({ label }),
    });
    const results = run.file.results;
    const failed = results.filter((r) => r.failure !== null).length;
    console.error(
      `${label}: ${results.length} of ${tracks.length} tracks, ${failed} failed, ` +
        `${(results.length / Math.max(run.seconds, 1e-9)).toFixed(2)} clips/s → ${
          displayPath(run.path)
        }`,
    );
  }
  if (values.merge) {
    const merged = await mergeShards(tracks, config.audio, { dir, cacheDir, seed: config.seed });
    if (!merged.complete) {
      console.error(
        `incomplete: ${merged.missing.length} of ${tracks.length} tracks are neither cached nor ` +
          `failed (${merged.shardFiles.length} shard files read); run their shards again:`,
      );
      for (const m of merged.missing.slice(0, 20)) {
        console.error(`  ${m.trackId}  ${displayPath(m.path)}: ${m.why}`);
      }
      if (merged.missing.length > 20) console.error(`  … and ${merged.missing.length - 20} more`);
      return 1;
    }
    console.error(
      `complete: ${merged.extracted} extracted, ${merged.failed} failed, ${merged.warned} padded ` +
        `(${merged.shardFiles.length} shard files) → ${displayPath(merged.indexPath)}`,
    );
  }
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    if (error instanceof ShardError) {
      console.error(`extract: ${error.message}`);
      Deno.exit(1);
    }
    throw error;
  }
}
