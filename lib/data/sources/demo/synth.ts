/**
 * Pure synthesis of a demo clip from a track's hidden musical attributes: drums (kick, snare,
 * hi-hat) at the track's tempo, a bass line and triad chords following a progression in its
 * key and mode, a melody whose motif repeats more often the stronger the hook, and spoken
 * syllables and crowd noise for speechiness and liveness. Brightness sets the harmonic content
 * of every voice and the master low-pass filter; energy and the track's mix gain set the level.
 *
 * Oscillators read band-limited wavetables, one-shots are rendered once per clip, and all
 * randomness comes from the clip's seed, so the same attributes and seed give the same samples.
 *
 * @example
 * ```ts
 * import { synthesizeClip, rmsDb } from "./synth.ts";
 * const clip = synthesizeClip({
 *   tempo: 120, beatsPerBar: 4, key: 0, mode: 1, energy: 0.7, danceability: 0.8,
 *   brightness: 0.6, valence: 0.7, acousticness: 0.2, hook: 0.8, speechiness: 0.05,
 *   instrumentalness: 0.1, liveness: 0.1, gain: 0.9,
 * }, { seconds: 3, seed: 1 });
 * console.log(clip.length, rmsDb(clip)); // 132300, about −15 dBFS
 * ```
 * @module
 */
import { PAPER_SETTINGS } from "../../../paper.ts";
import { Rng } from "../../random.ts";

/** A track's hidden musical attributes, as the synthesiser hears them. */
export interface ClipAttributes {
  /** Tempo in BPM. */
  tempo: number;
  /** Beats per bar: 3 or 4. */
  beatsPerBar: number;
  /** Tonic pitch class 0–11 (C = 0). */
  key: number;
  /** 1 major, 0 minor. */
  mode: number;
  /** 0–1: level, drum density and bass activity. */
  energy: number;
  /** 0–1: beat regularity (timing jitter, dropped hits) and four-on-the-floor kicks. */
  danceability: number;
  /** 0–1: harmonic content of the voices and the master filter cut-off. */
  brightness: number;
  /** 0–1: melody register. */
  valence: number;
  /** 0–1: plucked, strummed chords and soft drums when high; sustained pads when low. */
  acousticness: number;
  /** 0–1: probability that each two-beat melodic phrase repeats the motif, and melody level. */
  hook: number;
  /** 0–1: level and density of spoken noise syllables. */
  speechiness: number;
  /** 0–1: the lead sings (vibrato) when low. */
  instrumentalness: number;
  /** 0–1: level of the crowd-noise bed. */
  liveness: number;
  /** Linear mix gain of the track, e.g. 0.6–1 (−4.4–0 dB). */
  gain: number;
}

/** Options of {@link synthesizeClip}. */
export interface SynthesisOptions {
  /** Length of the clip in seconds. */
  seconds: number;
  /** Seed of every random choice in the clip (patterns, motif, noise). */
  seed: number;
  /** Sample rate in Hz; default 44 100. */
  sampleRate?: number;
}

const TABLE_SIZE = 2048;
const MASK = TABLE_SIZE - 1;
const SINE = (() => {
  const t = new Float32Array(TABLE_SIZE + 1);
  for (let i = 0; i <= TABLE_SIZE; i++) t[i] = Math.sin(2 * Math.PI * i / TABLE_SIZE);
  return t;
})();

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const MINOR = [0, 2, 3, 5, 7, 8, 10];
/** Chord progressions as scale degrees (0 = tonic), one chord per bar. */
const PROGRESSIONS: Readonly<Record<"major" | "minor", readonly (readonly number[])[]>> = {
  major: [[0, 4, 5, 3], [0, 3, 4, 3], [5, 3, 0, 4], [0, 5, 3, 4]],
  minor: [[0, 5, 2, 6], [0, 3, 6, 2], [0, 6, 5, 6], [0, 3, 4, 0]],
};

/**
 * Level in dBFS (RMS) the synthesiser normalises a clip to, before its soft limiter:
 * `−24 + 14 · energy + 20 · log10(gain)`.
 *
 * @param energy 0–1
 * @param gain linear mix gain (> 0)
 */
export function targetLevelDb(energy: number, gain: number): number {
  return -24 + 14 * energy + 20 * Math.log10(gain);
}

