import assert from "node:assert/strict";
import { decodeAudio, decodeAudioFile } from "../../../lib/audio/decode/decode.ts";
import { type AudioFailureKind, AudioFileError } from "../../../lib/audio/decode/errors.ts";
import { oggTruncation } from "../../../lib/audio/decode/ogg.ts";
import { decodeWithFfmpeg } from "../../../lib/audio/decode/ffmpeg.ts";
import { canRun, encodeTestWav, sharedAudioDir } from "../signals.ts";

const shared = sharedAudioDir();
const haveFfmpeg = canRun("ffmpeg");

async function failure(path: string, options = {}): Promise<AudioFileError> {
  try {
    await decodeAudioFile(path, options);
  } catch (error) {
    assert.ok(error instanceof AudioFileError, String(error));
    return error;
  }
  throw new Error(`${path} decoded, expected a failure`);
}

function expectKind(e: AudioFileError, kind: AudioFailureKind, pattern: RegExp) {
  assert.equal(e.kind, kind, e.message);
  assert.match(e.message, pattern);
}

Deno.test({
  name: "every real file of ../shared/data/audio decodes with its rate, channels and length",
  ignore: !shared || !haveFfmpeg,
  fn: async () => {
    const expected: Record<string, [number, number, RegExp]> = {
      "frontiers.mp3": [44_100, 2, /mp3/],
      "hr-domina-hunting.ogg": [44_100, 2, /vorbis/],
      "hr-domina-mountain.flac": [48_000, 2, /flac/],
      "hr3-graveyard.flac": [44_100, 1, /flac/],
      "hr3-hell.wav": [44_100, 2, /WAV PCM 16-bit/],
      "hr3-mirror.wav": [22_050, 1, /WAV PCM 24-bit/],
      "machine_wars.wav": [48_000, 2, /WAV float 32-bit/],
      "hr3-caves.ogg": [44_100, 2, /vorbis/],
    };
    for (const [name, [rate, channels, codec]] of Object.entries(expected)) {
      const audio = await decodeAudioFile(`${shared}/${name}`);
      assert.equal(audio.sampleRate, rate, name);
      assert.equal(audio.channels.length, channels, name);
      assert.match(audio.codec, codec, name);
      const seconds = audio.channels[0].length / rate;
      assert.ok(seconds > 28 && seconds < 30.1, `${name}: ${seconds} s`);
      let peak = 0;
      for (let i = 0; i < audio.channels[0].length; i += 97) {
        peak = Math.max(peak, Math.abs(audio.channels[0][i]));
      }
      assert.ok(peak > 0.05 && peak <= 1.5, `${name}: peak ${peak}`);
    }
  },
});

Deno.test("empty, text-named-mp3, missing and truncated WAV files fail with a clear reason", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeFile(`${dir}/empty.mp3`, new Uint8Array(0));
  await Deno.writeTextFile(`${dir}/notes.mp3`, "These are my notes, not a song.\nSecond line.\n");
  await Deno.writeTextFile(
    `${dir}/page.wav`,
    "<!DOCTYPE html><html><body>404 Not Found</body></html>",
  );
  const wav = encodeTestWav([new Float32Array(8000).fill(0.25)], 8000, "s16");
  await Deno.writeFile(`${dir}/cut.wav`, wav.subarray(0, 5000));
  await Deno.writeFile(
    `${dir}/nodata.wav`,
    wav.subarray(0, 44).map((b, i) => (i === 40 || i === 41 ? 0 : b)),
  );
  expectKind(await failure(`${dir}/empty.mp3`), "empty", /empty\.mp3: empty file \(0 bytes\)/);
  expectKind(
    await failure(`${dir}/notes.mp3`),
    "not-audio",
    /not audio: the file holds text \("These are my notes, not a song\. Second l…"\) although its name ends in \.mp3/,
  );
  expectKind(await failure(`${dir}/page.wav`), "not-audio", /HTML page/);
  expectKind(
    await failure(`${dir}/cut.wav`),
    "truncated",
    /truncated WAV.*declares 16000 bytes \(1\.00 s\)/,
  );
  expectKind(await failure(`${dir}/nodata.wav`), "empty", /no samples/);
  expectKind(await failure(`${dir}/absent.flac`), "missing", /absent\.flac: no such file/);
  expectKind(await failure(dir), "missing", /directory/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test({
  name: "truncated MP3, FLAC and Ogg files are reported as truncated",
  ignore: !shared || !haveFfmpeg,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    for (const name of ["frontiers.mp3", "hr3-graveyard.flac", "hr3-caves.ogg"]) {
      const bytes = await Deno.readFile(`${shared}/${name}`);
      await Deno.writeFile(`${dir}/${name}`, bytes.subarray(0, Math.floor(bytes.length / 2) + 3));
      expectKind(await failure(`${dir}/${name}`), "truncated", /truncated/);
    }
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "a WAV named .mp3 is decoded by its content; an MP3 passed as bytes decodes through stdin",
  ignore: !shared || !haveFfmpeg,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    await Deno.writeFile(
      `${dir}/really-a-wav.mp3`,
      encodeTestWav([new Float32Array(800).fill(0.5)], 8000, "s16"),
    );
    const audio = await decodeAudioFile(`${dir}/really-a-wav.mp3`);
    assert.match(audio.codec, /WAV/);
    const mp3 = await decodeAudio(await Deno.readFile(`${shared}/hr3-motion.mp3`), {
      name: "x.mp3",
    });
    assert.equal(mp3.sampleRate, 44_100);
    assert.ok(mp3.channels[0].length > 44_100 * 29);
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test("without ffmpeg, compressed formats fail with the command that installs it", async () => {
  const dir = await Deno.makeTempDir();
  // a valid MP3 frame header followed by zeros: only a decoder can tell more
  await Deno.writeFile(
    `${dir}/a.mp3`,
    Uint8Array.from([0xff, 0xfb, 0x90, 0x64, ...new Array(2000).fill(0)]),
  );
  const e = await failure(`${dir}/a.mp3`, { ffmpeg: `${dir}/no-such-ffmpeg` });
  expectKind(e, "decoder-missing", /needs ffmpeg.*deno task setup.*apt-get install ffmpeg/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test({
  name: "ffmpeg is stopped after its time limit and the file reported",
  ignore: !shared || !haveFfmpeg,
  fn: async () => {
    await assert.rejects(
      () => decodeWithFfmpeg({ path: `${shared}/hr3-hell.wav`, timeoutMs: 1 }),
      (e: unknown) =>
        e instanceof AudioFileError && e.kind === "decoder-failed" && /stopped/.test(e.message),
    );
  },
});

Deno.test("Ogg completeness: the last page must end the file and carry end-of-stream", () => {
  const page = (flags: number, body: number[]) =>
    Uint8Array.from([
      0x4f,
      0x67,
      0x67,
      0x53,
      0,
      flags,
      ...new Array(20).fill(0),
      1,
      body.length,
      ...body,
    ]);
  const complete = Uint8Array.from([...page(2, [1, 2, 3]), ...page(4, [4, 5])]);
  assert.equal(oggTruncation(complete), null);
  assert.match(
    oggTruncation(Uint8Array.from([...page(2, [1, 2, 3]), ...page(0, [4, 5])]))!,
    /not flagged end-of-stream/,
  );
  assert.match(oggTruncation(complete.subarray(0, complete.length - 1))!, /runs past the end/);
});
