/**
 * Training-engine benchmark: samples per second of one epoch of the paper's CNN (audio +
 * metadata, 13 metadata features, batch 32, Adam 1e-3, MSE) on every installed training backend
 * (tfjs-node's `tensorflow`, `fast-cpu`), at 128×128 and at the configured input
 * (audio.nMels × audio.frames), each after a warm-up epoch, beside the independent PyTorch
 * reference (../shared/bench/torch_cnn_reference.py, same network, sizes, batch, threads and
 * protocol) run in the same command: each backend's round is followed by a PyTorch round, so
 * both sides meet the same load, and the load average is printed with the figures. Then the
 * end-to-end prediction time of one 30 s song with a loaded model (decode → spectrogram →
 * network) on the default backend.
 *
 * TRAIN_BENCH_ROUNDS (default 3) sets the rounds; TRAIN_BENCH_BACKENDS (comma-separated
 * `model.backend` names) narrows the backends. With TRAIN_BENCH_PAPER=1 it also trains the
 * audio + metadata model on the paper-sized demo corpus (100 artists × 20 tracks) for up to 25
 * epochs with early stopping and reports the time.
 */
import * as tf from "@tensorflow/tfjs";
import { loadConfig, resolvePath } from "../../lib/config.ts";
import { Rng } from "../../lib/data/random.ts";
import { registerFastCpu } from "../../lib/model/backend/fast_cpu.ts";
import { loadNativeBackend } from "../../lib/model/backend/native.ts";
import { type BackendName, selectBackend } from "../../lib/model/backend/select.ts";
import { webgpuAdapter } from "../../lib/model/backend/webgpu.ts";
import { buildCnn } from "../../lib/model/cnn/architecture.ts";
import { PopularityModel } from "../../lib/model/popularity/model.ts";
import { AudioScaler } from "../../lib/model/training/data.ts";
import { silentProgress } from "../../lib/model/training/progress.ts";
import { trainNetwork } from "../../lib/model/training/train.ts";
import { predictSong } from "../../lib/workspace/predict.ts";
import { fmt, medianMs, report } from "./timing.ts";
import { randomModelData } from "../model/training/synthetic.ts";

const config = loadConfig();
const choice = await selectBackend(config.model.backend, { log: () => {} });
console.log(choice.summary);
const SAMPLES = 256, BATCH = 32, META = 13;
const threads = navigator.hardwareConcurrency ?? 1;

type Trainable = Exclude<BackendName, "auto">;
/** Installed backends worth timing (plain cpu and wasm train the paper CNN at < 12 samples/s). */
async function installedBackends(): Promise<Trainable[]> {
  const wanted = Deno.env.get("TRAIN_BENCH_BACKENDS")?.split(",").map((b) => b.trim());
  const found: Trainable[] = [];
  const native = await loadNativeBackend("tensorflow");
  if (native.ok) found.push("tensorflow");
  else console.log(`tensorflow: not timed (${native.reason})`);
  const fast = registerFastCpu();
  if (fast.ok) {
    found.push("fast-cpu");
    console.log(`fast-cpu: convolutions on ${fast.convolutions}`);
  } else console.log(`fast-cpu: not timed (${fast.reason})`);
  const webgpu = await webgpuAdapter();
  if (webgpu.ok) {
    webgpuDetail = webgpu.detail;
    console.log(`webgpu: ${webgpu.detail}; timed once, on ${WEBGPU_SAMPLES}-sample epochs`);
  } else console.log(`webgpu: not timed (${webgpu.reason})`);
  if (found.length === 0) found.push("cpu");
  if (webgpuDetail !== null && (!wanted || wanted.includes("webgpu"))) timeWebgpu = true;
  return wanted ? found.filter((b) => wanted.includes(b)) : found;
}
/** A software adapter trains at ~1 sample/s: webgpu gets one round of short epochs. */
const WEBGPU_SAMPLES = 32;
let webgpuDetail: string | null = null, timeWebgpu = false;
const backends = await installedBackends();

function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

