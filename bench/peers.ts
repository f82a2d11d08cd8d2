// `npm run bench -- peers [--model shaped|light|heavy|FILE] [--runs N] [--threads N] [--texts a,b]`: our server
// against kokoro-js (npm, the reference JS implementation) on the same model file, texts and machine, in one run.
// Each runs in a child process of its own with the same ONNX Runtime intra-op threads (default 2): ours is the
// real server, timed over streamed HTTP (first body byte, last byte); kokoro-js is timed around its `stream()`
// (first audio chunk, end). Runs alternate between the two. Also each process's memory (RSS now and peak).
// kokoro-js is installed on first use into bench/peers/kokoro-js/ (its own lockfile; not a server dependency).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "../test/helpers/paths.js";
import { takeModelOption } from "./model-option.js";
import { writeHfModelFolder } from "./peers-hf-folder.js";
import { ensurePeerInstalled, packageVersion, PEER_MODELS_DIR } from "./peers-install.js";
import { startChild, type Child, type MemoryUse } from "./peers-ipc.js";
import type { PeerSpeech } from "./peers-kokoro-js.js";
import { BENCH_TEXTS, SENTENCE15 } from "./texts.js";
import { machine, summarize } from "./stats.js";
import { timeStream } from "./streaming.js";

const VOICE = "af_heart";
const BENCH_DIR = path.join(REPO_ROOT, "bench");

interface OursReady {
  readonly url: string;
  readonly loadMs: number;
}

interface Timing {
  readonly firstAudioMs: number;
  readonly totalMs: number;
  readonly audioSeconds: number;
}

/** Ours over theirs, 3 decimals: below 1 means ours is faster or smaller. */
export const ratio = (ours: number, theirs: number): number => Math.round((ours / theirs) * 1000) / 1000;

async function oursSpeak(url: string, text: string): Promise<Timing> {
  const { ttfaMs, totalMs, bytes } = await timeStream(url, text);
  // 16-bit mono PCM at 24 kHz; no bytes means the server answered with an error, not audio.
  if (bytes === 0 || ttfaMs < 0) throw new Error(`our server sent no audio for a ${text.length}-character text`);
  return { firstAudioMs: ttfaMs, totalMs, audioSeconds: bytes / 2 / 24_000 };
}

function describe(samples: readonly Timing[]): Record<string, unknown> {
  return {
    firstAudioMs: summarize(samples.map((s) => s.firstAudioMs)),
    totalMs: summarize(samples.map((s) => s.totalMs)),
    audioSeconds: Math.round(samples[0]!.audioSeconds * 100) / 100,
  };
}

export async function peers(argv: string[]): Promise<Record<string, unknown>> {
  const { model, rest } = await takeModelOption(argv, "heavy");
  const { values } = parseArgs({
    args: rest,
    options: { runs: { type: "string", default: "3" }, threads: { type: "string", default: "2" }, texts: { type: "string" } },
  });
  const runs = Math.max(1, Number(values.runs));
  const threads = Math.max(1, Number(values.threads));
  if (!Number.isInteger(runs) || !Number.isInteger(threads)) throw new Error("--runs and --threads take whole numbers");
  const names = values.texts ? values.texts.split(",").map((s) => s.trim()) : Object.keys(BENCH_TEXTS);
  const unknown = names.filter((n) => !(n in BENCH_TEXTS));
  if (unknown.length > 0) throw new Error(`--texts: unknown ${unknown.join(", ")} (have ${Object.keys(BENCH_TEXTS).join(", ")})`);
  // kokoro-js feeds `input_ids`/`style`/`speed` and reads `waveform`: the v1 fixture's `tokens`/`audio` would fail.
  if (model.kind === "v1") throw new Error("--model v1: kokoro-js needs the onnx-community interface (input_ids → waveform); use shaped, light or heavy");

  ensurePeerInstalled();
  const folder = writeHfModelFolder(path.join(PEER_MODELS_DIR, path.basename(model.path, ".onnx")), model.path);
  const args = (first: string): string[] => [first, String(threads)];
  // One after the other, so neither start-up competes with the other for the CPU.
  const ours: Child<OursReady> = await startChild(path.join(BENCH_DIR, "peers-ours.ts"), args(model.path));
  let peer: Child<{ loadMs: number }> | undefined;
  try {
    peer = await startChild(path.join(BENCH_DIR, "peers-kokoro-js.ts"), args(folder));
    const peerSpeak = (text: string): Promise<PeerSpeech> => peer!.request<PeerSpeech>({ kind: "speak", text, voice: VOICE });
    // Warm both: espeak's WASM start in kokoro-js, G2P and first-run allocations in both.
    await oursSpeak(ours.ready.url, SENTENCE15);
    await peerSpeak(SENTENCE15);

    const texts: Record<string, unknown> = {};
    for (const name of names) {
      const text = BENCH_TEXTS[name]!;
      const mine: Timing[] = [];
      const theirs: PeerSpeech[] = [];
      for (let i = 0; i < runs; i++) {
        // Alternate who goes first, so that a drift in the machine's load falls on both alike.
        if (i % 2 === 0) {
          mine.push(await oursSpeak(ours.ready.url, text));
          theirs.push(await peerSpeak(text));
        } else {
          theirs.push(await peerSpeak(text));
          mine.push(await oursSpeak(ours.ready.url, text));
        }
        // Progress on stderr (a long run on a busy machine takes a while): this run's figures.
        const ms = (t: Timing): string => `first audio ${Math.round(t.firstAudioMs)} ms, total ${Math.round(t.totalMs)} ms`;
        console.error(`peers: ${name} run ${i + 1}/${runs}: ours ${ms(mine.at(-1)!)}; kokoro-js ${ms(theirs.at(-1)!)}`);
      }
      const o = describe(mine) as { firstAudioMs: { median: number }; totalMs: { median: number } };
      const p = describe(theirs) as { firstAudioMs: { median: number }; totalMs: { median: number } };
      texts[name] = {
        chars: text.length,
        words: text.split(/\s+/).length,
        ours: o,
        kokoroJs: { ...p, modelCalls: theirs[0]!.chunks, longestCallPhonemes: theirs[0]!.longestPhonemes },
        oursOverKokoroJs: { firstAudio: ratio(o.firstAudioMs.median, p.firstAudioMs.median), total: ratio(o.totalMs.median, p.totalMs.median) },
      };
    }
    const [oursMemory, peerMemory] = [await ours.request<MemoryUse>({ kind: "memory" }), await peer.request<MemoryUse>({ kind: "memory" })];
    const rootPackage = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    return {
      bench: "peers",
      machine: machine(),
      model: model.name,
      voice: VOICE,
      intraOpThreads: threads,
      runs,
      versions: {
        ours: { "kokoro-server": rootPackage.version, "onnxruntime-node": packageVersion("onnxruntime-node", REPO_ROOT) },
        kokoroJs: {
          "kokoro-js": packageVersion("kokoro-js"),
          "@huggingface/transformers": packageVersion("@huggingface/transformers"),
          "onnxruntime-node": packageVersion("onnxruntime-node"),
        },
      },
      startupMs: { ours: ours.ready.loadMs, kokoroJs: peer.ready.loadMs },
      ...texts,
      memory: {
        ours: oursMemory,
        kokoroJs: peerMemory,
        oursOverKokoroJs: { rss: ratio(oursMemory.rssMiB, peerMemory.rssMiB), peakRss: ratio(oursMemory.peakRssMiB, peerMemory.peakRssMiB) },
      },
    };
  } finally {
    await peer?.close();
    await ours.close();
  }
}
