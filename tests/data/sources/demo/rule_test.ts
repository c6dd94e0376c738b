import assert from "node:assert/strict";
import { drawDemoCatalogue } from "../../../../lib/data/sources/demo/corpus.ts";
import {
  DEMO_GENRE_PROFILES,
  DEMO_GENRES,
  DEMO_RULE,
  DEMO_RULE_MARKDOWN,
  demoVarianceShares,
  fractionalYear,
  type PopularityInputs,
  popularityTerms,
  tempoFit,
} from "../../../../lib/data/sources/demo/rule.ts";
import { pearson, variance } from "../../../../lib/data/stats.ts";

const INPUTS: PopularityInputs = {
  starPower: 0.5,
  genre: "rock",
  tempo: 131,
  energy: 0.8,
  brightness: 0.7,
  hook: 0.9,
  releaseTime: 2011.25,
  noise: -0.4,
};

Deno.test("popularityTerms: the terms add up to the raw score, rounded and clipped to 0–100", () => {
  const t = popularityTerms(INPUTS);
  const p = t.audioParts;
  assert.ok(Math.abs(t.audio - (p.tempo + p.energy + p.brightness + p.hook)) < 1e-12);
  assert.ok(Math.abs(t.raw - (t.base + t.artist + t.audio + t.recency + t.noise)) < 1e-12);
  assert.equal(t.popularity, Math.round(t.raw));
  assert.equal(t.base, DEMO_RULE.base);
  assert.equal(t.artist, DEMO_RULE.artistPerStarPower * 0.5);
  assert.equal(t.noise, DEMO_RULE.noiseSd * -0.4);
  assert.ok(Math.abs(t.recency - DEMO_RULE.recency * (2011.25 - 1997.5) / 27.5) < 1e-12);
  assert.equal(popularityTerms({ ...INPUTS, starPower: 10 }).popularity, 100);
  assert.equal(popularityTerms({ ...INPUTS, starPower: -10 }).popularity, 0);
});

Deno.test("popularityTerms: each audio attribute moves popularity the documented way", () => {
  const at = (change: Partial<PopularityInputs>) => popularityTerms({ ...INPUTS, ...change }).raw;
  assert.ok(at({ hook: 0.9 }) - at({ hook: 0.1 }) > 0.8 * DEMO_RULE.hook * 0.8 - 1e-9);
  assert.ok(at({ brightness: 0.8 }) > at({ brightness: 0.5 }));
  assert.ok(at({ energy: 0.9 }) > at({ energy: 0.6 }));
  const sweet = DEMO_GENRE_PROFILES.rock.tempoSweetSpot;
  assert.ok(at({ tempo: sweet }) > at({ tempo: sweet + 25 }));
  assert.ok(at({ releaseTime: 2024 }) > at({ releaseTime: 1975 }));
  assert.equal(tempoFit(sweet, "rock"), 1);
  assert.ok(Math.abs(tempoFit(sweet + DEMO_RULE.tempoWidthBpm, "rock") - Math.exp(-0.5)) < 1e-12);
});

Deno.test("fractionalYear places a date inside its year", () => {
  assert.equal(fractionalYear(2000, 1, 1), 2000);
  assert.equal(fractionalYear(2000, 7, 1), 2000.5);
  assert.ok(fractionalYear(2024, 12, 31) < 2025 && fractionalYear(2024, 12, 31) > 2024.99);
});

Deno.test("demoVarianceShares: artist largest, audio a clear second, noise moderate", () => {
  const s = demoVarianceShares();
  assert.ok(Math.abs(s.artist + s.audio + s.recency + s.noise - 1) < 1e-12);
  assert.ok(s.artist > s.audio && s.audio > s.noise && s.noise > s.recency);
  assert.ok(s.audio >= 0.25 && s.audio <= 0.35, `audio share ${s.audio}`);
  assert.ok(s.noise >= 0.08 && s.noise <= 0.2, `noise share ${s.noise}`);
  const v = s.audioPartVariance;
  assert.ok(Math.abs(v.tempo + v.energy + v.brightness + v.hook - s.variance.audio) < 1e-9);
  // the parts no tabular column carries are a real share of the whole
  assert.ok((v.brightness + v.hook) / s.total > 0.15);
});

