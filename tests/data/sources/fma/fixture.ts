/**
 * An FMA folder pair for tests, made at test time in a temporary folder: `fma_metadata/` written
 * by pandas (make_fixture.py through Debian's /usr/bin/python3) and `fma_small/` in FMA's audio
 * layout, holding symlinks to the real MP3 clips of the shared data folder, one MP3 cut to its
 * first 4 KB (broken: far shorter than its header says) and one file missing.
 * @module
 */
import { fileURLToPath as fromFileUrl } from "node:url";

const SCRIPT = fromFileUrl(new URL("./make_fixture.py", import.meta.url));
const SHARED_AUDIO = fromFileUrl(new URL("../../../../../shared/data/audio", import.meta.url));
/** The shared 30-s MP3 clips the fixture's tracks point at, round-robin. */
export const SHARED_MP3S = [
  "frontiers.mp3",
  "hr3-icyland.mp3",
  "hr3-motion.mp3",
  "time_to_strike.mp3",
].map((name) => `${SHARED_AUDIO}/${name}`);

/** What make_fixture.py wrote and which rows it damaged. */
export interface FmaFixture {
  /** The temporary folder holding both. */
  root: string;
  metadataDir: string;
  audioDir: string;
  /** Every track id written, small subset first, then one medium and one large track. */
  ids: number[];
  /** The 30 fma_small ids. */
  small: number[];
  badListens: number;
  badGenres: number;
  badDate: number;
  ragged: number;
  duplicate: number;
  outOfRange: number;
  echonest: number[];
  listens: Record<string, number>;
  /** The track whose MP3 is missing, and the one whose MP3 is broken. */
  missingAudio: number;
  brokenAudio: number;
}

/** The 6-digit file of a track in FMA's layout, under `audioDir`. */
export function fixtureAudioPath(audioDir: string, id: number): string {
  const six = String(id).padStart(6, "0");
  return `${audioDir}/${six.slice(0, 3)}/${six}.mp3`;
}

/**
 * Writes the fixture into a new temporary folder (or `root`) and returns where and what.
 *
 * @throws {Error} naming the install command when pandas is missing
 */
export async function makeFmaFixture(root?: string): Promise<FmaFixture> {
  const dir = root ?? await Deno.makeTempDir({ prefix: "fma-fixture-" });
  const metadataDir = `${dir}/fma_metadata`;
  const audioDir = `${dir}/fma_small`;
  await Deno.mkdir(metadataDir, { recursive: true });
  const out = await new Deno.Command("/usr/bin/python3", {
    args: [SCRIPT, metadataDir],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  if (!out.success) {
    if (stderr.includes("No module named 'pandas'")) {
      throw new Error(
        "the FMA fixture is written by pandas: install it with `apt-get install -y python3-pandas`",
      );
    }
    throw new Error(`make_fixture.py failed: ${stderr}`);
  }
  const written = JSON.parse(new TextDecoder().decode(out.stdout));
  const small: number[] = written.small;
  const missingAudio = small[3], brokenAudio = small[4];
  for (const [k, id] of small.entries()) {
    if (id === missingAudio) continue;
    const path = fixtureAudioPath(audioDir, id);
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    if (id === brokenAudio) {
      const bytes = await Deno.readFile(SHARED_MP3S[0]);
      await Deno.writeFile(path, bytes.subarray(0, 4096));
    } else await Deno.symlink(SHARED_MP3S[k % SHARED_MP3S.length], path);
  }
  return { root: dir, metadataDir, audioDir, ...written, missingAudio, brokenAudio };
}

/** Command line: writes the fixture into the given folder (for running notebooks by hand). */
if (import.meta.main) {
  const target = Deno.args[0];
  if (!target) throw new Error("usage: fixture.ts FOLDER");
  const fixture = await makeFmaFixture(target);
  console.log(JSON.stringify({ metadataDir: fixture.metadataDir, audioDir: fixture.audioDir }));
}
