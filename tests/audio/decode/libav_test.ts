import assert from "node:assert/strict";
import { decodeAudio, decodeAudioFile } from "../../../lib/audio/decode/decode.ts";
import { decodeWithFfmpeg } from "../../../lib/audio/decode/ffmpeg.ts";
import {
  buildLibavShim,
  decodeWithLibav,
  libavDecoder,
  printedDuration,
} from "../../../lib/audio/decode/libav.ts";
import { networkInputFromFile } from "../../../lib/audio/input/mod.ts";
import { loadConfig } from "../../../lib/config.ts";
import { canRun, sharedAudioDir } from "../signals.ts";

const shared = sharedAudioDir();
const haveFfmpeg = canRun("ffmpeg");
const libav = await libavDecoder();
if (!libav.ok) console.log(`libav shim tests skipped: ${libav.reason}`);
const compressed = shared
  ? [...Deno.readDirSync(shared)].map((e) => e.name).filter((n) => /\.(mp3|ogg|flac)$/.test(n))
    .sort()
  : [];

function assertSameSamples(a: Float32Array[], b: Float32Array[], what: string): void {
  assert.equal(a.length, b.length, `${what}: channels`);
  for (let c = 0; c < a.length; c++) {
    assert.equal(a[c].length, b[c].length, `${what}: length of channel ${c}`);
    // bit-identical, not close: same bytes as the ffmpeg command's float WAV
    const x = new Uint32Array(a[c].buffer, a[c].byteOffset, a[c].length);
    const y = new Uint32Array(b[c].buffer, b[c].byteOffset, b[c].length);
    const i = x.findIndex((v, k) => v !== y[k]);
    assert.equal(i, -1, `${what}: channel ${c} differs first at sample ${i}`);
  }
}

Deno.test("printedDuration reads as ffmpeg prints Duration: (hundredths, +5 ms rounding)", () => {
  assert.equal(printedDuration(-1), null);
  assert.equal(printedDuration(30_040_000), 30.04);
  assert.equal(printedDuration(30_044_999), 30.04);
  assert.equal(printedDuration(30_045_000), 30.05);
  assert.equal(printedDuration(3_723_456_789), 1 * 3600 + 2 * 60 + 3.46);
});

Deno.test({
  name: "libav shim: every shared MP3/Ogg/FLAC decodes to exactly the ffmpeg command's samples",
  ignore: !shared || !haveFfmpeg || !libav.ok || compressed.length === 0,
  fn: async () => {
    assert.ok(
      compressed.some((n) => n.endsWith(".mp3")) && compressed.some((n) => n.endsWith(".flac")),
    );
    for (const name of compressed) {
      const path = `${shared}/${name}`;
      const fast = await decodeWithLibav(path);
      assert.ok(fast, `${name}: the shim declined a clean file`);
      const cli = await decodeWithFfmpeg({ path });
      assert.equal(fast.sampleRate, cli.sampleRate, name);
      assert.equal(fast.codec, cli.codec, name);
      assert.equal(fast.declaredSeconds, cli.declaredSeconds, name);
      assertSameSamples(fast.channels, cli.channels, name);
      // the mono mixdown of decodeAudio in process is the same as through the program
      const bytes = await Deno.readFile(path);
      const mono = await decodeAudio(bytes, { path, mono: true, inProcess: true });
      const monoCli = await decodeAudio(bytes, { path, mono: true, ffmpeg: "ffmpeg" });
      assertSameSamples(mono.channels, monoCli.channels, `${name} (mono)`);
    }
  },
});

Deno.test({
  name: "libav shim: the network input of every shared clip is identical with and without it",
  ignore: !shared || !haveFfmpeg || !libav.ok || compressed.length === 0,
  fn: async () => {
    const audio = loadConfig().audio;
    for (const name of compressed) {
      const path = `${shared}/${name}`;
      const fast = await networkInputFromFile(path, audio, { inProcess: true });
      const cli = await networkInputFromFile(path, audio, { ffmpeg: "ffmpeg" });
      assertSameSamples([fast], [cli], name);
    }
  },
});

Deno.test({
  name: "libav shim: a truncated MP3 is declined and the ffmpeg command reports it",
  ignore: !shared || !haveFfmpeg || !libav.ok,
  fn: async () => {
    const bytes = await Deno.readFile(`${shared}/hr3-icyland.mp3`);
    const dir = await Deno.makeTempDir();
    try {
      const path = `${dir}/cut.mp3`;
      await Deno.writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
      assert.equal(await decodeWithLibav(path), null);
      await assert.rejects(() => decodeAudioFile(path), /truncated/);
      const notAudio = `${dir}/text.mp3`;
      await Deno.writeTextFile(notAudio, "x".repeat(2000));
      assert.equal(await decodeWithLibav(notAudio), null);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "libav shim: builds into a given folder once per source version",
  ignore: !libav.ok,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const first = await buildLibavShim(dir);
      const { mtime } = await Deno.stat(first);
      assert.match(first, /libhss_libav_[0-9a-f]{12}\.so$/);
      assert.equal(await buildLibavShim(dir), first);
      assert.deepEqual((await Deno.stat(first)).mtime, mtime);
      assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), [first.split("/").pop()]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
