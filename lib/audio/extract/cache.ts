/**
 * The on-disk cache of extraction results, keyed by the SHA-256 of the audio file's bytes and a
 * hash of every parameter that shapes the result, so a renamed file still hits and a changed
 * parameter (or file) misses.
 *
 * Each entry is one file `<contentHash>-<paramsHash>.<ext>` written atomically (temporary file,
 * fsync, rename): a batch killed at any point leaves complete entries and at worst stray
 * temporaries, which the next batch removes. An entry carries a header (magic, payload length,
 * FNV-1a checksum) and is read back only when all three agree, so no half-written or damaged
 * entry is ever used.
 *
 * @example
 * ```ts
 * import { cacheEntryPath, readCacheEntry, writeCacheEntry } from "./cache.ts";
 * const path = cacheEntryPath("data/cache/audio", "ab12…", "cd34…", "f32");
 * await writeCacheEntry(path, new Uint8Array([1, 2, 3]));
 * console.log(await readCacheEntry(path)); // Uint8Array [1, 2, 3]
 * ```
 * @module
 */
import { removeStaleTemporaries, writeFileAtomic } from "../../data/atomic.ts";

const MAGIC = "HSSAC001";
/** Bytes of an entry's header (magic, payload length, checksum). */
export const CACHE_HEADER_BYTES = 16;
const HEADER_BYTES = CACHE_HEADER_BYTES;

/** Hex SHA-256 of bytes. */
export async function sha256Hex(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  const digest = await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Stable JSON: object keys sorted, so equal parameters give equal hashes. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** 32-bit FNV-1a checksum. */
export function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** The entry file for a content hash and a parameter hash. */
export function cacheEntryPath(
  dir: string,
  contentHash: string,
  paramsHash: string,
  ext: string,
): string {
  return `${dir}/${contentHash}-${paramsHash.slice(0, 16)}.${ext}`;
}

/** Encodes a payload as an entry: magic, length, checksum, payload. */
export function encodeCacheEntry(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  for (let i = 0; i < 8; i++) out[i] = MAGIC.charCodeAt(i);
  const view = new DataView(out.buffer);
  view.setUint32(8, payload.length, true);
  view.setUint32(12, fnv1a(payload), true);
  out.set(payload, HEADER_BYTES);
  return out;
}

/** The payload of an entry, or null when the bytes are not a complete, intact entry. */
export function decodeCacheEntry(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < HEADER_BYTES) return null;
  for (let i = 0; i < 8; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(8, true);
  if (bytes.length !== HEADER_BYTES + length) return null;
  const payload = bytes.subarray(HEADER_BYTES);
  return fnv1a(payload) === view.getUint32(12, true) ? payload : null;
}

/** Reads an entry's payload; null when absent or not intact. */
export async function readCacheEntry(path: string): Promise<Uint8Array | null> {
  try {
    return decodeCacheEntry(await Deno.readFile(path));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

/** Writes an entry atomically; returns its size in bytes. */
export async function writeCacheEntry(path: string, payload: Uint8Array): Promise<number> {
  const bytes = encodeCacheEntry(payload);
  await writeFileAtomic(path, bytes);
  return bytes.length;
}

/** Creates the cache folder and removes temporaries left by killed writers. */
export async function prepareCacheDir(dir: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  await removeStaleTemporaries(dir);
}

/** Size of a cache folder: entries and bytes (temporaries excluded). */
export async function cacheSize(dir: string): Promise<{ entries: number; bytes: number }> {
  let entries = 0, bytes = 0;
  try {
    for await (const e of Deno.readDir(dir)) {
      if (!e.isFile || e.name.startsWith(".")) continue;
      entries++;
      bytes += (await Deno.stat(`${dir}/${e.name}`)).size;
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return { entries, bytes };
}
