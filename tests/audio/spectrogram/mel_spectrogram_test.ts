import assert from "node:assert/strict";
import { melSpectrogram } from "../../../lib/audio/spectrogram/mel_spectrogram.ts";
import { powerToDbInPlace } from "../../../lib/audio/spectrogram/db.ts";
import { denseFilterbank, melFilterbank } from "../../../lib/audio/spectrogram/mel.ts";
import { stftPower } from "../../../lib/audio/spectrogram/stft.ts";
import { encodeTestWav, referenceScript, requireNumpy, tone } from "../signals.ts";

Deno.test("the mel spectrogram is the filterbank applied to the power spectrogram", () => {
  const sr = 22_050;
  const x = Float32Array.from(
    { length: 9000 },
    (_, i) => Math.sin(i * 0.05) + 0.3 * Math.sin(i * 0.9),
  );
  const mel = melSpectrogram(x, sr, { nMels: 40, nFft: 1024, hopLength: 256, fmin: 50 });
  const stft = stftPower(x, sr, { nFft: 1024, hopLength: 256 });
  const w = denseFilterbank(melFilterbank({ sampleRate: sr, nFft: 1024, nMels: 40, fmin: 50 }));
  assert.equal(mel.rows, 40);
  assert.equal(mel.frames, stft.frames);
  for (const [m, t] of [[0, 0], [5, 10], [39, 20], [20, 35]]) {
    let s = 0;
    for (let k = 0; k < stft.rows; k++) s += w[m * stft.rows + k] * stft.data[k * stft.frames + t];
    assert.ok(Math.abs(mel.data[m * mel.frames + t] - s) <= 1e-12 * (1 + s), `m=${m} t=${t}`);
  }
});

Deno.test("a 1 kHz tone is loudest in the band centred nearest 1 kHz", () => {
  const mel = melSpectrogram(tone(1000, 1), 44_100);
  const t = 40;
  let best = 0;
  for (let m = 0; m < mel.rows; m++) {
    if (mel.data[m * mel.frames + t] > mel.data[best * mel.frames + t]) best = m;
  }
  const nearest = mel.rowHz.reduce(
    (b, f, m) => (Math.abs(f - 1000) < Math.abs(mel.rowHz[b] - 1000) ? m : b),
    0,
  );
  assert.ok(Math.abs(best - nearest) <= 1, `band ${best} vs ${nearest}`);
});

// The reference script lives beside the shared data, outside the repository: where that folder
// is absent the comparison is ignored, and its name in the summary says why.
const script = referenceScript();
const haveScript = (() => {
  try {
    return Deno.statSync(script).isFile;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "agrees with the numpy reference (mel_reference.py --db) on a small WAV within 0.01 dB" +
    (haveScript ? "" : ` (ignored: ${script} not found)`),
  ignore: !haveScript,
  fn: async () => {
    requireNumpy();
    const dir = await Deno.makeTempDir();
    const sr = 22_050;
    const x = Float32Array.from(
      { length: 3 * sr },
      (_, i) =>
        0.4 * Math.sin(2 * Math.PI * 330 * i / sr) * Math.exp(-i / sr) + 0.05 * Math.sin(i * 1.7),
    );
    const stereo = [x, Float32Array.from(x, (v, i) => v * 0.5 + 0.01 * Math.sin(i * 0.01))];
    await Deno.writeFile(`${dir}/a.wav`, encodeTestWav(stereo, sr, "s16"));
    const r = new Deno.Command("/usr/bin/python3", {
      args: [script, `${dir}/a.wav`, `${dir}/ref.f64`, "--sr", "22050", "--db", "--repeat", "1"],
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
    assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
    const ref = new Float64Array((await Deno.readFile(`${dir}/ref.f64`)).buffer);
    const { decodeAudioFile } = await import("../../../lib/audio/decode/decode.ts");
    const { toMono } = await import("../../../lib/audio/decode/mixdown.ts");
    const audio = await decodeAudioFile(`${dir}/a.wav`);
    const db = powerToDbInPlace(melSpectrogram(toMono(audio.channels), sr).data);
    assert.equal(db.length, ref.length);
    let worst = 0;
    for (let i = 0; i < db.length; i++) worst = Math.max(worst, Math.abs(db[i] - ref[i]));
    assert.ok(worst <= 0.01, `largest difference ${worst} dB`);
    await Deno.remove(dir, { recursive: true });
  },
});
