/**
 * Timing helpers for the benchmark scripts: median of repeated runs after a warm-up, and the
 * one-line report format `label: value unit (reference …, ratio …)`.
 * @module
 */

/** Median wall time in milliseconds of `runs` calls of `fn`, after `warmup` untimed calls. */
export async function medianMs(
  fn: () => unknown | Promise<unknown>,
  options: { runs?: number; warmup?: number } = {},
): Promise<number> {
  const { runs = 5, warmup = 1 } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Formats a number with a sensible number of digits. */
export function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** Prints one benchmark line; `ratio` is project ÷ reference for times (lower is better). */
export function report(
  label: string,
  value: number,
  unit: string,
  reference?: { label: string; value: number },
): void {
  const ref = reference
    ? ` (${reference.label}: ${fmt(reference.value)} ${unit}, ratio ${
      (value / reference.value).toFixed(2)
    })`
    : "";
  console.log(`${label}: ${fmt(value)} ${unit}${ref}`);
}