/** Samples/s of the reference, or null with the reason printed. */
async function torchReference(h: number, w: number): Promise<number | null> {
  const script = resolvePath("../shared/bench/torch_cnn_reference.py");
  try {
    const out = await new Deno.Command("/usr/bin/python3", {
      args: [script, String(h), String(w), String(META), String(SAMPLES)],
      env: { THREADS: String(threads) },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    const match = text.match(/([\d.]+) samples\/s/);
    if (out.code === 0 && match) return Number(match[1]);
    if (/No module named 'torch'/.test(text)) {
      console.log(
        "torch reference: skipped (install Debian's python3-torch: apt-get install python3-torch)",
      );
    } else console.log(`torch reference: failed (${text.trim().split("\n").pop()})`);
  } catch (error) {
    console.log(`torch reference: skipped (${error instanceof Error ? error.message : error})`);
  }
  return null;
}

async function ours(
  backend: Trainable,
  h: number,
  w: number,
  samples = SAMPLES,
): Promise<number> {
  await selectBackend(backend, { log: () => {} });
  const model = buildCnn({ inputs: "both", audioShape: [h, w, 1], metadataFeatures: META });
  const train = randomModelData(h, w, samples, 1, META);
  const validation = randomModelData(h, w, BATCH, 2, META);
  const result = await trainNetwork(model, train, validation, {
    epochs: 2, // the first is the warm-up, as in the reference
    batchSize: BATCH,
    audioScaler: AudioScaler.fit(train.audio!),
    progress: silentProgress,
  });
  model.dispose();
  return result.history[1].samplesPerSecond;
}

/** "0.82× PyTorch (PyTorch faster)" — the ratio and which side is faster. */
function ratioLine(value: number, reference: number): string {
  const ratio = value / reference;
  const faster = Math.abs(ratio - 1) < 0.02
    ? "as fast"
    : ratio > 1
    ? "ours faster"
    : "PyTorch faster";
  return `${ratio.toFixed(2)}× PyTorch (${faster})`;
}

const sizes: [number, number][] = [[128, 128]];
if (config.audio.nMels !== 128 || config.audio.frames !== 128) {
  sizes.push([config.audio.nMels, config.audio.frames]);
}
// Machines are shared: ours and PyTorch alternate, ROUNDS times each, and each side's best round
// counts (the one least disturbed by other work); every round is printed too.
const ROUNDS = Number(Deno.env.get("TRAIN_BENCH_ROUNDS") ?? 3);
console.log(
  `backends: ${backends.join(", ")}; ${threads} threads; ${ROUNDS} rounds; ` +
    `load average before: ${loadAverage()}`,
);
for (const [h, w] of sizes) {
  const label = `${h}×${w}${
    h === config.audio.nMels && w === config.audio.frames ? " (configured input)" : ""
  }`;
  const best = new Map<Trainable, number>(backends.map((b) => [b, 0]));
  const rounds = new Map<Trainable, string[]>(backends.map((b) => [b, []]));
  const ratios = new Map<Trainable, number[]>(backends.map((b) => [b, []]));
  let reference: number | null = null;
  for (let r = 0; r < ROUNDS; r++) {
    for (const backend of backends) {
      const value = await ours(backend, h, w);
      const ref = await torchReference(h, w);
      best.set(backend, Math.max(best.get(backend)!, value));
      if (ref !== null) {
        reference = Math.max(reference ?? 0, ref);
        ratios.get(backend)!.push(value / ref);
      }
      rounds.get(backend)!.push(`${fmt(value)}${ref === null ? "" : ` / ${fmt(ref)}`}`);
      console.log(
        `  round ${r + 1}: ${backend} ${fmt(value)}${
          ref === null ? "" : `, PyTorch ${fmt(ref)}`
        } samples/s (load average ${loadAverage()})`,
      );
    }
  }
  for (const backend of backends) {
    console.log(`rounds ${backend} / PyTorch (samples/s): ${rounds.get(backend)!.join(", ")}`);
  }
  for (const backend of backends) {
    const value = best.get(backend)!;
    console.log(
      `train paper CNN ${label}, batch ${BATCH}, ${threads} threads, ${backend}, best of ${ROUNDS}: ` +
        `${fmt(value)} samples/s` +
        (reference === null
          ? ""
          : ` (PyTorch CPU: ${fmt(reference)} samples/s; ${ratioLine(value, reference)}; ` +
            `ratio within each round ${ratios.get(backend)!.map((x) => x.toFixed(2)).join(", ")})`),
    );
  }
  if (timeWebgpu) {
    const value = await ours("webgpu", h, w, WEBGPU_SAMPLES);
    const ref = await torchReference(h, w);
    console.log(
      `train paper CNN ${label}, batch ${BATCH}, webgpu (${webgpuDetail!.split(";")[0]}), ` +
        `one round of ${WEBGPU_SAMPLES}-sample epochs: ${fmt(value)} samples/s` +
        (ref === null
          ? ""
          : ` (PyTorch CPU, ${threads} threads, same round: ${fmt(ref)} samples/s; ` +
            `${ratioLine(value, ref)})`),
    );
  }
}
console.log(`load average after: ${loadAverage()}`);
await selectBackend(choice.name, { log: () => {} });
console.log(`prediction on ${tf.getBackend()}`);

// End-to-end prediction of a 30 s song, the model already loaded.
const sharedAudio = resolvePath(config.paths.sharedData) + "/audio";
const songs = ["time_to_strike.mp3", "hr3-hell.wav"].map((f) => `${sharedAudio}/${f}`).filter(
  (p) => {
    try {
      return Deno.statSync(p).isFile;
    } catch {
      return false;
    }
  },
);
if (songs.length === 0) console.log(`predict: skipped (no 30 s excerpts in ${sharedAudio})`);
else {
  const rng = new Rng(3);
  const fake = Array.from({ length: 32 }, () => ({
    spectrogram: Float32Array.from(
      { length: config.audio.nMels * config.audio.frames },
      () => rng.normal(-40, 10),
    ),
    metadata: {
      artist_popularity: rng.uniform(0, 100),
      followers: Math.round(rng.uniform(0, 1e6)),
    },
    popularity: rng.uniform(0, 100),
  }));
  const dir = await Deno.makeTempDir();
  await PopularityModel.train(fake, fake.slice(0, 8), {
    audio: config.audio,
    epochs: 1,
    dir,
    progress: silentProgress,
  });
  const model = await PopularityModel.load(dir);
  for (const song of songs) {
    const ms = await medianMs(
      () => predictSong(model, dir, song, { artist_popularity: 60, followers: 1000 }),
      { runs: 5 },
    );
    report(`predict one 30 s song end to end (${song.split("/").pop()})`, ms, "ms", {
      label: "target",
      value: 100,
    });
  }
  await Deno.remove(dir, { recursive: true });
}

if (Deno.env.get("TRAIN_BENCH_PAPER") === "1") {
  const { prepareDataset } = await import("../../lib/data/load.ts");
  const { consolidated } = await import("../../lib/data/dataset.ts");
  const { extractNetworkInputs } = await import("../../lib/audio/input/mod.ts");
  const { songsByPart } = await import("../../lib/model/popularity/songs.ts");
  const paperConfig = loadConfig({ overrides: { dataset: { source: "demo", demoSize: "paper" } } });
  const { dataset, split } = await prepareDataset(paperConfig, { log: () => {} });
  const rows = consolidated(dataset).toRecords() as Record<string, unknown>[];
  const t0 = performance.now();
  const batch = await extractNetworkInputs(
    rows.map((r) => String(r.audio_path)),
    paperConfig.audio,
  );
  const extractSeconds = (performance.now() - t0) / 1000;
  const parts = new Map(
    (split.toRecords() as { track_id: string; split: string }[]).map((r) => [r.track_id, r.split]),
  );
  const songsPaper = songsByPart(rows, {
    target: "track_popularity",
    parts,
    spectrograms: batch.inputs,
  });
  const { result } = await PopularityModel.train(songsPaper.train, songsPaper.validation, {
    audio: paperConfig.audio,
    epochs: 25,
    seed: paperConfig.seed,
    progress: silentProgress,
  });
  console.log(
    `paper corpus (${rows.length} songs, ${songsPaper.train.length} training): spectrograms ` +
      `${fmt(extractSeconds)} s (${batch.cache.hits} cached); training ${result.history.length} ` +
      `epochs${result.stopEpoch !== null ? " (early stop)" : ""} in ${
        fmt(result.seconds / 60)
      } min`,
  );
}