/**
 * RMS level in dB relative to full scale: `20 · log10(sqrt(mean(x²)))` (a full-scale sine reads
 * −3.01 dBFS); −120 for silence. This is the demo corpus's `loudness` column.
 *
 * @param samples audio, full scale = 1
 */
export function rmsDb(samples: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  return rms > 1e-6 ? 20 * Math.log10(rms) : -120;
}

/** Frequency in Hz of a MIDI note (A4 = 69 = 440 Hz). */
export function midiToHz(note: number): number {
  return 440 * Math.pow(2, (note - 69) / 12);
}

/**
 * A single-cycle wavetable of `harmonics` sine partials with amplitudes 1/k^rolloff, peak 1,
 * with one guard sample for interpolation.
 */
function harmonicTable(harmonics: number, rolloff: number, evenWeight = 1): Float32Array {
  const t = new Float32Array(TABLE_SIZE + 1);
  for (let k = 1; k <= harmonics; k++) {
    const a = (k % 2 === 0 ? evenWeight : 1) / Math.pow(k, rolloff);
    for (let i = 0; i < TABLE_SIZE; i++) t[i] += a * SINE[(k * i) & MASK];
  }
  let peak = 0;
  for (let i = 0; i < TABLE_SIZE; i++) peak = Math.max(peak, Math.abs(t[i]));
  for (let i = 0; i < TABLE_SIZE; i++) t[i] /= peak || 1;
  t[TABLE_SIZE] = t[0];
  return t;
}

/** Largest partial count that keeps a voice reaching `topHz` below 0.45 × the sample rate. */
function harmonicLimit(wanted: number, topHz: number, sampleRate: number): number {
  return Math.max(1, Math.min(wanted, Math.floor(0.45 * sampleRate / topHz)));
}

/** A note envelope: linear attack, exponential decay to sustain, exponential release (seconds). */
interface Envelope {
  attack: number;
  decay: number;
  sustain: number;
  release: number;
}

/** One note: where it starts and how long it is held (samples), its pitch, level and envelope. */
interface Note {
  start: number;
  length: number;
  /** Fundamental in Hz. */
  hz: number;
  /** Peak amplitude, full scale = 1. */
  amp: number;
  env: Envelope;
  /** Vibrato depth as a fraction of the frequency (5.5 Hz rate); 0 for none. */
  vibrato?: number;
  /** Starting phase as a fraction of a cycle, so stacked voices do not start in phase. */
  phase?: number;
}

/**
 * Adds one note to `out`: a wavetable oscillator under an envelope. The release runs after
 * `length` for 5 time constants; samples before 0 or past the end are skipped.
 */
function addNote(out: Float32Array, table: Float32Array, sampleRate: number, note: Note): void {
  const { start, length, hz, amp, env } = note;
  const vibratoDepth = note.vibrato ?? 0;
  const attackN = Math.max(1, Math.round(env.attack * sampleRate));
  const decayCoef = Math.exp(-1 / (env.decay * sampleRate));
  const releaseCoef = Math.exp(-1 / (env.release * sampleRate));
  const end = Math.min(out.length, start + length + Math.round(5 * env.release * sampleRate));
  const inc = hz * TABLE_SIZE / sampleRate;
  const lfoInc = 5.5 * TABLE_SIZE / sampleRate;
  let phase = (note.phase ?? 0) * TABLE_SIZE;
  let lfo = 0;
  let e = 0;
  const s = env.sustain;
  for (let n = 0, i = start; i < end; n++, i++) {
    if (n < attackN) e = n / attackN;
    else if (n < length) e = s + (e - s) * decayCoef;
    else e *= releaseCoef;
    if (i >= 0) {
      const j = phase | 0;
      const f = phase - j;
      const v = table[j] + f * (table[j + 1] - table[j]);
      out[i] += amp * e * v;
    }
    phase += vibratoDepth === 0 ? inc : inc * (1 + vibratoDepth * SINE[(lfo | 0) & MASK]);
    if (phase >= TABLE_SIZE) phase -= TABLE_SIZE;
    lfo += lfoInc;
    if (lfo >= TABLE_SIZE) lfo -= TABLE_SIZE;
  }
}

/** Adds a pre-rendered one-shot at sample `start` (may be negative) scaled by `amp`. */
function addShot(out: Float32Array, shot: Float32Array, start: number, amp: number): void {
  const from = Math.max(0, -start);
  const to = Math.min(shot.length, out.length - start);
  for (let n = from; n < to; n++) out[start + n] += amp * shot[n];
}

