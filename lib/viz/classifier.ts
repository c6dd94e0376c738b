/**
 * The audio classifier study for a reader (notebook 07): the class thresholds of each split, the
 * accuracy table beside the study's figures and the majority class with its reading, the
 * confusion matrix, the gap between the random and the artist-grouped split with its
 * explanation, and one spectrogram image in mono and RGB.
 *
 * @example
 * ```ts
 * import { classThresholdsTable } from "./classifier.ts";
 * // const { table, reading } = classThresholdsTable(splits, "streams");
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { STUDY_INPUT } from "../audio/input/image.ts";
import type { Config } from "../config.ts";
import { type ClassSplit, POPULARITY_CLASS_NAMES } from "../data/classes.ts";
import {
  bestClassifier,
  type ClassifierEvaluation,
  type MulticlassReport,
  type ScoredModel,
  splitGaps,
} from "../eval/classifier_study.ts";
import type { ClassifierRun } from "../model/popularity/audio_classifier.ts";
import { formatNumber, formatPercent, MISSING } from "./format.ts";
import type { Figure } from "./plotly.ts";

/** A table with its one-paragraph reading. */
export interface ReadTable {
  /** The table, formatted for reading. */
  table: pl.DataFrame;
  /** Its reading, one paragraph of Markdown. */
  reading: string;
}

/** A share as a percentage; rounded first, so that 0.55 reads "55 %" rather than "55.0 %". */
function pct(x: number | null | undefined): string {
  return typeof x === "number" && Number.isFinite(x)
    ? `${formatNumber(Number((x * 100).toPrecision(12)))} %`
    : formatPercent(x);
}

/** A difference of two shares in percentage points. */
function points(x: number): string {
  return Number.isFinite(x) ? formatNumber(Number((x * 100).toPrecision(12))) : MISSING;
}

function className(k: number, classes: number): string {
  return classes === POPULARITY_CLASS_NAMES.length ? POPULARITY_CLASS_NAMES[k] : `class ${k}`;
}

/**
 * One row per split: the thresholds (fitted on its training rows), the class shares of its
 * training and test rows; the reading says what the cuts mean.
 */
export function classThresholdsTable(splits: readonly ClassSplit[], column: string): ReadTable {
  const share = (s: ClassSplit, part: string, k: number) => {
    const rows = s.labels.filter((_, i) => s.parts[i] === part);
    return rows.length ? rows.filter((l) => l === k).length / rows.length : NaN;
  };
  const k = (splits[0]?.thresholds.thresholds.length ?? 2) + 1;
  const shares = (s: ClassSplit, part: string) =>
    Array.from({ length: k }, (_, c) => pct(share(s, part, c))).join(" / ");
  const table = pl.DataFrame([
    pl.Series("split", splits.map((s) => s.title), pl.Utf8),
    pl.Series(
      `${column} cuts`,
      splits.map((s) => s.thresholds.thresholds.map((t) => formatNumber(t)).join(" / ")),
      pl.Utf8,
    ),
    pl.Series("fitted on rows", splits.map((s) => formatNumber(s.thresholds.fittedOn)), pl.Utf8),
    pl.Series("train shares", splits.map((s) => shares(s, "train")), pl.Utf8),
    pl.Series("test shares", splits.map((s) => shares(s, "test")), pl.Utf8),
  ]);
  const names = Array.from({ length: k }, (_, c) => className(c, k)).join(" / ");
  const first = splits[0];
  const reading = first
    ? `Classes ${names} by ${column}: a track is in a higher class when its ${column} reach the ` +
      `cut. The cuts are fitted on each split's training rows only (quantiles ` +
      `${first.thresholds.quantiles.map((q) => pct(q)).join(", ")}), so the ` +
      `validation and test rows play no part in their own labels; test shares differ from the ` +
      `training shares by chance (and, on the artist-grouped split, by which artists were held out).`
    : "No classes: the dataset has no tracks with both a popularity count (a `listens` column or " +
      "a daily `streams` table) and audio, so the study cannot run on it.";
  return { table, reading };
}

function percentOrMissing(x: number | undefined): string {
  return x === undefined ? MISSING : pct(x);
}

