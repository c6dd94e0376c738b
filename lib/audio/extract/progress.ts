/**
 * Progress of a batch: counts, rate and ETA, and a reporter that draws a bar in a notebook
 * (updated in place), on a terminal (one line redrawn) or in a log (a line every few seconds).
 *
 * @example
 * ```ts
 * import { formatProgress } from "./progress.ts";
 * console.log(formatProgress({ done: 30, total: 120, failed: 1, hits: 10, elapsedSeconds: 6 }));
 * // [#####...............]  30/120 (25%) · 5.0 clips/s · ETA 18 s · 10 cached · 1 failed
 * ```
 * @module
 */

/** Where a batch stands. */
export interface ExtractProgress {
  /** Files finished (computed, read from the cache, or failed). */
  done: number;
  /** Files in the batch. */
  total: number;
  /** Files that failed so far. */
  failed: number;
  /** Files read from the cache so far. */
  hits: number;
  /** Seconds since the batch started. */
  elapsedSeconds: number;
}

/** Files per second so far. */
export function progressRate(p: ExtractProgress): number {
  return p.elapsedSeconds > 0 ? p.done / p.elapsedSeconds : 0;
}

/** Estimated seconds left at the rate so far (Infinity before the first file finishes). */
export function progressEta(p: ExtractProgress): number {
  const rate = progressRate(p);
  return rate > 0 ? (p.total - p.done) / rate : Infinity;
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** One line: bar, count, percentage, rate, ETA (or total time when done), cache hits, failures. */
export function formatProgress(p: ExtractProgress, width = 20): string {
  const fraction = p.total > 0 ? p.done / p.total : 1;
  const filled = Math.round(fraction * width);
  const bar = `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
  const count = `${String(p.done).padStart(String(p.total).length)}/${p.total}`;
  const rate = progressRate(p);
  const timing = p.done >= p.total
    ? `done in ${formatSeconds(p.elapsedSeconds)}`
    : `ETA ${formatSeconds(progressEta(p))}`;
  return `${bar} ${count} (${Math.round(100 * fraction)}%) · ${
    rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)
  } clips/s · ${timing} · ${p.hits} cached · ${p.failed} failed`;
}

function jupyterDisplay(): ((text: string, first: boolean) => void) | null {
  try {
    const jupyter = Deno.jupyter;
    if (typeof jupyter?.display !== "function") return null;
    const id = `progress-${crypto.randomUUID()}`;
    return (text, first) => {
      jupyter.display({ "text/plain": text }, { raw: true, display_id: id, update: !first })
        .catch(() => {});
    };
  } catch {
    return null; // outside `deno jupyter` the getter throws
  }
}

/** Options of {@link progressReporter}. */
export interface ProgressReporterOptions {
  /** Text before the bar, e.g. "mel spectrograms". */
  label?: string;
  /** Minimum milliseconds between two log lines when not drawing in place; default 2000. */
  intervalMs?: number;
  /** Where lines go instead of the notebook or stderr (for tests). */
  write?: (line: string) => void;
}

/**
 * An `onProgress` callback that shows a progress bar: updated in place in a Jupyter notebook or
 * on a terminal, otherwise a line at most every `intervalMs` and at the end.
 */
export function progressReporter(
  options: ProgressReporterOptions = {},
): (p: ExtractProgress) => void {
  const label = options.label ? `${options.label} ` : "";
  const interval = options.intervalMs ?? 2000;
  if (options.write) {
    const write = options.write;
    let last = -Infinity;
    return (p) => {
      const now = performance.now();
      if (p.done >= p.total || now - last >= interval) {
        last = now;
        write(label + formatProgress(p));
      }
    };
  }
  const notebook = jupyterDisplay();
  if (notebook) {
    let first = true, last = -Infinity;
    return (p) => {
      const now = performance.now();
      if (p.done >= p.total || now - last >= 250) {
        last = now;
        notebook(label + formatProgress(p), first);
        first = false;
      }
    };
  }
  const tty = (() => {
    try {
      return Deno.stderr.isTerminal();
    } catch {
      return false;
    }
  })();
  const encoder = new TextEncoder();
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    const end = p.done >= p.total;
    if (tty) {
      if (end || now - last >= 100) {
        last = now;
        Deno.stderr.writeSync(encoder.encode(`\r${label}${formatProgress(p)}${end ? "\n" : ""}`));
      }
    } else if (end || now - last >= interval) {
      last = now;
      console.error(label + formatProgress(p));
    }
  };
}
