/**
 * The Free Music Archive (mdeff/fma): `fma_metadata/` into the canonical tables, audio paths in
 * FMA's layout, the nested subsets.
 *
 * - {@link importFma} (import.ts) — tracks.csv (+ echonest.csv) → a `Dataset`, target `listens`.
 * - {@link readFmaTracks} (tracks.ts) — tracks.csv's rows → canonical records, with issues.
 * - {@link readEchonest} (echonest.ts) — the Echo Nest audio features per track.
 * - {@link readMultiHeaderCsv} (table.ts) — pandas' MultiIndex-column CSV layout.
 * - {@link parsePythonLiteralList} (literal.ts) — `[12, 45]`, `['a', 'b']` cells.
 * - {@link fmaAudioPath}, {@link inFmaSubset}, {@link FMA_SUBSETS} (paths.ts).
 * - {@link FmaFileError}, {@link PythonLiteralError} (errors.ts).
 *
 * @example
 * ```ts
 * import { importFma } from "./mod.ts";
 * const fma = await importFma({ metadataDir: "fma_metadata", audioDir: "fma_small" });
 * console.log(fma.tracks.select("track_id", "listens", "fma_split", "audio_path").head(3));
 * ```
 * @module
 */
export * from "./echonest.ts";
export * from "./errors.ts";
export * from "./import.ts";
export * from "./literal.ts";
export * from "./paths.ts";
export * from "./table.ts";
export * from "./tracks.ts";
