/**
 * `deno task bench [name…]`: runs the benchmark scripts `tests/bench/<name>_bench.ts` in turn
 * (all of them, or those named), each in its own process so one's memory and JIT state do not
 * colour the next, and keeps a copy of what they print in outputs/bench/<time>.txt.
 *
 * Each script measures the project against an independent reference in the same run and prints
 * the ratio: on shared, noisy machines an absolute time alone means little. Timed assertions
 * belong nowhere; the benchmark only reports.
 * @module
 */
import { projectRoot } from "../config.ts";

const root = projectRoot();
const dir = `${root}/tests/bench`;
const available = [...Deno.readDirSync(dir)]
  .filter((e) => e.isFile && e.name.endsWith("_bench.ts"))
  .map((e) => e.name.replace(/_bench\.ts$/, ""))
  .sort();
const wanted = Deno.args.length > 0 ? Deno.args : available;
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  console.error(`no benchmark named ${unknown.join(", ")}; have: ${available.join(", ")}`);
  Deno.exit(2);
}

const log: string[] = [
  `# deno task bench, ${new Date().toISOString()}, ${navigator.hardwareConcurrency} cores`,
];
let failed = 0;
for (const name of wanted) {
  console.log(`\n== ${name} ==`);
  log.push(`\n== ${name} ==`);
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${dir}/${name}_bench.ts`],
    cwd: root,
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const dec = new TextDecoder();
  for await (const chunk of child.stdout) {
    const text = dec.decode(chunk, { stream: true });
    await Deno.stdout.write(chunk);
    log.push(text.replace(/\n$/, ""));
  }
  const { code } = await child.status;
  if (code !== 0) {
    failed++;
    log.push(`(${name} exited with code ${code})`);
    console.error(`${name} exited with code ${code}`);
  }
}
await Deno.mkdir(`${root}/outputs/bench`, { recursive: true });
const file = `${root}/outputs/bench/${new Date().toISOString().replace(/[:.]/g, "-")}.txt`;
await Deno.writeTextFile(file, log.join("\n") + "\n");
console.log(`\nsaved to ${file.slice(root.length + 1)}`);
Deno.exit(failed > 0 ? 1 : 0);