function modelRow(m: ScoredModel, classes: number): Record<string, string> {
  const t = m.parts.test;
  const row: Record<string, string> = {
    model: m.name,
    train: pct(m.parts.train.accuracy),
    validation: pct(m.parts.validation.accuracy),
    test: pct(t.accuracy),
    "study train / val / test": m.study
      ? [m.study.train, m.study.validation, m.study.test].map((x) => percentOrMissing(x)).join(
        " / ",
      )
      : m.name === "majority class"
      ? `— / — / ${pct(0.467)}`
      : MISSING,
    "test balanced acc.": pct(t.balancedAccuracy),
    "test macro-F1": formatNumber(t.macroF1),
  };
  for (let k = 0; k < classes; k++) {
    row[`test recall ${className(k, classes)}`] = pct(t.recall[k]);
  }
  row["best epoch / run"] = m.bestEpoch === null ? MISSING : `${m.bestEpoch} / ${m.epochsRun}`;
  return row;
}

/**
 * Accuracy of each network on train / validation / test beside the study's figures on fma_small
 * and beside the training rows' majority class (whose accuracy on fma_small is the middle class's
 * share, 46.7 %), with the test rows' balanced accuracy, macro-F1 and per-class recall; the
 * reading names the network chosen on validation accuracy and compares it with the majority class.
 */
export function classifierAccuracyTable(
  evaluation: ClassifierEvaluation,
  options: { quick?: boolean } = {},
): ReadTable {
  const rows = [...evaluation.models, evaluation.majority].map((m) =>
    modelRow(m, evaluation.classes)
  );
  const table = pl.DataFrame(rows);
  const best = bestClassifier(evaluation);
  const majority = evaluation.majority.parts.test;
  let reading: string;
  if (!best) {
    reading = `No network was trained on the ${evaluation.title} split (its training or ` +
      `validation part is empty).`;
  } else {
    const t = best.parts.test;
    const verdict = t.accuracy > majority.accuracy
      ? `above the majority class's ${pct(majority.accuracy)}`
      : `not above the majority class's ${pct(majority.accuracy)}`;
    reading = `On the ${evaluation.title} split the network with the best validation accuracy ` +
      `is ${best.name}: ${pct(t.accuracy)} of ${formatNumber(t.n)} test songs right, ` +
      `${verdict} (always "${
        className(evaluation.majority.majorityClass, evaluation.classes)
      }"); ` +
      `balanced accuracy ${pct(t.balancedAccuracy)} against the majority class's ` +
      `${pct(majority.balancedAccuracy)} (chance: ${pct(1 / evaluation.classes)}), macro-F1 ${
        formatNumber(t.macroF1)
      } against ${formatNumber(majority.macroF1)}. ` +
      `The study's column is fma_small's, for reference; its majority class scores 46.7 %, ` +
      `above its 2-conv network.` +
      (options.quick
        ? " On the tiny corpus the networks train briefly on a few dozen songs: the " +
          "numbers only show that everything runs."
        : "");
  }
  return { table, reading };
}

/** The confusion matrix of one report as a heatmap: true class down, predicted across. */
export function confusionMatrixFigure(
  report: MulticlassReport,
  options: { title?: string } = {},
): Figure {
  const k = report.confusion.length;
  const names = Array.from({ length: k }, (_, c) => className(c, k));
  return {
    data: [{
      type: "heatmap",
      z: report.confusion,
      x: names.map((n) => `predicted ${n}`),
      y: names.map((n) => `true ${n}`),
      colorscale: "Viridis",
      text: report.confusion.map((r) => r.map((v) => String(v))),
      texttemplate: "%{text}",
      hovertemplate: "%{y}, %{x}: %{z} songs<extra></extra>",
    }],
    layout: {
      title: { text: options.title ?? `confusion matrix (${report.n} songs)` },
      yaxis: { autorange: "reversed" },
      height: 360,
      width: 520,
    },
  };
}

/**
 * Test accuracy of every network on the stratified random split and on the artist-grouped split,
 * and the gap; the reading explains it: a random split puts the same artist's songs on both
 * sides, so a network can score by recognising an artist's sound (and the artist's popularity)
 * rather than by hearing what makes a song popular.
 */
