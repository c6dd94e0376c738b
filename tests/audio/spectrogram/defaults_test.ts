import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import {
  resolveSpectrogramOptions,
  SPECTROGRAM_DEFAULTS,
  SpectrogramOptionsError,
} from "../../../lib/audio/spectrogram/defaults.ts";

Deno.test("the configuration's audio defaults are librosa's spectrogram defaults", () => {
  const audio = loadConfig({ env: {} }).audio;
  for (const key of ["nFft", "hopLength", "nMels", "fmin", "fmax", "power", "topDb"] as const) {
    assert.equal(audio[key], SPECTROGRAM_DEFAULTS[key], key);
  }
  assert.equal(SPECTROGRAM_DEFAULTS.center, true);
  assert.equal(SPECTROGRAM_DEFAULTS.padMode, "constant");
  assert.equal(SPECTROGRAM_DEFAULTS.melScale, "slaney");
  assert.equal(SPECTROGRAM_DEFAULTS.melNorm, "slaney");
  assert.equal(SPECTROGRAM_DEFAULTS.amin, 1e-10);
  assert.equal(SPECTROGRAM_DEFAULTS.ref, 1);
});

Deno.test("options are resolved (fmax 0 → Nyquist) and bad values named", () => {
  assert.equal(resolveSpectrogramOptions({}, 22_050).fmax, 11_025);
  assert.equal(resolveSpectrogramOptions({ fmax: 8000 }, 22_050).fmax, 8000);
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ nFft: 0 }, /nFft/],
    [{ hopLength: 1.5 }, /hopLength/],
    [{ fmax: 30_000 }, /fmax/],
    [{ fmin: 5000, fmax: 4000 }, /fmax/],
    [{ power: 0 }, /power/],
    [{ melScale: "bark" }, /melScale/],
    [{ topDb: 0 }, /topDb/],
  ];
  for (const [options, pattern] of bad) {
    assert.throws(
      () => resolveSpectrogramOptions(options, 22_050),
      (e: unknown) =>
        e instanceof SpectrogramOptionsError && pattern.test(e.message) && /found/.test(e.message),
    );
  }
});
