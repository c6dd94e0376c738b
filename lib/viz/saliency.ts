/**
 * What a popularity network hears, drawn: a song's spectrogram beside its gradient × input and
 * occlusion maps ({@link saliencyFigure}), the saliency by mel band (Hz) and by time for the
 * trained model and its shuffled-label control ({@link bandSaliencyFigure}), and the probe
 * table with its reading ({@link probeTable}).
 *
 * @example
 * ```ts
 * import { probeTable } from "./saliency.ts";
 * // for (const e of saliencyExamples(model, songs.test)) {
 * //   await showFigure(`04_saliency_${e.kind}`, saliencyFigure(e, config.audio));
 * // }
 * // const { table, reading } = probeTable(study);
 * ```
 * @module
 */
import pl from "nodejs-polars";
import type { Config } from "../config.ts";
import { HIDDEN_FACTORS, probeRow, type ProbeStudy } from "../eval/probes.ts";
import {
  melBandCentres,
  type SaliencyExample,
  type SaliencyMap,
} from "../model/popularity/saliency.ts";
import { formatInterval, formatNumber, formatPercent, MISSING } from "./format.ts";
import type { Figure, Trace } from "./plotly.ts";
import { frequencyLabels } from "./spectrogram.ts";

function rows(values: Float32Array, bands: number, frames: number): number[][] {
  return Array.from(
    { length: bands },
    (_, b) =>
      Array.from(values.subarray(b * frames, (b + 1) * frames), (v) => Number(v.toPrecision(4))),
  );
}

function frameSeconds(audio: Config["audio"], frames: number): number[] {
  return Array.from(
    { length: frames },
    (_, f) => Number(((f + 0.5) * audio.cropSeconds / frames).toFixed(3)),
  );
}

function largest(map: SaliencyMap): number {
  let m = 0;
  for (const v of map.values) m = Math.max(m, Math.abs(v));
  return m || 1;
}

/**
 * Three heatmaps side by side for one song: its dB spectrogram, the gradient × input map and the
 * occlusion map (red raises the prediction, blue lowers it), rows labelled with the mel bands'
 * centre frequencies in Hz.
 */
export function saliencyFigure(example: SaliencyExample, audio: Config["audio"]): Figure {
  const { bands, frames } = example.gradient;
  const y = frequencyLabels(melBandCentres(audio));
  const x = frameSeconds(audio, frames);
  const heat = (z: number[][], axis: string, extra: Record<string, unknown>): Trace => ({
    type: "heatmap",
    x,
    y,
    z,
    xaxis: `x${axis}`,
    yaxis: `y${axis}`,
    ...extra,
  });
  const diverging = (map: SaliencyMap, axis: string, colorbarX: number) =>
    heat(rows(map.values, bands, frames), axis, {
      colorscale: "RdBu",
      zmid: 0,
      zmin: -largest(map),
      zmax: largest(map),
      colorbar: { x: colorbarX, len: 0.9, thickness: 10 },
      hovertemplate: "%{x:.2f} s · %{y} · %{z:.3g}<extra></extra>",
    });
  const title =
    `${example.kind === "best" ? "best" : "worst"}-predicted test song ${example.trackId}: ` +
    `actual ${formatNumber(example.actual)}, predicted ${formatNumber(example.predicted)}`;
  return {
    data: [
      heat(rows(example.spectrogram, bands, frames), "", {
        colorscale: "Viridis",
        colorbar: { x: 0.29, len: 0.9, thickness: 10, title: { text: "dB" } },
        hovertemplate: "%{x:.2f} s · %{y} · %{z:.1f} dB<extra></extra>",
      }),
      diverging(example.gradient, "2", 0.645),
      diverging(example.occlusion, "3", 1.0),
    ],
    layout: {
      title: { text: title },
      height: 380,
      margin: { l: 80, r: 30, t: 60, b: 45 },
      xaxis: { domain: [0, 0.28], title: { text: "time (s) · spectrogram" } },
      xaxis2: { domain: [0.355, 0.635], title: { text: "gradient × input" } },
      xaxis3: { domain: [0.71, 0.99], title: { text: "occlusion (drop in prediction)" } },
      yaxis: { type: "category", nticks: 8, title: { text: "mel band centre (Hz)" } },
      yaxis2: { type: "category", nticks: 8, anchor: "x2", showticklabels: false },
      yaxis3: { type: "category", nticks: 8, anchor: "x3", showticklabels: false },
    },
  };
}

/**
 * The share of |gradient × input| per mel band (Hz, log axis) and per frame, for the trained
 * model and its control, with the cutoff of the upper-band statistic marked.
 */
