/**
 * The whole test suite, as `deno task test` runs it: setup, `deno fmt --check`, `deno lint`,
 * `deno doc --lint` (every lib/ barrel and the modules outside them, {@link docLintArgs}),
 * `deno check` (lib/, tests/ and the notebooks' code cells), the unit tests in tests/, then every
 * notebook executed on the `tiny` demo corpus. Stops at the first failing step. The last line
 * counts unit tests and notebooks: `N passed, M failed`.
 *
 * Tests never touch a researcher's run: the notebooks run with `paths.data` and `paths.outputs`
 * in tests/output/ ({@link TEST_PATHS}), the unit tests get the same folders through `HSS_PATHS_*`,
 * and data/ and outputs/ are
 * fingerprinted (lib/workspace/fingerprint.ts) at the start and compared at the end: any file
 * added, removed or modified there fails the run, named.
 * @module
 */
import { type Config, loadConfig, projectRoot } from "../config.ts";
import { compareFingerprints, describeChanges, fingerprint } from "./fingerprint.ts";
import { checkNotebooks, formatNotebookCells } from "./notebook.ts";
import { describeFailure, listNotebooks, runNotebooks } from "./run_notebooks.ts";
import { ensureSetup } from "./setup.ts";

/** Where the test suite's notebooks and unit tests write, relative to the project root. */
const TEST_PATHS = { data: "tests/output/data", outputs: "tests/output/outputs" } as const;

/** The researcher's folders, which the test suite must leave as it found them. */
const RESEARCH_FOLDERS = ["data", "outputs"] as const;

/** The environment of the test suite's child processes: its own data and outputs folders. */
function testEnv(): Record<string, string> {
  return { NO_COLOR: "1", HSS_PATHS_DATA: TEST_PATHS.data, HSS_PATHS_OUTPUTS: TEST_PATHS.outputs };
}

/**
 * Notebook runs after the main one: the notebooks that read real tables, run on those presets
 * so that CI exercises the importers end to end (executed copies go to
 * `tests/output/outputs/notebooks/<dataset>/`).
 */
const REAL_DATA_RUNS: {
  dataset: "hit-predictor" | "spotify-2023" | "playlist-tracks";
  only: string[];
  /** Configuration fields set for this run only. */
  overrides?: Record<string, unknown>;
}[] = [
  { dataset: "spotify-2023", only: ["01", "02", "05"] },
  // The 5-fold comparison on 41k rows takes minutes: CI scores the 80/20 hold-out only.
  {
    dataset: "hit-predictor",
    only: ["02", "05"],
    overrides: { comparison: { protocol: "holdout" } },
  },
];

/** The configuration of one of the suite's notebook runs: its dataset, in tests/output/. */
function testRunConfig(
  dataset: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Config {
  return loadConfig({ overrides: { ...overrides, dataset, paths: { ...TEST_PATHS } } });
}

/** Where the documentation lint writes its one-line re-exports of modules outside the barrels. */
const DOC_LINT_DIR = "tests/output/doc_lint";

/**
 * The arguments of the documentation lint: `deno doc --lint --no-npm` over every `mod.ts` barrel
 * under `lib/`, plus the modules no barrel covers: the top-level `lib/*.ts` (config.ts, paper.ts)
 * and the files of a folder directly under `lib/` that has no `mod.ts` (workspace/, the entry
 * points). Found by walking the folder, so a new barrel or module is covered without editing a
 * list; sorted.
 *
 * `--no-npm` leaves third-party types (nodejs-polars, zod, tfjs) unresolved: their packages
 * document them, and the lint then judges only this project's API (a public signature that
 * names one of our own unexported types still fails). Under `--no-npm` a root module may not
 * import an npm package itself, so each module outside the barrels enters through a one-line
 * re-export written under {@link DOC_LINT_DIR}.
 */
export async function docLintArgs(root: string): Promise<string[]> {
  const barrels: string[] = [];
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(`${root}/${dir}`)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) walk(path);
      else if (entry.isFile && entry.name === "mod.ts") barrels.push(path);
    }
  };
  walk("lib");
  const modules = (dir: string) =>
    [...Deno.readDirSync(`${root}/${dir}`)]
      .filter((e) => e.isFile && e.name.endsWith(".ts"))
      .map((e) => `${dir}/${e.name}`);
  const unbarrelled = [...Deno.readDirSync(`${root}/lib`)]
    .filter((e) => e.isDirectory && !barrels.includes(`lib/${e.name}/mod.ts`))
    .flatMap((e) => modules(`lib/${e.name}`));
  const loose = [...modules("lib"), ...unbarrelled].sort();
  const wrappers: string[] = [];
  for (const path of loose) {
    const wrapper = `${DOC_LINT_DIR}/${path.slice("lib/".length)}`;
    const up = "../".repeat(wrapper.split("/").length - 1);
    await Deno.mkdir(`${root}/${wrapper.slice(0, wrapper.lastIndexOf("/"))}`, { recursive: true });
    await Deno.writeTextFile(`${root}/${wrapper}`, `export * from "${up}${path}";\n`);
    wrappers.push(wrapper);
  }
  return ["doc", "--lint", "--no-npm", ...barrels.sort(), ...wrappers];
}

