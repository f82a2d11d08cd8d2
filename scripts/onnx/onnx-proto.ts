// The subset of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) that our fixture
// models need, written out by hand with the official field numbers, and a serializer for it.
import protobuf from "protobufjs";

// Field numbers follow onnx.proto exactly; fields we never write are left out (protobuf allows that).
const ONNX_SUBSET_SCHEMA = `
syntax = "proto3";
package onnx;

message AttributeProto {
  enum AttributeType {
    UNDEFINED = 0;
    FLOAT = 1;
    INT = 2;
    STRING = 3;
    TENSOR = 4;
    GRAPH = 5;
    FLOATS = 6;
    INTS = 7;
    STRINGS = 8;
  }
  string name = 1;
  float f = 2;
  int64 i = 3;
  bytes s = 4;
  TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  repeated bytes strings = 9;
  string doc_string = 13;
  AttributeType type = 20;
}

message ValueInfoProto {
  string name = 1;
  TypeProto type = 2;
  string doc_string = 3;
}

message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  repeated AttributeProto attribute = 5;
  string doc_string = 6;
  string domain = 7;
}

message StringStringEntryProto {
  string key = 1;
  string value = 2;
}

message ModelProto {
  int64 ir_version = 1;
  string producer_name = 2;
  string producer_version = 3;
  string domain = 4;
  int64 model_version = 5;
  string doc_string = 6;
  GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
  repeated StringStringEntryProto metadata_props = 14;
}

message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
  repeated ValueInfoProto value_info = 13;
}

message TensorProto {
  enum DataType {
    UNDEFINED = 0;
    FLOAT = 1;
    UINT8 = 2;
    INT8 = 3;
    UINT16 = 4;
    INT16 = 5;
    INT32 = 6;
    INT64 = 7;
    STRING = 8;
    BOOL = 9;
    FLOAT16 = 10;
    DOUBLE = 11;
  }
  repeated int64 dims = 1;
  int32 data_type = 2;
  string name = 8;
  bytes raw_data = 9;
  string doc_string = 12;
}

message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
    string denotation = 3;
  }
  repeated Dimension dim = 1;
}

message TypeProto {
  message Tensor {
    int32 elem_type = 1;
    TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
  string denotation = 6;
}

message OperatorSetIdProto {
  string domain = 1;
  int64 version = 2;
}
`;

/** ONNX element type codes (TensorProto.DataType) for the types the fixtures use. */
export const OnnxDataType = { float32: 1, int64: 7, bool: 9 } as const;
export type ElemType = keyof typeof OnnxDataType;

/** One dimension of a declared shape: a fixed size or a symbolic name. */
export type Dim = number | string;

export interface TensorMessage {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

export type AttributeMessage =
  | { name: string; type: "INT"; i: number }
  | { name: string; type: "FLOAT"; f: number }
  | { name: string; type: "INTS"; ints: number[] }
  | { name: string; type: "FLOATS"; floats: number[] }
  | { name: string; type: "STRING"; s: Uint8Array }
  | { name: string; type: "TENSOR"; t: TensorMessage };

export interface NodeMessage {
  name: string;
  op_type: string;
  domain?: string;
  input: string[];
  output: string[];
  attribute: AttributeMessage[];
}

export interface ValueInfoMessage {
  name: string;
  type: {
    tensor_type: {
      elem_type: number;
      shape: { dim: Array<{ dim_value: number } | { dim_param: string }> };
    };
  };
  doc_string?: string;
}

export interface ModelMessage {
  ir_version: number;
  producer_name: string;
  producer_version: string;
  doc_string?: string;
  opset_import: Array<{ domain: string; version: number }>;
  metadata_props?: Array<{ key: string; value: string }>;
  graph: {
    name: string;
    doc_string?: string;
    node: NodeMessage[];
    initializer: TensorMessage[];
    input: ValueInfoMessage[];
    output: ValueInfoMessage[];
  };
}

let modelType: protobuf.Type | undefined;

function modelProtoType(): protobuf.Type {
  // keepCase: our message objects use the .proto's snake_case field names.
  modelType ??= protobuf.parse(ONNX_SUBSET_SCHEMA, { keepCase: true }).root.lookupType("onnx.ModelProto");
  return modelType;
}

/** Serializes a model to the bytes of an .onnx file. */
export function encodeModel(model: ModelMessage): Uint8Array {
  const type = modelProtoType();
  return type.encode(type.fromObject(model)).finish();
}

/** Parses .onnx bytes back into a plain object (used by tests to inspect what we wrote). */
export function decodeModel(bytes: Uint8Array): Record<string, unknown> {
  const type = modelProtoType();
  return type.toObject(type.decode(bytes), { enums: String, longs: Number, defaults: false });
}
