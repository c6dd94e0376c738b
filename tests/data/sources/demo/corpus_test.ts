import assert from "node:assert/strict";
import {
  DEMO_GENRE_PROFILES,
  DEMO_RULE,
  DEMO_SIZES_SPEC,
  drawDemoCatalogue,
  popularityTerms,
} from "../../../../lib/data/sources/demo/mod.ts";
import { pearson } from "../../../../lib/data/stats.ts";
import { DEMO_SIZES } from "../../../../lib/config.ts";

Deno.test("DEMO_SIZES_SPEC covers every configured size with the paper's protocol", () => {
  assert.deepEqual(Object.keys(DEMO_SIZES_SPEC).sort(), [...DEMO_SIZES].sort());
  assert.equal(DEMO_SIZES_SPEC.tiny.artists * DEMO_SIZES_SPEC.tiny.tracksPerArtist, 100);
  assert.equal(DEMO_SIZES_SPEC.default.artists, 30);
  assert.equal(DEMO_SIZES_SPEC.paper.artists * DEMO_SIZES_SPEC.paper.tracksPerArtist, 2000);
  assert.deepEqual(
    DEMO_SIZES.map((s) => DEMO_SIZES_SPEC[s].clipSeconds),
    [3, 10, 10],
  );
  for (const s of DEMO_SIZES) {
    assert.equal(DEMO_SIZES_SPEC[s].tracksPerArtist, 20);
    assert.equal(DEMO_SIZES_SPEC[s].topTracks, 5);
    assert.ok(DEMO_SIZES_SPEC[s].catalogue > DEMO_SIZES_SPEC[s].tracksPerArtist);
  }
});

for (const size of ["tiny", "default"] as const) {
  Deno.test(`drawDemoCatalogue (${size}): top tracks are each artist's most popular of its catalogue`, () => {
    const spec = DEMO_SIZES_SPEC[size];
    const c = drawDemoCatalogue({ size, seed: 11 });
    assert.equal(c.catalogue.length, spec.artists * spec.catalogue);
    assert.equal(c.tracks.length, spec.artists * spec.tracksPerArtist);
    for (const artist of c.artists) {
      const own = c.catalogue.filter((t) => t.artistId === artist.id);
      assert.equal(own.length, spec.catalogue);
      const top = own.filter((t) => t.isTopTrack);
      assert.equal(top.length, spec.topTracks);
      assert.ok(top.every((t) => t.selected));
      const minTop = Math.min(...top.map((t) => t.terms.popularity));
      const othersMax = Math.max(
        ...own.filter((t) => !t.isTopTrack).map((t) => t.terms.popularity),
      );
      assert.ok(minTop >= othersMax, `${artist.id}: ${minTop} < ${othersMax}`);
      assert.equal(own.filter((t) => t.selected).length, spec.tracksPerArtist);
      // the kept non-top tracks are a random draw, not the next most popular ones
      assert.ok(own.some((t) => !t.selected && !t.isTopTrack));
    }
    const kept = c.catalogue.filter((t) => t.selected);
    assert.deepEqual(new Set(kept), new Set(c.tracks));
    assert.ok(c.catalogue.filter((t) => !t.selected).every((t) => t.id === null));
    const ids = c.tracks.map((t) => t.id);
    assert.equal(new Set(ids).size, ids.length);
    const months = new Set(c.tracks.map((t) => Number(t.releaseDate.slice(5, 7))));
    assert.equal(months.size, 12);
  });
}

Deno.test("drawDemoCatalogue is deterministic per seed and changes with it", () => {
  const a = drawDemoCatalogue({ size: "tiny", seed: 1 });
  const b = drawDemoCatalogue({ size: "tiny", seed: 2 });
  assert.notDeepEqual(
    a.tracks.map((t) => t.attributes.tempo),
    b.tracks.map((t) => t.attributes.tempo),
  );
  assert.deepEqual(
    drawDemoCatalogue({ size: "tiny", seed: 1 }).tracks.map((t) => t.terms.raw),
    a.tracks.map((t) => t.terms.raw),
  );
});

Deno.test("drawDemoCatalogue: attributes stay inside their genre's ranges", () => {
  const c = drawDemoCatalogue({ size: "default", seed: 5 });
  for (const t of c.catalogue) {
    const p = DEMO_GENRE_PROFILES[t.genre];
    const x = t.attributes;
    assert.ok(x.tempo >= p.tempo[0] && x.tempo <= p.tempo[1]);
    assert.ok(x.energy >= p.energy[0] && x.energy <= p.energy[1]);
    assert.ok(x.brightness >= p.brightness[0] && x.brightness <= p.brightness[1]);
    assert.ok(x.key >= 0 && x.key <= 11 && Number.isInteger(x.key));
    assert.ok(x.mode === 0 || x.mode === 1);
    assert.ok(x.beatsPerBar === 3 || x.beatsPerBar === 4);
    assert.ok(
      t.durationMs >= p.durationSeconds[0] * 1000 && t.durationMs <= p.durationSeconds[1] * 1000,
    );
    const year = Number(t.releaseDate.slice(0, 4));
    assert.ok(year >= 1970 && year <= 2024);
  }
  const years = c.tracks.map((t) => Number(t.releaseDate.slice(0, 4)));
  for (const decade of [1970, 1980, 1990, 2000, 2010, 2020]) {
    assert.ok(years.some((y) => y >= decade && y < decade + 10), `no release in the ${decade}s`);
  }
});

Deno.test("drawDemoCatalogue: popularity follows the rule from the hidden values", () => {
  const c = drawDemoCatalogue({ size: "tiny", seed: 9 });
  const artist = new Map(c.artists.map((a) => [a.id, a]));
  for (const t of c.catalogue) {
    const [y, m, d] = t.releaseDate.split("-").map(Number);
    const again = popularityTerms({
      starPower: artist.get(t.artistId)!.starPower,
      genre: t.genre,
      tempo: t.attributes.tempo,
      energy: t.attributes.energy,
      brightness: t.attributes.brightness,
      hook: t.attributes.hook,
      releaseTime: y + (m - 1) / 12 + (d - 1) / (12 * new Date(Date.UTC(y, m, 0)).getUTCDate()),
      noise: t.terms.noise / DEMO_RULE.noiseSd,
    });
    assert.ok(Math.abs(again.raw - t.terms.raw) < 1e-9);
    assert.equal(again.popularity, t.terms.popularity);
  }
});

Deno.test("drawDemoCatalogue: provider estimates are near the hidden values", () => {
  const c = drawDemoCatalogue({ size: "default", seed: 4 });
  const ts = c.tracks;
  const keyExact = ts.filter((t) => t.estimates.key === t.attributes.key).length / ts.length;
  assert.ok(keyExact > 0.9 && keyExact < 1, `key exact for ${keyExact}`);
  const modeExact = ts.filter((t) => t.estimates.mode === t.attributes.mode).length / ts.length;
  assert.ok(modeExact > 0.9);
  for (const t of ts) {
    assert.ok(Math.abs(t.estimates.tempo / t.attributes.tempo - 1) < 0.02);
    assert.equal(t.estimates.time_signature, t.attributes.beatsPerBar);
  }
  for (const k of ["energy", "danceability", "valence", "acousticness"] as const) {
    const r = pearson(ts.map((t) => t.attributes[k]), ts.map((t) => t.estimates[k]));
    assert.ok(r > 0.8, `${k}: r = ${r}`);
    assert.ok(ts.every((t) => t.estimates[k] >= 0 && t.estimates[k] <= 1));
  }
});
