// `npm run bench -- overhead [--runs N] [--model shaped|heavy|FILE]`: in one process, the raw `session.run` time for a one-sentence
// token sequence (the same model calls the server plans for it) vs the server's end-to-end time for the same
// sentence over HTTP (WAV; heavy fixture unless --model says otherwise).
// Runs alternate (raw, HTTP, raw, HTTP...) so drift on a shared machine hits both sides alike.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import ort from "onnxruntime-node";
import { VOICES_DIR } from "../test/helpers/paths.js";
import { plannedChunks, postSpeech, startTestServer } from "../test/helpers/test-server.js";
import { takeModelOption } from "./model-option.js";
import { machine, summarize } from "./stats.js";

const SENTENCE = "The quick brown fox jumps over the lazy dog, and then it runs back home.";

export async function overhead(argv: string[]): Promise<Record<string, unknown>> {
  const { model, rest } = await takeModelOption(argv, "heavy");
  const { values } = parseArgs({ args: rest, options: { runs: { type: "string", default: "20" } } });
  const runs = Math.max(1, Number(values.runs));
  const server = await startTestServer({ model: model.path, voices: VOICES_DIR, intraOpThreads: undefined, audioCacheMB: 0 });
  try {
    // The same model calls the server makes for this sentence (the planner may split it).
    const chunks = await plannedChunks(server.services.frontEnd, SENTENCE);
    const voice = server.services.voices.resolve("af_heart");
    if (!voice.ok) throw new Error(voice.message);
    const resolved = voice.voice;

    // The raw baseline: a session on this thread with the same settings the server's worker uses.
    const session = await ort.InferenceSession.create(model.path, { graphOptimizationLevel: "all", interOpNumThreads: 1 });
    const feedsList = chunks.map((chunk) => {
      const padded = BigInt64Array.from([0, ...chunk.ids, 0], (id) => BigInt(id));
      return {
        input_ids: new ort.Tensor("int64", padded, [1, padded.length]),
        style: new ort.Tensor("float32", server.services.voices.styleFor(resolved, chunk.ids.length), [1, 256]),
        speed: new ort.Tensor("float32", Float32Array.of(1), [1]),
      };
    });
    const rawRun = async (): Promise<number> => {
      let samples = 0;
      for (const feeds of feedsList) samples += (await session.run(feeds)).waveform?.dims[0] ?? 0;
      return samples;
    };
    const body = { input: SENTENCE, voice: "af_heart", response_format: "wav" };
    // Warm both paths once: first runs pay allocations that are not the steady state.
    await rawRun();
    await (await postSpeech(server.url, body)).arrayBuffer();

    const raw: number[] = [];
    const http: number[] = [];
    let audioSeconds = 0;
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const samples = await rawRun();
      raw.push(performance.now() - t);
      audioSeconds = samples / 24_000;

      t = performance.now();
      const res = await postSpeech(server.url, body);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`server answered ${res.status}`);
      http.push(performance.now() - t);
    }
    const rawSummary = summarize(raw);
    const httpSummary = summarize(http);
    return {
      bench: "overhead",
      machine: machine(),
      model: model.name,
      sentence: SENTENCE,
      modelCalls: chunks.map((c) => c.ids.length),
      audioSeconds: Math.round(audioSeconds * 1000) / 1000,
      rawSessionRunMs: rawSummary,
      serverHttpMs: httpSummary,
      overheadMedianMs: Math.round((httpSummary.median - rawSummary.median) * 10) / 10,
      // Per pair (HTTP run i minus raw run i, taken back to back): less sensitive to drift than medians.
      pairedOverheadMs: summarize(http.map((h, i) => h - raw[i]!)),
      overheadRatio: Math.round((httpSummary.median / rawSummary.median) * 1000) / 1000,
    };
  } finally {
    await server.close();
  }
}