export function splitGapTable(evaluations: readonly ClassifierEvaluation[]): ReadTable {
  const gaps = splitGaps(evaluations);
  const table = pl.DataFrame([
    pl.Series("model", gaps.map((g) => g.name), pl.Utf8),
    pl.Series("test acc. stratified random", gaps.map((g) => pct(g.stratified)), pl.Utf8),
    pl.Series("test acc. artist-grouped", gaps.map((g) => pct(g.artist)), pl.Utf8),
    pl.Series("gap (points)", gaps.map((g) => points(g.gap)), pl.Utf8),
    pl.Series("balanced acc. stratified", gaps.map((g) => pct(g.balancedStratified)), pl.Utf8),
    pl.Series("balanced acc. artist", gaps.map((g) => pct(g.balancedArtist)), pl.Utf8),
    pl.Series("balanced gap (points)", gaps.map((g) => points(g.balancedGap)), pl.Utf8),
  ]);
  const networks = gaps.filter((g) =>
    g.name !== "majority class" && Number.isFinite(g.balancedGap)
  );
  const mean = networks.length
    ? networks.reduce((sum, g) => sum + g.balancedGap, 0) / networks.length
    : NaN;
  const direction = !Number.isFinite(mean)
    ? "No network was scored on both splits."
    : mean > 0
    ? `On average the networks' test balanced accuracy is ${
      points(mean)
    } points higher on the random split than on the artist-grouped one.`
    : `On average the networks' test balanced accuracy is no higher on the random split ` +
      `(gap ${points(mean)} points).`;
  const reading = `${direction} In the study's random split the same artist's songs sit on both ` +
    `sides: an artist's songs share a sound (production, instruments, voice) and, largely, a ` +
    `popularity, so a network can place a test song by recognising its artist from the training ` +
    `songs — a shortcut that fails on an unknown artist. The artist-grouped split (no artist on ` +
    `two sides) measures what a new artist's song would get; the gap is how much of the random ` +
    `split's score the shortcut can explain. Compare balanced accuracy: plain accuracy also moves ` +
    `with the two test sets' class shares, which is all the majority class's accuracy gap is.`;
  return { table, reading };
}

/** One spectrogram image (102×159) as a picture, 1 channel in grey or 3 channels as colours. */
export function spectrogramImageFigure(
  image: Float32Array,
  shape: readonly [number, number],
  channels: 1 | 3,
  options: { title?: string } = {},
): Figure {
  const [h, w] = shape;
  if (image.length !== h * w * channels) {
    throw new RangeError(`expected ${h}×${w}×${channels} values, found ${image.length}`);
  }
  // Row 0 is the lowest band: draw it at the bottom.
  const rows = Array.from({ length: h }, (_, r) => h - 1 - r);
  const trace = channels === 1
    ? {
      type: "heatmap",
      z: rows.map((r) => Array.from(image.subarray(r * w, (r + 1) * w), (v) => +v.toFixed(3))),
      colorscale: "Greys",
      reversescale: true,
      showscale: false,
    }
    : {
      type: "image",
      z: rows.map((r) =>
        Array.from({ length: w }, (_, c) => {
          const o = (r * w + c) * 3;
          return [0, 1, 2].map((j) => Math.round(image[o + j] * 255));
        })
      ),
    };
  return {
    data: [trace],
    layout: {
      title: { text: options.title ?? `${channels === 1 ? "mono" : "RGB"} input ${h}×${w}` },
      height: 300,
      width: 460,
      xaxis: { title: { text: "column (time)" } },
      yaxis: { title: { text: "row (mel band)" }, showticklabels: false },
    },
  };
}

/**
 * The run's settings for notebook 07: dataset, seed, epochs (and the tiny corpus's cap), batch,
 * learning rate, early stopping, the input and the backend.
 */
export function classifierSettingsMarkdown(
  config: Config,
  run: { epochs: number; backend: string; learningRate: number; tinyCap?: number },
): string {
  const d = config.dataset, m = config.model;
  return `**Dataset** \`${d.source}\`` + (d.source === "demo" ? ` (\`${d.demoSize}\`)` : "") +
    ` · **seed** ${config.seed} · **epochs** up to ${run.epochs}` +
    (run.tinyCap !== undefined ? ` (capped at ${run.tinyCap} on the tiny corpus)` : "") +
    ` · batch ${m.batchSize} · Adam, learning rate ${run.learningRate} · patience ${m.patience}, ` +
    `δ ${m.minDelta}\n\n**Input** ${STUDY_INPUT.nMels}×${STUDY_INPUT.frames}, random ` +
    `${STUDY_INPUT.cropSeconds}-s crop · **backend** ${run.backend.replace(/^backend: /, "")}`;
}

/** Per split and network: epochs run, the best epoch and the training time. */
export function classifierRunsMarkdown(
  runs: readonly { title: string; runs: readonly ClassifierRun[] }[],
): string {
  const lines = runs.flatMap((s) =>
    s.runs.map((r) =>
      `- ${s.title} split, ${r.variant.name}: ${r.result.history.length} epoch(s), best ` +
      `epoch ${r.result.bestEpoch + 1}` +
      (r.result.stopEpoch !== null ? " (stopped early)" : "") +
      `, ${formatNumber(r.result.seconds)} s`
    )
  );
  return lines.length
    ? lines.join("\n")
    : "No network was trained (no split with training and validation songs).";
}
