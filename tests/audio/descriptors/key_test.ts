import assert from "node:assert/strict";
import {
  estimateKey,
  harmonicProfile,
  MAJOR_PROFILE,
  MINOR_PROFILE,
} from "../../../lib/audio/descriptors/key.ts";
import { pitchClassProfile } from "../../../lib/audio/descriptors/chroma.ts";
import { chords } from "../signals.ts";

Deno.test("the key profiles themselves are recognised in every key", () => {
  for (let tonic = 0; tonic < 12; tonic++) {
    const major = Array.from({ length: 12 }, (_, i) => MAJOR_PROFILE[(i - tonic + 12) % 12]);
    const minor = Array.from({ length: 12 }, (_, i) => MINOR_PROFILE[(i - tonic + 12) % 12]);
    const plain = { harmonicDecay: 0 };
    assert.deepEqual([estimateKey(major, plain).key, estimateKey(major, plain).mode], [tonic, 1]);
    assert.deepEqual([estimateKey(minor, plain).key, estimateKey(minor, plain).mode], [tonic, 0]);
    const heard = harmonicProfile(major, 0.6);
    assert.deepEqual([estimateKey(heard).key, estimateKey(heard).mode], [tonic, 1]);
  }
  assert.equal(estimateKey(new Array(12).fill(1)).key, -1);
  assert.throws(() => estimateKey([1, 2, 3]), RangeError);
});

Deno.test("harmonic profiles: the 3rd and 5th harmonics add to the fifth and the major third", () => {
  const tonicOnly = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const h = harmonicProfile(tonicOnly, 0.5);
  assert.deepEqual(h, [1 + 0.5 + 0.125, 0, 0, 0, 0.0625, 0, 0, 0.25 + 0.03125, 0, 0, 0, 0]);
});

Deno.test("a pure tone's pitch class comes first in the profile", () => {
  for (const [hz, pc] of [[261.63, 0], [440, 9], [98, 7], [1244.5, 3]]) {
    const sr = 44_100;
    const x = Float32Array.from({ length: sr }, (_, i) => Math.sin((2 * Math.PI * hz * i) / sr));
    const p = pitchClassProfile(x, sr);
    assert.equal(p.indexOf(1), pc, `${hz} Hz`);
  }
});

Deno.test("synthesised chords are heard in their key (high-resolution chroma, harmonic profiles)", () => {
  const sr = 44_100;
  // MIDI: C4 = 60. I–IV–V–I cadences and a single triad.
  const cases: [string, number[][], number, number][] = [
    ["C major triad", [[60, 64, 67]], 0, 1],
    ["D major I–IV–V–I", [[62, 66, 69], [67, 71, 74], [69, 73, 76], [62, 66, 69]], 2, 1],
    ["A minor i–iv–V–i", [[57, 60, 64], [62, 65, 69], [64, 68, 71], [57, 60, 64]], 9, 0],
    ["F♯ minor i–iv–i", [[66, 69, 73], [71, 74, 78], [66, 69, 73]], 6, 0],
    ["B♭ major I–IV–V–I", [[58, 62, 65], [63, 67, 70], [65, 69, 72], [58, 62, 65]], 10, 1],
  ];
  for (const [name, progression, key, mode] of cases) {
    const k = estimateKey(
      Array.from(pitchClassProfile(chords(progression, 1.5, sr), sr), Math.sqrt),
    );
    assert.deepEqual([k.key, k.mode], [key, mode], `${name}: heard ${k.name}`);
  }
});
