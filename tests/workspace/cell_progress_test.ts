import assert from "node:assert/strict";
import {
  cellExcerpt,
  CellProgress,
  EVENT_PREFIX,
  type ExecutorEvent,
  parseExecutorLine,
  plainTerminalText,
  truncateLine,
} from "../../lib/workspace/cell_progress.ts";

const start = (cell: number, source = "const x = 1;"): ExecutorEvent => ({
  event: "cell_start",
  cell,
  cells: 12,
  source,
});
const show = (cell: number, text: string, id = "bar"): ExecutorEvent => ({
  event: "display",
  cell,
  id,
  text,
});
const done = (cell: number, seconds: number, source = "const x = 1;"): ExecutorEvent => ({
  event: "cell_done",
  cell,
  cells: 12,
  source,
  seconds,
});

Deno.test("executor lines: events are parsed and validated, other lines are not events", () => {
  const line = `${EVENT_PREFIX}${JSON.stringify(done(7, 351.2))}`;
  assert.deepEqual(parseExecutorLine(line), done(7, 351.2));
  assert.equal(parseExecutorLine("Warning: the kernel said something"), null);
  assert.equal(parseExecutorLine(`${EVENT_PREFIX}{not json`), null);
  assert.equal(parseExecutorLine(`${EVENT_PREFIX}{"event":"display","cell":0}`), null);
});

Deno.test("terminal text: ANSI and control characters go, long lines are cut with …", () => {
  assert.equal(
    plainTerminalText("\x1b[32m[####\x1b[0m....]\x1b]0;title\x07 5/9\tETA 3 s\r\n"),
    "[####....] 5/9 ETA 3 s\n",
  );
  assert.equal(truncateLine("abcdef", 6), "abcdef");
  assert.equal(truncateLine("abcdefg", 6), "abcde…");
  assert.equal(truncateLine("ééééé", 3), "éé…");
  assert.equal(
    cellExcerpt("  const trained = await trainVariants(songs, config, { epochs: 3 });"),
    "const trained = await trainVariants(songs, conf…",
  );
});

Deno.test("in a log: a display's first state, finished lines at once, its last state at the cell's end", () => {
  let now = 0;
  const lines: string[] = [];
  const progress = new CellProgress({ log: (l) => lines.push(l), now: () => now });
  progress.handle(start(9, "const trained = await trainVariants(songs, config);"));
  progress.handle(show(9, "training\nepoch 1/3 [#...] 1/4 · ETA 0:09"));
  now = 1_000;
  progress.handle(show(9, "training\nepoch 1/3 [##..] 2/4 · ETA 0:08")); // < 10 s: not printed
  now = 2_000;
  progress.handle(show(9, "training\nepoch 1/3: loss 0.9")); // last line: not printed yet
  now = 3_000;
  progress.handle(show(9, "training\nepoch 1/3: loss 0.9\nepoch 2/3 [#...] 1/4")); // finished: printed
  now = 14_000;
  progress.handle(show(9, "training\nepoch 1/3: loss 0.9\nepoch 2/3 [###.] 3/4")); // 10 s on: printed
  now = 15_000;
  progress.handle(show(9, "training\nepoch 1/3: loss 0.9\nepoch 2/3: loss 0.7"));
  progress.handle(done(9, 351.24, "const trained = await trainVariants(songs, config);"));
  assert.deepEqual(lines, [
    "  cell 9/12 · training",
    "  cell 9/12 · epoch 1/3 [#...] 1/4 · ETA 0:09",
    "  cell 9/12 · epoch 1/3: loss 0.9",
    "  cell 9/12 · epoch 2/3 [###.] 3/4",
    "  cell 9/12 · epoch 2/3: loss 0.7",
    "  cell 9/12 (const trained = await trainVariants(songs, conf…) 351.2 s",
  ]);
});

Deno.test("in a log: a single-line bar prints at most every 10 s, and its final state", () => {
  let now = 0;
  const lines: string[] = [];
  const progress = new CellProgress({ log: (l) => lines.push(l), now: () => now });
  progress.handle(start(3));
  for (let i = 0; i <= 30; i++) {
    now = i * 1_000;
    progress.handle(show(3, `\x1b[1mmel\x1b[0m ${i}/30`, "mel"));
  }
  progress.handle(done(3, 30));
  assert.deepEqual(lines, [
    "  cell 3/12 · mel 0/30",
    "  cell 3/12 · mel 10/30",
    "  cell 3/12 · mel 20/30",
    "  cell 3/12 · mel 30/30",
    "  cell 3/12 (const x = 1;) 30.0 s",
  ]);
});

