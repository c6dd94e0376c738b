import assert from "node:assert/strict";
import {
  foldText,
  normalizeArtist,
  normalizeIsrc,
  normalizeTitle,
} from "../../../../lib/data/sources/match/normalize.ts";

Deno.test("titles lose version notes, case, accents and punctuation", () => {
  const same = [
    "One More Time",
    "One More Time (Radio Edit)",
    "One More Time - Remastered 2011",
    "ONE MORE TIME [Live]",
    "One More Time (feat. Romanthony)",
    "One More Time feat. Romanthony",
    "One  More  Time!",
  ];
  for (const t of same) assert.equal(normalizeTitle(t), "one more time", t);
  assert.equal(normalizeTitle("Alors on danse"), normalizeTitle("Alors On Dansé"));
  assert.equal(
    normalizeTitle("Papaoutai - Stromae"),
    "papaoutai stromae",
    "a dash without a version word stays",
  );
  assert.equal(normalizeTitle("(Live)"), "live", "a title that is only a note keeps its text");
  assert.notEqual(
    normalizeTitle("Love (Part 2)"),
    normalizeTitle("Love"),
    "brackets without a version word stay",
  );
});

Deno.test("artists: no leading 'the', & is 'and', featured artists dropped", () => {
  assert.equal(normalizeArtist("The Blaze"), "blaze");
  assert.equal(normalizeArtist("Earth, Wind & Fire"), "earth wind and fire");
  assert.equal(normalizeArtist("Angèle feat. Roméo Elvis"), "angele");
  assert.equal(foldText("Beyoncé’s"), "beyonces");
});

Deno.test("ISRCs are compacted and checked", () => {
  assert.equal(normalizeIsrc("gb-duw-00-00059"), "GBDUW0000059");
  assert.equal(normalizeIsrc("GBDUW0000059"), "GBDUW0000059");
  assert.equal(normalizeIsrc("GBDUW000005"), null);
  assert.equal(normalizeIsrc(""), null);
  assert.equal(normalizeIsrc(null), null);
});
