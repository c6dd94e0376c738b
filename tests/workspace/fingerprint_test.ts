import assert from "node:assert/strict";
import {
  compareFingerprints,
  describeChanges,
  fingerprint,
} from "../../lib/workspace/fingerprint.ts";

async function plant(root: string) {
  await Deno.mkdir(`${root}/data/demo/audio`, { recursive: true });
  await Deno.mkdir(`${root}/outputs/notebooks`, { recursive: true });
  await Deno.writeTextFile(`${root}/data/demo/tracks.csv`, "id,popularity\n1,50\n");
  await Deno.writeTextFile(`${root}/data/demo/audio/1.wav`, "RIFF....");
  await Deno.writeTextFile(`${root}/outputs/notebooks/01.ipynb`, "{}");
  await Deno.writeTextFile(`${root}/outputs/README.md`, "# outputs\n");
}

Deno.test("an untouched folder has the same fingerprint; reads do not count", async () => {
  const root = await Deno.makeTempDir();
  try {
    await plant(root);
    const before = await fingerprint(["data", "outputs"], root);
    assert.deepEqual([...before.keys()].sort(), [
      "data/demo",
      "data/demo/audio",
      "data/demo/audio/1.wav",
      "data/demo/tracks.csv",
      "outputs/README.md",
      "outputs/notebooks",
      "outputs/notebooks/01.ipynb",
    ]);
    await Deno.readTextFile(`${root}/data/demo/tracks.csv`);
    assert.deepEqual(compareFingerprints(before, await fingerprint(["data", "outputs"], root)), []);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("added, removed and modified files are named, a same-content rewrite too", async () => {
  const root = await Deno.makeTempDir();
  try {
    await plant(root);
    const before = await fingerprint(["data", "outputs/"], root);
    await Deno.writeTextFile(`${root}/outputs/notebooks/02.ipynb`, "{}");
    await Deno.remove(`${root}/data/demo/audio/1.wav`);
    await Deno.writeTextFile(`${root}/data/demo/tracks.csv`, "id,popularity\n1,51\n");
    // same bytes, written again later: the modification time moves
    const readme = `${root}/outputs/README.md`;
    await Deno.utime(readme, 0, new Date("2020-01-01T00:00:00Z"));
    const settled = await fingerprint(["outputs"], root);
    await Deno.writeTextFile(readme, "# outputs\n");
    await Deno.mkdir(`${root}/data/cache`);
    const after = await fingerprint(["data", "outputs"], root);
    // (the README's first write and its rewrite may fall in the same millisecond: compared below)
    const changes = compareFingerprints(before, after);
    assert.deepEqual(changes.filter((c) => c.path !== "outputs/README.md"), [
      { path: "data/cache", change: "added" },
      { path: "data/demo/audio/1.wav", change: "removed" },
      { path: "data/demo/tracks.csv", change: "modified" },
      { path: "outputs/notebooks/02.ipynb", change: "added" },
    ]);
    assert.deepEqual(compareFingerprints(settled, await fingerprint(["outputs"], root)), [
      { path: "outputs/README.md", change: "modified" },
    ]);
    assert.equal(
      describeChanges(changes, 2),
      `  added data/cache\n  removed data/demo/audio/1.wav\n  … and ${changes.length - 2} more`,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a missing folder fingerprints as empty; absolute folders keep their path", async () => {
  const root = await Deno.makeTempDir();
  try {
    assert.equal((await fingerprint(["data"], root)).size, 0);
    await plant(root);
    const absolute = await fingerprint([`${root}/outputs`]);
    assert.ok(absolute.has(`${root}/outputs/notebooks/01.ipynb`));
    assert.match(absolute.get(`${root}/outputs/README.md`) ?? "", /^file 10 \d+$/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
