/**
 * The daily series notebook 06 forecasts, as the configuration says ({@link loadStreamSource}):
 * the chart files at `forecast.chartsPath` (Spotify Charts layout) when it is set, else the
 * demo corpus's daily `streams` table. The tracks table that supplies the multi-input model's
 * metadata comes along: the demo corpus's own, or — for chart files — the configured dataset's
 * (e.g. `hit-predictor`, whose track ids are Spotify ids as in the charts' URLs).
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { loadStreamSource } from "./load.ts";
 * const source = await loadStreamSource(loadConfig());
 * console.log(source.description, source.table.trackIds.length, source.table.dates.length);
 * ```
 * @module
 */
import type pl from "nodejs-polars";
import { type Config, displayPath, resolvePath } from "../../config.ts";
import { prepareDataset } from "../load.ts";
import { chartStreamsFrame, chartTracksFrame } from "./frames.ts";
import { type ChartImport, importChartFiles } from "./import.ts";
import { type StreamTable, streamTableFromFrame } from "./table.ts";

/** A daily series ready to prepare, and where it came from. */
export interface StreamSource {
  /** Songs × days, NaN where missing. */
  table: StreamTable;
  /** Where the counts come from, in words. */
  description: string;
  /** Tracks table with the metadata columns, or null when there is none to join. */
  tracks: pl.DataFrame | null;
  /** Why there is no tracks table (empty when there is one). */
  tracksNote: string;
  /** The chart import (files, issues, regions) when the counts come from chart files. */
  charts: ChartImport | null;
  /** Track names per id for captions ("name — artist"), where known. */
  names: Map<string, string>;
}

/** Options of {@link loadStreamSource}. */
export interface LoadStreamOptions {
  /** Progress lines; default stderr. */
  log?: (line: string) => void;
}

function namesOf(frame: pl.DataFrame | null): Map<string, string> {
  const names = new Map<string, string>();
  if (!frame || !frame.columns.includes("track_name")) return names;
  const ids = frame.getColumn("track_id").toArray() as string[];
  const titles = frame.getColumn("track_name").toArray() as string[];
  const artists = frame.columns.includes("artist_name")
    ? frame.getColumn("artist_name").toArray() as string[]
    : [];
  ids.forEach((id, i) => names.set(id, artists[i] ? `${titles[i]} — ${artists[i]}` : titles[i]));
  return names;
}

/** Loads the configured daily series (see the module's description). */
export async function loadStreamSource(
  config: Config,
  options: LoadStreamOptions = {},
): Promise<StreamSource> {
  const log = options.log ?? ((line: string) => console.error(line));
  if (config.forecast.chartsPath) {
    const path = resolvePath(config.forecast.chartsPath);
    const charts = await importChartFiles(path, { region: config.forecast.region || undefined });
    const table = streamTableFromFrame(chartStreamsFrame(charts.entries));
    let tracks: pl.DataFrame | null = null;
    let tracksNote = "";
    if (config.dataset.source === "demo") {
      tracksNote = "chart files with the demo corpus configured: no metadata to join " +
        "(set dataset.source to a dataset with Spotify ids, e.g. hit-predictor)";
    } else {
      tracks = (await prepareDataset(config, { log })).dataset.tracks;
    }
    return {
      table,
      description: `chart files ${displayPath(path)} (${charts.files.length} file${
        charts.files.length === 1 ? "" : "s"
      }, region ${charts.region ?? "not given"})`,
      tracks,
      tracksNote,
      charts,
      names: namesOf(chartTracksFrame(charts.entries)),
    };
  }
  if (config.dataset.source !== "demo") {
    throw new Error(
      `dataset ${config.dataset.source} has no daily stream counts: set forecast.chartsPath ` +
        `(HSS_FORECAST_CHARTS_PATH) to chart files, or use the demo corpus`,
    );
  }
  const { dataset } = await prepareDataset(config, { log });
  const streams = dataset.tables.streams;
  if (!streams) throw new Error(`the stored ${dataset.name} has no streams table; rebuild it`);
  return {
    table: streamTableFromFrame(streams),
    description: `${dataset.name} demo corpus (seed ${config.seed}): daily streams table`,
    tracks: dataset.tracks,
    tracksNote: "",
    charts: null,
    names: namesOf(dataset.tracks),
  };
}
