/**
 * Spectrograms as plotly heatmaps: time in seconds across, frequency up. Mel bands are equally
 * spaced on the mel scale, so they are drawn as equally spaced rows, each labelled with its
 * centre frequency in Hz (the axis reads in Hz while keeping the mel layout); linear-frequency
 * spectrograms use a numeric Hz axis. Long spectrograms are averaged down to at most
 * `maxColumns` columns so figures stay light in notebooks. {@link cacheReading} says what the
 * spectrogram cache holds.
 *
 * @example
 * ```ts
 * import { melSpectrogram, powerToDb } from "../audio/mod.ts";
 * import { showFigure } from "./plotly.ts";
 * import { spectrogramFigure } from "./spectrogram.ts";
 * const db = powerToDb(melSpectrogram(new Float32Array(44_100 * 5).map(Math.random), 44_100));
 * await showFigure("noise-mel", spectrogramFigure(db, { title: "white noise" }));
 * ```
 * @module
 */
import type { Spectrogram } from "../audio/spectrogram/types.ts";
import { displayPath } from "../config.ts";
import { formatNumber } from "./format.ts";
import type { Figure } from "./plotly.ts";

/** Options of {@link spectrogramFigure}. */
export interface SpectrogramFigureOptions {
  /** Figure title. */
  title?: string;
  /** `"mel"` (default): rows equally spaced, labelled in Hz; `"linear"`: a numeric Hz axis. */
  frequencyAxis?: "mel" | "linear";
  /** Most columns drawn; wider spectrograms are averaged in time. Default 600. */
  maxColumns?: number;
  /** plotly colour scale; default "Viridis". */
  colorscale?: string;
  /** Lowest value of the colour range, in the spectrogram's unit; default its minimum. */
  zmin?: number;
  /** Highest value of the colour range; default its maximum. */
  zmax?: number;
  /** Figure height in pixels; default 360. */
  height?: number;
  /** Seconds added to every frame time (e.g. the crop's start); default 0. */
  timeOffset?: number;
}

/** Frequency label in Hz, with as many decimals as needed to tell neighbouring rows apart. */
export function frequencyLabels(hz: ArrayLike<number>): string[] {
  for (let digits = 0; digits <= 3; digits++) {
    const labels = Array.from(hz, (f) => `${f.toFixed(digits)} Hz`);
    if (new Set(labels).size === labels.length) return labels;
  }
  return Array.from(hz, (f, i) => `${f.toFixed(3)} Hz (${i})`);
}

/**
 * A plotly heatmap of a spectrogram (any scale; dB reads best).
 *
 * @param s the spectrogram, [rows × frames] row-major
 */
export function spectrogramFigure(s: Spectrogram, options: SpectrogramFigureOptions = {}): Figure {
  const maxColumns = options.maxColumns ?? 600;
  const width = Math.min(s.frames, maxColumns);
  const offset = options.timeOffset ?? 0;
  const z: number[][] = [];
  for (let r = 0; r < s.rows; r++) {
    const row: number[] = new Array(width);
    for (let j = 0; j < width; j++) {
      const a = Math.floor((j * s.frames) / width);
      const b = Math.max(a + 1, Math.floor(((j + 1) * s.frames) / width));
      let sum = 0;
      for (let t = a; t < b; t++) sum += s.data[r * s.frames + t];
      row[j] = Math.round((sum / (b - a)) * 100) / 100;
    }
    z.push(row);
  }
  // the time of each drawn column: the centre of the frames averaged into it
  const x = Array.from({ length: width }, (_, j) => {
    const a = Math.floor((j * s.frames) / width);
    const b = Math.max(a + 1, Math.floor(((j + 1) * s.frames) / width));
    return Math.round((offset + (((a + b - 1) / 2) * s.hopLength) / s.sampleRate) * 1000) / 1000;
  });
  const mel = (options.frequencyAxis ?? "mel") === "mel";
  const unit = s.scale === "db" ? "dB" : s.scale;
  return {
    data: [{
      type: "heatmap",
      x,
      y: mel ? frequencyLabels(s.rowHz) : Array.from(s.rowHz),
      z,
      colorscale: options.colorscale ?? "Viridis",
      zmin: options.zmin,
      zmax: options.zmax,
      colorbar: { title: { text: unit } },
      hovertemplate: `%{x:.2f} s · %{y} · %{z:.1f} ${unit}<extra></extra>`,
    }],
    layout: {
      title: { text: options.title ?? "" },
      height: options.height ?? 360,
      margin: { l: 80, r: 20, t: 40, b: 45 },
      xaxis: { title: { text: "time (s)" } },
      yaxis: mel
        ? { title: { text: "mel band centre (Hz)" }, type: "category", nticks: 10 }
        : { title: { text: "frequency (Hz)" } },
    },
  };
}

/**
 * What the audio cache holds, in a sentence: its folder, entries and size in MiB, and the shape
 * of one network input.
 *
 * @param dir the cache folder
 * @param size entries and bytes (lib/audio cacheSize)
 * @param shape [mel bands, frames] of one network input
 */
export function cacheReading(
  dir: string,
  size: { entries: number; bytes: number },
  shape: readonly [number, number],
): string {
  return `Cache \`${displayPath(dir)}\`: ${formatNumber(size.entries)} entr${
    size.entries === 1 ? "y" : "ies"
  }, ${formatNumber(size.bytes / 2 ** 20)} MiB (${shape[0]} × ${shape[1]} float32 per entry, ` +
    `plus entries of other parameters or runs). The first run's hits are clips cached by ` +
    `earlier runs of this notebook.`;
}
