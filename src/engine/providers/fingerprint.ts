// Everything an execution-provider decision depends on. The decision is cached under a hash of this, so a
// change of any part (another model file, onnxruntime upgrade, other CPU or core count, OS update, a
// provider appearing or going, other thread settings) finds no cached decision and benchmarks again.
import { createHash } from "node:crypto";
import os from "node:os";
import type { ProviderCandidate } from "./types.js";

export interface ThreadSettings {
  readonly workers: number;
  readonly intraOpThreads: number;
  readonly interOpThreads: number;
}

export interface ProviderFingerprint {
  readonly modelSha256: string;
  readonly onnxruntime: string;
  readonly cpu: string;
  readonly cores: number;
  readonly os: string;
  /** The providers benchmarked, as `name=ep,ep` (cpu first). */
  readonly providers: readonly string[];
  readonly threads: ThreadSettings;
}

export interface MachineIdentity {
  readonly cpu: string;
  readonly cores: number;
  readonly os: string;
}

export function thisMachine(): MachineIdentity {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    os: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

export function providerList(candidates: readonly ProviderCandidate[]): string[] {
  return candidates.map((c) => `${c.name}=${c.executionProviders.join(",")}`);
}

export function providerFingerprint(parts: {
  modelSha256: string;
  onnxruntime: string;
  candidates: readonly ProviderCandidate[];
  threads: ThreadSettings;
  machine?: MachineIdentity;
}): ProviderFingerprint {
  const { cpu, cores, os: system } = parts.machine ?? thisMachine();
  const { workers, intraOpThreads, interOpThreads } = parts.threads;
  return {
    modelSha256: parts.modelSha256,
    onnxruntime: parts.onnxruntime,
    cpu,
    cores,
    os: system,
    providers: providerList(parts.candidates),
    threads: { workers, intraOpThreads, interOpThreads },
  };
}

/** A short stable key: sha256 of the fingerprint's JSON with its keys in a fixed order. */
export function fingerprintKey(fp: ProviderFingerprint): string {
  return createHash("sha256").update(canonicalJson(fp)).digest("hex").slice(0, 24);
}

export function sameFingerprint(a: ProviderFingerprint, b: ProviderFingerprint): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(fp: ProviderFingerprint): string {
  const { modelSha256, onnxruntime, cpu, cores, os: system, providers, threads } = fp;
  return JSON.stringify([modelSha256, onnxruntime, cpu, cores, system, providers, [threads.workers, threads.intraOpThreads, threads.interOpThreads]]);
}
