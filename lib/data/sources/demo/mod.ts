/**
 * The synthetic demo corpus: artists and tracks whose popularity follows a documented rule, with a
 * real-sounding WAV clip per track that carries the rule's audio part, Spotify-like columns as a
 * provider would estimate them, and daily stream counts.
 *
 * - {@link buildDemoCorpus} (corpus.ts) — the `Dataset`, clips written to a folder.
 * - {@link drawDemoCatalogue} (corpus.ts) — every hidden value, without audio.
 * - {@link DEMO_RULE_MARKDOWN}, {@link popularityTerms} (rule.ts) — the popularity rule.
 * - {@link synthesizeClip} (synth.ts), written by lib/data/wav.ts; seeded draws come from lib/data/random.ts.
 * - {@link streamsFrame} (streams.ts) — the daily stream rule.
 *
 * @example
 * ```ts
 * import { buildDemoCorpus, DEMO_RULE_MARKDOWN } from "./mod.ts";
 * const dataset = await buildDemoCorpus({
 *   size: "tiny",
 *   seed: 42,
 *   audioDir: "/tmp/demo-tiny/audio",
 *   onProgress: (done, total) => console.log(`${done}/${total} clips`),
 * });
 * console.log(dataset.tracks.select("track_id", "track_popularity", "audio_path").head(3));
 * console.log(dataset.tables.streams.height); // 100 tracks × 120 days = 12000
 * console.log(DEMO_RULE_MARKDOWN);
 * ```
 * @module
 */
export * from "./corpus.ts";
export * from "./rule.ts";
export * from "./streams.ts";
export * from "./synth.ts";
