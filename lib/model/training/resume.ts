/**
 * When a saved run may be continued: a fingerprint of what a training depends on — the data, the
 * configuration (every setting that changes the numbers, the backend included) and the version
 * of the code that trains — stored with every checkpoint, and compared with the fingerprint of
 * the run about to start. Equal: the run resumes from the checkpoint (and ends bit-identical to
 * an uninterrupted run). Different: it starts over, and {@link fingerprintMismatch} says why.
 *
 * The code version is a SHA-256 of the source files the training runs through
 * ({@link TRAINING_SOURCES}), so a change to the network, the loop or the backends starts the
 * runs over, while editing a notebook or a figure does not.
 *
 * @example
 * ```ts
 * import { codeVersion, fingerprintMismatch, runFingerprint, sha256Hex } from "./resume.ts";
 * const now = await runFingerprint({ data: await sha256Hex(["songs"]), settings: { epochs: 3 } });
 * console.log(fingerprintMismatch(now, now)); // null: resume
 * console.log((await codeVersion()).length); // 64
 * ```
 * @module
 */
import { z } from "zod";

/** What a run depends on, as stored with its checkpoints. */
export const RunFingerprint: z.ZodObject<
  { data: z.ZodString; settings: z.ZodRecord<z.ZodString, z.ZodUnknown>; code: z.ZodString },
  z.core.$strip
> = z.object({
  /** SHA-256 of the training and validation data. */
  data: z.string(),
  /** The settings, as given (JSON-able). */
  settings: z.record(z.string(), z.unknown()),
  /** {@link codeVersion} when the run started. */
  code: z.string(),
});
/** A validated fingerprint. */
export type RunFingerprint = z.infer<typeof RunFingerprint>;

/** How a run began: continued from a checkpoint, or from its first epoch and why. */
export type TrainingStart =
  | { kind: "resumed"; /** Epochs done before this call. */ epoch: number; finished: boolean }
  | { kind: "started"; /** Why it did not resume. */ reason: string };

/** Source files and folders (relative to lib/) whose code decides a training's numbers. */
const TRAINING_SOURCES: readonly string[] = [
  "model/training",
  "model/cnn",
  "model/early_stopping",
  "model/popularity",
  "model/backend",
  "model/forecast",
  "data/random.ts",
  "paper.ts",
];

const LIB = new URL("../../", import.meta.url);

/** Hex SHA-256 of the parts, each length-prefixed (so ["ab","c"] ≠ ["a","bc"]). */
export async function sha256Hex(
  parts: readonly (string | ArrayBufferView)[],
): Promise<string> {
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for (const part of parts) {
    const bytes = typeof part === "string"
      ? encoder.encode(part)
      : new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
    chunks.push(encoder.encode(`${bytes.byteLength}:`), bytes);
  }
  const total = chunks.reduce((s, c) => s + c.byteLength, 0);
  const all = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  const digest = await crypto.subtle.digest("SHA-256", all);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function sourceFiles(path: string): Promise<string[]> {
  const info = await Deno.stat(path);
  if (info.isFile) return path.endsWith(".ts") ? [path] : [];
  const out: string[] = [];
  for await (const entry of Deno.readDir(path)) {
    out.push(...await sourceFiles(`${path}/${entry.name}`));
  }
  return out;
}

let cachedVersion: Promise<string> | null = null;

/**
 * The training code's version: SHA-256 over the paths and contents of the TypeScript files of
 * {@link TRAINING_SOURCES} and the npm versions pinned in deno.json (tfjs among them). Read once
 * per process (a running kernel never re-imports changed modules either).
 */
export function codeVersion(): Promise<string> {
  cachedVersion ??= (async () => {
    const lib = decodeURIComponent(LIB.pathname).replace(/\/$/, "");
    const files = (await Promise.all(TRAINING_SOURCES.map((p) => sourceFiles(`${lib}/${p}`))))
      .flat().sort();
    const parts: string[] = [];
    for (const file of files) parts.push(file.slice(lib.length + 1), await Deno.readTextFile(file));
    try {
      const deno = JSON.parse(await Deno.readTextFile(`${lib}/../deno.json`));
      parts.push(JSON.stringify(deno.imports ?? {}));
    } catch { /* no deno.json beside lib/: the sources alone */ }
    return sha256Hex(parts);
  })();
  return cachedVersion;
}

/** A fingerprint of the current code for the given data hash and settings. */
export async function runFingerprint(
  what: { data: string; settings: Record<string, unknown> },
): Promise<RunFingerprint> {
  return { data: what.data, settings: canonical(what.settings), code: await codeVersion() };
}

function canonical(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value));
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? "unset";
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/**
 * Why a saved run cannot be continued by the run described by `now`, or null when it can.
 * `saved` is whatever the checkpoint holds (validated here: an older checkpoint without a
 * fingerprint cannot be resumed).
 */
export function fingerprintMismatch(saved: unknown, now: RunFingerprint): string | null {
  const parsed = RunFingerprint.safeParse(saved);
  if (!parsed.success) return "the checkpoint carries no fingerprint (written by older code)";
  const old = parsed.data;
  if (old.data !== now.data) return "the training data changed";
  const keys = [...new Set([...Object.keys(old.settings), ...Object.keys(now.settings)])].sort();
  const changed = keys.filter((k) =>
    JSON.stringify(old.settings[k]) !== JSON.stringify(now.settings[k])
  );
  if (changed.length > 0) {
    return `the configuration changed (${
      changed.slice(0, 3).map((k) => `${k}: ${shown(old.settings[k])} → ${shown(now.settings[k])}`)
        .join(", ")
    }${changed.length > 3 ? `, and ${changed.length - 3} more` : ""})`;
  }
  if (old.code !== now.code) return "the training code changed since the checkpoint was written";
  return null;
}

/** One sentence per run: "resumed after epoch k of n" or "started over: <reason>". */
export function describeStart(name: string, start: TrainingStart, epochs?: number): string {
  if (start.kind === "started") return `${name}: started over: ${start.reason}`;
  const of = epochs ? ` of ${epochs}` : "";
  return start.finished
    ? `${name}: resumed from epoch ${start.epoch}${of}; the saved run had already finished`
    : `${name}: resumed from epoch ${start.epoch}${of}`;
}
