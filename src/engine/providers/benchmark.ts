// The `auto` benchmark: the probe call timed on each provider, the serving one through the live engine
// (background priority) and the others in separate one-worker pools, each run only while no request's call
// is running or waiting, so requests are not slowed by it. Every run's audio is checked; a provider that
// fails to load or gives invalid audio is out.
import { setTimeout as sleep } from "node:timers/promises";
import type { KokoroEngine, ModelCall } from "../engine.js";
import type { OpenedPool } from "./open-pool.js";
import { probeEngine, probeWorker, type ProbeResult } from "./probe.js";
import type { ProviderCandidate, ProviderTrial } from "./types.js";

export type TrialSubject =
  | { readonly kind: "live"; readonly name: string; readonly engine: KokoroEngine }
  | { readonly kind: "pool"; readonly candidate: ProviderCandidate; readonly open: () => Promise<OpenedPool> };

export interface TrialsOptions {
  /** CPU first: its audio is the reference the others' lengths are checked against. */
  readonly subjects: readonly TrialSubject[];
  readonly probe: ModelCall;
  readonly runs: number;
  /** The serving engine: runs wait until it is idle. */
  readonly live: KokoroEngine;
  readonly signal: AbortSignal;
}

export interface TrialsResult {
  readonly trials: ProviderTrial[];
  /** The fastest valid provider that is not serving yet, still open (the caller closes or adopts it). */
  readonly best: { readonly candidate: ProviderCandidate; readonly opened: OpenedPool; readonly medianMs: number } | null;
}

const IDLE_POLL_MS = 50;

export async function runTrials(options: TrialsOptions): Promise<TrialsResult> {
  const { probe, runs, live, signal } = options;
  const trials: ProviderTrial[] = [];
  let referenceSamples: number | undefined;
  let best: TrialsResult["best"] = null;
  try {
    for (const subject of options.subjects) {
      signal.throwIfAborted();
      const name = subject.kind === "live" ? subject.name : subject.candidate.name;
      let opened: OpenedPool | null = null;
      try {
        await waitIdle(live, signal);
        let run: () => Promise<ProbeResult>;
        if (subject.kind === "live") {
          run = () => probeEngine(subject.engine, probe, referenceSamples);
        } else {
          opened = await subject.open();
          const worker = opened.pool.workers[0]!;
          run = () => probeWorker(worker, probe, referenceSamples);
        }
        const times = await timedRuns(run, runs, live, signal);
        referenceSamples ??= times.samples;
        const medianMs = median(times.ms);
        trials.push({ name, ok: true, loadMs: opened ? round(opened.loadMs) : null, medianMs: round(medianMs), p95Ms: round(p95(times.ms)), error: null });
        if (opened && subject.kind === "pool" && (!best || medianMs < best.medianMs)) {
          await best?.opened.pool.workers[0]?.close();
          best = { candidate: subject.candidate, opened, medianMs };
          opened = null;
        }
      } catch (err) {
        if (signal.aborted) throw err;
        trials.push({ name, ok: false, loadMs: opened ? round(opened.loadMs) : null, medianMs: null, p95Ms: null, error: err instanceof Error ? err.message : String(err) });
      } finally {
        if (opened) await Promise.all(opened.pool.workers.map((w) => w.close()));
      }
    }
  } catch (err) {
    await best?.opened.pool.workers[0]?.close();
    throw err;
  }
  return { trials, best };
}

/** One untimed warm-up run, then `runs` timed ones; any invalid output throws with the reason. */
async function timedRuns(run: () => Promise<ProbeResult>, runs: number, live: KokoroEngine, signal: AbortSignal): Promise<{ ms: number[]; samples: number }> {
  const ms: number[] = [];
  let samples = 0;
  for (let i = 0; i <= runs; i++) {
    await waitIdle(live, signal);
    const result = await run();
    if (result.problem) throw new Error(`invalid audio: ${result.problem}`);
    samples = result.audio.length;
    if (i > 0) ms.push(result.inferMs);
  }
  return { ms, samples };
}

/** Resolves once the serving engine runs and queues nothing (polled; a benchmark never hurries). */
async function waitIdle(engine: KokoroEngine, signal: AbortSignal): Promise<void> {
  for (;;) {
    signal.throwIfAborted();
    const { busy, queued } = engine.stats();
    if (busy === 0 && queued === 0) return;
    await sleep(IDLE_POLL_MS, undefined, { signal });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
}

const round = (x: number): number => Math.round(x * 100) / 100;
