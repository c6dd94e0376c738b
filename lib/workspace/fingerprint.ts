/**
 * Fingerprints of folders, to prove that a run left them alone: every entry's path relative to
 * the root, its kind, size and modification time. `deno task test` takes one of data/ and
 * outputs/ at its start and compares at its end.
 *
 * Size and modification time rather than a content hash: any write sets the modification time,
 * so a file rewritten with identical bytes (which a hash cannot see) is caught too, and a
 * fingerprint costs one `lstat` per entry instead of reading every byte (the default demo corpus
 * alone holds hundreds of megabytes of audio).
 *
 * @example
 * ```ts
 * import { compareFingerprints, describeChanges, fingerprint } from "./fingerprint.ts";
 * const before = await fingerprint(["data", "outputs"]);
 * // … run something …
 * const changes = compareFingerprints(before, await fingerprint(["data", "outputs"]));
 * if (changes.length > 0) console.error(describeChanges(changes));
 * ```
 * @module
 */

/** Path (the folder as given, then the path inside it) → `kind size mtime`. */
export type Fingerprint = Map<string, string>;

/** One difference between two fingerprints. */
export interface FingerprintChange {
  /** The path: the folder as given to {@link fingerprint}, `/`, the path inside it. */
  path: string;
  /** Present only after, only before, or present in both but different. */
  change: "added" | "removed" | "modified";
}

async function walk(dir: string, shown: string, into: Fingerprint): Promise<void> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    const key = `${shown}/${entry.name}`;
    let info: Deno.FileInfo;
    try {
      info = await Deno.lstat(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue; // removed while we looked
      throw error;
    }
    const kind = info.isDirectory ? "dir" : info.isSymlink ? "link" : "file";
    // a folder's own size and time change with its entries, which are listed themselves
    into.set(key, kind === "dir" ? "dir" : `${kind} ${info.size} ${info.mtime?.getTime() ?? "?"}`);
    if (info.isDirectory) await walk(path, key, into);
  }
}

/**
 * The fingerprint of folders, each walked recursively without following links; a missing
 * folder contributes nothing.
 *
 * @param dirs folders, absolute or relative to `root`; the keys start with them as given
 * @param root folder that relative `dirs` are resolved against; default the working directory
 */
export async function fingerprint(
  dirs: readonly string[],
  root: string = Deno.cwd(),
): Promise<Fingerprint> {
  const out: Fingerprint = new Map();
  for (const dir of dirs) {
    const shown = dir.replace(/\/+$/, "");
    await walk(shown.startsWith("/") ? shown : `${root}/${shown}`, shown, out);
  }
  return out;
}

/** The paths added, removed or modified between two fingerprints, sorted by path. */
export function compareFingerprints(
  before: Fingerprint,
  after: Fingerprint,
): FingerprintChange[] {
  const changes: FingerprintChange[] = [];
  for (const [path, print] of after) {
    const old = before.get(path);
    if (old === undefined) changes.push({ path, change: "added" });
    else if (old !== print) changes.push({ path, change: "modified" });
  }
  for (const path of before.keys()) {
    if (!after.has(path)) changes.push({ path, change: "removed" });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The changes as lines (`  modified data/x.parquet`), at most `limit` of them, then a count. */
export function describeChanges(changes: readonly FingerprintChange[], limit = 20): string {
  const lines = changes.slice(0, limit).map((c) => `  ${c.change} ${c.path}`);
  if (changes.length > limit) lines.push(`  … and ${changes.length - limit} more`);
  return lines.join("\n");
}
