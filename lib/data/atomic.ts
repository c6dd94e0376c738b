/**
 * Atomic file writes: the bytes go to a temporary file in the same folder, are flushed to disk,
 * then renamed over the destination. A reader sees the old file or the new one, never half of
 * one, and a writer killed at any point leaves the old file intact (at worst a stray
 * `.<name>.tmp-*` file, which {@link removeStaleTemporaries} clears).
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "./atomic.ts";
 * await writeFileAtomic("data/example.txt", new TextEncoder().encode("hello"));
 * ```
 * @module
 */

function split(path: string): [string, string] {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? [".", path] : [path.slice(0, slash) || "/", path.slice(slash + 1)];
}

/** The temporary name used while writing `path`: hidden, in the same folder, unique per writer. */
function temporaryPath(path: string): string {
  const [dir, name] = split(path);
  const unique = `${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  return `${dir}/.${name}.tmp-${unique}`;
}

/** Writes `data` to `path` atomically (temporary file, fsync, rename); creates the folder. */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | ReadableStream<Uint8Array>,
): Promise<void> {
  const [dir] = split(path);
  await Deno.mkdir(dir, { recursive: true });
  const tmp = temporaryPath(path);
  const file = await Deno.open(tmp, { write: true, createNew: true });
  try {
    if (data instanceof Uint8Array) {
      let written = 0;
      while (written < data.length) written += await file.write(data.subarray(written));
    } else {
      for await (const chunk of data) {
        let written = 0;
        while (written < chunk.length) written += await file.write(chunk.subarray(written));
      }
    }
    await file.sync();
  } catch (error) {
    file.close();
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
  file.close();
  try {
    await Deno.rename(tmp, path);
  } catch (error) {
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
}

/** Writes UTF-8 text to `path` atomically. */
export function writeTextAtomic(path: string, text: string): Promise<void> {
  return writeFileAtomic(path, new TextEncoder().encode(text));
}

/**
 * Removes temporary files left in `dir` by writers that were killed before their rename.
 * Returns the names removed.
 */
export async function removeStaleTemporaries(dir: string): Promise<string[]> {
  const removed: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && /^\..+\.tmp-\d+-[0-9a-f]{8}$/.test(entry.name)) {
        const pid = Number(entry.name.match(/\.tmp-(\d+)-/)?.[1]);
        if (pid === Deno.pid) continue; // a write of this process may be in flight
        await Deno.remove(`${dir}/${entry.name}`);
        removed.push(entry.name);
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return removed;
}
