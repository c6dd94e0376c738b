/**
 * Reading and checking the workspace's notebooks (nbformat 4 JSON): their code cells, whether
 * they carry outputs, stripping them, and type-checking their code — `deno check` does not read
 * .ipynb files, so the code cells are extracted into a module beside the notebook and checked.
 *
 * @example
 * ```ts
 * import { hasOutputs, readNotebook } from "./notebook.ts";
 * const nb = readNotebook("notebooks/01_data_collection.ipynb");
 * console.log(hasOutputs(nb)); // false for a committed notebook
 * ```
 * @module
 */
import { z } from "zod";

const Cell = z.object({
  cell_type: z.enum(["code", "markdown", "raw"]),
  source: z.union([z.string(), z.array(z.string())]),
  metadata: z.record(z.string(), z.unknown()).default({}),
  outputs: z.array(z.unknown()).optional(),
  execution_count: z.number().nullable().optional(),
}).loose();

/** An nbformat 4 notebook, as far as the workspace reads it. */
export const Notebook: z.ZodObject<
  {
    cells: z.ZodArray<
      z.ZodObject<
        {
          cell_type: z.ZodEnum<{ code: "code"; markdown: "markdown"; raw: "raw" }>;
          source: z.ZodUnion<readonly [z.ZodString, z.ZodArray<z.ZodString>]>;
          metadata: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodUnknown>>;
          outputs: z.ZodOptional<z.ZodArray<z.ZodUnknown>>;
          execution_count: z.ZodOptional<z.ZodNullable<z.ZodNumber>>;
        },
        z.core.$loose
      >
    >;
    metadata: z.ZodRecord<z.ZodString, z.ZodUnknown>;
    nbformat: z.ZodLiteral<4>;
    nbformat_minor: z.ZodNumber;
  },
  z.core.$loose
> = z.object({
  cells: z.array(Cell),
  metadata: z.record(z.string(), z.unknown()),
  nbformat: z.literal(4),
  nbformat_minor: z.number(),
}).loose();
/** A parsed notebook. */
export type Notebook = z.infer<typeof Notebook>;

/** Reads and validates a notebook file. */
export function readNotebook(path: string): Notebook {
  const parsed = Notebook.safeParse(JSON.parse(Deno.readTextFileSync(path)));
  if (!parsed.success) throw new Error(`${path} is not an nbformat 4 notebook: ${parsed.error}`);
  return parsed.data;
}

/** The text of a cell's source. */
export function cellSource(cell: Notebook["cells"][number]): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Whether any code cell has outputs or an execution count. */
export function hasOutputs(nb: Notebook): boolean {
  return nb.cells.some((c) =>
    c.cell_type === "code" && ((c.outputs?.length ?? 0) > 0 || (c.execution_count ?? null) !== null)
  );
}

/** A copy of the notebook with every code cell's outputs and execution count cleared. */
export function stripOutputs(nb: Notebook): Notebook {
  return {
    ...nb,
    cells: nb.cells.map((c) =>
      c.cell_type === "code" ? { ...c, outputs: [], execution_count: null } : c
    ),
  };
}

/**
 * The code cells joined into one TypeScript module, each preceded by a comment with its cell
 * number, so type errors point back at the cell.
 */
export function notebookModule(nb: Notebook): string {
  const parts = nb.cells.map((c, i) =>
    c.cell_type === "code" ? `// --- cell ${i + 1}\n${cellSource(c)}\n` : ""
  );
  return parts.join("") + "export {};\n";
}

/**
 * Type-checks the code cells of each notebook with `deno check`, through a temporary module
 * written beside the notebook (so its relative imports resolve) and removed afterwards.
 *
 * @returns the checker's output for the notebooks that failed (empty when all passed).
 */
export async function checkNotebooks(paths: readonly string[]): Promise<string[]> {
  const modules = paths.map((p) => p.replace(/([^/]+)\.ipynb$/, ".$1.check.ts"));
  try {
    paths.forEach((p, i) => Deno.writeTextFileSync(modules[i], notebookModule(readNotebook(p))));
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["check", ...modules],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (out.code === 0) return [];
    return [new TextDecoder().decode(out.stderr)];
  } finally {
    for (const m of modules) Deno.removeSync(m);
  }
}

/**
 * Formats each code cell (as TypeScript) and Markdown cell with `deno fmt` and the project's
 * settings, and returns the numbers of the cells that differ, rewriting the notebook unless
 * `check` is set.
 *
 * Why not `deno fmt` on the .ipynb itself: Deno 2.9's `deno fmt --check` reports a notebook as
 * unformatted whenever it formats any of its cells and has no cached result for the file (a fresh
 * clone, as in CI), even when `deno fmt` leaves the bytes unchanged. notebooks/ is therefore
 * excluded from `deno fmt` in deno.json and formatted here, cell by cell.
 */
export async function formatNotebookCells(
  path: string,
  options: { check?: boolean; root?: string } = {},
): Promise<number[]> {
  const nb = readNotebook(path);
  const changed: number[] = [];
  const cells = [...nb.cells];
  for (const [i, cell] of cells.entries()) {
    if (cell.cell_type === "raw") continue;
    const source = cellSource(cell);
    const child = new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--ext", cell.cell_type === "code" ? "ts" : "md", "-"],
      cwd: options.root,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(source));
    await writer.close();
    const out = await child.output();
    if (!out.success) {
      throw new Error(
        `${path}: cell ${i + 1} does not parse:\n${new TextDecoder().decode(out.stderr)}`,
      );
    }
    const formatted = new TextDecoder().decode(out.stdout).replace(/\n$/, "");
    if (formatted !== source) {
      changed.push(i + 1);
      cells[i] = { ...cell, source: formatted };
    }
  }
  if (changed.length > 0 && !options.check) {
    Deno.writeTextFileSync(path, JSON.stringify({ ...nb, cells }, null, 1) + "\n");
  }
  return changed;
}

if (import.meta.main) {
  // deno run -A lib/workspace/notebook.ts strip|check|fmt [--check] notebooks/*.ipynb
  const [command, ...args] = Deno.args;
  // A folder stands for the notebooks in it.
  const paths = args.flatMap((p) =>
    p.startsWith("--") || !Deno.statSync(p).isDirectory ? [p] : [...Deno.readDirSync(p)]
      .filter((e) => e.isFile && e.name.endsWith(".ipynb"))
      .map((e) => `${p.replace(/\/$/, "")}/${e.name}`)
      .sort()
  );
  if (command === "strip") {
    for (const p of paths) {
      const nb = readNotebook(p);
      if (hasOutputs(nb)) {
        Deno.writeTextFileSync(p, JSON.stringify(stripOutputs(nb), null, 1) + "\n");
        console.log(`stripped ${p}`);
      }
    }
  } else if (command === "fmt") {
    const check = paths[0] === "--check";
    let unformatted = 0;
    for (const p of check ? paths.slice(1) : paths) {
      const cells = await formatNotebookCells(p, { check });
      if (cells.length > 0) {
        unformatted++;
        console.error(`${check ? "not formatted" : "formatted"}: ${p} (cells ${cells.join(", ")})`);
      }
    }
    Deno.exit(check && unformatted > 0 ? 1 : 0);
  } else if (command === "check") {
    const errors = await checkNotebooks(paths);
    for (const e of errors) console.error(e);
    Deno.exit(errors.length > 0 ? 1 : 0);
  } else {
    console.error("usage: notebook.ts strip|check|fmt [--check] NOTEBOOK…");
    Deno.exit(2);
  }
}