/** The clip's drum and voice one-shots, rendered once per clip. */
interface Shots {
  kick: Float32Array;
  snare: Float32Array;
  hat: Float32Array;
  syllables: Float32Array[];
}

function renderShots(rng: Rng, sampleRate: number, brightness: number): Shots {
  const sr = sampleRate;
  const kick = new Float32Array(Math.round(0.3 * sr));
  let phase = 0;
  for (let n = 0; n < kick.length; n++) {
    const t = n / sr;
    const hz = 45 + 90 * Math.exp(-t / 0.03);
    phase += hz / sr;
    kick[n] = Math.exp(-t / 0.12) * Math.sin(2 * Math.PI * phase) +
      0.3 * brightness * Math.exp(-t / 0.003) * (2 * rng.next() - 1);
  }
  const snare = new Float32Array(Math.round(0.25 * sr));
  let prev = 0;
  for (let n = 0; n < snare.length; n++) {
    const t = n / sr;
    const white = 2 * rng.next() - 1;
    // Mixing in the first difference tilts the noise up as brightness grows.
    const noise = (1 - brightness) * white + brightness * (white - prev);
    prev = white;
    snare[n] = 0.5 * Math.exp(-t / 0.05) * Math.sin(2 * Math.PI * 185 * t) +
      0.8 * Math.exp(-t / 0.07) * noise;
  }
  const hat = new Float32Array(Math.round(0.08 * sr));
  prev = 0;
  for (let n = 0; n < hat.length; n++) {
    const white = 2 * rng.next() - 1;
    hat[n] = Math.exp(-n / sr / 0.018) * (white - prev);
    prev = white;
  }
  const syllables = [420, 560, 700, 850].map((formant) => {
    const shot = new Float32Array(Math.round(0.09 * sr));
    for (let n = 0; n < shot.length; n++) {
      const w = Math.sin(Math.PI * n / shot.length);
      shot[n] = w * w * (2 * rng.next() - 1) *
        (0.4 + 0.6 * Math.sin(2 * Math.PI * formant * n / sr));
    }
    return shot;
  });
  return { kick, snare, hat, syllables };
}

const BASS_ENVELOPE: Envelope = { attack: 0.005, decay: 0.2, sustain: 0.6, release: 0.04 };
const PLUCK_ENVELOPE: Envelope = { attack: 0.003, decay: 0.35, sustain: 0, release: 0.05 };
const PAD_ENVELOPE: Envelope = { attack: 0.08, decay: 0.5, sustain: 0.7, release: 0.15 };
const LEAD_ENVELOPE: Envelope = { attack: 0.01, decay: 0.3, sustain: 0.7, release: 0.06 };

/** MIDI notes of the scale of `key`/`mode` within [lo, hi]. */
function scaleNotes(key: number, mode: number, lo: number, hi: number): number[] {
  const steps = mode === 1 ? MAJOR : MINOR;
  const notes: number[] = [];
  for (let m = lo; m <= hi; m++) if (steps.includes(((m - key) % 12 + 12) % 12)) notes.push(m);
  return notes;
}

/** The triad on scale degree `degree` as pitch classes (root, third, fifth). */
function triad(key: number, mode: number, degree: number): number[] {
  const steps = mode === 1 ? MAJOR : MINOR;
  return [0, 2, 4].map((k) => {
    const d = degree + k;
    return (key + steps[d % 7] + 12 * Math.floor(d / 7)) % 12;
  });
}

/** The note of pitch class `pc` in [lo, lo + 12). */
function place(pc: number, lo: number): number {
  return lo + ((pc - lo) % 12 + 12) % 12;
}

/** A two-beat melodic phrase: onsets in sixteenth steps (0–7) and their MIDI notes. */
interface Phrase {
  steps: number[];
  notes: number[];
}

function drawPhrase(rng: Rng, scale: number[], energy: number): Phrase {
  const steps: number[] = [0];
  for (let s = 1; s < 8; s++) {
    if (rng.bernoulli(s % 2 === 0 ? 0.35 + 0.35 * energy : 0.1 + 0.2 * energy)) steps.push(s);
  }
  let idx = rng.int(Math.floor(scale.length / 3), Math.ceil(2 * scale.length / 3));
  const notes = steps.map(() => {
    idx = Math.min(scale.length - 1, Math.max(0, idx + rng.int(-2, 3)));
    return scale[idx];
  });
  return { steps, notes };
}

