import assert from "node:assert/strict";
import { powerToDb, powerToDbInPlace } from "../../../lib/audio/spectrogram/db.ts";

Deno.test("power_to_db: 10·log10(max(amin, S)/ref), floored at max − top_db", () => {
  const x = powerToDbInPlace(Float64Array.of(100, 1, 1e-3, 1e-12, 0));
  assert.deepEqual(Array.from(x, (v) => Math.round(v * 1e9) / 1e9), [20, 0, -30, -60, -60]);
  const noFloor = powerToDbInPlace(Float64Array.of(1, 1e-12, 0), { topDb: Infinity });
  assert.deepEqual(Array.from(noFloor), [0, -100, -100]); // amin 1e-10
  const ref = powerToDbInPlace(Float64Array.of(10, 1), { ref: 10 });
  assert.ok(Math.abs(ref[0]) < 1e-12 && Math.abs(ref[1] + 10) < 1e-12);
  assert.throws(() => powerToDbInPlace(Float64Array.of(1), { topDb: -1 }), RangeError);
});

Deno.test("powerToDb returns a new dB spectrogram and leaves its input alone", () => {
  const s = {
    data: Float64Array.of(1, 10),
    rows: 1,
    frames: 2,
    sampleRate: 8000,
    hopLength: 4,
    rowHz: Float64Array.of(100),
    scale: "power" as const,
  };
  const db = powerToDb(s);
  assert.equal(db.scale, "db");
  assert.deepEqual(Array.from(s.data), [1, 10]);
  assert.ok(Math.abs(db.data[1] - 10) < 1e-12);
});
