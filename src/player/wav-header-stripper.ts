import { SAMPLE_RATE } from "../model/contract.js";

/**
 * Removes a RIFF/WAVE header from the start of an audio stream, so a header is never played as noise.
 * A stream that does not start with "RIFF....WAVE" passes through untouched. The header's chunks are
 * parsed up to "data" (whose size may be a streaming placeholder: everything after it is audio), and its
 * format must be what the daemon plays: PCM s16le, 24 kHz, mono.
 */
export class WavHeaderStripper {
  private head = Buffer.alloc(0);
  private state: "probing" | "header" | "audio" = "probing";

  /** The audio bytes in `data` (none while the header is still arriving). Throws on an unplayable format. */
  push(data: Buffer): Buffer {
    if (this.state === "audio") return data;
    this.head = Buffer.concat([this.head, data]);
    if (this.state === "probing") {
      if (this.head.length < 12 && isPrefixOfRiff(this.head)) return Buffer.alloc(0);
      if (this.head.length < 12 || this.head.toString("latin1", 0, 4) !== "RIFF" || this.head.toString("latin1", 8, 12) !== "WAVE") {
        return this.passThrough();
      }
      this.state = "header";
    }
    return this.parseChunks();
  }

  /** Bytes held at the end of the stream: a short stream that only looked like the start of "RIFF" is audio. */
  end(): Buffer {
    return this.state === "probing" ? this.passThrough() : Buffer.alloc(0);
  }

  private passThrough(): Buffer {
    this.state = "audio";
    const out = this.head;
    this.head = Buffer.alloc(0);
    return out;
  }

  private parseChunks(): Buffer {
    let at = 12;
    while (this.head.length >= at + 8) {
      const id = this.head.toString("latin1", at, at + 4);
      const size = this.head.readUInt32LE(at + 4);
      if (id === "data") {
        this.state = "audio";
        const audio = this.head.subarray(at + 8);
        this.head = Buffer.alloc(0);
        return audio;
      }
      const end = at + 8 + size + (size % 2);
      if (this.head.length < end) break;
      if (id === "fmt ") checkFormat(this.head.subarray(at + 8, at + 8 + size));
      at = end;
    }
    return Buffer.alloc(0);
  }
}

function isPrefixOfRiff(b: Buffer): boolean {
  return "RIFF".startsWith(b.toString("latin1", 0, Math.min(4, b.length)));
}

function checkFormat(fmt: Buffer): void {
  if (fmt.length < 16) throw new Error("WAV fmt chunk is too short");
  const [tag, channels, rate, bits] = [fmt.readUInt16LE(0), fmt.readUInt16LE(2), fmt.readUInt32LE(4), fmt.readUInt16LE(14)];
  if ((tag !== 1 && tag !== 0xfffe) || channels !== 1 || rate !== SAMPLE_RATE || bits !== 16) {
    throw new Error(`unplayable WAV format (tag ${tag}, ${channels} ch, ${rate} Hz, ${bits} bit): the daemon plays 16-bit PCM, 24 kHz, mono`);
  }
}
