import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { SPECTROGRAM_DEFAULTS } from "../lib/audio/spectrogram/defaults.ts";
import { loadConfig } from "../lib/config.ts";
import { resolveTrainingSettings } from "../lib/model/training/epochs.ts";
import { DEFAULT_SEED, FORECAST_SETTINGS, PAPER_SETTINGS } from "../lib/paper.ts";

const LIB = fileURLToPath(new URL("../lib/", import.meta.url));
const SETTINGS_FILE = "paper.ts";

/** Every setting a default may not restate: its option name and the one value it must come from. */
const SETTINGS: readonly (readonly [string, number])[] = [
  ...Object.entries(PAPER_SETTINGS.training).filter(([, v]) => typeof v === "number"),
  ...Object.entries(PAPER_SETTINGS.split),
  ...Object.entries(PAPER_SETTINGS.audio),
  ...Object.entries(FORECAST_SETTINGS),
] as [string, number][];

/** Ways a number is written in TypeScript: 1e-3, 0.001, .001, 44100, 44_100, 4.41e4, 4.41e+4. */
function literalPattern(value: number): string {
  const forms = new Set<string>([String(value)]);
  const exp = value.toExponential();
  forms.add(exp).add(exp.replace("e+", "e"));
  if (value > 0 && value < 1) forms.add(String(value).replace(/^0/, ""));
  const escaped = [...forms].map((f) => f.replace(/[.+]/g, "\\$&"));
  if (Number.isInteger(value) && value >= 1000) {
    escaped.push(String(value).replace(/\B(?=(\d{3})+$)/g, "_?"));
  }
  return `(?:${escaped.join("|")})(?![\\w.])`;
}

/** The code without comments (JSDoc and prose may mention the values). */
function stripComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, " "))
    .replace(/(^|[^:\\])\/\/.*$/gm, "$1");
}

/** Bodies of objects assigned to a constant named …DEFAULTS or …SETTINGS. */
function defaultsObjects(code: string): { start: number; body: string }[] {
  const out: { start: number; body: string }[] = [];
  for (const m of code.matchAll(/const\s+[A-Z0-9_]*(?:DEFAULTS|SETTINGS)\b[^=]*=/g)) {
    const open = code.indexOf("{", m.index! + m[0].length);
    if (open < 0) continue;
    let depth = 0, end = open;
    for (; end < code.length; end++) {
      if (code[end] === "{") depth++;
      else if (code[end] === "}" && --depth === 0) break;
    }
    out.push({ start: open, body: code.slice(open, end + 1) });
  }
  return out;
}

interface Finding {
  line: number;
  setting: string;
  text: string;
}

/**
 * Restatements of a setting's value in an option-default position: `key ?? value`,
 * `key || value`, `key = value` (a destructuring default or a constant), `key: ….default(value)`
 * (zod), and `key: value` inside a …DEFAULTS / …SETTINGS object.
 */
function findRestatements(
  source: string,
  settings: readonly (readonly [string, number])[] = SETTINGS,
): Finding[] {
  const code = stripComments(source);
  const found = new Map<number, Finding>();
  const add = (index: number, setting: string) => {
    const line = code.slice(0, index).split("\n").length;
    found.set(line * 100 + settings.findIndex(([k]) => k === setting), {
      line,
      setting,
      text: source.split("\n")[line - 1].trim(),
    });
  };
  const objects = defaultsObjects(code);
  for (const [key, value] of settings) {
    const v = literalPattern(value);
    const anywhere = [
      new RegExp(`\\b${key}\\b\\)?\\s*(?:\\?\\?|\\|\\|)\\s*${v}`, "g"),
      new RegExp(`(?<![\\w.])${key}\\s*=\\s*${v}`, "g"),
      new RegExp(`\\b${key}\\??\\s*:[^\\n]*\\.default\\(\\s*${v}\\s*\\)`, "g"),
    ];
    for (const re of anywhere) for (const m of code.matchAll(re)) add(m.index!, key);
    const literal = new RegExp(`(?<![\\w.])${key}\\??\\s*:\\s*${v}`, "g");
    for (const { start, body } of objects) {
      for (const m of body.matchAll(literal)) add(start + m.index!, key);
    }
  }
  return [...found.values()].sort((a, b) => a.line - b.line);
}

async function libFiles(dir = LIB, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const rel = `${prefix}${entry.name}`;
    if (entry.isDirectory) files.push(...await libFiles(`${dir}${entry.name}/`, `${rel}/`));
    else if (entry.name.endsWith(".ts")) files.push(rel);
  }
  return files.sort();
}

Deno.test("no default in lib/ restates a setting of the seed paper; they read lib/paper.ts", async () => {
  const files = await libFiles();
  assert.ok(files.length > 100, `expected the library's files, found ${files.length}`);
  assert.ok(files.includes(SETTINGS_FILE));
  const offences: string[] = [];
  for (const file of files) {
    if (file === SETTINGS_FILE) continue;
    for (const f of findRestatements(await Deno.readTextFile(`${LIB}${file}`))) {
      offences.push(`lib/${file}:${f.line} restates ${f.setting}: ${f.text}`);
    }
  }
  assert.deepEqual(
    offences,
    [],
    `read these from PAPER_SETTINGS (lib/paper.ts):\n${offences.join("\n")}`,
  );
});

