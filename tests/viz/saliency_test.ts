import assert from "node:assert/strict";
import { loadConfig } from "../../lib/config.ts";
import { fisherInterval } from "../../lib/data/stats.ts";
import type { ProbeRow, ProbeStudy } from "../../lib/eval/probes.ts";
import type { SaliencyExample } from "../../lib/model/popularity/saliency.ts";
import { bandSaliencyFigure, probeTable, saliencyFigure } from "../../lib/viz/saliency.ts";

const audio = { ...loadConfig({ env: {} }).audio, nMels: 4, frames: 3, cropSeconds: 3 };

function study(trainedShare: number, trainedR: number): ProbeStudy {
  const rows: ProbeRow[] = [];
  for (const model of ["trained", "control"] as const) {
    for (const factor of ["brightness", "hook"] as const) {
      for (const measure of ["prediction", "probe"] as const) {
        const r = model === "trained" && factor === "brightness" ? trainedR : 0.1;
        rows.push({ model, measure, factor, n: 150, correlation: fisherInterval(r, 150) });
      }
    }
  }
  return {
    rows,
    bands: {
      trained: Float64Array.from([0.1, 0.2, 0.3, 0.4]),
      control: Float64Array.from([0.4, 0.3, 0.2, 0.1]),
      centresHz: Float64Array.from([100, 500, 2000, 8000]),
    },
    time: {
      trained: Float64Array.from([0.2, 0.3, 0.5]),
      control: Float64Array.from([0.3, 0.3, 0.4]),
    },
    upperShare: { trained: trainedShare, control: 0.3, cutoffHz: 2000 },
    saliencySongs: 12,
  };
}

Deno.test("probeTable: a row per model, measure and factor, and a reading that follows the numbers", () => {
  const { table, reading } = probeTable(study(0.7, 0.8));
  assert.equal(table!.height, 8);
  assert.deepEqual(table!.columns, ["model", "measure", "factor", "r [95 % CI]", "n"]);
  const first = table!.row(0);
  assert.equal(first[0], "trained");
  assert.match(String(first[3]), /^0\.800 \[0\.734, 0\.851\]$/);
  assert.match(
    reading,
    /prediction follows brightness with r = 0\.800 against the control's 0\.100: higher, the intervals apart/,
  );
  assert.match(reading, /70 %|70\.0 %/);
  assert.match(reading, /listens higher up.*40(\.0)? percentage points more/);
  assert.doesNotMatch(reading, /NaN|null/);
  const flat = probeTable(study(0.2, 0.12)).reading;
  assert.match(flat, /listens no higher up.*10(\.0)? percentage points less/);
  assert.match(flat, /the intervals overlap/);
  const none = probeTable(null);
  assert.equal(none.table, null);
  assert.match(none.reading, /only in the demo corpus/);
});

Deno.test("saliencyFigure and bandSaliencyFigure: maps beside the spectrogram, Hz on the axis", () => {
  const map = (v: number) => ({ bands: 4, frames: 3, values: new Float32Array(12).fill(v) });
  const example: SaliencyExample = {
    kind: "worst",
    trackId: "demo-t00001",
    actual: 70,
    predicted: 41.234,
    spectrogram: new Float32Array(12).fill(-20),
    gradient: map(0.5),
    occlusion: map(-2),
  };
  const fig = saliencyFigure(example, audio);
  assert.equal(fig.data.length, 3);
  assert.equal((fig.data[1].z as number[][]).length, 4);
  assert.ok((fig.data[0].y as string[]).every((label) => label.endsWith(" Hz")));
  assert.deepEqual(fig.data[0].x, [0.5, 1.5, 2.5]);
  assert.equal(fig.data[2].zmin, -2);
  assert.match(
    String((fig.layout!.title as { text: string }).text),
    /worst.*actual 70, predicted 41\.2/,
  );
  const bands = bandSaliencyFigure(study(0.7, 0.8), audio);
  assert.equal(bands.data.length, 4);
  assert.deepEqual(bands.data[0].x, [100, 500, 2000, 8000]);
  assert.deepEqual(bands.data[0].y, [10, 20, 30, 40]);
  assert.equal((bands.layout!.shapes as { x0: number }[])[0].x0, 2000);
});
