// Mapped weights: the optimized graph saved with its large initializers in a file of their own (ONNX external
// data), which onnxruntime maps into memory instead of copying. Loading a 325 MB model inline copies every weight
// twice (the file into a buffer, the buffer into tensors), and each fresh page costs a page fault: on the 2-core
// VMs we measure on, 2.1–3.0 s to create the first session of a process against 0.65 s mapped. The mapped pages are
// the file's page cache, shared by every worker (and process) that maps it, and given back under memory pressure.
// The price: calls ran 1–8% slower in the same process (most on short calls); see the README's start-up section.
//
// onnxruntime can write external data itself (session.optimized_model_external_initializers_file_name), but 1.30
// writes a graph it cannot load back ("initializer name is not unique", an If subgraph), so the inline graph it
// saves is rewritten here on the protobuf wire: only the main graph's initializers move, subgraphs stay as they are.
import { open, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fieldsOf, LENGTH_DELIMITED, lengthDelimited, varintField } from "../../util/protobuf-wire.js";

const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR = { rawData: 9, externalData: 13, dataLocation: 14 } as const;
const DATA_LOCATION_EXTERNAL = 1;
const ENTRY = { key: 1, value: 2 } as const;

/** Initializers smaller than this stay in the graph (onnxruntime's own default threshold). */
export const MIN_MAPPED_BYTES = 1024;
/** Each tensor starts on a page boundary, so it can be mapped where it lies. */
const ALIGN = 4096;

/** The weights file beside a mapped graph. */
export const weightsPathOf = (graph: string): string => `${graph}.data`;

export interface MappedGraphResult {
  readonly tensors: number;
  readonly bytes: number;
}

/**
 * Rewrites the inline graph `source` as `target` plus `target.data`: each main-graph initializer of at least
 * MIN_MAPPED_BYTES of raw data moves to the weights file (page-aligned), and the graph records where. The weights
 * are written and renamed first, the graph last, so a reader that finds `target` finds its weights complete.
 */
export async function writeMappedGraph(source: string, target: string, temporary: (final: string) => string): Promise<MappedGraphResult> {
  const model = await readFile(source);
  const weightsPath = weightsPathOf(target);
  const weightsTemp = temporary(weightsPath);
  const graphTemp = temporary(target);
  const weights = await open(weightsTemp, "w");
  let offset = 0;
  let tensors = 0;
  try {
    const pieces: Uint8Array[] = [];
    for (const top of fieldsOf(model)) {
      if (top.field !== MODEL_GRAPH || top.wire !== LENGTH_DELIMITED) {
        pieces.push(model.subarray(top.start, top.end));
        continue;
      }
      const graphPieces: Uint8Array[] = [];
      for (const g of fieldsOf(model, top.payload, top.end)) {
        if (g.field !== GRAPH_INITIALIZER || g.wire !== LENGTH_DELIMITED) {
          graphPieces.push(model.subarray(g.start, g.end));
          continue;
        }
        const fields = fieldsOf(model, g.payload, g.end);
        const raw = fields.find((f) => f.field === TENSOR.rawData && f.wire === LENGTH_DELIMITED);
        if (!raw || raw.end - raw.payload < MIN_MAPPED_BYTES) {
          graphPieces.push(model.subarray(g.start, g.end));
          continue;
        }
        const data = model.subarray(raw.payload, raw.end);
        const start = Math.ceil(offset / ALIGN) * ALIGN;
        await weights.write(data, 0, data.length, start);
        offset = start + data.length;
        tensors++;
        const tensor = Buffer.concat([
          ...fields.filter((f) => f !== raw).map((f) => model.subarray(f.start, f.end)),
          entry("location", path.basename(weightsPath)),
          entry("offset", String(start)),
          entry("length", String(data.length)),
          varintField(TENSOR.dataLocation, DATA_LOCATION_EXTERNAL),
        ]);
        graphPieces.push(lengthDelimited(GRAPH_INITIALIZER, tensor));
      }
      pieces.push(lengthDelimited(MODEL_GRAPH, Buffer.concat(graphPieces)));
    }
    await weights.sync();
    await weights.close();
    await rename(weightsTemp, weightsPath);
    await writeFile(graphTemp, pieces);
    await rename(graphTemp, target);
    return { tensors, bytes: offset };
  } catch (err) {
    await weights.close().catch(() => undefined);
    await Promise.all([rm(weightsTemp, { force: true }), rm(graphTemp, { force: true })]);
    throw err;
  }
}

/** Removes a cached graph and, for a mapped one, its weights. */
export async function removeGraph(graph: string): Promise<void> {
  await Promise.all([rm(graph, { force: true }), rm(weightsPathOf(graph), { force: true })]);
}

function entry(key: string, value: string): Buffer {
  return lengthDelimited(TENSOR.externalData, Buffer.concat([lengthDelimited(ENTRY.key, Buffer.from(key)), lengthDelimited(ENTRY.value, Buffer.from(value))]));
}
