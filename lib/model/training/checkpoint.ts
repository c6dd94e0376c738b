/**
 * Models on disk: a folder under outputs/models/ holding `checkpoint.json` (the network's
 * topology, weight specs, the caller's metadata and training state, and the names of the binary
 * files) plus the binary weights: the current weights, and while training, the best epoch's
 * weights and the optimizer's state, so a run can be resumed where it stopped.
 *
 * Writing is crash-safe: binary files get new names tagged with the epoch, each written
 * atomically (temporary file, fsync, rename), and `checkpoint.json` — written last, atomically —
 * switches to them; only then are the previous files removed. A reader therefore always finds
 * a complete checkpoint, the new one or the old one.
 *
 * @example
 * ```ts
 * import { loadCheckpoint, saveCheckpoint } from "./checkpoint.ts";
 * // await saveCheckpoint("outputs/models/cnn", { model, meta: { note: "demo" }, tag: "final" });
 * // const { model, meta } = await loadCheckpoint("outputs/models/cnn");
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { writeFileAtomic, writeTextAtomic } from "../../data/atomic.ts";
// Registers the workspace's custom layers with tfjs's deserialiser.
import "../cnn/layers.ts";

/** A named tensor, as tfjs optimizers save their state. */
export interface NamedTensor {
  /** The variable's name, as the optimizer gives it. */
  name: string;
  /** The variable's value. */
  tensor: tf.Tensor;
}

/** The pointer file's name. */
export const CHECKPOINT_FILE = "checkpoint.json";
/** Format tag written into checkpoint.json. */
const CHECKPOINT_FORMAT = "hss-model/1";

const WeightSpec = z.object({
  name: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.enum(["float32", "int32", "bool", "string", "complex64"]),
}).passthrough();

const BinaryPart = z.object({
  file: z.string().regex(/^[\w.-]+\.bin$/),
  specs: z.array(WeightSpec),
});

const CheckpointJson = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  savedAt: z.string(),
  modelTopology: z.record(z.string(), z.unknown()),
  weights: BinaryPart,
  bestWeights: BinaryPart.nullable(),
  optimizer: BinaryPart.nullable(),
  meta: z.record(z.string(), z.unknown()),
  training: z.unknown().nullable(),
});

/** Raised for a missing, unreadable or inconsistent checkpoint; says what and where. */
export class CheckpointError extends Error {
  /** Creates the error; `message` says what is missing or inconsistent, and where. */
  constructor(message: string) {
    super(message);
    this.name = "CheckpointError";
  }
}

/** What {@link saveCheckpoint} writes. */
export interface CheckpointContents {
  /** The network whose topology and weights are written. */
  model: tf.LayersModel;
  /** JSON-able description the loader needs besides the network (inputs, scalers, …). */
  meta: Record<string, unknown>;
  /** JSON-able training state for resuming; null for a finished model. */
  training?: unknown;
  /** The best epoch's weights, in `model.getWeights()` order. */
  bestWeights?: readonly tf.Tensor[] | null;
  /** The optimizer's state (`await optimizer.getWeights()`). */
  optimizer?: readonly NamedTensor[] | null;
  /** Tag for the binary files' names, e.g. the epoch; default "final". */
  tag?: string;
}

/** A checkpoint read back. */
export interface LoadedCheckpoint {
  /** The network, rebuilt with the saved weights. */
  model: tf.LayersModel;
  /** The description saved beside the network (inputs, scalers, …). */
  meta: Record<string, unknown>;
  /** The saved training state; null for a finished model. */
  training: unknown;
  /** The best epoch's weights, in `model.getWeights()` order; null when none were saved. */
  bestWeights: tf.Tensor[] | null;
  /** The optimizer's saved state; null when none was saved. */
  optimizer: NamedTensor[] | null;
  /** When the checkpoint was written, ISO 8601. */
  savedAt: string;
}

function concat(data: ArrayBuffer | ArrayBuffer[]): Uint8Array {
  const parts = Array.isArray(data) ? data : [data];
  const total = parts.reduce((s, p) => s + p.byteLength, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), o);
    o += p.byteLength;
  }
  return out;
}

async function modelArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler((artifacts) => {
    captured = artifacts;
    return Promise.resolve({
      modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" },
    });
  }));
  if (!captured) throw new CheckpointError("tfjs produced no model artifacts to save");
  return captured;
}

async function encodeTensors(
  tensors: readonly NamedTensor[],
): Promise<{ data: Uint8Array; specs: z.infer<typeof WeightSpec>[] }> {
  const { data, specs } = await tf.io.encodeWeights([...tensors]);
  return { data: new Uint8Array(data), specs: specs as z.infer<typeof WeightSpec>[] };
}

