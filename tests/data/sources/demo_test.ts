import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { projectRoot } from "../../../lib/config.ts";
import type { Dataset } from "../../../lib/data/dataset.ts";
import { ARTIST_COLUMNS, TRACK_COLUMNS, TrackRow } from "../../../lib/data/schema.ts";
import {
  buildDemoCorpus,
  DEMO_SIZES_SPEC,
  DemoCorpusError,
  drawDemoCatalogue,
  targetLevelDb,
} from "../../../lib/data/sources/demo/mod.ts";
import { parseWav } from "./demo/audio_measures.ts";
import { pearson } from "../../../lib/data/stats.ts";

const SEED = 42;

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** sha-256 of every WAV in a folder, by file name. */
async function wavHashes(dir: string): Promise<Map<string, string>> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name.endsWith(".wav")) names.push(entry.name);
  }
  names.sort();
  const out = new Map<string, string>();
  for (const name of names) out.set(name, await sha256Hex(await Deno.readFile(`${dir}/${name}`)));
  return out;
}

/** A table as CSV text, without `audio_path` (it names the folder, which differs per build). */
function csv(df: pl.DataFrame): string {
  const kept = df.columns.includes("audio_path") ? df.drop("audio_path") : df;
  return kept.writeCSV().toString();
}

function column<T>(df: pl.DataFrame, name: string): T[] {
  return df.getColumn(name).toArray() as T[];
}

