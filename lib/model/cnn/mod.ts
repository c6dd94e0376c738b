/**
 * The networks: the seed paper's CNN with its ablation variants and seed 004's classifier.
 *
 * - architecture.ts — {@link buildCnn}, {@link PAPER_CNN}, {@link SEED_004_CLASSIFIER}
 * - classifier.ts — {@link AUDIO_CLASSIFIER_VARIANTS}: the FMA classifier study's four networks
 * - layers.ts — {@link FusedConv2D} (conv + bias + ReLU trained as one kernel) and
 *   {@link SeededDropout} (repeatable dropout masks)
 * - summary.ts — {@link networkSummary}: the layers, their output shapes and parameters
 *
 * @example
 * ```ts
 * import { buildCnn, SEED_004_CLASSIFIER } from "./mod.ts";
 * const classifier = buildCnn({ ...SEED_004_CLASSIFIER, audioShape: [128, 128, 3] });
 * ```
 * @module
 */
export * from "./architecture.ts";
export * from "./layers.ts";
export * from "./summary.ts";
export * from "./classifier.ts";
