import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadConfig, resolvePath } from "../../lib/config.ts";
import {
  audioDescriptorsFrame,
  audioSetupHeadline,
  clipTitle,
  contrastingTracks,
  describeAudioFiles,
  keyName,
  listAudioFiles,
  melDbOfFile,
  networkInputOfFile,
  networkInputSpectrogram,
  tracksWithAudio,
  trackTitle,
} from "../../lib/audio/clips.ts";
import { ffmpegAvailable } from "../../lib/audio/decode/ffmpeg.ts";
import { extractAudioDescriptors } from "../../lib/audio/extract/extract.ts";

const config = loadConfig({ env: {} });
const audio = { ...config.audio, cropSeconds: 2, frames: 32, nMels: 64 };
const realDir = `${resolvePath(config.paths.sharedData)}/audio`;
let present = false;
try {
  present = Deno.statSync(realDir).isDirectory;
} catch { /* absent: skipped */ }
const hasFfmpeg = await ffmpegAvailable();

Deno.test("tracks with audio keep their rows and resolved paths, with a sentence", () => {
  const tracks = pl.DataFrame({
    track_id: ["a", "b", "c"],
    audio_path: ["data/x/a.wav", null, "/abs/c.mp3"],
  });
  const found = tracksWithAudio({ name: "x", tracks });
  assert.equal(found.tracks.height, 2);
  assert.deepEqual(found.paths, [resolvePath("data/x/a.wav"), "/abs/c.mp3"]);
  assert.equal(found.reading, "2 of 3 tracks have an audio file.");
  const none = tracksWithAudio({ name: "spotify-2023", tracks: pl.DataFrame({ track_id: ["a"] }) });
  assert.deepEqual(none.paths, []);
  assert.match(none.reading, /^The `spotify-2023` dataset has no audio files/);
});

Deno.test("the contrasting tracks are the slowest, the fastest and the most energetic", () => {
  const tracks = pl.DataFrame({
    track_id: ["a", "b", "c", "d"],
    tempo: [120, 70, 180, null],
    energy: [0.2, 0.3, 0.5, 0.9],
  });
  assert.deepEqual(contrastingTracks(tracks).map((r) => r.track_id), ["b", "c", "d"]);
  // the fastest is also the most energetic: listed once
  const fewer = pl.DataFrame({ track_id: ["a", "b"], tempo: [90, 150], energy: [0.1, 0.8] });
  assert.deepEqual(contrastingTracks(fewer).map((r) => r.track_id), ["a", "b"]);
  const noColumns = pl.DataFrame({ track_id: ["a", "b"] });
  assert.deepEqual(contrastingTracks(noColumns).map((r) => r.track_id), ["a"]);
  assert.deepEqual(contrastingTracks(noColumns.head(0)), []);
});

Deno.test("keys and track titles read in words", () => {
  assert.equal(keyName(9, 0), "A minor");
  assert.equal(keyName(0, 1), "C major");
  assert.equal(keyName(-1, 1), "key unknown");
  assert.equal(keyName(null, null), "key unknown");
  assert.equal(
    trackTitle({
      track_name: "Song",
      artist_name: "Band",
      tempo: 119.6,
      key: 3,
      mode: 0,
      energy: 0.534,
    }),
    "Song — Band · tempo 120 BPM · E♭ minor · energy 0.53",
  );
  assert.equal(trackTitle({ track_id: "t1", artist_name: "Band" }), "t1 — Band");
});

Deno.test("the audio headline names the parameters, ffmpeg and the FFT", () => {
  const line = audioSetupHeadline(config, { ffmpeg: false, fftw: true });
  assert.match(line, new RegExp(`\\*\\*rate\\*\\* ${config.audio.sampleRate} Hz`));
  assert.match(line, new RegExp(`\\*\\*n_fft\\*\\* ${config.audio.nFft}`));
  assert.match(line, /\*\*ffmpeg\*\* missing \(only WAV can be read/);
  assert.match(line, /\*\*FFT\*\* FFTW/);
  assert.match(audioSetupHeadline(config, { ffmpeg: true, fftw: false }), /FFT\*\* TypeScript$/);
});

Deno.test("a missing folder lists no audio files", async () => {
  assert.deepEqual(await listAudioFiles("/nonexistent/folder/of/audio"), []);
});

Deno.test("the network input is drawn back with its mel rows and crop-long columns", () => {
  const input = new Float32Array(audio.nMels * audio.frames).fill(-20);
  const s = networkInputSpectrogram(input, 30, audio);
  assert.equal(s.rows, 64);
  assert.equal(s.frames, 32);
  assert.equal(s.scale, "db");
  assert.equal(s.rowHz.length, 64);
  // each column spans cropSeconds / frames seconds
  assert.ok(Math.abs((s.hopLength / s.sampleRate) * s.frames - 2) < 1e-9);
  // a clip shorter than the crop spans the clip
  const short = networkInputSpectrogram(input, 1, audio);
  assert.ok(Math.abs((short.hopLength / short.sampleRate) * short.frames - 1) < 1e-9);
  assert.throws(() => networkInputSpectrogram(new Float32Array(3), 30, audio), RangeError);
});

Deno.test({
  name: "real recordings: listed, described, drawn, and their descriptors tabled",
  ignore: !present,
  fn: async () => {
    const paths = await listAudioFiles(realDir);
    assert.ok(paths.length >= 15, String(paths.length));
    const wavs = paths.filter((p) => p.endsWith(".wav"));
    const files = await describeAudioFiles(hasFfmpeg ? paths.slice(0, 3) : wavs, 22_050);
    const rows = files.toRecords();
    assert.ok(rows.every((r) => !String(r.codec).startsWith("failed")), JSON.stringify(rows));
    assert.ok(rows.every((r) => Number(r["duration (s)"]) > 10));
    const broken = await describeAudioFiles(["/nonexistent.wav"], 22_050);
    assert.match(String(broken.toRecords()[0].codec), /^failed: /);

    const wav = wavs.find((p) => p.endsWith("/machine_wars.wav")) ?? wavs[0];
    const { clip, spectrogram } = await melDbOfFile(wav, audio);
    assert.equal(spectrogram.rows, 64);
    assert.equal(spectrogram.scale, "db");
    assert.match(clipTitle(wav, clip), /\.wav \(WAV .*, \d+ Hz → 44100 Hz\)$/);
    const view = await networkInputOfFile(wav, audio);
    assert.ok(view !== null);
    assert.equal(view.spectrogram.frames, 32);
    assert.match(view.title, /: 64 × 32, \w+ 2 s crop$/);
    assert.equal(await networkInputOfFile("/nonexistent.wav", audio), null);

    const { descriptors } = await extractAudioDescriptors([wav], 22_050, {
      cacheDir: null,
      workers: 0,
    });
    const table = audioDescriptorsFrame([wav, "/failed.wav"], [descriptors[0], null]);
    assert.equal(table.height, 1);
    assert.equal(table.width, 10);
    const row = table.toRecords()[0];
    assert.ok(Number(row["tempo (BPM)"]) > 30 && Number(row["tempo (BPM)"]) < 300);
    assert.match(String(row.key), /major|minor|unknown/);
  },
});