export function bandSaliencyFigure(study: ProbeStudy, audio: Config["audio"]): Figure {
  const hz = Array.from(study.bands.centresHz, (f) => Math.round(f));
  const seconds = frameSeconds(audio, study.time.trained.length);
  const line = (name: string, x: number[], y: Float64Array, axis: string, dash: string): Trace => ({
    type: "scatter",
    mode: "lines",
    name,
    x,
    y: Array.from(y, (v) => Number((v * 100).toPrecision(4))),
    xaxis: `x${axis}`,
    yaxis: `y${axis}`,
    line: { dash, color: dash === "solid" ? "#1f77b4" : "#ff7f0e" },
    legendgroup: name,
    showlegend: axis === "",
    hovertemplate: `${name}: %{y:.2f} %<extra></extra>`,
  });
  return {
    data: [
      line("trained", hz, study.bands.trained, "", "solid"),
      line("control (shuffled labels)", hz, study.bands.control, "", "dot"),
      line("trained", seconds, study.time.trained, "2", "solid"),
      line("control (shuffled labels)", seconds, study.time.control, "2", "dot"),
    ],
    layout: {
      title: {
        text: `where the saliency lies (|gradient × input|, ${study.saliencySongs} test songs)`,
      },
      height: 360,
      margin: { l: 60, r: 20, t: 50, b: 45 },
      xaxis: { domain: [0, 0.6], type: "log", title: { text: "mel band centre (Hz)" } },
      yaxis: { title: { text: "share of saliency (%)" } },
      xaxis2: { domain: [0.7, 1], title: { text: "time (s)" } },
      yaxis2: { anchor: "x2" },
      shapes: [{
        type: "line",
        xref: "x",
        yref: "paper",
        x0: study.upperShare.cutoffHz,
        x1: study.upperShare.cutoffHz,
        y0: 0,
        y1: 1,
        line: { dash: "dash", width: 1 },
      }],
    },
  };
}

/**
 * The probe table (model × measure × factor: r [95 % CI], n) and a reading for a teacher: what
 * the trained model's prediction and probe track beside the control's, and the upper-band share
 * of its saliency beside the control's. `table` is null (and the reading says why) without a study.
 */
export function probeTable(
  study: ProbeStudy | null,
): { table: pl.DataFrame | null; reading: string } {
  if (!study) {
    return {
      table: null,
      reading: "No probe of hidden factors here: they exist only in the demo corpus, whose " +
        "generator plants each track's brightness and hook strength, and need the audio-only model.",
    };
  }
  const table = pl.DataFrame({
    model: study.rows.map((r) => r.model === "trained" ? "trained" : "control (shuffled labels)"),
    measure: study.rows.map((r) =>
      r.measure === "prediction" ? "prediction" : "ridge probe, penultimate layer"
    ),
    factor: study.rows.map((r) => r.factor),
    "r [95 % CI]": study.rows.map((r) =>
      Number.isFinite(r.correlation.r)
        ? `${formatNumber(r.correlation.r)} ${
          formatInterval(r.correlation.low, r.correlation.high)
        }`
        : MISSING
    ),
    n: study.rows.map((r) => String(r.n)),
  });
  const sentences: string[] = [];
  for (const f of HIDDEN_FACTORS) {
    for (const measure of ["prediction", "probe"] as const) {
      const t = probeRow(study, "trained", measure, f)?.correlation;
      const c = probeRow(study, "control", measure, f)?.correlation;
      if (!t || !c) continue;
      const what = measure === "prediction" ? "prediction" : "linear probe";
      const verdict = t.low > c.high
        ? "higher, the intervals apart"
        : t.high < c.low
        ? "lower, the intervals apart"
        : "the intervals overlap, so no difference is claimed";
      sentences.push(
        `The ${what} follows ${f} with r = ${formatNumber(t.r)} against the control's ${
          formatNumber(c.r)
        }: ${verdict}.`,
      );
    }
  }
  const u = study.upperShare;
  const points = (u.trained - u.control) * 100;
  const band = Number.isFinite(u.trained) && Number.isFinite(u.control)
    ? `Above ${formatNumber(u.cutoffHz)} Hz — the upper half of the mel bands, where brightness ` +
      `adds partials and opens the low-pass filter — lies ${formatPercent(u.trained)} of the ` +
      `trained model's saliency against ${
        formatPercent(u.control)
      } of the control's: the trained ` +
      `model listens ${
        points > 0 ? "higher up" : "no higher up"
      } than a network of the same shape that learnt nothing (${formatNumber(Math.abs(points))} ` +
      `percentage points ${points > 0 ? "more" : "less"}; one control is one draw of what chance ` +
      `gives, so only a large gap means much).`
    : "The band statistic could not be computed (no test song with a spectrogram).";
  const reading = "**Reading.** The demo generator hides two audible factors in every clip: " +
    "brightness (timbre) and hook strength (motif repetition). A network of this shape trained on " +
    "shuffled popularity is the control: whatever it appears to hear comes from the architecture " +
    `and the audio alone, not from learning. On ${study.rows[0]?.n ?? 0} test songs: ` +
    sentences.join(" ") + " " + band +
    " A correlation with a hidden factor says the model's output moves with it, not that the " +
    "model uses it to rank songs; the control is what makes the comparison honest.";
  return { table, reading };
}
