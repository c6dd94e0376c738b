/**
 * Command line of a collection, for runs outside the notebooks (long collections, servers):
 *
 * ```sh
 * deno run -A lib/data/sources/collect/main.ts --provider deezer --artists "Daft Punk; Angèle"
 * deno run -A lib/data/sources/collect/main.ts --provider deezer --artists-file artists.txt --set collect.market=FR
 * ```
 *
 * Every `collect.*` field can also come from its HSS_COLLECT_* variable. Exit status: 0 when the
 * collection is complete, 75 when a rate limit paused it (the line says when to resume), 1 on
 * an error. Killed at any point, the same command resumes where it stopped.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../../../config.ts";
import { collectFromConfig } from "./from_config.ts";
import { collectionSummaryMarkdown } from "./report.ts";

/** Exit status of a paused collection (EX_TEMPFAIL). */
const EXIT_PAUSED = 75;

const USAGE = `deno run -A lib/data/sources/collect/main.ts [options]
  --provider NAME      deezer | spotify (collect.provider)
  --artists LIST       artists separated by ';': names or id:… (collect.artists)
  --artists-file FILE  one artist per line (collect.artistsFile)
  --set PATH=VALUE     any configuration field, e.g. --set collect.market=FR (repeatable)`;

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      provider: { type: "string" },
      artists: { type: "string" },
      "artists-file": { type: "string" },
      set: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    Deno.exit(0);
  }
  const overrides: Record<string, Record<string, unknown>> = { collect: {} };
  if (values.provider) overrides.collect.provider = values.provider;
  if (values.artists) overrides.collect.artists = values.artists;
  if (values["artists-file"]) overrides.collect.artistsFile = values["artists-file"];
  for (const item of values.set ?? []) {
    const eq = item.indexOf("=");
    const path = item.slice(0, eq).split(".");
    if (eq < 0 || path.length !== 2) {
      console.error(`--set expects SECTION.FIELD=VALUE, found ${item}`);
      Deno.exit(2);
    }
    (overrides[path[0]] ??= {})[path[1]] = item.slice(eq + 1);
  }
  try {
    const config = loadConfig({ overrides });
    const result = await collectFromConfig(config, { log: (line) => console.error(line) });
    console.log(collectionSummaryMarkdown(result));
    Deno.exit(result.status === "paused" ? EXIT_PAUSED : 0);
  } catch (error) {
    console.error(`collection failed: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  }
}
