/**
 * The paper's network layer by layer — name, kind, output shape and parameter count — for a given
 * input size, as a notebook lists it before training.
 *
 * @example
 * ```ts
 * import { networkSummary } from "./summary.ts";
 * const { layers, parameters } = networkSummary({ audioShape: [128, 128, 1], metadataFeatures: 32 });
 * ```
 * @module
 */
import { buildCnn, type CnnOptions } from "./architecture.ts";

/** One layer of {@link networkSummary}. */
export interface LayerSummary {
  /** The layer's name in the network. */
  layer: string;
  /** Keras class name, e.g. `Conv2D`. */
  kind: string;
  /** Output shape with the batch dimension written `batch`, e.g. `[batch,64,64,16]`. */
  output: string;
  /** Number of weights in the layer (tfjs `countParams`). */
  parameters: number;
}

/** A network's layers and its total parameter count. */
export interface NetworkSummary {
  /** One entry per layer, input first. */
  layers: LayerSummary[];
  /** Number of weights in the whole network. */
  parameters: number;
}

/** Builds the network with `options` (default: audio + metadata), lists it and disposes of it. */
export function networkSummary(options: CnnOptions = {}): NetworkSummary {
  const model = buildCnn({ inputs: "both", ...options });
  try {
    return {
      layers: model.layers.map((l) => ({
        layer: l.name,
        kind: l.getClassName(),
        output: JSON.stringify(l.outputShape).replaceAll("null", "batch"),
        parameters: l.countParams(),
      })),
      parameters: model.countParams(),
    };
  } finally {
    model.dispose();
  }
}
