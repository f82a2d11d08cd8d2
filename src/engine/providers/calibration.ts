// The start-up cost calibration, kept between starts. A full start measures the cost of a model call at two sizes
// (the probe and the warm-up) so the first request's calls can be sized to the TTFA target; on this machine the
// long probe alone is ~1 s of a ~3 s start. A later start with the same fingerprint (model bytes, onnxruntime,
// CPU, cores, OS, threads) and provider reuses the line measured then and runs only a short probe, which still
// checks every session's audio and tells the cost model today's level (plans follow the level, see CostModel).
import type { ModelCall } from "../engine.js";
import { FingerprintStore } from "./fingerprint-store.js";

export interface CostCalibration {
  readonly fixedMs: number;
  readonly perIdMs: number;
  /** Audio per id at speed 1 (pads included), when it was measured. */
  readonly audioMsPerId: number | null;
  /** When it was measured (ISO time). */
  readonly at: string;
}

/** Ids in the short probe of a calibrated start: long enough to be a real call, short enough to cost ~0.2 s. */
export const SHORT_PROBE_IDS = 8;

function finitePositive(n: unknown): n is number {
  return typeof n === "number" && Number.isFinite(n) && n >= 0;
}

export function isCalibration(value: unknown): value is CostCalibration {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return finitePositive(v.fixedMs) && finitePositive(v.perIdMs) && v.perIdMs > 0 && (v.audioMsPerId === null || finitePositive(v.audioMsPerId)) && typeof v.at === "string";
}

export class CalibrationCache extends FingerprintStore<CostCalibration> {
  constructor(dir: string) {
    super(dir, isCalibration, "calibration");
  }
}

/** The short probe of a calibrated start: the full probe's first ids, with the voice's style row for that length. */
export function shortProbeIds(probe: ModelCall): number[] {
  return probe.ids.slice(0, SHORT_PROBE_IDS);
}
