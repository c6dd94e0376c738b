/**
 * Test helper: small synthetic songs whose popularity depends on the artist (in the metadata)
 * and on the brightness of the spectrogram (audio only), like the demo corpus's rule.
 * @module
 */
import { Rng } from "../../../lib/data/random.ts";
import type { SongExample } from "../../../lib/model/popularity/model.ts";
import type { ModelData } from "../../../lib/model/training/data.ts";

/** Spectrogram size of the synthetic songs. */
export const SIZE = 16;

/** `n` songs drawn from `seed`. */
export function syntheticSongs(n: number, seed: number): SongExample[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const brightness = rng.uniform(), star = rng.normal();
    const spectrogram = new Float32Array(SIZE * SIZE);
    for (let m = 0; m < SIZE; m++) {
      for (let t = 0; t < SIZE; t++) {
        spectrogram[m * SIZE + t] = -60 + 30 * (1 - m / SIZE) + 40 * brightness * (m / SIZE) +
          rng.normal(0, 2);
      }
    }
    return {
      spectrogram,
      metadata: {
        artist_popularity: 50 + 15 * star,
        followers: Math.round(10 ** (4 + star)),
        genre: rng.choice(["pop", "rock", "jazz"]),
        is_top_track: rng.bernoulli(0.25),
      },
      popularity: 50 + 12 * star + 30 * (brightness - 0.5) + rng.normal(0, 2),
    };
  });
}

/**
 * `n` examples in the trainer's own format with no structure to learn: standard-normal
 * [h × w × 1] spectrograms and `metadataFeatures` metadata columns, targets uniform in [0, 100).
 * For timing and backend comparisons.
 */
export function randomModelData(
  h: number,
  w: number,
  n: number,
  seed: number,
  metadataFeatures: number,
): ModelData {
  const rng = new Rng(seed);
  return {
    audio: Array.from(
      { length: n },
      () => Float32Array.from({ length: h * w }, () => rng.normal()),
    ),
    audioShape: [h, w, 1],
    metadata: Float32Array.from({ length: n * metadataFeatures }, () => rng.normal()),
    metadataFeatures,
    targets: Float32Array.from({ length: n }, () => rng.uniform(0, 100)),
  };
}