/**
 * Synthesises a mono clip from a track's attributes. Pure: the same attributes and options give
 * the same samples.
 *
 * @param a the track's hidden musical attributes
 * @param options clip length in seconds, seed and sample rate in Hz (default 44 100)
 * @returns samples at `sampleRate`, full scale = 1, soft-limited into (−1, 1)
 */
export function synthesizeClip(a: ClipAttributes, options: SynthesisOptions): Float32Array {
  const sr = options.sampleRate ?? PAPER_SETTINGS.audio.sampleRate;
  const rng = new Rng(options.seed);
  const out = new Float32Array(Math.round(options.seconds * sr));
  const beat = 60 / a.tempo;
  const step = beat / 4;
  const stepsPerBar = 4 * a.beatsPerBar;
  const barSeconds = beat * a.beatsPerBar;
  // The clip is an excerpt: it starts somewhere inside a bar of the song.
  const offset = rng.uniform(0, barSeconds);
  const bars = Math.ceil((options.seconds + offset) / barSeconds) + 1;
  const at = (bar: number, s: number) => Math.round((bar * barSeconds + s * step - offset) * sr);
  const shots = renderShots(rng.fork("shots"), sr, a.brightness);

  // Drums: a fixed pattern repeated every bar; low danceability adds jitter and dropped hits.
  const pat = rng.fork("drums");
  const kickSteps = new Set<number>([0]);
  if (a.beatsPerBar === 4) kickSteps.add(8);
  if (a.danceability > 0.7) { for (let b = 1; b < a.beatsPerBar; b++) kickSteps.add(4 * b); }
  if (pat.bernoulli(a.energy * 0.6)) kickSteps.add(a.beatsPerBar === 4 ? 10 : 6);
  if (pat.bernoulli(a.energy * 0.4)) kickSteps.add(a.beatsPerBar === 4 ? 14 : 10);
  const snareSteps = a.beatsPerBar === 4 ? [4, 12] : [4, 8];
  const hatEvery = a.energy + a.danceability > 1.35 ? 1 : a.energy + a.danceability > 0.8 ? 2 : 4;
  const jitter = (1 - a.danceability) * 0.25 * step * sr;
  const drop = (1 - a.danceability) * 0.35;
  const drumLevel = (0.35 + 0.65 * a.energy) * (1 - 0.5 * a.acousticness);
  const hatLevel = 0.22 * (0.5 + a.brightness);
  const hits = rng.fork("hits");
  for (let bar = 0; bar < bars; bar++) {
    for (let s = 0; s < stepsPerBar; s++) {
      const t = at(bar, s) + Math.round(hits.normal(0, 1) * jitter);
      if (kickSteps.has(s) && (s === 0 || !hits.bernoulli(drop))) {
        addShot(out, shots.kick, t, 0.9 * drumLevel);
      }
      if (snareSteps.includes(s)) addShot(out, shots.snare, t, 0.55 * drumLevel);
      if (s % hatEvery === 0 && !hits.bernoulli(drop)) {
        const accent = s % 4 === 0 ? 1 : s % 2 === 0 ? 0.65 : 0.4;
        addShot(out, shots.hat, t, hatLevel * accent * drumLevel);
      }
      if (a.speechiness > 0.1 && hits.bernoulli(a.speechiness * 1.2)) {
        addShot(out, shots.syllables[hits.int(0, 4)], t, 0.9 * a.speechiness);
      }
    }
  }

  // Harmony: one chord per bar from a progression in the key and mode.
  const progression = rng.choice(PROGRESSIONS[a.mode === 1 ? "major" : "minor"]);
  const first = rng.int(0, 4);
  const chordAt = (bar: number) => triad(a.key, a.mode, progression[(first + bar) % 4]);
  const partials = 3 + Math.round(21 * a.brightness);
  const rolloff = 2.2 - 1.4 * a.brightness;
  const bassTable = harmonicTable(harmonicLimit(3 + Math.round(5 * a.brightness), 130, sr), 1.6);
  const chordTable = harmonicTable(harmonicLimit(partials, 420, sr), rolloff, 0.6);
  const leadTable = harmonicTable(harmonicLimit(partials, 1400, sr), rolloff + 0.2);
  const bassSteps = a.energy < 0.4 ? 8 : a.energy < 0.7 ? 4 : 2;
  const barN = Math.round(barSeconds * sr);
  const plucked = a.acousticness >= 0.5;
  for (let bar = 0; bar < bars; bar++) {
    const chord = chordAt(bar);
    const root = place(chord[0], 36);
    for (let s = 0; s < stepsPerBar; s += bassSteps) {
      const fifth = bassSteps <= 4 && s === stepsPerBar - bassSteps && bar % 2 === 1;
      addNote(out, bassTable, sr, {
        start: at(bar, s),
        length: Math.round(bassSteps * step * sr * 0.9),
        hz: midiToHz(fifth ? place(chord[2], 36) : root),
        amp: 0.45,
        env: BASS_ENVELOPE,
      });
    }
    const voicing = chord.map((pc) => place(pc, 55));
    if (plucked) {
      const every = a.energy < 0.35 ? 2 : 1;
      for (let b = 0; b < a.beatsPerBar; b += every) {
        voicing.forEach((note, v) => {
          addNote(out, chordTable, sr, {
            start: at(bar, 4 * b) + Math.round(0.012 * v * sr), // strummed, low string first
            length: Math.round(every * beat * sr),
            hz: midiToHz(note),
            amp: 0.2,
            env: PLUCK_ENVELOPE,
            phase: v / 3,
          });
        });
      }
    } else {
      voicing.forEach((note, v) => {
        addNote(out, chordTable, sr, {
          start: at(bar, 0),
          length: barN,
          hz: midiToHz(note),
          amp: 0.13,
          env: PAD_ENVELOPE,
          phase: v / 3,
        });
      });
    }
  }

  // Melody: two-beat phrases; each repeats the motif with probability `hook`.
  const mel = rng.fork("melody");
  const low = 62 + Math.round(6 * a.valence);
  const scale = scaleNotes(a.key, a.mode, low, low + 14);
  const motif = drawPhrase(mel, scale, a.energy);
  const phrases = Math.ceil((bars * a.beatsPerBar) / 2);
  const leadLevel = 0.2 * (0.7 + 0.6 * a.hook);
  const vibrato = 0.006 * (1 - a.instrumentalness);
  for (let p = 0; p < phrases; p++) {
    const phrase = p === 0 || mel.bernoulli(a.hook) ? motif : drawPhrase(mel, scale, a.energy);
    const start = Math.round((p * 2 * beat - offset) * sr);
    phrase.steps.forEach((s, i) => {
      const next = i + 1 < phrase.steps.length ? phrase.steps[i + 1] : 8;
      addNote(out, leadTable, sr, {
        start: start + Math.round(s * step * sr),
        length: Math.round((next - s) * step * sr * 0.9),
        hz: midiToHz(phrase.notes[i]),
        amp: leadLevel,
        env: LEAD_ENVELOPE,
        vibrato,
      });
    });
  }

  // Master: crowd bed, low-pass filter from brightness, level from energy and gain, limiter.
  const cutoff = Math.min(0.45 * sr, 1800 + 14_000 * a.brightness * a.brightness);
  const alpha = 1 - Math.exp(-2 * Math.PI * cutoff / sr);
  const crowdAlpha = 1 - Math.exp(-2 * Math.PI * 900 / sr);
  const crowdLevel = 0.12 * a.liveness;
  const noise = rng.fork("crowd");
  let y = 0;
  let crowd = 0;
  let sum = 0;
  for (let i = 0; i < out.length; i++) {
    crowd += crowdAlpha * ((2 * noise.next() - 1) - crowd);
    y += alpha * (out[i] + crowdLevel * crowd - y);
    out[i] = y;
    sum += y * y;
  }
  const rms = Math.sqrt(sum / Math.max(1, out.length));
  const scaleBy = rms > 0 ? Math.pow(10, targetLevelDb(a.energy, a.gain) / 20) / rms : 0;
  for (let i = 0; i < out.length; i++) out[i] = softLimit(out[i] * scaleBy);
  return out;
}

/** Identity below 0.8 in magnitude, then a tanh knee approaching ±1. */
function softLimit(x: number): number {
  const m = Math.abs(x);
  if (m <= 0.8) return x;
  return Math.sign(x) * (0.8 + 0.2 * Math.tanh((m - 0.8) / 0.2));
}
