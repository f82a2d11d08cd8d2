import os from "node:os";
import type { RuntimeState } from "../runtime/runtime-state.js";
import type { Telemetry } from "./telemetry.js";

const round = (value: number | null, digits = 1): number | null => (value === null ? null : Number(value.toFixed(digits)));

/** Extra sections other parts of the server add to /status (e.g. the self-benchmark's last summary). */
export type StatusSections = Record<string, () => unknown>;

/** The `/status` document: what runs, how it started, and how it has been doing lately. */
export function statusSnapshot(state: RuntimeState, telemetry: Telemetry, startedAt: number, settings: Record<string, unknown>, sections: StatusSections = {}): Record<string, unknown> {
  const memory = process.memoryUsage();
  const base = {
    status: state.status,
    version: process.env.npm_package_version ?? null,
    uptime_s: Math.round((Date.now() - startedAt) / 1000),
    node: process.version,
    platform: { os: `${os.platform()} ${os.release()}`, arch: os.arch(), cpu: os.cpus()[0]?.model ?? "unknown", cores: os.availableParallelism() },
    memory: { rss_bytes: memory.rss, heap_used_bytes: memory.heapUsed, external_bytes: memory.external, array_buffers_bytes: memory.arrayBuffers },
    requests: {
      active_streams: telemetry.activeStreams,
      active_requests: telemetry.activeRequests,
      ttfa_ms: roundSummary(telemetry.recentTtfaMs.summary(), 1),
      rtf: roundSummary(telemetry.recentRtf.summary(), 4),
    },
    settings,
  };
  const extra = Object.fromEntries(Object.entries(sections).map(([name, read]) => [name, read()]));
  if (state.status === "loading") return { ...base, loading: { stage: state.stage, progress: state.progress }, ...extra };
  if (state.status === "failed") return { ...base, error: "start-up failed; see the server log", ...extra };
  const { services, model, startup } = state;
  return {
    ...base,
    model: { file: model.path, variant: model.variant, sha256: model.sha256, voices: model.voicesPath, io: model.io, voice_count: services.voices.size, voices_in_memory: services.voices.loadedCount },
    startup: {
      total_ms: round(startup.totalMs),
      download_ms: round(startup.downloadMs),
      load_ms: round(startup.loadMs),
      optimize_ms: round(startup.optimizeMs),
      warm_up_ms: round(startup.warmUpMs),
      calibration: startup.calibration,
    },
    provider: state.provider,
    session: state.session,
    onnxruntime: state.onnxruntime,
    scheduler: services.engine.stats(),
    cost_model: services.engine.cost.snapshot(),
    cache: services.cache?.stats() ?? null,
    g2p: { name: services.frontEnd.name, ...(services.frontEnd.stats() ?? {}) },
    ...extra,
  };
}

function roundSummary(s: { count: number; p50: number | null; p95: number | null }, digits: number): Record<string, number | null> {
  return { count: s.count, p50: round(s.p50, digits), p95: round(s.p95, digits) };
}
