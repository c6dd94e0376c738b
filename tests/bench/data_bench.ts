/**
 * Data-layer benchmark: importing the 41,106-row hit-predictor tables (parse + mapping + zod
 * validation + DataFrame) against polars' own CSV reader on the same files (parse only), storing
 * a dataset, and the demo corpus's audio synthesis per second of audio.
 */
import pl from "nodejs-polars";
import { resolvePath } from "../../lib/config.ts";
import { importPreset } from "../../lib/data/sources/presets.ts";
import { saveDataset } from "../../lib/data/store.ts";
import { drawDemoCatalogue, synthesizeClip } from "../../lib/data/sources/demo/mod.ts";
import { fmt, medianMs, report } from "./timing.ts";

const sharedData = resolvePath("../shared/data");
const files = ["60s", "70s", "80s", "90s", "00s", "10s"].map((d) =>
  `${sharedData}/hit-predictor/dataset-of-${d}.csv`
);
try {
  const imported = await importPreset("hit-predictor", { sharedData });
  const ours = await medianMs(() => importPreset("hit-predictor", { sharedData }), { runs: 3 });
  const polars = await medianMs(() => files.map((f) => pl.readCSV(f)), { runs: 3 });
  report(
    `hit-predictor import (${imported.tracks.height} rows, validated)`,
    ours,
    "ms",
    { label: "polars readCSV, parse only", value: polars },
  );
  const dir = await Deno.makeTempDir();
  const store = await medianMs(() => saveDataset(imported, dir), { runs: 3 });
  report("store hit-predictor (Parquet + CSV + manifest, atomic)", store, "ms");
  await Deno.remove(dir, { recursive: true });
} catch (error) {
  console.log(`hit-predictor import: skipped (${error instanceof Error ? error.message : error})`);
}

const catalogue = drawDemoCatalogue({ size: "tiny", seed: 1 });
const track = catalogue.tracks[0];
const seconds = 10;
const synth = await medianMs(() =>
  synthesizeClip(track.attributes, { seconds, seed: 1, sampleRate: 44_100 })
);
report(`demo synthesis, ${seconds} s clip at 44.1 kHz`, synth, "ms");
console.log(`demo synthesis speed: ${fmt(synth / seconds)} ms per second of audio`);