/** Runs a command, streaming its output and keeping a copy; returns exit code and output. */
async function step(args: string[]): Promise<{ code: number; output: string }> {
  console.error(`\n$ deno ${args.join(" ")}`);
  const child = new Deno.Command(Deno.execPath(), {
    args,
    stdout: "piped",
    stderr: "piped",
    env: testEnv(),
  }).spawn();
  let output = "";
  const dec = new TextDecoder();
  const pump = async (stream: ReadableStream<Uint8Array>, sink: typeof Deno.stdout) => {
    for await (const chunk of stream) {
      output += dec.decode(chunk, { stream: true });
      await sink.write(chunk);
    }
  };
  await Promise.all([pump(child.stdout, Deno.stdout), pump(child.stderr, Deno.stderr)]);
  const { code } = await child.status;
  return { code, output };
}

async function main() {
  const root = projectRoot();
  Deno.chdir(root);
  const untouched = await fingerprint(RESEARCH_FOLDERS, root);
  /** What changed in data/ and outputs/ since the start, as a message; null when nothing did. */
  const touched = async (): Promise<string | null> => {
    const changes = compareFingerprints(untouched, await fingerprint(RESEARCH_FOLDERS, root));
    return changes.length === 0
      ? null
      : `the test run changed ${
        RESEARCH_FOLDERS.map((f) => `${f}/`).join(" and ")
      }, which belong to the researcher's runs (tests write into tests/output/):\n${
        describeChanges(changes)
      }`;
  };
  const fail = async (what: string): Promise<never> => {
    const changed = await touched();
    if (changed) console.error(`\ntest: ${changed}`);
    console.error(`\ntest: ${what}`);
    Deno.exit(1);
  };

  await ensureSetup();
  if ((await step(["fmt", "--check"])).code !== 0) {
    await fail("deno fmt --check failed (run `deno task fmt`)");
  }
  const notebooks = listNotebooks(`${root}/notebooks`).map((n) => `notebooks/${n}`);
  console.error(`\n$ format-check the code cells of ${notebooks.length} notebooks`);
  for (const nb of notebooks) {
    const cells = await formatNotebookCells(nb, { check: true, root });
    if (cells.length > 0) {
      await fail(`${nb}: cells ${cells.join(", ")} are not formatted (run \`deno task fmt\`)`);
    }
  }
  if ((await step(["lint"])).code !== 0) await fail("deno lint failed");
  if ((await step(await docLintArgs(root))).code !== 0) {
    await fail(
      "deno doc --lint failed: every export of a lib/**/mod.ts barrel, of lib/*.ts and of " +
        "lib/workspace/ needs a JSDoc, explicit types where asked, and no reference to an " +
        "unexported type of ours",
    );
  }
  if ((await step(["check", "lib/", "tests/"])).code !== 0) await fail("deno check failed");
  console.error(`\n$ type-check the code cells of ${notebooks.length} notebooks`);
  const nbErrors = await checkNotebooks(notebooks);
  if (nbErrors.length > 0) {
    console.error(nbErrors.join("\n"));
    await fail("type errors in notebook code cells");
  }

  // All permissions: a --deny-write on data/ and outputs/ would be neater, but any deny flag
  // takes away what only -A grants, and playwright-core then fails reading /proc/sys/fs/binfmt_misc.
  // A unit test that writes into data/ or outputs/ is caught by the fingerprint instead.
  const unit = await step(["test", "-A", "--parallel", "tests/"]);
  // deno test's summary: "ok | 115 passed (9 steps) | 0 failed (15s)"
  const summary = [...unit.output.matchAll(/(\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/g)]
    .pop();
  const [unitPassed, unitFailed] = summary
    ? [Number(summary[1]), Number(summary[2])]
    : [0, unit.code === 0 ? 0 : 1];
  if (unit.code !== 0 || unitFailed > 0) {
    console.error(`${unitPassed} passed, ${unitFailed} failed`);
    await fail("unit tests failed");
  }
  if (unitPassed === 0) await fail("no unit test ran");

  console.error(`\n$ deno task run --size tiny (all notebooks)`);
  const results = await runNotebooks({
    config: testRunConfig({ source: "demo", demoSize: "tiny" }),
    keepGoing: true,
  });
  for (const run of REAL_DATA_RUNS) {
    console.error(`\n$ deno task run --dataset ${run.dataset} --only ${run.only.join(",")}`);
    results.push(
      ...await runNotebooks({
        config: testRunConfig({ source: run.dataset }, run.overrides),
        only: run.only,
        keepGoing: true,
      }),
    );
  }
  const nbFailed = results.filter((r) => !r.ok);
  for (const r of nbFailed) console.error(describeFailure(r));
  const changed = await touched();
  if (changed) console.error(`\ntest: ${changed}`);
  const passed = unitPassed + results.length - nbFailed.length;
  // a changed data/ or outputs/ fails the run like a failed test
  const failed = nbFailed.length + (changed ? 1 : 0);
  console.log(`unit tests: ${unitPassed} passed, ${unitFailed} failed`);
  console.log(`notebooks: ${results.length - nbFailed.length} passed, ${nbFailed.length} failed`);
  console.log(`data/ and outputs/ untouched: ${changed ? "no" : "yes"}`);
  console.log(`${passed} passed, ${failed} failed`);
  Deno.exit(failed > 0 ? 1 : 0);
}

if (import.meta.main) await main();
