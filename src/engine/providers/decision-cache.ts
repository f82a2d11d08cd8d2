// The cached `auto` decision: one small JSON file per fingerprint under <cacheDir>/providers/.
import { FingerprintStore } from "./fingerprint-store.js";
import type { ProviderBenchmark } from "./types.js";

export interface ProviderDecision {
  /** The candidate chosen ("cpu" when nothing beat it). */
  readonly name: string;
  readonly reason: string;
  readonly benchmark: ProviderBenchmark;
}

function isDecision(value: unknown): value is ProviderDecision {
  return typeof value === "object" && value !== null && typeof (value as { name?: unknown }).name === "string";
}

export class ProviderDecisionCache extends FingerprintStore<ProviderDecision> {
  constructor(dir: string) {
    super(dir, isDecision, "decision");
  }
}
