/**
 * The 30-s previews on disk, one MP3 per track in `<dataset>/previews/<track id>.mp3`, each with
 * a record (`<track id>.json`: size, SHA-256, frames, duration) written after it. A preview is
 * complete when its record matches its bytes; a file without a record is accepted only when it
 * is a whole MP3 stream. Files are written atomically, so a download killed midway leaves at
 * most a temporary file, which {@link PreviewStore.removeTemporaries} clears.
 *
 * @example
 * ```ts
 * import { PreviewStore } from "./previews.ts";
 * const store = new PreviewStore("data/deezer/previews");
 * if ((await store.verify("3135556")) !== "ok") {
 *   // download, then: await store.save("3135556", bytes);
 * }
 * ```
 * @module
 */
import { z } from "zod";
import { removeStaleTemporaries, writeFileAtomic, writeTextAtomic } from "../../atomic.ts";
import { sha256Hex } from "../../store.ts";
import { scanMp3 } from "./mp3.ts";

/** The record kept beside a preview. */
export const PreviewRecord: z.ZodObject<
  {
    bytes: z.ZodNumber;
    sha256: z.ZodString;
    frames: z.ZodNumber;
    seconds: z.ZodNumber;
    sampleRate: z.ZodNumber;
  },
  z.core.$strip
> = z.object({
  /** File size in bytes. */
  bytes: z.number().int().nonnegative(),
  /** SHA-256 of the file, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** MPEG audio frames. */
  frames: z.number().int().positive(),
  /** Duration in seconds. */
  seconds: z.number().nonnegative(),
  /** Sample rate in Hz. */
  sampleRate: z.number().int().positive(),
});
/** A validated preview record. */
export type PreviewRecord = z.infer<typeof PreviewRecord>;

/** Raised when bytes handed to {@link PreviewStore.save} are not a whole MP3 stream. */
export class CorruptPreviewError extends Error {
  /** Creates the error; `message` says which bytes were rejected and why. */
  constructor(message: string) {
    super(message);
    this.name = "CorruptPreviewError";
  }
}

/** A folder of previews; see the module documentation. */
export class PreviewStore {
  /** The folder. */
  readonly dir: string;

  /**
   * A store over one folder.
   * @param dir the previews folder, created on first save
   */
  constructor(dir: string) {
    this.dir = dir.replace(/\/+$/, "");
  }

  /** File name stem of a track id (characters other than letters, digits, `-`, `_` → `_`). */
  stem(trackId: string): string {
    return trackId.replace(/[^A-Za-z0-9_-]/g, "_");
  }

  /** The MP3 file of a track. */
  path(trackId: string): string {
    return `${this.dir}/${this.stem(trackId)}.mp3`;
  }

  #recordPath(trackId: string): string {
    return `${this.dir}/${this.stem(trackId)}.json`;
  }

  /**
   * `ok` when the preview is complete, `missing` when there is none, otherwise what is wrong
   * (it must be fetched again).
   */
  async verify(trackId: string): Promise<"ok" | "missing" | string> {
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(this.path(trackId));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return "missing";
      throw error;
    }
    let record: PreviewRecord | null = null;
    try {
      const parsed = PreviewRecord.safeParse(
        JSON.parse(await Deno.readTextFile(this.#recordPath(trackId))),
      );
      if (parsed.success) record = parsed.data;
    } catch { /* no record, or unreadable: check the stream itself */ }
    if (record) {
      if (record.bytes !== bytes.length) {
        return `corrupt: ${bytes.length} bytes on disk, ${record.bytes} recorded`;
      }
      if ((await sha256Hex(bytes)) !== record.sha256) {
        return "corrupt: checksum differs from record";
      }
      return "ok";
    }
    const scan = scanMp3(bytes);
    if (!scan.ok) return `corrupt: ${scan.problem}`;
    await this.#writeRecord(trackId, bytes);
    return "ok";
  }

  async #writeRecord(trackId: string, bytes: Uint8Array): Promise<PreviewRecord> {
    const scan = scanMp3(bytes);
    const record: PreviewRecord = {
      bytes: bytes.length,
      sha256: await sha256Hex(bytes),
      frames: scan.frames,
      seconds: Math.round(scan.seconds * 1000) / 1000,
      sampleRate: scan.sampleRate,
    };
    await writeTextAtomic(this.#recordPath(trackId), JSON.stringify(record) + "\n");
    return record;
  }

  /**
   * Stores a preview (atomically) and then its record.
   *
   * @throws {CorruptPreviewError} when the bytes are not a whole MP3 stream
   */
  async save(trackId: string, bytes: Uint8Array): Promise<PreviewRecord> {
    const scan = scanMp3(bytes);
    if (!scan.ok) throw new CorruptPreviewError(`preview of track ${trackId}: ${scan.problem}`);
    await writeFileAtomic(this.path(trackId), bytes);
    return await this.#writeRecord(trackId, bytes);
  }

  /** Removes temporaries of downloads killed before their rename; returns their names. */
  removeTemporaries(): Promise<string[]> {
    return removeStaleTemporaries(this.dir);
  }
}
