/**
 * A small demo corpus as network songs, made in memory: the tiny corpus's tracks synthesised at
 * 16 kHz for 2 s, 32 mel bands × 32 frames, split at random by track (60 % training, 15 %
 * validation, 25 % test). Shared by the saliency and probe tests.
 */
import { loadConfig } from "../../lib/config.ts";
import { drawDemoCatalogue } from "../../lib/data/sources/demo/corpus.ts";
import { synthesizeClip } from "../../lib/data/sources/demo/synth.ts";
import { deriveSeed, Rng } from "../../lib/data/random.ts";
import type { HiddenFactors } from "../../lib/eval/probes.ts";
import { networkInput } from "../../lib/audio/input/mod.ts";
import type { DatasetSong } from "../../lib/model/popularity/songs.ts";

/** The fixture's spectrogram settings. */
export const SMALL_AUDIO = {
  ...loadConfig({ env: {} }).audio,
  sampleRate: 16_000,
  nFft: 1024,
  hopLength: 256,
  nMels: 32,
  frames: 32,
  cropSeconds: 2,
};

/** The tiny demo corpus (seed 42) as songs by part (see the module's description). */
export function smallDemoSongs(
  seed = 42,
  size: "tiny" | "default" = "tiny",
  label: "popularity" | "audio" = "audio",
): {
  train: DatasetSong[];
  validation: DatasetSong[];
  test: DatasetSong[];
  factors: Map<string, HiddenFactors>;
} {
  const drawn = drawDemoCatalogue({ size, seed });
  const factors = new Map<string, HiddenFactors>();
  const songs: DatasetSong[] = drawn.catalogue.map((t, i) => {
    const clip = synthesizeClip(t.attributes, {
      seconds: SMALL_AUDIO.cropSeconds,
      seed: deriveSeed(seed, "fixture clip", i),
      sampleRate: SMALL_AUDIO.sampleRate,
    });
    const trackId = `catalogue-${i}`;
    factors.set(trackId, { brightness: t.attributes.brightness, hook: t.attributes.hook });
    return {
      trackId,
      spectrogram: networkInput(clip, SMALL_AUDIO.sampleRate, SMALL_AUDIO),
      popularity: label === "audio" ? 50 + t.terms.audio : t.terms.popularity,
    };
  });
  const order = new Rng(seed).shuffle(songs);
  const nTrain = Math.round(order.length * 0.6), nVal = Math.round(order.length * 0.15);
  return {
    train: order.slice(0, nTrain),
    validation: order.slice(nTrain, nTrain + nVal),
    test: order.slice(nTrain + nVal),
    factors,
  };
}
