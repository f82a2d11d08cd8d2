// A child process of bench/memory.ts holding one ONNX Runtime session, so its RSS is that session's own.
// argv[2]: JSON { model, intraOpThreads, cpuMemArena }. Messages in: { tokens } (phoneme ids without pads);
// out: "ready" after the session is created, then one "result" per call (time of session.run alone).
import { performance } from "node:perf_hooks";
import ort from "onnxruntime-node";
import { KOKORO_VOCAB } from "../src/g2p/vocab.js";

export interface SessionSpec {
  readonly model: string;
  readonly intraOpThreads: number;
  readonly cpuMemArena: boolean;
}

export interface MemorySample {
  /** RSS now and the process's peak RSS so far, in bytes. */
  readonly rss: number;
  readonly peakRss: number;
}

export type FromSession =
  | ({ readonly type: "ready"; readonly createMs: number; readonly rssBeforeSession: number } & MemorySample)
  | ({ readonly type: "result"; readonly tokens: number; readonly ms: number; readonly samples: number } & MemorySample)
  | { readonly type: "failed"; readonly message: string };

const send = (message: FromSession): void => void process.send!(message);
const memory = (): MemorySample => ({ rss: process.memoryUsage().rss, peakRss: process.resourceUsage().maxRSS * 1024 });

// Deterministic pseudo-phonemes: the cost does not depend on the ids, but keep them real vocabulary ids.
const vocabIds = [...new Set(KOKORO_VOCAB.values())];
function feeds(tokens: number): Record<string, ort.Tensor> {
  const ids = [0, ...Array.from({ length: tokens }, (_, i) => vocabIds[(i * 37 + 11) % vocabIds.length]!), 0];
  return {
    input_ids: new ort.Tensor("int64", BigInt64Array.from(ids, BigInt), [1, ids.length]),
    style: new ort.Tensor("float32", new Float32Array(256).fill(0.1), [1, 256]),
    speed: new ort.Tensor("float32", Float32Array.of(1), [1]),
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]!) as SessionSpec;
  const rssBeforeSession = process.memoryUsage().rss;
  const started = performance.now();
  // The inference worker's settings (src/engine/providers/open-pool.ts) with the arena as asked.
  const session = await ort.InferenceSession.create(spec.model, {
    executionProviders: ["cpu"],
    intraOpNumThreads: spec.intraOpThreads,
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
    enableCpuMemArena: spec.cpuMemArena,
  });
  const output = session.outputNames.includes("waveform") ? "waveform" : session.outputNames[0]!;
  send({ type: "ready", createMs: performance.now() - started, rssBeforeSession, ...memory() });
  process.on("message", (msg: { tokens: number }) => {
    void (async () => {
      const input = feeds(msg.tokens);
      const t = performance.now();
      const out = await session.run(input);
      const ms = performance.now() - t;
      const samples = out[output]?.dims.reduce((a, b) => a * b, 1) ?? 0;
      for (const value of Object.values(out)) value.dispose();
      send({ type: "result", tokens: msg.tokens, ms, samples, ...memory() });
    })().catch((err: unknown) => send({ type: "failed", message: err instanceof Error ? err.message : String(err) }));
  });
}

main().catch((err: unknown) => {
  send({ type: "failed", message: err instanceof Error ? err.message : String(err) });
  process.exitCode = 1;
});
