// The Kokoro-shaped model (../shared/models/kokoro-shaped/): the real Kokoro-82M architecture with random
// weights, for measuring the real model's cost. The shared graph (1.2 MB) keeps every initializer's name, type
// and dims; the large ones have no data, only a recipe in their doc_string (`kokoro_shaped_recipe: fill V` or
// `normal MEAN STD`). This expands it into test/fixtures/kokoro-shaped.onnx (~325 MB, git-ignored): each recipe
// becomes little-endian float32 raw_data from a seeded generator; every other byte is copied as it is.
//
// It works on the protobuf wire format, not on decoded messages: fields our onnx-proto.ts subset does not know
// survive untouched, and the output is streamed to disk (memory stays at the graph plus one write buffer).
// Cached: a sidecar (`kokoro-shaped.onnx.json`) records the graph's sha256 and the generator version; when both
// match and the file has the recorded size, nothing is done.
import { createHash } from "node:crypto";
import { open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fieldsOf, keyBytes, readVarint, varintBytes, type WireField } from "../../src/util/protobuf-wire.js";
import { FIXTURE_DIR } from "./fixture-models.js";

/** The shared graph, from the repository root's sibling `shared/` folder (as test/helpers/paths.ts finds data). */
export const SHAPED_GRAPH = resolve(FIXTURE_DIR, "../..", "../shared/models/kokoro-shaped/kokoro-shaped.graph.onnx");
/** The expanded model. */
export const SHAPED_MODEL = join(FIXTURE_DIR, "kokoro-shaped.onnx");
/**
 * Bumped whenever the bytes written for the same graph change (generator, seeding, layout): a cached model
 * from another version is rebuilt.
 */
export const SHAPED_GENERATOR_VERSION = 1;
/** Seed of every initializer's stream (mixed with the initializer's name, so streams do not depend on order). */
const SEED = 0x4b6f6b6f; // "Koko"

export interface ShapedModelStamp {
  readonly graphSha256: string;
  readonly generatorVersion: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly recipes: number;
}

export interface EnsureShapedResult {
  readonly path: string;
  /** True when this call wrote the model; false when the cached one was current. */
  readonly written: boolean;
  readonly stamp: ShapedModelStamp;
  /** Wall time of this call. */
  readonly ms: number;
}

export interface EnsureShapedOptions {
  readonly graph?: string;
  readonly out?: string;
  /** Rebuild even when the cached model is current. */
  readonly force?: boolean;
}

const sidecarOf = (out: string): string => `${out}.json`;

