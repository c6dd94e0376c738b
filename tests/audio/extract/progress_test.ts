import assert from "node:assert/strict";
import {
  formatProgress,
  progressEta,
  progressRate,
  progressReporter,
} from "../../../lib/audio/extract/progress.ts";

Deno.test("progress shows count, rate, ETA, cache hits and failures", () => {
  const p = { done: 30, total: 120, failed: 1, hits: 10, elapsedSeconds: 6 };
  assert.equal(progressRate(p), 5);
  assert.equal(progressEta(p), 18);
  assert.equal(
    formatProgress(p),
    "[#####...............]  30/120 (25%) · 5.0 clips/s · ETA 18 s · 10 cached · 1 failed",
  );
  assert.match(formatProgress({ ...p, done: 120, elapsedSeconds: 75 }), /done in 1 min 15 s/);
  assert.match(formatProgress({ ...p, done: 0, elapsedSeconds: 0 }), /ETA \?/);
});

Deno.test("the reporter writes at most one line per interval, and always the last", () => {
  const lines: string[] = [];
  const report = progressReporter({
    label: "mel",
    intervalMs: 60_000,
    write: (l) => lines.push(l),
  });
  for (let done = 0; done <= 5; done++) {
    report({ done, total: 5, failed: 0, hits: 0, elapsedSeconds: done });
  }
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^mel \[\.+\] 0\/5/);
  assert.match(lines[1], /^mel \[#+\] 5\/5 \(100%\)/);
});
