/**
 * Synthetic test signals with known answers (tones, click tracks, chords), written independently
 * of the code under test, and WAV files of every sample format with the layouts the reader must
 * cope with (extensible header, odd-sized chunk, streamed size), from the workspace's writer.
 * @module
 */
import { loadConfig, resolvePath } from "../../lib/config.ts";
import { encodeWav, type WavSampleFormat } from "../../lib/data/wav.ts";

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

/** Sample formats {@link encodeTestWav} writes (those of lib/data/wav.ts). */
export type TestWavFormat = WavSampleFormat;

/**
 * A WAV file of planar channels in the given format, written by the workspace's writer
 * (lib/data/wav.ts); `extensible` writes a WAVE_FORMAT_EXTENSIBLE header, `extraChunk` puts an
 * odd-sized LIST chunk (5 bytes + 1 pad byte) before the data, `dataSize` overwrites the data
 * chunk's declared size (0xFFFFFFFF: a streamed WAV).
 */
export function encodeTestWav(
  channels: Float32Array[],
  sampleRate: number,
  format: TestWavFormat,
  options: { extensible?: boolean; extraChunk?: boolean; dataSize?: number } = {},
): Uint8Array {
  const wav = encodeWav(channels, sampleRate, { format, extensible: options.extensible });
  const at = options.extensible ? 60 : 36; // where the data chunk's header starts
  const list = options.extraChunk
    ? new Uint8Array([
      ...new TextEncoder().encode("LIST"),
      5,
      0,
      0,
      0,
      ...new TextEncoder().encode("hello"),
      0,
    ])
    : new Uint8Array(0);
  const out = new Uint8Array(wav.length + list.length);
  out.set(wav.subarray(0, at));
  out.set(list, at);
  out.set(wav.subarray(at), at + list.length);
  const view = new DataView(out.buffer);
  view.setUint32(4, out.length - 8, true);
  if (options.dataSize !== undefined) view.setUint32(at + list.length + 4, options.dataSize, true);
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

/** The command that installs numpy and scipy for Debian's python3 (`deno task setup` runs it). */
export const NUMPY_INSTALL = "sudo apt-get install -y python3-numpy python3-scipy";

/**
 * Throws, naming the install command, unless Debian's python3 has numpy and scipy: the
 * reference comparisons fail loudly rather than pass without comparing anything.
 */
export function requireNumpy(): void {
  if (!haveNumpy()) {
    throw new Error(
      `this comparison needs numpy and scipy for /usr/bin/python3; install them with:\n  ` +
        NUMPY_INSTALL,
    );
  }
}

/** Largest absolute difference between two arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