Deno.test("on a terminal: one line redrawn in place, cut to the width; other lines above it", () => {
  const out: string[] = [];
  const logged: string[] = [];
  const progress = new CellProgress({
    log: (l) => {
      logged.push(l);
      out.push(`${l}\n`);
    },
    draw: (text) => out.push(text),
    columns: () => 30,
  });
  progress.handle(start(2, "await extract(paths);"));
  progress.handle(show(2, "mel [#.........] 1/10 · 3.0 clips/s · ETA 3 s"));
  progress.line("a line from the kernel");
  progress.handle(show(2, "mel [##########] 10/10 · done in 3 s"));
  progress.handle(done(2, 3.04, "await extract(paths);"));
  const clear = "\r\x1b[2K";
  const live = (text: string) => clear + truncateLine(text, 29);
  assert.deepEqual(out, [
    live("  cell 2/12 (await extract(paths);) …"),
    live("  cell 2/12 · mel [#.........] 1/10 · 3.0 clips/s · ETA 3 s"),
    clear,
    "a line from the kernel\n",
    live("  cell 2/12 · mel [#.........] 1/10 · 3.0 clips/s · ETA 3 s"),
    live("  cell 2/12 · mel [##########] 10/10 · done in 3 s"),
    clear,
    "  cell 2/12 · mel [##########] 10/10 · done in 3 s\n",
    "  cell 2/12 (await extract(paths);) 3.0 s\n",
  ]);
  assert.equal(out[1], `${clear}  cell 2/12 · mel [#........…`);
  for (const text of out.filter((t) => t.startsWith(clear))) {
    assert.ok([...text.slice(clear.length)].length <= 29, `wider than the terminal: ${text}`);
  }
  assert.deepEqual(logged, [
    "a line from the kernel",
    "  cell 2/12 · mel [##########] 10/10 · done in 3 s",
    "  cell 2/12 (await extract(paths);) 3.0 s",
  ]);
});

Deno.test("finish clears the line and prints what an unfinished cell showed last", () => {
  const out: string[] = [];
  const progress = new CellProgress({
    log: (l) => out.push(`${l}\n`),
    draw: (text) => out.push(text),
  });
  progress.handle(start(9));
  progress.handle(show(9, "training\nepoch 2/25 [###] 12/40 · loss 0.53"));
  out.length = 0;
  progress.finish();
  assert.deepEqual(out, ["\r\x1b[2K", "  cell 9/12 · epoch 2/25 [###] 12/40 · loss 0.53\n"]);
  out.length = 0;
  progress.finish();
  assert.deepEqual(out, [], "nothing is printed twice");
});

Deno.test("a new display in a cell first prints the last state of the cell's earlier ones", () => {
  const lines: string[] = [];
  const progress = new CellProgress({ log: (l) => lines.push(l), now: () => 0 });
  progress.handle(start(8));
  progress.handle(show(8, "model: both\nepoch 1/2 [#.] 1/2", "both"));
  progress.handle(show(8, "model: both\nepoch 1/2: loss 3\nepoch 2/2: loss 2", "both"));
  progress.handle(show(8, "model: audio\nepoch 1/2 [#.] 1/2", "audio"));
  progress.handle(show(8, "model: both\nepoch 1/2: loss 3\nepoch 2/2: loss 2", "both"));
  progress.handle(show(8, "model: audio\nepoch 1/2: loss 4\nepoch 2/2: loss 3", "audio"));
  progress.handle(done(8, 12));
  assert.deepEqual(lines.map((l) => l.replace("  cell 8/12 · ", "")), [
    "model: both",
    "epoch 1/2 [#.] 1/2",
    "epoch 1/2: loss 3",
    "epoch 2/2: loss 2",
    "model: audio",
    "epoch 1/2 [#.] 1/2",
    "epoch 1/2: loss 4",
    "epoch 2/2: loss 3",
    "  cell 8/12 (const x = 1;) 12.0 s",
  ]);
});
