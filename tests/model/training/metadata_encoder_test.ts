import assert from "node:assert/strict";
import {
  MetadataEncoder,
  MetadataEncodingError,
} from "../../../lib/model/training/metadata_encoder.ts";

const rows = [
  { artist_popularity: 60, followers: 999, genre: "pop", is_top_track: true, tempo: null },
  { artist_popularity: 40, followers: 9, genre: "rock", is_top_track: false, tempo: null },
  { artist_popularity: 50, followers: null, genre: "pop", is_top_track: "true", tempo: null },
];

Deno.test("MetadataEncoder standardises with training statistics and one-hot encodes genres", () => {
  const encoder = MetadataEncoder.fit(rows, [
    { column: "artist_popularity" },
    { column: "followers", transform: "log10p1" },
    { column: "is_top_track", transform: "bool" },
    { column: "genre", transform: "onehot" },
    { column: "tempo" },
  ]);
  assert.deepEqual(encoder.names, [
    "artist_popularity",
    "log10p1(followers)",
    "is_top_track",
    "genre=pop",
    "genre=rock",
  ]);
  assert.deepEqual(encoder.dropped, [{ column: "tempo", reason: "no value in the training rows" }]);
  const x = encoder.transform(rows);
  const f = encoder.inputs.length;
  const sd = Math.sqrt(200 / 3);
  assert.ok(Math.abs(x[0] - 10 / sd) < 1e-6, "artist popularity (60 − 50) / sd");
  assert.ok(Math.abs(x[f + 1] - (1 - 2) / 1) < 1e-6, "log10(1 + 9) = 1, mean 2, sd 1");
  assert.equal(x[2 * f + 1], 0, "a missing value is the training mean (0 after standardising)");
  const next = encoder.transform([{ artist_popularity: 50, genre: "metal" }]);
  assert.equal(next[0], 0);
  assert.ok(next[3] < 0 && next[4] < 0, "an unseen genre flags no category");
});

Deno.test("MetadataEncoder round-trips through JSON and rejects unreadable values", () => {
  const encoder = MetadataEncoder.fit(rows, [{ column: "artist_popularity" }]);
  const saved = JSON.parse(JSON.stringify(encoder.toJSON()));
  assert.deepEqual(Object.keys(saved).sort(), ["dropped", "features"], "the saved models' keys");
  const again = new MetadataEncoder(saved);
  assert.deepEqual(again.transform(rows), encoder.transform(rows));
  assert.throws(() => encoder.transform([{ artist_popularity: "loud" }]), MetadataEncodingError);
  assert.throws(
    () => MetadataEncoder.fit([{ followers: -3 }], [{ column: "followers", transform: "log10p1" }]),
    /count ≥ 0/,
  );
  assert.throws(() => MetadataEncoder.fit([], []), /no rows/);
  assert.throws(() => MetadataEncoder.fit([{ a: null }], [{ column: "a" }]), /no metadata feature/);
});
