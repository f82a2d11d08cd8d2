// `npm run bench -- balancer [--clients 4] [--quiet-seconds 3] [--inter-ms 200] [--fall 2] [--rise 2] [--drain-delay-ms 1200]`:
// three `kokoro serve` replicas (fixture model, one worker each, streams paced to the listener) behind HAProxy
// with health checks on /readyz, mixed clients (streamed pcm and WAV files) running through it, during
// (1) a rolling restart by SIGTERM and (2) a SIGKILL of one replica. Reports requests, failures, first-audio
// p50/p95 before/during/after, how long haproxy took to notice, and each replica's RSS. The same scenarios
// run, with assertions, in test/integration/balancer.test.ts.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { audioMismatches, type Outcome } from "../test/integration/balancer-load.js";
import { Cluster, killOne, rollingRestart } from "../test/integration/balancer-scenarios.js";
import { machine } from "./stats.js";

const round = (x: number): number => Math.round(x);

/** Resident set size of a process in MiB (ps), or null when it is gone. */
function rssMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    return round(Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" }).trim()) / 1024);
  } catch {
    return null;
  }
}

function failures(outcomes: readonly Outcome[]): { requests: number; failed: number; hung: number; errors: string[] } {
  const failed = outcomes.filter((o) => o.error !== null);
  return { requests: outcomes.length, failed: failed.length, hung: failed.filter((o) => o.hung).length, errors: [...new Set(failed.map((o) => o.error!))] };
}

export async function balancer(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv,
    options: {
      clients: { type: "string", default: "4" },
      "quiet-seconds": { type: "string", default: "3" },
      "inter-ms": { type: "string", default: "200" },
      fall: { type: "string", default: "2" },
      rise: { type: "string", default: "2" },
      "drain-delay-ms": { type: "string", default: "1200" },
    },
  });
  const check = { interMs: Number(values["inter-ms"]), fall: Number(values.fall), rise: Number(values.rise) };
  const drainDelayMs = Number(values["drain-delay-ms"]);
  const load = { clients: Number(values.clients), pauseMs: 50, hangMs: 30_000, quietMs: Number(values["quiet-seconds"]) * 1000 };
  const cluster = await Cluster.start({ replicas: 3, haproxy: check, replica: { drainDelayMs, shutdownGraceMs: 15_000, maxAheadSeconds: 0.5 } });
  try {
    const rss_mib_after_start = Object.fromEntries(cluster.replicas.map((r) => [r.name, rssMiB(r.pid)]));
    const rolling = await rollingRestart(cluster, load);
    const rss_mib_after_rolling_load = Object.fromEntries(cluster.replicas.map((r) => [r.name, rssMiB(r.pid)]));
    const kill = await killOne(cluster, cluster.replicas[1]!, load);
    const killedFailed = kill.outcomes.filter((o) => o.error !== null);
    return {
      bench: "balancer",
      machine: machine(),
      settings: { replicas: 3, haproxy_check: check, drain_delay_ms: drainDelayMs, load },
      rolling_restart: {
        ...failures(rolling.outcomes),
        audio_mismatches: (await audioMismatches(rolling.outcomes)).length,
        phases: rolling.phases,
        steps: rolling.steps.map((s) => ({
          replica: s.replica,
          exit_code: s.exitCode,
          haproxy_noticed_ms: round(s.downAt - s.signalledAt),
          exited_ms: round(s.exitedAt - s.signalledAt),
          back_in_rotation_ms: round(s.upAt - s.signalledAt),
          served_after_sigterm: s.servedAfterSignal,
        })),
      },
      sigkill: {
        ...failures(kill.outcomes),
        in_flight_on_victim: kill.inFlightOnVictim.length,
        failed_all_on_victim_and_in_flight: killedFailed.every((o) => o.servedBy === kill.victim && o.start < kill.killedAt),
        failed_within_ms_of_kill: round(Math.max(0, ...killedFailed.map((o) => o.end - kill.killedAt))),
        haproxy_noticed_ms: round(kill.downAt - kill.killedAt),
        audio_mismatches: (await audioMismatches(kill.outcomes)).length,
        phases: kill.phases,
      },
      rss_mib_after_start,
      rss_mib_after_rolling_load,
    };
  } finally {
    await cluster.stop();
  }
}
