/**
 * Synthetic test signals with known answers (tones, click tracks, chords) and a WAV writer for
 * every sample format, written independently of the code under test.
 * @module
 */
import { loadConfig, resolvePath } from "../../lib/config.ts";

/** A sine of `hz` Hz and amplitude `amplitude` (full scale 1), `seconds` long. */
export function tone(
  hz: number,
  seconds: number,
  sampleRate = 44_100,
  amplitude = 0.5,
): Float32Array {
  return Float32Array.from(
    { length: Math.round(seconds * sampleRate) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate),
  );
}

/** Clicks (5 ms decaying 2 kHz bursts) at `bpm` beats per minute. */
export function clickTrack(bpm: number, seconds: number, sampleRate = 44_100): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const period = (60 / bpm) * sampleRate;
  const len = Math.round(0.005 * sampleRate);
  for (let beat = 0; beat * period < out.length; beat++) {
    const start = Math.round(beat * period);
    for (let i = 0; i < len && start + i < out.length; i++) {
      out[start + i] += 0.8 * Math.exp(-i / (0.001 * sampleRate)) *
        Math.sin((2 * Math.PI * 2000 * i) / sampleRate);
    }
  }
  return out;
}

/** Frequency in Hz of a MIDI note (69 = A4 = 440 Hz). */
export function midiHz(note: number): number {
  return 440 * 2 ** ((note - 69) / 12);
}

/** Chords (MIDI note lists) one after another, each `chordSeconds` long, tones with 4 harmonics. */
export function chords(
  progression: readonly (readonly number[])[],
  chordSeconds: number,
  sampleRate = 44_100,
): Float32Array {
  const n = Math.round(chordSeconds * sampleRate);
  const out = new Float32Array(n * progression.length);
  progression.forEach((notes, c) => {
    for (const note of notes) {
      const f = midiHz(note);
      for (let h = 1; h <= 4; h++) {
        if (f * h >= sampleRate / 2) break;
        const a = 0.15 / h;
        for (let i = 0; i < n; i++) {
          const env = Math.min(1, i / 441, (n - i) / 441);
          out[c * n + i] += a * env * Math.sin((2 * Math.PI * f * h * i) / sampleRate);
        }
      }
    }
  });
  return out;
}

/** Sample formats {@link encodeTestWav} writes. */
export type TestWavFormat = "u8" | "s16" | "s24" | "s32" | "f32" | "f64";

/**
 * A WAV file of planar channels in the given format; `extensible` writes a
 * WAVE_FORMAT_EXTENSIBLE header, `extraChunk` puts an odd-sized LIST chunk before the data.
 */
export function encodeTestWav(
  channels: Float32Array[],
  sampleRate: number,
  format: TestWavFormat,
  options: { extensible?: boolean; extraChunk?: boolean; dataSize?: number } = {},
): Uint8Array {
  const bits = { u8: 8, s16: 16, s24: 24, s32: 32, f32: 32, f64: 64 }[format];
  const bytes = bits / 8;
  const nch = channels.length, frames = channels[0].length;
  const float = format === "f32" || format === "f64";
  const fmtSize = options.extensible ? 40 : 16;
  const extra = options.extraChunk ? 8 + 5 + 1 : 0;
  const dataBytes = frames * nch * bytes;
  const out = new Uint8Array(12 + 8 + fmtSize + extra + 8 + dataBytes);
  const v = new DataView(out.buffer);
  const ascii = (o: number, s: string) => [...s].forEach((c, i) => (out[o + i] = c.charCodeAt(0)));
  ascii(0, "RIFF");
  v.setUint32(4, out.length - 8, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  v.setUint32(16, fmtSize, true);
  const tag = float ? 3 : 1;
  v.setUint16(20, options.extensible ? 0xfffe : tag, true);
  v.setUint16(22, nch, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * nch * bytes, true);
  v.setUint16(32, nch * bytes, true);
  v.setUint16(34, bits, true);
  if (options.extensible) {
    v.setUint16(36, 22, true);
    v.setUint16(38, bits, true);
    v.setUint32(40, 0, true);
    v.setUint16(44, tag, true); // sub-format GUID starts with the format tag
    out.set([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71], 46);
  }
  let o = 20 + fmtSize;
  if (options.extraChunk) {
    ascii(o, "LIST");
    v.setUint32(o + 4, 5, true);
    ascii(o + 8, "hello");
    o += 14; // 8 + 5 + 1 pad byte
  }
  ascii(o, "data");
  v.setUint32(o + 4, options.dataSize ?? dataBytes, true);
  o += 8;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < nch; c++, o += bytes) {
      const x = channels[c][i];
      if (format === "u8") out[o] = Math.max(0, Math.min(255, Math.round(x * 128 + 128)));
      else if (format === "s16") {
        v.setInt16(o, Math.max(-32768, Math.min(32767, Math.round(x * 32768))), true);
      } else if (format === "s24") {
        const q = Math.max(-8388608, Math.min(8388607, Math.round(x * 8388608)));
        out[o] = q & 255;
        out[o + 1] = (q >> 8) & 255;
        out[o + 2] = (q >> 16) & 255;
      } else if (format === "s32") {
        v.setInt32(
          o,
          Math.max(-2147483648, Math.min(2147483647, Math.round(x * 2147483648))),
          true,
        );
      } else if (format === "f32") v.setFloat32(o, x, true);
      else v.setFloat64(o, x, true);
    }
  }
  return out;
}

/** The shared real-data folder (../shared/data), or null when absent. */
export function sharedAudioDir(): string | null {
  const dir = `${resolvePath(loadConfig().paths.sharedData)}/audio`;
  try {
    return Deno.statSync(dir).isDirectory ? dir : null;
  } catch {
    return null;
  }
}

/** The numpy reference script, ../shared/bench/mel_reference.py beside the shared data. */
export function referenceScript(): string {
  return resolvePath(`${resolvePath(loadConfig().paths.sharedData)}/../bench/mel_reference.py`);
}

/** Whether an executable can be started. */
export function canRun(cmd: string, args: string[] = ["-version"]): boolean {
  try {
    return new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).outputSync().code === 0;
  } catch {
    return false;
  }
}

/** Whether Debian's python3 has numpy and scipy (for the reference comparisons). */
export function haveNumpy(): boolean {
  return canRun("/usr/bin/python3", ["-c", "import numpy, scipy"]);
}

/** Largest absolute difference between two arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
