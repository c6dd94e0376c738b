/**
 * What a notebook run shows while a cell runs: the progress the notebook displays in place
 * (a `display_data` with a `display_id`, then `update_display_data`, as lib/audio/extract/progress.ts
 * and lib/viz/training.ts do), read from the events of lib/workspace/execute_notebook.py, and each
 * cell's time when it ends.
 *
 * On a terminal the latest progress is one line redrawn in place (carriage return + clear line),
 * cut to the terminal's width. In a log (CI) the line is printed at most every 10 s. Either way,
 * lines a display completes (the lines above its last one, such as the summary of each finished
 * epoch) and the last state of every display are printed once, so that the log keeps them.
 *
 * @example
 * ```ts
 * import { CellProgress, parseExecutorLine } from "./cell_progress.ts";
 * const progress = new CellProgress({ log: (line) => console.log(line) });
 * for (const line of ['@@executor-event {"event":"cell_done","cell":3,"cells":5,"source":"1 + 1;","seconds":0.4}']) {
 *   const event = parseExecutorLine(line);
 *   if (event) progress.handle(event); // "  cell 3/5 (1 + 1;) 0.4 s"
 * }
 * ```
 * @module
 */
import { z } from "zod";

/** Marks a line of the executor's stdout as an event; kept in step with execute_notebook.py. */
export const EVENT_PREFIX = "@@executor-event ";

/** zod schema of one executor event. */
export const ExecutorEventSchema: z.ZodDiscriminatedUnion<
  [
    z.ZodObject<
      {
        event: z.ZodLiteral<"cell_start">;
        cell: z.ZodNumber;
        cells: z.ZodNumber;
        source: z.ZodString;
      },
      z.core.$strip
    >,
    z.ZodObject<
      { event: z.ZodLiteral<"display">; cell: z.ZodNumber; id: z.ZodString; text: z.ZodString },
      z.core.$strip
    >,
    z.ZodObject<
      {
        event: z.ZodLiteral<"cell_done">;
        cell: z.ZodNumber;
        cells: z.ZodNumber;
        source: z.ZodString;
        seconds: z.ZodNumber;
      },
      z.core.$strip
    >,
  ],
  "event"
> = z.discriminatedUnion("event", [
  z.object({
    event: z.literal("cell_start"),
    /** 1-based position among all cells of the notebook. */
    cell: z.number().int().positive(),
    /** Number of cells of the notebook, code and Markdown. */
    cells: z.number().int().positive(),
    /** First non-blank line of the cell. */
    source: z.string(),
  }),
  z.object({
    event: z.literal("display"),
    cell: z.number().int().positive(),
    /** The display's id: later events with the same id replace its text. */
    id: z.string(),
    /** The display's `text/plain`. */
    text: z.string(),
  }),
  z.object({
    event: z.literal("cell_done"),
    cell: z.number().int().positive(),
    cells: z.number().int().positive(),
    source: z.string(),
    /** Seconds the cell ran. */
    seconds: z.number().nonnegative(),
  }),
]);

/** One event of the executor: a cell started, a display changed, a cell ended. */
export type ExecutorEvent = z.infer<typeof ExecutorEventSchema>;

