/**
 * A run's headline numbers, each beside its trivial baseline: the CNN's MAE beside the mean
 * predictor's, F1 / balanced accuracy / MCC beside the majority class's, a forecast's RMSE beside
 * the last value's and last week's. Each notebook that reports a headline writes it with
 * {@link saveHeadlines} to `<paths.outputs>/results/<dataset key>/headlines/<notebook>.json`; the
 * run's report reads them all with {@link loadHeadlines}.
 *
 * @example
 * ```ts
 * import { saveHeadlines } from "./headline.ts";
 * await saveHeadlines("outputs/results/demo-tiny-seed42-44100hz", "04_cnn_training", [{
 *   label: "CNN (audio + metadata)", metric: "MAE", value: 9.32, interval: [8.14, 10.6],
 *   baseline: "mean predictor", baselineValue: 16.1, lowerIsBetter: true,
 * }]);
 * ```
 * @module
 */
import { z } from "zod";
import { writeTextAtomic } from "../data/atomic.ts";

/** One headline number and its trivial baseline, measured on the same rows. */
export const Headline: z.ZodObject<
  {
    label: z.ZodString;
    metric: z.ZodString;
    value: z.ZodNumber;
    interval: z.ZodOptional<z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>>;
    baseline: z.ZodString;
    baselineValue: z.ZodNumber;
    lowerIsBetter: z.ZodBoolean;
    n: z.ZodOptional<z.ZodNumber>;
  },
  z.core.$strip
> = z.object({
  /** What was measured, e.g. "CNN (audio + metadata)". */
  label: z.string().min(1),
  /** Metric name, e.g. "MAE", "F1", "RMSE (streams)". */
  metric: z.string().min(1),
  value: z.number(),
  /** 95 % interval of the value, when known. */
  interval: z.tuple([z.number(), z.number()]).optional(),
  /** The trivial answer it is compared with, e.g. "mean predictor", "majority class". */
  baseline: z.string().min(1),
  baselineValue: z.number(),
  /** Whether a lower value is better (errors) or a higher one (scores). */
  lowerIsBetter: z.boolean(),
  /** Rows the metric was computed on. */
  n: z.number().int().nonnegative().optional(),
});

/** A validated headline. */
export type Headline = z.infer<typeof Headline>;

/** The headlines of one notebook, as stored. */
export const NotebookHeadlines: z.ZodObject<
  { notebook: z.ZodString; headlines: z.ZodArray<typeof Headline> },
  z.core.$strip
> = z.object({
  /** Notebook file stem, e.g. "04_cnn_training". */
  notebook: z.string().regex(/^[\w.-]+$/),
  headlines: z.array(Headline),
});

/** A validated headlines file. */
export type NotebookHeadlines = z.infer<typeof NotebookHeadlines>;

/** Whether the value beats its baseline in the metric's direction. */
export function beatsBaseline(h: Headline): boolean {
  return h.lowerIsBetter ? h.value < h.baselineValue : h.value > h.baselineValue;
}

/**
 * Writes `<resultsDir>/headlines/<notebook>.json` (validated, atomically), replacing the
 * notebook's previous headlines; returns its path.
 */
export async function saveHeadlines(
  resultsDir: string,
  notebook: string,
  headlines: readonly z.input<typeof Headline>[],
): Promise<string> {
  const valid = NotebookHeadlines.parse({ notebook, headlines });
  const path = `${resultsDir}/headlines/${valid.notebook}.json`;
  await writeTextAtomic(path, JSON.stringify(valid, null, 2) + "\n");
  return path;
}

/**
 * Every notebook's headlines found under `<resultsDir>/headlines/`, sorted by notebook. A file
 * that does not parse is an error naming it (a report must not silently drop a number).
 */
export async function loadHeadlines(resultsDir: string): Promise<NotebookHeadlines[]> {
  const dir = `${resultsDir}/headlines`;
  const out: NotebookHeadlines[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  for (const e of entries.filter((e) => e.isFile && e.name.endsWith(".json"))) {
    const path = `${dir}/${e.name}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await Deno.readTextFile(path));
    } catch (error) {
      throw new Error(`${path}: not JSON (${(error as Error).message})`);
    }
    const result = NotebookHeadlines.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`${path}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    }
    out.push(result.data);
  }
  return out.sort((a, b) => a.notebook.localeCompare(b.notebook));
}