Deno.test("demoVarianceShares agrees with the variances of a drawn paper-size catalogue", () => {
  const s = demoVarianceShares();
  const terms = [1, 2, 3].flatMap((seed) =>
    drawDemoCatalogue({ size: "paper", seed }).catalogue.map((t) => t.terms)
  );
  for (const k of ["artist", "audio", "recency", "noise"] as const) {
    const measured = variance(terms.map((t) => t[k]));
    const ratio = measured / s.variance[k];
    assert.ok(ratio > 0.85 && ratio < 1.15, `${k}: measured ${measured}, formula ${s.variance[k]}`);
  }
  for (const k of ["tempo", "energy", "brightness", "hook"] as const) {
    const ratio = variance(terms.map((t) => t.audioParts[k])) / s.audioPartVariance[k];
    assert.ok(ratio > 0.85 && ratio < 1.15, `${k}: ratio ${ratio}`);
  }
});

Deno.test("the audio term is centred within each genre (independent of the artist)", () => {
  const c = drawDemoCatalogue({ size: "paper", seed: 6 }).catalogue;
  for (const g of DEMO_GENRES) {
    const audio = c.filter((t) => t.genre === g).map((t) => t.terms.audio);
    const mean = audio.reduce((a, b) => a + b, 0) / audio.length;
    assert.ok(Math.abs(mean) < 1.5, `${g}: mean audio term ${mean}`);
  }
});

Deno.test("on the tiny corpus: popularity 0–100, artist term widest, audio term predictive", () => {
  const tracks = drawDemoCatalogue({ size: "tiny", seed: 42 }).tracks;
  const pop = tracks.map((t) => t.terms.popularity);
  assert.ok(pop.every((p) => Number.isInteger(p) && p >= 0 && p <= 100));
  const v = (k: "artist" | "audio" | "recency" | "noise") =>
    variance(tracks.map((t) => t.terms[k]));
  assert.ok(v("artist") > Math.max(v("audio"), v("recency"), v("noise")));
  assert.ok(v("audio") > 0);
  const r = pearson(tracks.map((t) => t.terms.audio), pop);
  assert.ok(r > 0.3, `r(audio, popularity) = ${r}`);
});

Deno.test("on default-size corpora the artist term has the largest variance for every seed", () => {
  for (let seed = 0; seed < 10; seed++) {
    const tracks = drawDemoCatalogue({ size: "default", seed }).tracks;
    const v = (k: "artist" | "audio" | "recency" | "noise") =>
      variance(tracks.map((t) => t.terms[k]));
    assert.ok(v("artist") > Math.max(v("audio"), v("recency"), v("noise")), `seed ${seed}`);
    const r = pearson(tracks.map((t) => t.terms.audio), tracks.map((t) => t.terms.popularity));
    assert.ok(r > 0.3, `seed ${seed}: r = ${r}`);
  }
});

Deno.test("DEMO_RULE_MARKDOWN states the coefficients and the computed shares", () => {
  const s = demoVarianceShares();
  const md = DEMO_RULE_MARKDOWN;
  for (const value of [DEMO_RULE.base, DEMO_RULE.artistPerStarPower, DEMO_RULE.hook]) {
    assert.ok(md.includes(String(value)), `missing ${value}`);
  }
  assert.ok(md.includes(`${DEMO_RULE.brightness} · (brightness`));
  for (const share of [s.artist, s.audio, s.recency, s.noise]) {
    assert.ok(md.includes(`${(100 * share).toFixed(1)} %`), `missing share ${share}`);
  }
  for (const g of DEMO_GENRES) assert.ok(md.includes(`| ${g} |`));
});
