// The protobuf wire format, just what walking and rewriting an ONNX ModelProto needs without decoding it: fields
// a decoder's schema does not know survive untouched, and a 325 MB model is never turned into objects.

export interface WireField {
  readonly field: number;
  readonly wire: number;
  /** The whole field (tag, length, payload) in the buffer. */
  readonly start: number;
  readonly end: number;
  /** The payload (for length-delimited fields: after the length). */
  readonly payload: number;
}

/** Wire type 2: bytes, strings and embedded messages. */
export const LENGTH_DELIMITED = 2;

export function readVarint(buf: Uint8Array, pos: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    const byte = buf[pos + i];
    if (byte === undefined) throw new Error("truncated varint");
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return [value, pos + i + 1];
  }
  throw new Error("varint longer than 10 bytes");
}

/** The fields of one message, `buf[from, to)`, in order. */
export function fieldsOf(buf: Uint8Array, from = 0, to = buf.length): WireField[] {
  const fields: WireField[] = [];
  let pos = from;
  while (pos < to) {
    const start = pos;
    const [tag, afterTag] = readVarint(buf, pos);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    let payload = afterTag;
    switch (wire) {
      case 0:
        pos = readVarint(buf, afterTag)[1];
        break;
      case 1:
        pos = afterTag + 8;
        break;
      case LENGTH_DELIMITED: {
        const [len, afterLen] = readVarint(buf, afterTag);
        payload = afterLen;
        pos = afterLen + len;
        break;
      }
      case 5:
        pos = afterTag + 4;
        break;
      default:
        throw new Error(`unsupported protobuf wire type ${wire} at byte ${start}`);
    }
    if (pos > to) throw new Error(`protobuf field ${field} at byte ${start} runs past its message`);
    fields.push({ field, wire, start, end: pos, payload });
  }
  return fields;
}

export function varintBytes(value: number): Uint8Array {
  const bytes: number[] = [];
  while (value >= 128) {
    bytes.push((value % 128) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return Uint8Array.from(bytes);
}

export const keyBytes = (field: number, wire: number): Uint8Array => varintBytes(field * 8 + wire);

/** A length-delimited field: key, length, payload. */
export function lengthDelimited(field: number, payload: Uint8Array): Buffer {
  return Buffer.concat([keyBytes(field, LENGTH_DELIMITED), varintBytes(payload.length), payload]);
}

/** A varint field. */
export function varintField(field: number, value: number): Buffer {
  return Buffer.concat([keyBytes(field, 0), varintBytes(value)]);
}
