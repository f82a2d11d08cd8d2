// `npm run bench -- streaming [--runs N] [--model shaped|heavy|FILE]`: time to first audio byte (TTFA) of streamed requests for one
// sentence, one paragraph and 5,000 characters on the heavy fixture (or --model), next to the raw inference time of the
// request's first model call; and long-text efficiency (sum of raw inference times of all calls ÷ total
// streamed time). Raw times come from a session on this thread while the server is idle.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import ort from "onnxruntime-node";
import type { PhonemeChunk } from "../src/plan/types.js";
import { VOICES_DIR } from "../test/helpers/paths.js";
import { plannedChunks, startTestServer, type TestServer } from "../test/helpers/test-server.js";
import { takeModelOption } from "./model-option.js";
import { machine, summarize } from "./stats.js";

const SENTENCE = "The quick brown fox jumps over the lazy dog.";
const PARAGRAPH =
  "Speech that starts at once changes how people use it. Select a paragraph, press a key, and the first words " +
  "arrive before you have looked back at the screen; the rest follows without a gap, while the server keeps " +
  "working ahead of the listener, but never too far ahead.";
const LONG = Array.from({ length: 200 }, (_, i) => `Sentence ${i + 1} keeps the reading going for a while.`).join(" ").slice(0, 5000);

/**
 * Streams one request; resolves with the time to the first body byte and to the end. With `firstOnly` it hangs
 * up at the first byte (the server drops the rest), which is all a TTFA figure needs.
 */
function timeStream(url: string, input: string, firstOnly = false): Promise<{ ttfaMs: number; totalMs: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const target = new URL(`${url}/v1/audio/speech`);
    const started = performance.now();
    let ttfaMs = -1;
    let bytes = 0;
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: { "Content-Type": "application/json" } },
      (res) => {
        res.on("data", (d: Buffer) => {
          if (ttfaMs < 0) ttfaMs = performance.now() - started;
          bytes += d.length;
          if (firstOnly) {
            req.destroy();
            resolve({ ttfaMs, totalMs: ttfaMs, bytes });
          }
        });
        res.on("end", () => resolve({ ttfaMs, totalMs: performance.now() - started, bytes }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ input, voice: "af_heart", response_format: "pcm" }));
  });
}

/** Waits until the server's scheduler has nothing running or queued (a hung-up request's last call finishing). */
async function idle(server: TestServer): Promise<void> {
  while (server.services.engine.stats().busy > 0 || server.services.engine.stats().queued > 0) {
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function rawTimes(session: ort.InferenceSession, server: TestServer, chunks: readonly PhonemeChunk[]): Promise<number[]> {
  const voice = server.services.voices.resolve("af_heart");
  if (!voice.ok) throw new Error(voice.message);
  const times: number[] = [];
  for (const chunk of chunks) {
    const ids = BigInt64Array.from([0, ...chunk.ids, 0], (id) => BigInt(id));
    const feeds = {
      input_ids: new ort.Tensor("int64", ids, [1, ids.length]),
      style: new ort.Tensor("float32", server.services.voices.styleFor(voice.voice, chunk.ids.length), [1, 256]),
      speed: new ort.Tensor("float32", Float32Array.of(1), [1]),
    };
    const t = performance.now();
    await session.run(feeds);
    times.push(performance.now() - t);
  }
  return times;
}

export async function streaming(argv: string[]): Promise<Record<string, unknown>> {
  const { model, rest } = await takeModelOption(argv, "heavy");
  const { values } = parseArgs({ args: rest, options: { runs: { type: "string", default: "20" } } });
  const runs = Math.max(1, Number(values.runs));
  const server = await startTestServer({ model: model.path, voices: VOICES_DIR, intraOpThreads: undefined, audioCacheMB: 0 });
  const session = await ort.InferenceSession.create(model.path, { graphOptimizationLevel: "all", interOpNumThreads: 1 });
  try {
    const report: Record<string, unknown> = {};
    for (const [name, text] of [["sentence", SENTENCE], ["paragraph", PARAGRAPH], ["chars5000", LONG]] as const) {
      const chunks = await plannedChunks(server.services.frontEnd, text);
      await timeStream(server.url, text, true); // warm
      await idle(server);
      const ttfa: number[] = [];
      const rawFirst: number[] = [];
      const overhead: number[] = [];
      for (let i = 0; i < runs; i++) {
        const [first] = await rawTimes(session, server, chunks.slice(0, 1));
        const { ttfaMs } = await timeStream(server.url, text, true);
        await idle(server);
        ttfa.push(ttfaMs);
        rawFirst.push(first!);
        overhead.push(ttfaMs - first!);
      }
      report[name] = {
        chars: text.length,
        modelCalls: chunks.length,
        firstCallIds: chunks[0]!.ids.length,
        ttfaMs: summarize(ttfa),
        rawFirstCallMs: summarize(rawFirst),
        ttfaMinusRawFirstCallMs: summarize(overhead),
      };
    }
    // Long-text efficiency: raw inference of every call vs the whole streamed response (1,500 characters,
    // read to the end; about 40 s of audio per run on the heavy fixture).
    const efficiencyText = LONG.slice(0, 1500);
    const chunks = await plannedChunks(server.services.frontEnd, efficiencyText);
    const efficiency: number[] = [];
    for (let i = 0; i < Math.min(runs, 2); i++) {
      const raw = (await rawTimes(session, server, chunks)).reduce((a, b) => a + b, 0);
      const { totalMs } = await timeStream(server.url, efficiencyText);
      efficiency.push(raw / totalMs);
    }
    const s = report.sentence as { ttfaMs: { median: number } };
    const l = report.chars5000 as { ttfaMs: { median: number } };
    return {
      bench: "streaming",
      machine: machine(),
      model: model.name,
      ...report,
      ttfaRatio5000ToSentence: Math.round((l.ttfaMs.median / s.ttfaMs.median) * 1000) / 1000,
      longTextEfficiency: { chars: efficiencyText.length, modelCalls: chunks.length, rawSumOverStreamed: summarize(efficiency) },
    };
  } finally {
    await server.close();
  }
}