/** The event a line of the executor's stdout carries, or null for any other line. */
export function parseExecutorLine(line: string): ExecutorEvent | null {
  if (!line.startsWith(EVENT_PREFIX)) return null;
  try {
    const parsed = ExecutorEventSchema.safeParse(JSON.parse(line.slice(EVENT_PREFIX.length)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not JSON: an ordinary line that happens to start like an event
  }
}

// CSI (colours, cursor moves) and OSC (titles, links) escape sequences.
// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

/** Text without ANSI escape sequences and control characters (tabs become spaces). */
export function plainTerminalText(text: string): string {
  return text.replace(ANSI, "").replaceAll("\t", " ").replaceAll("\r\n", "\n").replace(
    CONTROL,
    "",
  );
}

/** A line cut to at most `width` characters (code points), ending in `…` when cut. */
export function truncateLine(line: string, width: number): string {
  const chars = [...line];
  if (chars.length <= width) return line;
  return width <= 1 ? "…".slice(0, width) : chars.slice(0, width - 1).join("") + "…";
}

/** The first line of a cell as shown beside its number: trimmed, cut to `width` characters. */
export function cellExcerpt(source: string, width = 48): string {
  return truncateLine(source.trim(), width);
}

/** Options of {@link CellProgress}. */
export interface CellProgressOptions {
  /** Prints one finished line (no newline in it). */
  log: (line: string) => void;
  /**
   * Writes raw text to the terminal, for the line redrawn in place; absent: no line is redrawn,
   * progress goes to `log` at most every `intervalMs`.
   */
  draw?: (text: string) => void;
  /** Width of the terminal in characters; default 100 (read at each redraw). */
  columns?: () => number;
  /** Longest line printed to `log` when not drawing in place; default 200. */
  logWidth?: number;
  /** Least milliseconds between two progress lines printed to `log`; default 10,000. */
  intervalMs?: number;
  /** Clock in milliseconds; default `performance.now`. */
  now?: () => number;
}

interface DisplayState {
  cell: number;
  cells: number;
  /** Lines above the last one, already printed. */
  printedAbove: string[];
  /** The last line printed for this display. */
  lastPrinted: string | null;
  /** The current text, as lines. */
  lines: string[];
}

/** Draws a notebook run's executor events: see the module's description. */
export class CellProgress {
  readonly #log: (line: string) => void;
  readonly #draw?: (text: string) => void;
  readonly #columns: () => number;
  readonly #logWidth: number;
  readonly #interval: number;
  readonly #now: () => number;
  readonly #displays = new Map<string, DisplayState>();
  #cells = 0;
  /** The line drawn in place now, if any. */
  #live: string | null = null;
  #lastLogged = -Infinity;

  /**
   * A display that logs finished lines to `options.log` and redraws the live line with
   * `options.draw` when given.
   */
  constructor(options: CellProgressOptions) {
    this.#log = options.log;
    this.#draw = options.draw;
    this.#columns = options.columns ?? (() => 100);
    this.#logWidth = options.logWidth ?? 200;
    this.#interval = options.intervalMs ?? 10_000;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Takes one executor event. */
  handle(event: ExecutorEvent): void {
    switch (event.event) {
      case "cell_start":
        this.#cells = event.cells;
        this.#setLive(`  cell ${event.cell}/${event.cells} (${cellExcerpt(event.source)}) …`);
        break;
      case "display":
        this.#display(event.id, event.cell, event.text);
        break;
      case "cell_done":
        this.#setLive(null);
        this.#flush(event.cell);
        this.line(
          `  cell ${event.cell}/${event.cells} (${cellExcerpt(event.source)}) ${
            event.seconds.toFixed(1)
          } s`,
        );
        break;
    }
  }

  /** Prints a line that is not progress (kernel output, the runner's own lines) above the live line. */
  line(text: string): void {
    const live = this.#live;
    if (live !== null) this.#draw?.("\r\x1b[2K");
    this.#log(text);
    if (live !== null) this.#draw?.(`\r\x1b[2K${truncateLine(live, this.#columns() - 1)}`);
  }

  /** Ends the notebook: prints the last state of every display not printed yet, clears the live line. */
  finish(): void {
    this.#setLive(null);
    this.#flush(null);
  }

  #prefix(state: { cell: number; cells: number }) {
    return `  cell ${state.cell}/${state.cells || this.#cells} · `;
  }

  #print(state: DisplayState, line: string) {
    const text = this.#prefix(state) + line;
    this.line(this.#draw ? text : truncateLine(text, this.#logWidth));
    this.#lastLogged = this.#now();
  }

  #display(id: string, cell: number, text: string) {
    const lines = plainTerminalText(text).split("\n").map((l) => l.trimEnd()).filter(Boolean);
    if (lines.length === 0) return;
    let state = this.#displays.get(id);
    const fresh = state === undefined;
    if (state === undefined) {
      // a new display usually follows a finished one (the next model's training): the earlier
      // displays of the cell show their last state first, so the log reads in order
      const earlier = [...this.#displays.values()].filter((d) => d.cell === cell);
      if (earlier.length > 0) this.#setLive(null);
      for (const other of earlier) this.#settle(other);
      state = { cell, cells: this.#cells, printedAbove: [], lastPrinted: null, lines };
      this.#displays.set(id, state);
    }
    state.cell = cell;
    state.lines = lines;
    const completed = this.#completedLines(state);
    if (completed.length > 0) this.#setLive(null);
    for (const line of completed) this.#print(state, line);
    const last = lines[lines.length - 1];
    if (this.#draw) {
      this.#setLive(this.#prefix(state) + last);
    } else if (
      last !== state.lastPrinted && (fresh || this.#now() - this.#lastLogged >= this.#interval)
    ) {
      this.#print(state, last);
      state.lastPrinted = last;
    }
  }

  /** The lines a display completed since the last call: new lines above its last one. */
  #completedLines(state: DisplayState): string[] {
    const above = state.lines.slice(0, -1);
    const known = state.printedAbove;
    state.printedAbove = above;
    const appended = known.length <= above.length && known.every((l, i) => l === above[i]);
    // the last line printed a moment ago (a 10-s tick) may now sit above a new one
    return appended ? above.slice(known.length).filter((l) => l !== state.lastPrinted) : [];
  }

  /** Prints what a display completed and shows last, where not printed yet. */
  #settle(state: DisplayState) {
    for (const line of this.#completedLines(state)) this.#print(state, line);
    const last = state.lines[state.lines.length - 1];
    if (last !== state.lastPrinted) this.#print(state, last);
    state.lastPrinted = last;
  }

  /** Prints what the displays of `cell` (all when null) show last, then forgets them. */
  #flush(cell: number | null) {
    for (const [id, state] of this.#displays) {
      if (cell !== null && state.cell !== cell) continue;
      this.#settle(state);
      this.#displays.delete(id);
    }
  }

  #setLive(text: string | null) {
    if (!this.#draw) return;
    if (text === null) {
      if (this.#live !== null) this.#draw("\r\x1b[2K");
    } else {
      this.#draw(`\r\x1b[2K${truncateLine(text, this.#columns() - 1)}`);
    }
    this.#live = text;
  }
}
