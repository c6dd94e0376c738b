/**
 * Fast path for compressed audio: FFmpeg's own libraries (libavformat + libavcodec) called in
 * this process through Deno's FFI, by a small C shim (libav_decode.c) compiled once per source
 * version into `node_modules/.cache/hss-libav/`. The samples are bit-identical to those the
 * `ffmpeg` command writes as 32-bit float WAV (same demuxer, decoder and gapless trimming; tested
 * on MP3, Ogg Vorbis and FLAC) — without starting the ffmpeg program, whose ~200 shared
 * libraries alone take ~80 ms to load for every file.
 *
 * Optional by design: when a C compiler or FFmpeg's headers (Debian's libavformat-dev,
 * libavcodec-dev, libavutil-dev) are missing, when FFI is not permitted, or when a file does not
 * decode cleanly, {@link decodeWithLibav} returns null and the caller uses the `ffmpeg` command,
 * which also words the errors.
 *
 * @example
 * ```ts
 * import { decodeWithLibav } from "./libav.ts";
 * const audio = await decodeWithLibav("../shared/data/audio/hr3-icyland.mp3");
 * console.log(audio?.codec); // "mp3 via ffmpeg", as from the command (null without the shim)
 * ```
 * @module
 */
import { projectRoot } from "../../config.ts";
import type { DecodedAudio } from "./types.ts";

const SYMBOLS = {
  hss_decode: {
    parameters: ["buffer", "buffer", "buffer", "buffer", "buffer", "buffer", "buffer"],
    result: "i32",
    nonblocking: true,
  },
  hss_free: { parameters: ["pointer"], result: "void" },
} as const;

type Shim = Deno.DynamicLibrary<typeof SYMBOLS>;

/** Outcome of {@link libavDecoder}: the loaded shim, or why there is none. */
export type LibavStatus = { ok: true; library: string } | { ok: false; reason: string };

let loaded: Promise<{ shim: Shim; library: string } | { reason: string }> | undefined;

async function sha256Short(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.slice(0, 6), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Compiles the shim unless the library for this source version exists.
 *
 * @param cacheDir folder of the compiled library; default `<project>/node_modules/.cache/hss-libav`
 * @returns the library's path
 * @throws Error when the compiler or FFmpeg's headers are missing (its message says which)
 */
export async function buildLibavShim(cacheDir?: string): Promise<string> {
  const source = await Deno.readFile(new URL("./libav_decode.c", import.meta.url));
  const dir = cacheDir ?? `${projectRoot()}/node_modules/.cache/hss-libav`;
  const library = `${dir}/libhss_libav_${await sha256Short(source)}.so`;
  try {
    if (Deno.statSync(library).isFile) return library;
  } catch { /* not built yet */ }
  await Deno.mkdir(dir, { recursive: true });
  const sourcePath = `${dir}/libav_decode.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.c`;
  const tmp = `${library}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  await Deno.writeFile(sourcePath, source);
  try {
    const out = await new Deno.Command("cc", {
      args: [
        "-O2",
        "-shared",
        "-fPIC",
        "-o",
        tmp,
        sourcePath,
        "-lavformat",
        "-lavcodec",
        "-lavutil",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (out.code !== 0) {
      const said = new TextDecoder().decode(out.stderr).trim().split("\n")[0];
      throw new Error(
        `compiling the libav shim failed (${said}); install a C compiler and FFmpeg's headers: ` +
          `apt-get install gcc libavformat-dev libavcodec-dev libavutil-dev`,
      );
    }
    await Deno.rename(tmp, library); // atomic: parallel workers may build at the same time
    return library;
  } finally {
    await Deno.remove(sourcePath).catch(() => {});
    await Deno.remove(tmp).catch(() => {});
  }
}

async function load(): Promise<{ shim: Shim; library: string } | { reason: string }> {
  try {
    const library = await buildLibavShim();
    return { shim: Deno.dlopen(library, SYMBOLS), library };
  } catch (error) {
    return { reason: error instanceof Error ? error.message.split("\n")[0] : String(error) };
  }
}

/** Loads (building it first if needed) the shim once per process, and says whether it is there. */
export async function libavDecoder(): Promise<LibavStatus> {
  loaded ??= load();
  const r = await loaded;
  return "shim" in r ? { ok: true, library: r.library } : { ok: false, reason: r.reason };
}

/**
 * The duration ffmpeg prints (`Duration: HH:MM:SS.ss`, the microseconds + 5000 truncated to
 * hundredths) as ffmpeg.ts parses it, from the container's duration in microseconds (−1: none).
 */
export function printedDuration(us: number): number | null {
  if (us < 0) return null;
  const hundredths = Math.floor((us + 5000) / 10_000);
  const secs = Math.floor(hundredths / 100), cs = hundredths % 100;
  const h = Math.floor(secs / 3600), m = Math.floor((secs % 3600) / 60), s = secs % 60;
  return h * 3600 + m * 60 + Number(`${s}.${String(cs).padStart(2, "0")}`);
}

/**
 * Decodes the first audio stream of a file in this process with FFmpeg's libraries.
 *
 * @param path the file
 * @returns planar float32 channels at the file's own rate with the declared duration (rounded to
 *   hundredths of a second, as the ffmpeg command prints it), or null when the shim is not
 *   available, the file does not decode cleanly (any error FFmpeg logs, an unusual sample
 *   format) or decodes much shorter than declared (then use the ffmpeg command)
 */
export async function decodeWithLibav(path: string): Promise<DecodedAudio | null> {
  loaded ??= load();
  const r = await loaded;
  if (!("shim" in r)) return null;
  const out = new BigUint64Array(1), frames = new BigInt64Array(1);
  const channels = new Int32Array(1), rate = new Int32Array(1), duration = new BigInt64Array(1);
  const codec = new Uint8Array(32);
  const code = await r.shim.symbols.hss_decode(
    new TextEncoder().encode(`${path}\0`),
    out,
    frames,
    channels,
    rate,
    duration,
    codec,
  );
  if (code !== 0) return null;
  const pointer = Deno.UnsafePointer.create(out[0]);
  if (pointer === null) return null;
  const n = Number(frames[0]);
  const view = new Deno.UnsafePointerView(pointer);
  const planar = Array.from({ length: channels[0] }, (_, c) => {
    const channel = new Float32Array(n);
    view.copyInto(channel, c * n * 4);
    return channel;
  });
  r.shim.symbols.hss_free(pointer);
  const declaredSeconds = printedDuration(Number(duration[0]));
  const decoded = n / rate[0];
  if (
    declaredSeconds !== null && decoded < declaredSeconds - Math.max(0.25, 0.02 * declaredSeconds)
  ) {
    return null; // truncated: the ffmpeg command words it
  }
  const name = new TextDecoder().decode(codec.subarray(0, codec.indexOf(0)));
  return {
    sampleRate: rate[0],
    channels: planar,
    codec: `${name} via ffmpeg`,
    declaredSeconds,
  };
}