Deno.test("buildDemoCorpus (tiny)", async (t) => {
  const tmp = await Deno.makeTempDir({ prefix: "demo-corpus-test-" });
  try {
    const progress: [number, number][] = [];
    const dirA = `${tmp}/a/audio`; // not created yet: the builder must create it
    const a = await buildDemoCorpus({
      size: "tiny",
      seed: SEED,
      audioDir: dirA,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const b = await buildDemoCorpus({ size: "tiny", seed: SEED, audioDir: `${tmp}/b` });
    const c = await buildDemoCorpus({ size: "tiny", seed: SEED + 1, audioDir: `${tmp}/c` });
    const spec = DEMO_SIZES_SPEC.tiny;
    const nTracks = spec.artists * spec.tracksPerArtist;

    await t.step("dataset metadata, target, issues and tables", () => {
      assert.equal(a.name, "demo-tiny");
      assert.match(a.source, /seed 42/);
      assert.match(a.source, /demo-v\d+/);
      assert.deepEqual(a.target, {
        column: "track_popularity",
        kind: "regression",
        threshold: 50,
      });
      assert.deepEqual(a.issues, []);
      assert.deepEqual(Object.keys(a.tables), ["streams"]);
      assert.equal(a.artists.height, spec.artists);
      assert.equal(a.tracks.height, nTracks);
      assert.deepEqual(a.artists.columns, ARTIST_COLUMNS);
      assert.deepEqual(a.tracks.columns, TRACK_COLUMNS);
      assert.deepEqual(progress.at(-1), [nTracks, nTracks]);
      assert.equal(progress.length, nTracks);
    });

    await t.step("same seed gives identical tables and WAV bytes", async () => {
      assert.equal(csv(a.artists), csv(b.artists));
      assert.equal(csv(a.tracks), csv(b.tracks));
      assert.equal(csv(a.tables.streams), csv(b.tables.streams));
      const [ha, hb] = [await wavHashes(dirA), await wavHashes(`${tmp}/b`)];
      assert.equal(ha.size, nTracks);
      assert.deepEqual([...ha.entries()], [...hb.entries()]);
    });

    await t.step("a different seed gives different tables and WAV bytes", async () => {
      assert.notEqual(csv(a.artists), csv(c.artists));
      assert.notEqual(csv(a.tracks), csv(c.tracks));
      assert.notEqual(csv(a.tables.streams), csv(c.tables.streams));
      const [ha, hc] = [await wavHashes(dirA), await wavHashes(`${tmp}/c`)];
      const same = [...ha.keys()].filter((k) => ha.get(k) === hc.get(k));
      assert.equal(same.length, 0);
    });

    await t.step("protocol: 20 tracks per artist, the 5 most popular are the top tracks", () => {
      const artistIds = column<string>(a.tracks, "artist_id");
      const top = column<boolean>(a.tracks, "is_top_track");
      const pop = column<number>(a.tracks, "track_popularity");
      for (const id of column<string>(a.artists, "artist_id")) {
        const idx = artistIds.flatMap((x, i) => x === id ? [i] : []);
        assert.equal(idx.length, spec.tracksPerArtist, id);
        const tops = idx.filter((i) => top[i]);
        assert.equal(tops.length, spec.topTracks, id);
        const minTop = Math.min(...tops.map((i) => pop[i]));
        const maxRest = Math.max(...idx.filter((i) => !top[i]).map((i) => pop[i]));
        assert.ok(minTop >= maxRest, `${id}: top tracks ${minTop} < other ${maxRest}`);
      }
    });

    await t.step("ids are unique and well formed", () => {
      const trackIds = column<string>(a.tracks, "track_id");
      const artistIds = column<string>(a.artists, "artist_id");
      assert.equal(new Set(trackIds).size, trackIds.length);
      assert.equal(new Set(artistIds).size, artistIds.length);
      assert.ok(trackIds.every((id) => /^demo-t\d{5}$/.test(id)));
      assert.ok(artistIds.every((id) => /^demo-a\d{3}$/.test(id)));
      assert.equal(trackIds[0], "demo-t00001");
      assert.equal(artistIds[0], "demo-a001");
    });

    await t.step("rows are schema-valid with every canonical column filled", () => {
      for (const row of a.tracks.toRecords()) {
        const parsed = TrackRow.parse(row);
        for (const col of TRACK_COLUMNS) assert.notEqual(parsed[col], null, `${col} is null`);
        assert.ok(parsed.release_date!.startsWith(String(parsed.release_year)));
        assert.equal(Number(parsed.release_date!.slice(5, 7)), parsed.release_month);
        assert.ok(parsed.duration_ms! >= 150_000 && parsed.duration_ms! <= 300_000);
      }
      const months = new Set(column<number>(a.tracks, "release_month"));
      assert.deepEqual([...months].sort((x, y) => x - y), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      const years = column<number>(a.tracks, "release_year");
      assert.ok(Math.max(...years) - Math.min(...years) >= 30, "releases span decades");
      const genres = new Set(column<string>(a.artists, "genre"));
      assert.ok(genres.size >= 2);
    });

    await t.step("artist popularity and followers follow star power", () => {
      const drawn = drawDemoCatalogue({ size: "tiny", seed: SEED });
      const pop = column<number>(a.artists, "artist_popularity");
      const followers = column<number>(a.artists, "followers");
      const star = drawn.artists.map((x) => x.starPower);
      assert.ok(pearson(star, pop) > 0.8);
      assert.ok(pearson(pop, followers.map(Math.log10)) > 0.5);
      assert.ok(followers.every((f) => Number.isInteger(f) && f > 0));
    });

    await t.step(
      "WAV files exist at audio_path and loudness is their measured RMS level",
      async () => {
        const paths = column<string>(a.tracks, "audio_path");
        const loudness = column<number>(a.tracks, "loudness");
        const drawn = drawDemoCatalogue({ size: "tiny", seed: SEED });
        const measured: number[] = [];
        for (const [i, path] of paths.entries()) {
          assert.equal(path, `${dirA}/${column<string>(a.tracks, "track_id")[i]}.wav`);
          const wav = parseWav(await Deno.readFile(path));
          assert.equal(wav.sampleRate, 44_100);
          assert.equal(wav.samples.length, spec.clipSeconds * 44_100);
          let sum = 0;
          for (const x of wav.samples) sum += x * x;
          measured.push(10 * Math.log10(sum / wav.samples.length));
        }
        for (const [i, db] of measured.entries()) assert.ok(Math.abs(db - loudness[i]) < 0.05);
        // The level follows the hidden energy (through the mix target), not just noise.
        const energy = drawn.tracks.map((x) => x.attributes.energy);
        const target = drawn.tracks.map((x) =>
          targetLevelDb(x.attributes.energy, x.attributes.gain)
        );
        assert.ok(
          pearson(energy, measured) > 0.8,
          `r(energy, level) = ${pearson(energy, measured)}`,
        );
        assert.ok(pearson(target, measured) > 0.95);
        assert.ok(pearson(column<number>(a.tracks, "energy"), loudness) > 0.7);
      },
    );

    await t.step("streams table: one row per track and day", () => {
      const s = a.tables.streams;
      assert.deepEqual(s.columns, ["track_id", "date", "streams"]);
      assert.equal(s.height, nTracks * spec.streamDays);
      assert.ok(s.getColumn("track_id").dtype.equals(pl.String));
      assert.ok(s.getColumn("date").dtype.equals(pl.String));
      assert.ok(s.getColumn("streams").dtype.equals(pl.Int64));
      const ids = column<string>(s, "track_id");
      const dates = column<string>(s, "date");
      const values = column<number | null>(s, "streams");
      assert.ok(values.every((v) => v === null || v >= 0));
      assert.equal(dates.at(-1), "2024-12-31");
      // weekly rhythm: each known day relative to its track's mean, averaged per weekday
      const perDay = Array.from({ length: 7 }, () => ({ sum: 0, n: 0 }));
      let single = 0;
      let long = 0;
      for (let t = 0; t < nTracks; t++) {
        const rows = Array.from({ length: spec.streamDays }, (_, d) => t * spec.streamDays + d);
        assert.ok(rows.every((r) => ids[r] === ids[rows[0]]));
        const known = rows.filter((r) => values[r] !== null);
        const mean = known.reduce((acc, r) => acc + values[r]!, 0) / known.length;
        for (const r of known) {
          const day = perDay[new Date(`${dates[r]}T00:00:00Z`).getUTCDay()];
          day.sum += values[r]! / mean;
          day.n++;
        }
        let run = 0;
        for (const [d, r] of [...rows, -1].entries()) {
          if (r >= 0 && values[r] === null) run++;
          else {
            if (run === 1 && d > 1) single++;
            if (run >= 3 && d > run) long++;
            run = 0;
          }
        }
      }
      const ratio = (perDay[5].sum / perDay[5].n) / (perDay[2].sum / perDay[2].n);
      assert.ok(ratio > 1.2, `Friday/Tuesday mean ratio ${ratio}`);
      assert.ok(single >= 20, `${single} isolated missing days`);
      assert.ok(long >= 5, `${long} gaps of 3 days or more`);
    });
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("buildDemoCorpus stores audio_path relative to the project root inside it", async () => {
  const root = projectRoot();
  // A folder inside the project (audio paths are stored relative to its root), but never data/.
  await Deno.mkdir(`${root}/tests/output`, { recursive: true });
  const dir = await Deno.makeTempDir({ dir: `${root}/tests/output`, prefix: "demo-test-" });
  try {
    const ds: Dataset = await buildDemoCorpus({
      size: "tiny",
      seed: 3,
      audioDir: `${dir}/clips/`,
      clipSeconds: 0.05,
      sampleRate: 8000,
    });
    const rel = dir.slice(root.length + 1);
    const paths = column<string>(ds.tracks, "audio_path");
    assert.equal(paths[0], `${rel}/clips/demo-t00001.wav`);
    assert.ok(paths.every((p) => !p.startsWith("/")));
    const wav = parseWav(await Deno.readFile(`${root}/${paths[0]}`));
    assert.equal(wav.sampleRate, 8000);
    assert.equal(wav.samples.length, 400);
    assert.match(ds.source, /0\.05 s clips at 8000 Hz/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("buildDemoCorpus rejects invalid options with DemoCorpusError", async () => {
  const base = { size: "tiny" as const, seed: 1, audioDir: "/tmp/never-written" };
  await assert.rejects(buildDemoCorpus({ ...base, audioDir: "relative/dir" }), DemoCorpusError);
  await assert.rejects(buildDemoCorpus({ ...base, sampleRate: 0 }), DemoCorpusError);
  await assert.rejects(buildDemoCorpus({ ...base, clipSeconds: -1 }), DemoCorpusError);
  await assert.rejects(buildDemoCorpus({ ...base, seed: 1.5 }), /seed: expected an integer/);
  await assert.rejects(
    // @ts-expect-error: an unknown size must be refused at run time too
    buildDemoCorpus({ ...base, size: "huge" }),
    /size: expected one of tiny, default, paper/,
  );
});
