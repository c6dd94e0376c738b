/**
 * Progress of a training run: a bar per epoch with count, rate and ETA, then one line per
 * epoch. {@link terminalProgress} writes to stderr, redrawing the bar in place on a terminal and
 * printing only the epoch lines elsewhere (logs, CI); a notebook can pass its own display (see
 * lib/viz/training.ts) through the same {@link TrainingProgress} interface.
 *
 * @example
 * ```ts
 * import { terminalProgress } from "./progress.ts";
 * const progress = terminalProgress();
 * progress.onBatch?.({ epoch: 0, epochs: 25, done: 320, total: 1280, loss: 140,
 *   samplesPerSecond: 90, etaSeconds: 10.7 });
 * ```
 * @module
 */
import { type BatchProgress, type EpochRecord, formatDuration, formatEpoch } from "./history.ts";

/** Receives a training run's progress. Every member is optional. */
export interface TrainingProgress {
  /** A line of news (backend, resumed checkpoint, early stop). */
  onMessage?(line: string): void | Promise<void>;
  /** After every training batch. */
  onBatch?(progress: BatchProgress): void | Promise<void>;
  /** After every epoch, with its record. */
  onEpoch?(record: EpochRecord): void | Promise<void>;
}

/** A text bar: `[#####.....]`. */
export function progressBar(done: number, total: number, width = 24): string {
  const filled = total > 0 ? Math.min(width, Math.round((width * done) / total)) : 0;
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
}

/** The bar's line for one batch event. */
export function formatBatch(p: BatchProgress): string {
  return `epoch ${p.epoch + 1}/${p.epochs} ${progressBar(p.done, p.total)} ${p.done}/${p.total} · ${
    p.samplesPerSecond.toFixed(1)
  } samples/s · ETA ${formatDuration(p.etaSeconds)} · loss ${p.loss.toFixed(2)}`;
}

/** Options of {@link terminalProgress}. */
export interface TerminalProgressOptions {
  /** Where to write; default stderr. */
  write?: (text: string) => void;
  /** Redraw the bar in place; default: when stderr is a terminal. */
  interactive?: boolean;
}

/** Progress on stderr (see the module's description). */
export function terminalProgress(options: TerminalProgressOptions = {}): TrainingProgress {
  const encoder = new TextEncoder();
  const write = options.write ?? ((text: string) => Deno.stderr.writeSync(encoder.encode(text)));
  let interactive = options.interactive;
  if (interactive === undefined) {
    try {
      interactive = Deno.stderr.isTerminal();
    } catch {
      interactive = false;
    }
  }
  let barShown = false;
  const clear = () => {
    if (barShown) write("\r\x1b[2K");
    barShown = false;
  };
  return {
    onMessage(line) {
      clear();
      write(`${line}\n`);
    },
    onBatch(p) {
      if (!interactive) return;
      write(`\r\x1b[2K${formatBatch(p)}`);
      barShown = true;
    },
    onEpoch(record) {
      clear();
      write(`${formatEpoch(record)}\n`);
    },
  };
}

/** Progress that shows nothing. */
export const silentProgress: TrainingProgress = {};
