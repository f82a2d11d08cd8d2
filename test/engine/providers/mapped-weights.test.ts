import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MIN_MAPPED_BYTES, weightsPathOf, writeMappedGraph } from "../../../src/engine/providers/mapped-weights.js";
import { temporaryGraphPath } from "../../../src/engine/providers/optimized-graph.js";
import { fieldsOf, readVarint } from "../../../src/util/protobuf-wire.js";
import { FIXTURE_MODEL_HEAVY } from "../../helpers/paths.js";

interface Initializer {
  readonly name: string;
  readonly raw: Buffer | null;
  readonly external: Map<string, string>;
  readonly location: number;
}

/** The main graph's initializers, read off the wire (ModelProto.graph = 7, GraphProto.initializer = 5). */
function initializers(model: Buffer): Initializer[] {
  const out: Initializer[] = [];
  const graph = fieldsOf(model).find((f) => f.field === 7)!;
  for (const g of fieldsOf(model, graph.payload, graph.end).filter((f) => f.field === 5)) {
    const fields = fieldsOf(model, g.payload, g.end);
    const text = (f: { payload: number; end: number }): string => model.subarray(f.payload, f.end).toString();
    const name = fields.find((f) => f.field === 8);
    const raw = fields.find((f) => f.field === 9);
    const location = fields.find((f) => f.field === 14);
    const external = new Map<string, string>();
    for (const e of fields.filter((f) => f.field === 13)) {
      const [k, v] = fieldsOf(model, e.payload, e.end);
      external.set(text(k!), text(v!));
    }
    out.push({ name: name ? text(name) : "", raw: raw ? model.subarray(raw.payload, raw.end) : null, external, location: location ? readVarint(model, location.payload)[0] : 0 });
  }
  return out;
}

// The heavy fixture has an initializer of MIN_MAPPED_BYTES or more (the light one has none).
describe("writeMappedGraph", () => {
  it("moves each initializer of MIN_MAPPED_BYTES or more to page-aligned external data, byte for byte, and leaves the rest", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-mapped-"));
    const target = path.join(dir, "model.mapped.onnx");
    const result = await writeMappedGraph(FIXTURE_MODEL_HEAVY, target, temporaryGraphPath);
    const before = initializers(await readFile(FIXTURE_MODEL_HEAVY));
    const after = initializers(await readFile(target));
    const weights = await readFile(weightsPathOf(target));
    expect(after.map((t) => t.name)).toEqual(before.map((t) => t.name));
    const large = before.filter((t) => t.raw !== null && t.raw.length >= MIN_MAPPED_BYTES);
    expect(large.length).toBeGreaterThan(0);
    expect(result.tensors).toBe(large.length);
    for (const [i, original] of before.entries()) {
      const moved = after[i]!;
      if (original.raw === null || original.raw.length < MIN_MAPPED_BYTES) {
        expect(moved).toEqual(original);
        continue;
      }
      expect(moved.raw).toBeNull();
      expect(moved.location).toBe(1); // TensorProto.DataLocation.EXTERNAL
      expect(moved.external.get("location")).toBe("model.mapped.onnx.data");
      const offset = Number(moved.external.get("offset"));
      const length = Number(moved.external.get("length"));
      expect(offset % 4096).toBe(0);
      expect(length).toBe(original.raw.length);
      expect(weights.subarray(offset, offset + length).equals(original.raw)).toBe(true);
    }
    expect(result.bytes).toBe(weights.length);
  });
});