/** Writes the shaped model unless a current one is there (see the file comment). */
export async function ensureShapedModel(options: EnsureShapedOptions = {}): Promise<EnsureShapedResult> {
  const started = performance.now();
  const graphPath = options.graph ?? SHAPED_GRAPH;
  const out = options.out ?? SHAPED_MODEL;
  let graph: Buffer;
  try {
    graph = await readFile(graphPath);
  } catch (err) {
    throw new Error(`cannot read the Kokoro-shaped graph ${graphPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const graphSha256 = createHash("sha256").update(graph).digest("hex");
  if (!options.force) {
    const cached = await readStamp(out);
    if (cached && cached.graphSha256 === graphSha256 && cached.generatorVersion === SHAPED_GENERATOR_VERSION) {
      const size = await stat(out).then((s) => s.size, () => -1);
      if (size === cached.bytes) return { path: out, written: false, stamp: cached, ms: performance.now() - started };
    }
  }
  const stamp = await expandShapedGraph(graph, graphSha256, out);
  return { path: out, written: true, stamp, ms: performance.now() - started };
}

async function readStamp(out: string): Promise<ShapedModelStamp | null> {
  try {
    return JSON.parse(await readFile(sidecarOf(out), "utf8")) as ShapedModelStamp;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Recipes and the generator.

type Recipe = { readonly kind: "fill"; readonly value: number } | { readonly kind: "normal"; readonly mean: number; readonly std: number };

const RECIPE_PREFIX = "kokoro_shaped_recipe:";

export function parseRecipe(doc: string): Recipe | null {
  const at = doc.indexOf(RECIPE_PREFIX);
  if (at < 0) return null;
  const words = doc.slice(at + RECIPE_PREFIX.length).trim().split(/\s+/u);
  const nums = words.slice(1).map(Number);
  if (words[0] === "fill" && nums.length >= 1 && Number.isFinite(nums[0])) return { kind: "fill", value: nums[0]! };
  if (words[0] === "normal" && nums.length >= 2 && nums.slice(0, 2).every(Number.isFinite) && nums[1]! >= 0) {
    return { kind: "normal", mean: nums[0]!, std: nums[1]! };
  }
  throw new Error(`unreadable recipe: ${JSON.stringify(doc)}`);
}

/** 32-bit FNV-1a of a string's UTF-8 bytes. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

/** xoshiro128** (Blackman & Vigna), seeded through splitmix32: uniform 32-bit integers. */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    let x = seed >>> 0;
    const splitmix = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = splitmix();
    this.s1 = splitmix();
    this.s2 = splitmix();
    this.s3 = splitmix();
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/**
 * Standard normal draws by Box–Muller from a seeded xoshiro128**: u1 in (0, 1] (never log 0), u2 in [0, 1).
 * V8's Math.log/cos/sin are its own fdlibm ports, so the draws are the same on every platform.
 */
export class NormalStream {
  private readonly rng: Xoshiro128;
  private spare = Number.NaN;

  constructor(seed: number) {
    this.rng = new Xoshiro128(seed);
  }

  next(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return z;
    }
    const u1 = (this.rng.nextUint32() + 1) / 4294967296;
    const u2 = this.rng.nextUint32() / 4294967296;
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}

/** Fills `out` with the next values of an initializer's recipe. */
function fillValues(out: Float32Array, recipe: Recipe, normals: NormalStream | null): void {
  if (recipe.kind === "fill") {
    out.fill(recipe.value);
    return;
  }
  for (let i = 0; i < out.length; i++) out[i] = recipe.mean + recipe.std * normals!.next();
}

// ---------------------------------------------------------------------------------------------------------
// The expansion.

/** A piece of the output: bytes copied from the graph, or an initializer's generated data. */
type Piece = Uint8Array | { readonly name: string; readonly recipe: Recipe; readonly count: number };

const FLOAT = 1; // TensorProto.DataType.FLOAT
const TENSOR = { dims: 1, dataType: 2, floatData: 4, name: 8, rawData: 9, docString: 12, externalData: 13 } as const;
const GRAPH_INITIALIZER = 5;
const MODEL_GRAPH = 7;

/** The output as pieces, and its size, without generating anything. */
function planExpansion(graph: Buffer): { pieces: Piece[]; bytes: number; recipes: number } {
  const pieces: Piece[] = [];
  const model = fieldsOf(graph);
  const graphFields = model.filter((f) => f.field === MODEL_GRAPH && f.wire === 2);
  if (graphFields.length !== 1) throw new Error(`expected one graph in the model, found ${graphFields.length}`);
  let recipes = 0;
  for (const top of model) {
    if (top !== graphFields[0]) {
      pieces.push(graph.subarray(top.start, top.end));
      continue;
    }
    const graphPieces: Piece[] = [];
    for (const g of fieldsOf(graph, top.payload, top.end)) {
      const expanded = g.field === GRAPH_INITIALIZER && g.wire === 2 ? expandTensor(graph, g) : null;
      if (!expanded) {
        graphPieces.push(graph.subarray(g.start, g.end));
        continue;
      }
      recipes++;
      graphPieces.push(...expanded);
    }
    pieces.push(keyBytes(MODEL_GRAPH, 2), varintBytes(sizeOf(graphPieces)), ...graphPieces);
  }
  return { pieces, bytes: sizeOf(pieces), recipes };
}

/** An initializer with a recipe, as pieces (its fields but the doc_string, then raw_data); null without one. */
function expandTensor(buf: Buffer, tensor: WireField): Piece[] | null {
  const fields = fieldsOf(buf, tensor.payload, tensor.end);
  const doc = fields.find((f) => f.field === TENSOR.docString && f.wire === 2);
  const recipe = doc ? parseRecipe(buf.toString("utf8", doc.payload, doc.end)) : null;
  if (!recipe) return null;
  const nameField = fields.find((f) => f.field === TENSOR.name && f.wire === 2);
  const name = nameField ? buf.toString("utf8", nameField.payload, nameField.end) : "";
  const type = fields.find((f) => f.field === TENSOR.dataType && f.wire === 0);
  if (!type || readVarint(buf, type.payload)[0] !== FLOAT) throw new Error(`initializer ${name}: a recipe on a tensor that is not float32`);
  if (fields.some((f) => ([TENSOR.rawData, TENSOR.floatData, TENSOR.externalData] as number[]).includes(f.field))) {
    throw new Error(`initializer ${name}: has a recipe and data already`);
  }
  let count = 1;
  for (const f of fields.filter((f) => f.field === TENSOR.dims)) {
    if (f.wire === 0) count *= readVarint(buf, f.payload)[0];
    else {
      for (let p = f.payload; p < f.end; ) {
        const [dim, next] = readVarint(buf, p);
        count *= dim;
        p = next;
      }
    }
  }
  const kept = fields.filter((f) => f !== doc).map((f) => buf.subarray(f.start, f.end));
  const data: Piece[] = [keyBytes(TENSOR.rawData, 2), varintBytes(count * 4), { name, recipe, count }];
  const body = [...kept, ...data];
  return [keyBytes(GRAPH_INITIALIZER, 2), varintBytes(sizeOf(body)), ...body];
}

function sizeOf(pieces: readonly Piece[]): number {
  return pieces.reduce((n, p) => n + (p instanceof Uint8Array ? p.length : p.count * 4), 0);
}

/** Values generated (and written) at a time: bounds memory whatever the initializer's size. */
const CHUNK_VALUES = 1 << 20;
const WRITE_BUFFER = 8 << 20;

async function expandShapedGraph(graph: Buffer, graphSha256: string, out: string): Promise<ShapedModelStamp> {
  const { pieces, bytes, recipes } = planExpansion(graph);
  const temp = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const file = await open(temp, "w");
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  let used = 0;
  let written = 0;
  const flush = async (): Promise<void> => {
    if (used === 0) return;
    const view = buffer.subarray(0, used);
    hash.update(view);
    await file.write(view, 0, used);
    written += used;
    used = 0;
  };
  const put = async (bytesIn: Uint8Array): Promise<void> => {
    for (let offset = 0; offset < bytesIn.length; ) {
      if (used === buffer.length) await flush();
      const n = Math.min(bytesIn.length - offset, buffer.length - used);
      buffer.set(bytesIn.subarray(offset, offset + n), used);
      used += n;
      offset += n;
    }
  };
  const values = new Float32Array(CHUNK_VALUES);
  const valueBytes = new Uint8Array(values.buffer);
  const bigEndian = os.endianness() === "BE";
  try {
    for (const piece of pieces) {
      if (piece instanceof Uint8Array) {
        await put(piece);
        continue;
      }
      const normals = piece.recipe.kind === "normal" ? new NormalStream((SEED ^ fnv1a(piece.name)) >>> 0) : null;
      for (let left = piece.count; left > 0; ) {
        const n = Math.min(left, CHUNK_VALUES);
        const chunk = values.subarray(0, n);
        fillValues(chunk, piece.recipe, normals);
        const chunkBytes = valueBytes.subarray(0, n * 4);
        if (bigEndian) Buffer.from(chunkBytes.buffer, 0, n * 4).swap32();
        await put(chunkBytes);
        left -= n;
      }
    }
    await flush();
    if (written !== bytes) throw new Error(`wrote ${written} bytes, planned ${bytes}`);
    await file.close();
    const stamp: ShapedModelStamp = { graphSha256, generatorVersion: SHAPED_GENERATOR_VERSION, bytes, sha256: hash.digest("hex"), recipes };
    // Model first, then its stamp (each through a rename): a reader never sees a stamp for another file.
    await rename(temp, out);
    const stampTemp = `${temp}.json`;
    await writeFile(stampTemp, `${JSON.stringify(stamp, null, 2)}\n`);
    await rename(stampTemp, sidecarOf(out));
    return stamp;
  } catch (err) {
    await file.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw err;
  }
}
