import os from "node:os";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { readFileSync } from "node:fs";
import { loadConfig } from "../../src/config/load.js";
import { DEFAULT_MAX_CALL_IDS } from "../../src/config/schema.js";
import { createSpeechServer } from "../../src/server/speech-server.js";
import { createLogger } from "../../src/telemetry/logger.js";
import type { SpeechServices } from "../../src/pipeline/speech.js";
import { planText, type FrontEnd } from "../../src/pipeline/front-end.js";
import { createG2P } from "../../src/g2p/index.js";
import type { PhonemeChunk } from "../../src/plan/types.js";
import type { G2P } from "../../src/g2p/types.js";
import type { Lang } from "../../src/text/lang.js";
import { decodeFixtureCalls, fixtureAmplitude } from "./fixture-audio.js";
import { FIXTURE_MODEL, MISAKI_DIR, VOICES_DIR } from "./paths.js";

export interface TestServer {
  readonly url: string;
  readonly services: SpeechServices;
  close(): Promise<void>;
}

/**
 * The real server (real config loading, runtime, Fastify, inference worker and ONNX Runtime) on an
 * ephemeral port, with a fixture model and the real voice files.
 */
export async function startTestServer(flags: Record<string, unknown> = {}): Promise<TestServer> {
  const { config } = loadConfig({
    env: { XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), "kokoro-test-cfg-")) },
    // device cpu: tests of provider choice ask for auto themselves. cacheDir: provider and graph caches stay per test.
    // maxAheadSeconds 0: tests read long streams as fast as they can; the look-ahead bound has its own test.
    // preloadLanguages lazy: no test server loads the Japanese dictionary (seconds of CPU, ~200 MB) unless it asks.
    flags: {
      model: FIXTURE_MODEL, voices: VOICES_DIR, lexicons: MISAKI_DIR, adaptiveCallSizing: false, port: 0, logLevel: "silent", intraOpThreads: 1,
      autoDownload: false, device: "cpu", maxAheadSeconds: 0, preloadLanguages: "lazy", cacheDir: mkdtempSync(path.join(os.tmpdir(), "kokoro-test-cache-")), ...flags,
    },
  });
  const server = createSpeechServer(config, createLogger(config.logLevel));
  const url = await server.app.listen({ host: "127.0.0.1", port: 0 });
  const services = await server.runtime.start();
  return { url, services, close: () => server.close() };
}

/** Style row `n`, element 0, of a voice read straight from its .bin file (independent of our loader). */
export function voiceStyle00(voice: string, n: number): number {
  const bytes = readFileSync(path.join(VOICES_DIR, `${voice}.bin`));
  const row = Math.min(Math.max(n, 0), 509);
  return bytes.readFloatLE(row * 256 * 4);
}

export interface WavFile {
  /** True when the sizes are the 0xFFFFFFFF placeholders of a streamed WAV. */
  readonly streamed: boolean;
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitsPerSample: number;
  readonly samples: Int16Array;
}

/**
 * Parses a canonical PCM WAV: its RIFF and data sizes must match the bytes exactly, or both be the
 * 0xFFFFFFFF placeholders of a streamed WAV.
 */
export function parseWav(buf: Buffer): WavFile {
  if (buf.toString("ascii", 0, 4) !== "RIFF" || buf.toString("ascii", 8, 12) !== "WAVE") throw new Error("not a RIFF/WAVE file");
  if (buf.toString("ascii", 36, 40) !== "data") throw new Error("no data chunk at byte 36");
  const streamed = buf.readUInt32LE(4) === 0xffffffff && buf.readUInt32LE(40) === 0xffffffff;
  if (!streamed && buf.readUInt32LE(4) !== buf.length - 8) throw new Error(`RIFF size ${buf.readUInt32LE(4)} != ${buf.length - 8}`);
  const dataSize = streamed ? buf.length - 44 : buf.readUInt32LE(40);
  if (dataSize !== buf.length - 44) throw new Error(`data size ${dataSize} != ${buf.length - 44}`);
  if (dataSize % 2 !== 0) throw new Error(`odd data size ${dataSize}`);
  const samples = new Int16Array(dataSize / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(44 + i * 2);
  return { streamed, sampleRate: buf.readUInt32LE(24), channels: buf.readUInt16LE(22), bitsPerSample: buf.readUInt16LE(34), samples };
}

export function pcmToInt16(buf: Buffer): Int16Array {
  const samples = new Int16Array(buf.length / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(i * 2);
  return samples;
}

export async function postSpeech(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${url}/v1/audio/speech`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
}

/** The same plan, from a G2P of its own: for tests whose server runs in another process. */
export async function plannedChunksStandalone(text: string): Promise<PhonemeChunk[]> {
  const g2p = createG2P({ lexiconDir: MISAKI_DIR });
  try {
    return await plannedChunks(g2p, text);
  } finally {
    await g2p.close();
  }
}

/** The model calls the front-end plans for `text` (what must reach the model, in order), at most `maxIds` ids each (the server's default maxCallIds). */
export function plannedChunks(g2p: G2P | FrontEnd, text: string, lang: Lang = "en-us", maxIds = DEFAULT_MAX_CALL_IDS): Promise<PhonemeChunk[]> {
  return planText(text, g2p, { lang, codeBlocks: "skip" }, undefined, { maxIds });
}

/** The token sequence the fixture audio of these calls decodes to: each call wrapped in pads. */
export function withPads(chunks: readonly PhonemeChunk[]): number[] {
  return chunks.flatMap((c) => [0, ...c.ids, 0]);
}

/**
 * Asserts that fixture audio is exactly these calls, in order, at `speed`, each call spoken with
 * the voice row its length selects (`style00(n)` = element 0 of row n of the voice), separated by
 * silence (the seams' pauses) — nothing lost, repeated, reordered or garbled.
 */
export function expectAudioOfPlan(
  samples: Int16Array | Float32Array,
  chunks: readonly PhonemeChunk[],
  speed: number,
  style00: (n: number) => number,
): void {
  const calls = decodeFixtureCalls(samples, { speed });
  const got = calls.map((c) => c.ids.join(" "));
  const want = chunks.map((c) => c.ids.join(" "));
  if (got.length !== want.length || got.some((g, i) => g !== want[i])) {
    throw new Error(`decoded calls differ from the plan:\n  got  ${got.join(" | ")}\n  want ${want.join(" | ")}`);
  }
  calls.forEach((call, k) => {
    const want = fixtureAmplitude(style00(chunks[k]!.ids.length));
    if (Math.abs(call.amplitudes[0]! - want) > 1e-3) throw new Error(`call ${k}: amplitude ${call.amplitudes[0]}, want ${want} (row ${chunks[k]!.ids.length})`);
  });
}
