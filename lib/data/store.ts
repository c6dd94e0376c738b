/**
 * Storing datasets on disk: one folder per dataset under data/ with the artists and tracks
 * tables (and any further table) as Parquet, the consolidated CSV the seed paper describes
 * (every track with its artist's columns), the problems met while building it, the split
 * assignment when there is one, and `manifest.json` (source, creation time, row counts, target,
 * content hash). Every file is written atomically and the manifest last, so a folder whose
 * manifest exists is complete.
 *
 * The content hash is SHA-256 over the tables' CSV text in a fixed order; it does not depend on
 * the creation time, so rebuilding a dataset from the same inputs and seed gives the same hash.
 *
 * @example
 * ```ts
 * import { loadDataset, saveDataset } from "./store.ts";
 * // const manifest = await saveDataset(dataset, "data/demo-tiny");
 * // const again = await loadDataset("data/demo-tiny");
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { z } from "zod";
import { writeFileAtomic, writeTextAtomic } from "./atomic.ts";
import { consolidated, type DataIssue, type Dataset } from "./dataset.ts";
import { TargetSpec } from "./schema.ts";

/** The manifest written beside every stored dataset. */
export const Manifest: z.ZodObject<
  {
    name: z.ZodString;
    source: z.ZodString;
    created: z.ZodString;
    rows: z.ZodRecord<z.ZodString, z.ZodNumber>;
    target: typeof TargetSpec;
    issues: z.ZodNumber;
    contentHash: z.ZodString;
    files: z.ZodArray<z.ZodString>;
    meta: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodUnknown>>;
  },
  z.core.$strip
> = z.object({
  name: z.string(),
  source: z.string(),
  /** ISO 8601 time the dataset was written. */
  created: z.string(),
  rows: z.record(z.string(), z.number().int().nonnegative()),
  target: TargetSpec,
  /** Problems met while building (rows excluded or values nulled); details in issues.csv. */
  issues: z.number().int().nonnegative(),
  /** SHA-256 (hex) of the tables' CSV text, independent of the creation time. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** File names written, relative to the dataset folder. */
  files: z.array(z.string()),
  /** Free-form facts about the source (generator size and seed, provider, market, …). */
  meta: z.record(z.string(), z.unknown()).default({}),
});
/** A validated manifest. */
export type Manifest = z.infer<typeof Manifest>;

/** Raised when a dataset folder is missing, incomplete or inconsistent with its manifest. */
export class StoreError extends Error {
  /** Creates the error; `message` names the folder and what is missing or inconsistent. */
  constructor(message: string) {
    super(message);
    this.name = "StoreError";
  }
}

/** SHA-256 of bytes as lowercase hex. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function csvText(df: pl.DataFrame): string {
  return df.writeCSV().toString();
}

/** The issues as a table (row, column, reason, action). */
export function issuesFrame(issues: readonly DataIssue[]): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("row", issues.map((i) => i.row), pl.Int64),
    pl.Series("column", issues.map((i) => i.column), pl.Utf8),
    pl.Series("reason", issues.map((i) => i.reason), pl.Utf8),
    pl.Series("action", issues.map((i) => i.action), pl.Utf8),
  ]);
}

/** Hash of a dataset's content: its tables' CSV text in a fixed order. */
export async function contentHash(dataset: Dataset): Promise<string> {
  const parts = [
    "artists",
    csvText(dataset.artists),
    "tracks",
    csvText(dataset.tracks),
    ...Object.keys(dataset.tables).sort().flatMap((k) => [k, csvText(dataset.tables[k])]),
  ];
  return await sha256Hex(parts.join("\n\u0000\n"));
}

/** Options of {@link saveDataset}. */
export interface SaveOptions {
  /** The split assignment to export with the dataset (see lib/data/split.ts). */
  split?: pl.DataFrame;
  /** Facts recorded in the manifest's `meta`. */
  meta?: Record<string, unknown>;
}

/**
 * Writes a dataset into `dir` (created if missing): artists.parquet, tracks.parquet, one Parquet
 * per extra table, `<name>.csv` (consolidated), issues.csv, split.csv when given, and
 * manifest.json last. Returns the manifest.
 */
export async function saveDataset(
  dataset: Dataset,
  dir: string,
  options: SaveOptions = {},
): Promise<Manifest> {
  await Deno.mkdir(dir, { recursive: true });
  const files: string[] = [];
  const put = async (name: string, bytes: Uint8Array) => {
    await writeFileAtomic(`${dir}/${name}`, bytes);
    files.push(name);
  };
  const rows: Record<string, number> = {
    artists: dataset.artists.height,
    tracks: dataset.tracks.height,
  };
  await put("artists.parquet", dataset.artists.writeParquet());
  await put("tracks.parquet", dataset.tracks.writeParquet());
  for (const [name, table] of Object.entries(dataset.tables)) {
    await put(`${name}.parquet`, table.writeParquet());
    rows[name] = table.height;
  }
  await put(`${dataset.name}.csv`, consolidated(dataset).writeCSV());
  await put("issues.csv", issuesFrame(dataset.issues).writeCSV());
  if (options.split) await put("split.csv", options.split.writeCSV());
  const manifest: Manifest = {
    name: dataset.name,
    source: dataset.source,
    created: new Date().toISOString(),
    rows,
    target: dataset.target,
    issues: dataset.issues.length,
    contentHash: await contentHash(dataset),
    files: [...files, "manifest.json"],
    meta: options.meta ?? {},
  };
  await writeTextAtomic(`${dir}/manifest.json`, JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

/** Reads a dataset folder's manifest, or null when the folder has none (not built, or incomplete). */
export async function readManifest(dir: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(`${dir}/manifest.json`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  const parsed = Manifest.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new StoreError(`${dir}/manifest.json is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** Loaded dataset with its manifest and, when one was exported, its split assignment. */
export interface StoredDataset {
  /** The dataset's tables, target and issues. */
  dataset: Dataset;
  /** The folder's manifest: provenance, counts and split settings. */
  manifest: Manifest;
  /** track_id, artist_id, split; null when the folder holds no split assignment. */
  split: pl.DataFrame | null;
}

/** Reads a dataset written by {@link saveDataset}. */
export async function loadDataset(dir: string): Promise<StoredDataset> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new StoreError(`no dataset in ${dir} (manifest.json missing)`);
  for (const file of manifest.files) {
    try {
      await Deno.stat(`${dir}/${file}`);
    } catch {
      throw new StoreError(`${dir}/${file} is listed in the manifest but missing`);
    }
  }
  const tables: Record<string, pl.DataFrame> = {};
  for (const name of Object.keys(manifest.rows)) {
    if (name !== "artists" && name !== "tracks") {
      tables[name] = pl.readParquet(`${dir}/${name}.parquet`);
    }
  }
  const issuesTable = pl.readCSV(await Deno.readTextFile(`${dir}/issues.csv`), {
    dtypes: { row: pl.Int64, column: pl.Utf8, reason: pl.Utf8, action: pl.Utf8 },
  });
  const issues = issuesTable.height === 0
    ? []
    : (issuesTable.toRecords() as unknown as DataIssue[]);
  const dataset: Dataset = {
    name: manifest.name,
    source: manifest.source,
    artists: pl.readParquet(`${dir}/artists.parquet`),
    tracks: pl.readParquet(`${dir}/tracks.parquet`),
    target: manifest.target,
    issues,
    tables,
  };
  const split = manifest.files.includes("split.csv")
    ? pl.readCSV(await Deno.readTextFile(`${dir}/split.csv`))
    : null;
  return { dataset, manifest, split };
}
