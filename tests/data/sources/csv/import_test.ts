import assert from "node:assert/strict";
import { importCsv } from "../../../../lib/data/sources/csv/import.ts";
import { MAPPING } from "./fixture.ts";

Deno.test("a latin-1 file round trip: decoded, imported, reported as latin-1", async () => {
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  try {
    const text = "title,artist,pop\nCrazy in Love,Beyoncé,88\nDéjà Vu,Beyoncé,70\n";
    const latin1 = new Uint8Array([...text].map((c) => c.charCodeAt(0)));
    assert.ok(latin1.includes(0xe9));
    await Deno.writeFile(path, latin1);
    const dataset = await importCsv(path, {
      tracks: { track_name: "title", track_popularity: "pop" },
      artist: { name: "artist" },
      target: { column: "track_popularity", kind: "regression", threshold: 50 },
    });
    assert.deepEqual(dataset.tracks.getColumn("track_name").toArray(), [
      "Crazy in Love",
      "Déjà Vu",
    ]);
    assert.deepEqual(dataset.artists.toRecords().map((a) => [a.artist_id, a.artist_name]), [
      ["name:beyoncé", "Beyoncé"],
    ]);
    assert.match(dataset.source, /latin-1/);
    assert.deepEqual(dataset.issues, []);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("importCsv names an unreadable file", async () => {
  await assert.rejects(
    importCsv("/nonexistent/songs.csv", MAPPING),
    /expected a readable CSV file at \/nonexistent\/songs\.csv; found NotFound/,
  );
});
