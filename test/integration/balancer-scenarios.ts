// The load-balancer scenarios, shared by the test (which asserts) and `npm run bench -- balancer` (which
// reports): HAProxy in front of N `kokoro serve` replicas on loopback, mixed clients running through it, and
// (1) a rolling restart by SIGTERM, one replica at a time; (2) one replica killed with SIGKILL mid-load.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { summarize, type Summary } from "../../bench/stats.js";
import { Haproxy, type HaproxyOptions } from "./balancer-haproxy.js";
import { firstAudioMs, Load, type InFlight, type Outcome } from "./balancer-load.js";
import { freePort, Replica, type ReplicaSettings } from "./balancer-replica.js";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface ClusterOptions {
  readonly replicas: number;
  readonly haproxy: HaproxyOptions;
  readonly replica: ReplicaSettings;
}

export interface LoadOptions {
  readonly clients: number;
  /** Pause between one client's requests. */
  readonly pauseMs: number;
  /** A request with no end after this long counts as hung. */
  readonly hangMs: number;
  /** How long the load runs before the first event and after the last. */
  readonly quietMs: number;
}

export class Cluster {
  private constructor(
    readonly replicas: readonly Replica[],
    readonly haproxy: Haproxy,
  ) {}

  static async start(options: ClusterOptions): Promise<Cluster> {
    const replicas: Replica[] = [];
    for (let i = 0; i < options.replicas; i++) replicas.push(new Replica(`r${i}`, await freePort(), options.replica));
    let haproxy: Haproxy | null = null;
    try {
      await Promise.all(replicas.map((r) => r.start()));
      const dir = mkdtempSync(path.join(os.tmpdir(), "kokoro-haproxy-"));
      haproxy = await Haproxy.start(dir, await freePort(), replicas, options.haproxy);
      for (const r of replicas) await haproxy.until(r.name, "UP");
      return new Cluster(replicas, haproxy);
    } catch (err) {
      // Leave no process behind when start-up fails half way.
      await haproxy?.stop();
      await Promise.all(replicas.map((r) => r.stop("SIGKILL")));
      throw err;
    }
  }

  async stop(): Promise<void> {
    await this.haproxy.stop().catch(() => undefined);
    await Promise.all(this.replicas.map((r) => r.stop("SIGKILL").catch(() => undefined)));
  }
}

/** p50/p95 first audio in ms, per kind, of the requests that started in a window. */
export interface PhaseFigures {
  readonly requests: number;
  readonly failed: number;
  readonly stream_first_audio_ms: Pick<Summary, "runs" | "median" | "p95">;
  readonly file_first_audio_ms: Pick<Summary, "runs" | "median" | "p95">;
}

function phase(outcomes: readonly Outcome[], from: number, to: number): PhaseFigures {
  const inWindow = outcomes.filter((o) => o.start >= from && o.start < to);
  const pick = ({ runs, median, p95 }: Summary) => ({ runs, median, p95 });
  return {
    requests: inWindow.length,
    failed: inWindow.filter((o) => o.error !== null).length,
    stream_first_audio_ms: pick(summarize(firstAudioMs(outcomes, "stream", from, to))),
    file_first_audio_ms: pick(summarize(firstAudioMs(outcomes, "file", from, to))),
  };
}

export interface RestartStep {
  readonly replica: string;
  readonly signalledAt: number;
  /** When haproxy's stats first showed it DOWN, after SIGTERM. */
  readonly downAt: number;
  readonly exitCode: number | null;
  readonly exitedAt: number;
  /** When haproxy showed the restarted replica UP again. */
  readonly upAt: number;
  /** Requests that started after the signal and were answered by this replica (before it left the rotation). */
  readonly servedAfterSignal: number;
}

export interface RollingRestart {
  readonly outcomes: Outcome[];
  readonly steps: RestartStep[];
  readonly phases: { before: PhaseFigures; during: PhaseFigures; after: PhaseFigures };
}

/** SIGTERM each replica in turn, waits for it to exit, starts it again and waits until haproxy routes to it. */
export async function rollingRestart(cluster: Cluster, load: LoadOptions): Promise<RollingRestart> {
  const t0 = performance.now();
  const clients = new Load(cluster.haproxy.url, load.clients, load);
  await sleep(load.quietMs);
  const duringFrom = performance.now();
  const steps: Omit<RestartStep, "servedAfterSignal">[] = [];
  for (const replica of cluster.replicas) {
    const signalledAt = performance.now();
    const exit = replica.stop("SIGTERM");
    const downAt = await cluster.haproxy.until(replica.name, "DOWN");
    const exitCode = await exit;
    const exitedAt = performance.now();
    await replica.start();
    const upAt = await cluster.haproxy.until(replica.name, "UP");
    steps.push({ replica: replica.name, signalledAt, downAt, exitCode, exitedAt, upAt });
  }
  const duringTo = performance.now();
  await sleep(load.quietMs);
  const afterTo = performance.now();
  const outcomes = await clients.stop();
  return {
    outcomes,
    steps: steps.map((s) => ({
      ...s,
      servedAfterSignal: outcomes.filter((o) => o.servedBy === s.replica && o.start >= s.signalledAt && o.start < s.exitedAt).length,
    })),
    phases: { before: phase(outcomes, t0, duringFrom), during: phase(outcomes, duringFrom, duringTo), after: phase(outcomes, duringTo, afterTo) },
  };
}

export interface KillOne {
  readonly outcomes: Outcome[];
  readonly victim: string;
  readonly killedAt: number;
  /** When haproxy's stats first showed the victim DOWN. */
  readonly downAt: number;
  /** The requests that had headers from the victim when it was killed. */
  readonly inFlightOnVictim: InFlight[];
  readonly phases: { before: PhaseFigures; after: PhaseFigures };
}

/** Kills one replica with SIGKILL while one of its streams is in flight; the others carry on. */
export async function killOne(cluster: Cluster, victim: Replica, load: LoadOptions): Promise<KillOne> {
  const t0 = performance.now();
  const clients = new Load(cluster.haproxy.url, load.clients, load);
  await sleep(load.quietMs);
  // Kill it mid-stream: wait (bounded) until the victim is answering a stream.
  const waitUntil = performance.now() + 30_000;
  while (performance.now() < waitUntil && !clients.inFlight().some((r) => r.kind === "stream" && r.servedBy === victim.name)) await sleep(10);
  const inFlightOnVictim = clients.inFlight().filter((r) => r.servedBy === victim.name);
  const killedAt = performance.now();
  await victim.stop("SIGKILL");
  const downAt = await cluster.haproxy.until(victim.name, "DOWN");
  await sleep(load.quietMs);
  const afterTo = performance.now();
  const outcomes = await clients.stop();
  return {
    outcomes,
    victim: victim.name,
    killedAt,
    downAt,
    inFlightOnVictim,
    phases: { before: phase(outcomes, t0, killedAt), after: phase(outcomes, killedAt, afterTo) },
  };
}