/** Writes a checkpoint into `dir` (see the module's description for the crash-safety). */
export async function saveCheckpoint(dir: string, contents: CheckpointContents): Promise<void> {
  const tag = (contents.tag ?? "final").replace(/[^\w.-]/g, "_");
  await Deno.mkdir(dir, { recursive: true });
  const artifacts = await modelArtifacts(contents.model);
  if (!artifacts.weightData || !artifacts.weightSpecs) {
    throw new CheckpointError("tfjs saved no weights for the model");
  }
  const previous = await readPointer(dir).catch(() => null);
  const written: string[] = [];
  const put = async (name: string, data: Uint8Array) => {
    await writeFileAtomic(`${dir}/${name}`, data);
    written.push(name);
  };
  const weightsFile = `weights-${tag}.bin`;
  await put(weightsFile, concat(artifacts.weightData));
  let best: z.infer<typeof BinaryPart> | null = null;
  if (contents.bestWeights) {
    const names = contents.model.weights.map((w) => w.originalName);
    const encoded = await encodeTensors(
      contents.bestWeights.map((tensor, i) => ({ name: names[i] ?? `w${i}`, tensor })),
    );
    best = { file: `best-${tag}.bin`, specs: encoded.specs };
    await put(best.file, encoded.data);
  }
  let optimizer: z.infer<typeof BinaryPart> | null = null;
  if (contents.optimizer) {
    const encoded = await encodeTensors(contents.optimizer);
    optimizer = { file: `optimizer-${tag}.bin`, specs: encoded.specs };
    await put(optimizer.file, encoded.data);
  }
  const pointer: z.infer<typeof CheckpointJson> = {
    format: CHECKPOINT_FORMAT,
    savedAt: new Date().toISOString(),
    modelTopology: artifacts.modelTopology as Record<string, unknown>,
    weights: { file: weightsFile, specs: artifacts.weightSpecs as z.infer<typeof WeightSpec>[] },
    bestWeights: best,
    optimizer,
    meta: contents.meta,
    training: contents.training ?? null,
  };
  await writeTextAtomic(`${dir}/${CHECKPOINT_FILE}`, JSON.stringify(pointer));
  if (previous) {
    const stale = [previous.weights, previous.bestWeights, previous.optimizer]
      .filter((p): p is z.infer<typeof BinaryPart> => p !== null)
      .map((p) => p.file)
      .filter((f) => !written.includes(f));
    for (const file of stale) await Deno.remove(`${dir}/${file}`).catch(() => {});
  }
}

async function readPointer(dir: string): Promise<z.infer<typeof CheckpointJson>> {
  const path = `${dir}/${CHECKPOINT_FILE}`;
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new CheckpointError(
        `no saved model in ${dir}: expected ${CHECKPOINT_FILE} (train one first, e.g. notebook 04)`,
      );
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CheckpointError(`${path} is not valid JSON (a damaged or foreign file)`);
  }
  const parsed = CheckpointJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CheckpointError(
      `${path}: field ${issue.path.join(".") || "(root)"}: ${issue.message}; expected a ` +
        `checkpoint of format ${CHECKPOINT_FORMAT}`,
    );
  }
  return parsed.data;
}

async function readBinary(dir: string, part: z.infer<typeof BinaryPart>): Promise<ArrayBuffer> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(`${dir}/${part.file}`);
  } catch {
    throw new CheckpointError(`${dir}/${part.file} is missing (the checkpoint is incomplete)`);
  }
  const expected = part.specs.reduce(
    (s, spec) => s + spec.shape.reduce((p, d) => p * d, 1) * (spec.dtype === "complex64" ? 8 : 4),
    0,
  );
  if (bytes.byteLength !== expected) {
    throw new CheckpointError(
      `${dir}/${part.file} holds ${bytes.byteLength} bytes; its specs need ${expected}`,
    );
  }
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function decode(data: ArrayBuffer, specs: z.infer<typeof WeightSpec>[]): NamedTensor[] {
  const map = tf.io.decodeWeights(data, specs as tf.io.WeightsManifestEntry[]);
  return specs.map((s) => ({ name: s.name, tensor: map[s.name] }));
}

/** Whether `dir` holds a checkpoint pointer. */
export async function hasCheckpoint(dir: string): Promise<boolean> {
  try {
    return (await Deno.stat(`${dir}/${CHECKPOINT_FILE}`)).isFile;
  } catch {
    return false;
  }
}

/** Reads a checkpoint written by {@link saveCheckpoint}. */
export async function loadCheckpoint(dir: string): Promise<LoadedCheckpoint> {
  const pointer = await readPointer(dir);
  const weightData = await readBinary(dir, pointer.weights);
  const model = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: pointer.modelTopology,
    weightSpecs: pointer.weights.specs as tf.io.WeightsManifestEntry[],
    weightData,
  }));
  const bestWeights = pointer.bestWeights
    ? decode(await readBinary(dir, pointer.bestWeights), pointer.bestWeights.specs).map((n) =>
      n.tensor
    )
    : null;
  const optimizer = pointer.optimizer
    ? decode(await readBinary(dir, pointer.optimizer), pointer.optimizer.specs)
    : null;
  return {
    model,
    meta: pointer.meta,
    training: pointer.training,
    bestWeights,
    optimizer,
    savedAt: pointer.savedAt,
  };
}