Deno.test("no default seed in lib/ restates DEFAULT_SEED", async () => {
  const seed = [["seed", DEFAULT_SEED]] as const;
  assert.equal(findRestatements("const s = options.seed ?? 42;", seed).length, 1);
  assert.equal(findRestatements("seed: spec.seed ?? DEFAULT_SEED,", seed).length, 0);
  const offences: string[] = [];
  for (const file of await libFiles()) {
    if (file === SETTINGS_FILE) continue;
    for (const f of findRestatements(await Deno.readTextFile(`${LIB}${file}`), seed)) {
      offences.push(`lib/${file}:${f.line}: ${f.text}`);
    }
  }
  assert.deepEqual(offences, [], `read DEFAULT_SEED (lib/paper.ts):\n${offences.join("\n")}`);
});

Deno.test("the scan finds every setting in the settings module itself", async () => {
  const found = findRestatements(await Deno.readTextFile(`${LIB}${SETTINGS_FILE}`));
  const paperKeys = SETTINGS.map(([k]) => k);
  assert.deepEqual(
    [...new Set(found.map((f) => f.setting))].sort(),
    [...new Set(paperKeys)].sort(),
  );
});

Deno.test("the scan flags restatements in every option-default position and nothing else", () => {
  const flagged = [
    "const epochs = options.epochs ?? 25;",
    "batchSize: options.batchSize ?? 32,",
    "this.learningRate = options.learningRate ?? 1e-3;",
    "lr: options.learningRate ?? 0.001,",
    "const { patience = 7, minDelta = 0 } = options;",
    "batchSize: positiveInt.default(32),",
    "sampleRate: positiveInt.default(44_100),",
    "sampleRate: positiveInt.default(44100),",
    "const nMels = options.nMels || 128;",
    "testFraction: fraction.default(0.2),",
    "export const TRAIN_DEFAULTS = Object.freeze({ patience: 7, hopLength: 512 });",
    "const AUDIO_SETTINGS: Readonly<{ nFft: number }> = { nFft: 2048 };",
    "const epochs = options.epochs ?? 100;",
  ];
  for (const line of flagged) {
    assert.notDeepEqual(findRestatements(line), [], `should be flagged: ${line}`);
  }
  assert.deepEqual(
    findRestatements(flagged[4]).map((f) => f.setting),
    ["patience", "minDelta"],
  );
  const clean = [
    "const lag = 7; // weekly seasonal naive",
    "hidden: spec.hidden ?? 32,",
    "const test = { nMels: 32, frames: 64 };",
    "trainNetwork(m, t, v, { patience: 7, batchSize: 32 });",
    "if (patience === 7 || batchSize <= 32) return;",
    "/** Examples per batch; default 32 (batchSize ?? 32). */",
    "// const epochs = options.epochs ?? 25;",
    "learningRate: options.learningRate ?? 0.1,",
    "batchSize: options.batchSize ?? 320,",
    "nMels: options.nMels ?? 1280,",
    "const STUDY_INPUT = Object.freeze({ cropSeconds: 10, frames: 159 });",
    "o.fmax = 0;",
    "const batchSize = options.batchSize ?? PAPER_SETTINGS.training.batchSize;",
  ];
  for (const line of clean) {
    assert.deepEqual(findRestatements(line), [], `should not be flagged: ${line}`);
  }
});

Deno.test("the settings are frozen, and every default reads them", () => {
  assert.ok(Object.isFrozen(PAPER_SETTINGS));
  for (const part of [PAPER_SETTINGS.training, PAPER_SETTINGS.split, PAPER_SETTINGS.audio]) {
    assert.ok(Object.isFrozen(part));
  }
  const config = loadConfig({ env: {} });
  const { optimizer: _, restoreBestWeights: __, ...training } = PAPER_SETTINGS.training;
  for (const [key, value] of Object.entries(training)) {
    assert.equal(config.model[key as keyof typeof config.model], value, `model.${key}`);
  }
  for (const [key, value] of Object.entries(PAPER_SETTINGS.split)) {
    assert.equal(config.split[key as keyof typeof config.split], value, `split.${key}`);
  }
  for (const [key, value] of Object.entries(PAPER_SETTINGS.audio)) {
    assert.equal(config.audio[key as keyof typeof config.audio], value, `audio.${key}`);
  }
  assert.equal(config.seed, DEFAULT_SEED);
  for (const [key, value] of Object.entries(FORECAST_SETTINGS)) {
    assert.equal(config.forecast[key as keyof typeof config.forecast], value, `forecast.${key}`);
  }
  assert.equal(config.forecast.batchSize, PAPER_SETTINGS.training.batchSize);
  for (const key of ["nFft", "hopLength", "nMels", "fmin", "fmax", "power", "topDb"] as const) {
    assert.equal(SPECTROGRAM_DEFAULTS[key], PAPER_SETTINGS.audio[key], key);
  }
  assert.deepEqual(resolveTrainingSettings({}), { ...training, seed: DEFAULT_SEED });
  const forecast = { epochs: FORECAST_SETTINGS.epochs };
  assert.equal(resolveTrainingSettings({}, forecast).epochs, FORECAST_SETTINGS.epochs);
  assert.equal(resolveTrainingSettings({ epochs: 3 }, forecast).epochs, 3);
});
