import { open, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { wavHeader } from "../../audio/wav.js";
import { BYTES_PER_SAMPLE } from "../defaults.js";
import { SAMPLE_RATE } from "../../model/contract.js";
import type { Sink } from "./sink.js";

/**
 * Writes the daemon's audio to a file, as fast as it arrives (not in real time: no clock, no underruns),
 * utterance after utterance. `.wav` gets a RIFF header whose sizes are made exact after every utterance,
 * so the file is complete whenever the daemon is idle; any other extension gets raw s16le.
 */
export class FileSink implements Sink {
  readonly realtime = false;
  private bytes = 0;

  private constructor(
    readonly name: string,
    private readonly file: FileHandle,
    private readonly wav: boolean,
  ) {}

  static async open(filePath: string): Promise<FileSink> {
    const wav = path.extname(filePath).toLowerCase() === ".wav";
    const file = await open(filePath, "w");
    if (wav) await file.write(wavHeader(0), 0, 44, 0);
    return new FileSink(`file:${filePath}`, file, wav);
  }

  room(): number {
    return SAMPLE_RATE; // any amount; one second a write keeps writes moderate
  }
  ahead(): number {
    return 0;
  }
  played(): number {
    return this.bytes / BYTES_PER_SAMPLE;
  }
  msUntilAhead(): number {
    return 0;
  }
  msUntilRoom(): number {
    return 0;
  }
  async write(pcm: Buffer): Promise<void> {
    await this.file.write(pcm, 0, pcm.length, (this.wav ? 44 : 0) + this.bytes);
    this.bytes += pcm.length;
  }
  pause(): void {}
  resume(): void {}
  discard(): Promise<void> {
    return Promise.resolve(); // written is played: nothing is pending
  }
  async flush(): Promise<void> {
    if (this.wav) await this.file.write(wavHeader(this.bytes), 0, 44, 0);
    await this.file.datasync();
  }
  async close(): Promise<void> {
    await this.flush();
    await this.file.close();
  }
}
