// A tiny ONNX graph builder: named inputs/outputs, constant initializers and single-output nodes,
// producing the ModelMessage that onnx-proto.ts serializes.
import {
  OnnxDataType,
  type AttributeMessage,
  type Dim,
  type ElemType,
  type ModelMessage,
  type NodeMessage,
  type TensorMessage,
  type ValueInfoMessage,
} from "./onnx-proto.js";

/** An attribute value, tagged with its ONNX kind (a bare number would not say int or float). */
export type Attr = { int: number } | { ints: number[] } | { float: number } | { floats: number[] };

export interface ModelOptions {
  irVersion: number;
  opset: number;
  producer: string;
  docString?: string;
  metadata?: Record<string, string>;
}

function valueInfo(name: string, elem: ElemType, dims: Dim[]): ValueInfoMessage {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: OnnxDataType[elem],
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

function attribute(name: string, value: Attr): AttributeMessage {
  if ("int" in value) return { name, type: "INT", i: value.int };
  if ("ints" in value) return { name, type: "INTS", ints: value.ints };
  if ("float" in value) return { name, type: "FLOAT", f: value.float };
  return { name, type: "FLOATS", floats: value.floats };
}

function elementCount(dims: number[]): number {
  return dims.reduce((n, d) => n * d, 1);
}

export class GraphBuilder {
  private readonly nodes: NodeMessage[] = [];
  private readonly initializers: TensorMessage[] = [];
  private readonly inputs: ValueInfoMessage[] = [];
  private readonly outputs: ValueInfoMessage[] = [];
  private readonly usedNames = new Set<string>();
  private counter = 0;

  constructor(private readonly name: string) {}

  /** Declares a graph input and returns its value name. */
  input(name: string, elem: ElemType, dims: Dim[]): string {
    this.claim(name);
    this.inputs.push(valueInfo(name, elem, dims));
    return name;
  }

  /** Declares a graph output; `name` must be produced by a node (pass it as that op's `outName`). */
  output(name: string, elem: ElemType, dims: Dim[]): void {
    if (!this.nodes.some((n) => n.output.includes(name))) throw new Error(`no node produces output ${name}`);
    this.outputs.push(valueInfo(name, elem, dims));
  }

  /** A float32 constant (an initializer); a scalar when dims is []. */
  f32(values: ArrayLike<number>, dims: number[] = [values.length]): string {
    const data = Float32Array.from(values);
    return this.constant("float32", dims, new Uint8Array(data.buffer), data.length);
  }

  /** An int64 constant (an initializer); a scalar when dims is []. */
  i64(values: ArrayLike<number>, dims: number[] = [values.length]): string {
    const data = BigInt64Array.from(Array.from(values, (v) => BigInt(v)));
    return this.constant("int64", dims, new Uint8Array(data.buffer), data.length);
  }

  /** Adds a single-output node and returns the output's value name. */
  op(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, outName?: string): string {
    const id = this.counter++;
    const output = outName ?? `${opType.toLowerCase()}_${id}`;
    this.claim(output);
    this.nodes.push({
      name: `${opType}_${id}`,
      op_type: opType,
      input: inputs,
      output: [output],
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return output;
  }

  build(options: ModelOptions): ModelMessage {
    if (this.outputs.length === 0) throw new Error(`graph ${this.name} has no outputs`);
    return {
      ir_version: options.irVersion,
      producer_name: options.producer,
      producer_version: "1",
      ...(options.docString ? { doc_string: options.docString } : {}),
      opset_import: [{ domain: "", version: options.opset }],
      metadata_props: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: this.name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    };
  }

  private constant(elem: ElemType, dims: number[], raw: Uint8Array, count: number): string {
    if (elementCount(dims) !== count) throw new Error(`constant of shape [${dims.join(",")}] given ${count} values`);
    const name = `const_${this.counter++}`;
    this.claim(name);
    // raw_data is little-endian, as ONNX requires; typed arrays are little-endian on every platform Node ships for.
    this.initializers.push({ name, dims, data_type: OnnxDataType[elem], raw_data: raw });
    return name;
  }

  private claim(name: string): void {
    if (this.usedNames.has(name)) throw new Error(`value name ${name} used twice`);
    this.usedNames.add(name);
  }
}
