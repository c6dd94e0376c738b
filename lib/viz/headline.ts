/**
 * A notebook's headline numbers (lib/eval/headline.ts) as the table it shows before saving them:
 * each value with its interval beside its trivial baseline, and whether it beats it.
 *
 * @example
 * ```ts
 * import { headlinesFrame } from "./headline.ts";
 * import { showTable } from "./display.ts";
 * await showTable(headlinesFrame([{ label: "CNN", metric: "MAE", value: 9.1, baseline: "mean predictor",
 *   baselineValue: 11.2, lowerIsBetter: true }]));
 * ```
 * @module
 */
import pl from "nodejs-polars";
import type { z } from "zod";
import { beatsBaseline, Headline } from "../eval/headline.ts";
import { formatInterval, formatNumber, MISSING } from "./format.ts";

/**
 * One row per headline: what was measured, the metric, its value (with its 95 % interval when
 * known), the baseline and its value, whether the value beats it, and the rows scored.
 */
export function headlinesFrame(headlines: readonly z.input<typeof Headline>[]): pl.DataFrame {
  const hs = headlines.map((h) => Headline.parse(h));
  return pl.DataFrame([
    pl.Series("measured", hs.map((h) => h.label), pl.Utf8),
    pl.Series("metric", hs.map((h) => h.metric), pl.Utf8),
    pl.Series(
      "value [95 % CI]",
      hs.map((h) =>
        formatNumber(h.value) +
        (h.interval ? ` ${formatInterval(h.interval[0], h.interval[1])}` : "")
      ),
      pl.Utf8,
    ),
    pl.Series("baseline", hs.map((h) => h.baseline), pl.Utf8),
    pl.Series("baseline value", hs.map((h) => formatNumber(h.baselineValue)), pl.Utf8),
    pl.Series("beats it", hs.map((h) => (beatsBaseline(h) ? "yes" : "no")), pl.Utf8),
    pl.Series("rows", hs.map((h) => (h.n === undefined ? MISSING : formatNumber(h.n))), pl.Utf8),
  ]);
}
