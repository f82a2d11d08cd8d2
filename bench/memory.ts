// `npm run bench -- memory [--model shaped|heavy|FILE] [--runs 3] [--threads 2] [--sizes 8,64,510]`: what one
// ONNX Runtime session costs in memory with its CPU memory arena on (onnxruntime's default) and off
// (`enableCpuMemArena: false`), and what turning it off costs in latency.
//
// Each setting is a child process (bench/memory-session.ts) holding one session with the inference worker's
// options (graph optimization "all", 1 inter-op thread, --threads intra-op threads), so each RSS is that
// session's own. Calls of each size (phoneme ids without the two pads; 510 = the longest call) run after one
// warm-up call, alternating between the two children (A B B A ...) so drift on a shared machine hits both alike.
// Reported per setting: session creation, RSS after each size's calls and the process's peak RSS, latency
// (median, p95), and the RSS after one short call that follows the longest (does the memory come back?).
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { FromSession, SessionSpec } from "./memory-session.js";
import { takeModelOption } from "./model-option.js";
import { machine, summarize, type Summary } from "./stats.js";

const MB = 2 ** 20;
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** One child process and its session; `call` runs one model call there. */
class SessionProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly ready: Extract<FromSession, { type: "ready" }>,
  ) {}

  static async start(spec: SessionSpec): Promise<SessionProcess> {
    const script = fileURLToPath(new URL("./memory-session.ts", import.meta.url));
    // The child is TypeScript: it runs through tsx, like this bench. No other flag of ours is passed on.
    const child = fork(script, [JSON.stringify(spec)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const ready = await next(child);
    if (ready.type !== "ready") throw new Error(`session did not start: ${ready.type === "failed" ? ready.message : ready.type}`);
    return new SessionProcess(child, ready);
  }

  async call(tokens: number): Promise<Extract<FromSession, { type: "result" }>> {
    const result = next(this.child);
    this.child.send({ tokens });
    const message = await result;
    if (message.type !== "result") throw new Error(`call of ${tokens} ids failed: ${message.type === "failed" ? message.message : message.type}`);
    return message;
  }

  close(): void {
    this.child.kill("SIGTERM");
  }
}

function next(child: ChildProcess): Promise<FromSession> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromSession): void => {
      child.off("exit", onExit);
      resolve(m);
    };
    const onExit = (code: number | null): void => {
      child.off("message", onMessage);
      reject(new Error(`session process exited (code ${code})`));
    };
    child.once("message", onMessage);
    child.once("exit", onExit);
  });
}

interface SizeReport {
  readonly inputLength: number;
  readonly audioSeconds: number;
  readonly latencyMs: Summary;
  readonly rssMBAfterCalls: number;
  readonly peakRssMB: number;
}

interface SettingReport {
  readonly cpuMemArena: boolean;
  readonly sessionCreateMs: number;
  readonly rssMBBeforeSession: number;
  readonly rssMBAfterCreate: number;
  readonly bySize: Record<string, SizeReport>;
  /** RSS after one call of the smallest size that follows the largest: whether the peak's memory is given back. */
  readonly rssMBAfterShortCallFollowingLongest: number;
  readonly peakRssMB: number;
}

export async function memory(argv: string[]): Promise<Record<string, unknown>> {
  const { model, rest } = await takeModelOption(argv, "heavy");
  const { values } = parseArgs({
    args: rest,
    options: { runs: { type: "string", default: "3" }, threads: { type: "string", default: "2" }, sizes: { type: "string", default: "8,64,510" } },
  });
  const runs = Math.max(1, Number(values.runs));
  const threads = Math.max(1, Number(values.threads));
  const sizes = values.sizes.split(",").map(Number).sort((a, b) => a - b);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 510)) throw new Error(`--sizes: phoneme ids per call, 1..510 each, got ${values.sizes}`);

  const settings = [true, false];
  const sessions: SessionProcess[] = [];
  try {
    // One at a time: two session creations at once would compete for the cores.
    for (const cpuMemArena of settings) sessions.push(await SessionProcess.start({ model: model.path, intraOpThreads: threads, cpuMemArena }));
    const latencies = settings.map(() => new Map<number, number[]>());
    const bySize = settings.map(() => ({}) as Record<string, SizeReport>);
    for (const tokens of sizes) {
      for (const s of sessions) await s.call(tokens); // warm-up: first runs of a shape pay allocations
      const last: Array<Extract<FromSession, { type: "result" }>> = [];
      for (let r = 0; r < runs; r++) {
        const order = r % 2 === 0 ? [0, 1] : [1, 0];
        for (const i of order) {
          const result = await sessions[i]!.call(tokens);
          latencies[i]!.set(tokens, [...(latencies[i]!.get(tokens) ?? []), result.ms]);
          last[i] = result;
        }
      }
      sessions.forEach((_, i) => {
        const result = last[i]!;
        bySize[i]![String(tokens)] = {
          inputLength: tokens + 2,
          audioSeconds: round(result.samples / 24_000, 3),
          latencyMs: summarize(latencies[i]!.get(tokens)!),
          rssMBAfterCalls: round(result.rss / MB),
          peakRssMB: round(result.peakRss / MB),
        };
      });
    }
    const after = await Promise.all(sessions.map((s) => s.call(sizes[0]!)));
    const reports: SettingReport[] = sessions.map((s, i) => ({
      cpuMemArena: settings[i]!,
      sessionCreateMs: Math.round(s.ready.createMs),
      rssMBBeforeSession: round(s.ready.rssBeforeSession / MB),
      rssMBAfterCreate: round(s.ready.rss / MB),
      bySize: bySize[i]!,
      rssMBAfterShortCallFollowingLongest: round(after[i]!.rss / MB),
      peakRssMB: round(after[i]!.peakRss / MB),
    }));
    const [on, off] = reports as [SettingReport, SettingReport];
    return {
      bench: "memory",
      machine: machine(),
      model: model.name,
      session: { intraOpThreads: threads, interOpThreads: 1, graphOptimizationLevel: "all", executionProvider: "cpu" },
      runs,
      sizes,
      arenaOn: on,
      arenaOff: off,
      offVersusOn: {
        // > 1: arena off is slower.
        latencyMedianRatio: Object.fromEntries(sizes.map((n) => [String(n), round(off.bySize[n]!.latencyMs.median / on.bySize[n]!.latencyMs.median, 3)])),
        peakRssMB: { on: on.peakRssMB, off: off.peakRssMB, saved: round(on.peakRssMB - off.peakRssMB) },
        rssMBAfterLongest: { on: on.bySize[sizes.at(-1)!]!.rssMBAfterCalls, off: off.bySize[sizes.at(-1)!]!.rssMBAfterCalls },
        rssMBAfterShortCallFollowingLongest: { on: on.rssMBAfterShortCallFollowingLongest, off: off.rssMBAfterShortCallFollowingLongest },
      },
    };
  } finally {
    for (const s of sessions) s.close();
  }
}
