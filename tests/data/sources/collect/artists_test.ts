import assert from "node:assert/strict";
import {
  ArtistListError,
  parseArtistList,
  readArtistList,
} from "../../../../lib/data/sources/collect/artists.ts";

Deno.test("artist lines: names, ids, provider URLs and URIs; comments, blanks and repeats dropped", () => {
  const refs = parseArtistList(
    "Daft Punk; id:27\n# a comment\n\nhttps://www.deezer.com/fr/artist/75798\n" +
      "spotify:artist:4tZwfgrHOc3mvqYlEYSvVi\nhttps://open.spotify.com/artist/1vCWHaC5f2uS3yhpwWbIA6?si=x\n" +
      "311  # a band, searched by name\nDAFT PUNK\nEarth, Wind & Fire",
  );
  assert.deepEqual(refs.map((r) => [r.id, r.name]), [
    [null, "Daft Punk"],
    ["27", null],
    ["75798", null],
    ["4tZwfgrHOc3mvqYlEYSvVi", null],
    ["1vCWHaC5f2uS3yhpwWbIA6", null],
    [null, "311"],
    [null, "Earth, Wind & Fire"],
  ]);
});

Deno.test("a list file is read before the configured value; a missing file names itself", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/artists.txt`, "Angèle\nStromae\n");
  const refs = await readArtistList({ file: `${dir}/artists.txt`, artists: "Air; Stromae" });
  assert.deepEqual(refs.map((r) => r.query), ["Angèle", "Stromae", "Air"]);
  await assert.rejects(
    readArtistList({ file: `${dir}/none.txt` }),
    (e: Error) =>
      e instanceof ArtistListError && e.message.includes("none.txt") &&
      /no such file/.test(e.message),
  );
  assert.deepEqual(await readArtistList({}), []);
  await Deno.remove(dir, { recursive: true });
});
