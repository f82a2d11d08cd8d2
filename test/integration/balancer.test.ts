import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audioMismatches } from "./balancer-load.js";
import { Cluster, killOne, rollingRestart, type ClusterOptions, type LoadOptions } from "./balancer-scenarios.js";

// Three real `kokoro serve` replicas behind a real HAProxy (health checks on /readyz), mixed clients running
// through it: a rolling restart loses nothing, and a replica killed outright costs only what it was serving.
const CHECK = { interMs: 200, fall: 2, rise: 2 };
const CLUSTER: ClusterOptions = {
  replicas: 3,
  haproxy: CHECK,
  // The drain delay covers haproxy's notice time (fall × inter) with room to spare; streams are paced to
  // the listener so several are always running when a signal comes.
  replica: { drainDelayMs: 3 * CHECK.fall * CHECK.interMs, shutdownGraceMs: 15_000, maxAheadSeconds: 0.5 },
};
const LOAD: LoadOptions = { clients: 4, pauseMs: 50, hangMs: 30_000, quietMs: 1_500 };

let cluster: Cluster | null = null;
beforeAll(async () => {
  cluster = await Cluster.start(CLUSTER);
}, 240_000);
afterAll(async () => {
  await cluster?.stop();
});

// About 45 s in all on an idle 2-core machine, mostly three replica restarts; the limits leave room for a busy one.
describe("behind HAProxy", { timeout: 240_000 }, () => {
  it("a rolling restart (SIGTERM, one replica at a time, all three) fails no request and garbles no audio", async () => {
    const run = await rollingRestart(cluster!, LOAD);
    const failed = run.outcomes.filter((o) => o.error !== null).map((o) => `${o.kind} via ${o.servedBy}: ${o.error}`);
    expect(failed).toEqual([]);
    expect(await audioMismatches(run.outcomes)).toEqual([]);
    for (const step of run.steps) {
      expect(step.exitCode, step.replica).toBe(0);
      // Each replica was in use, left the rotation before it stopped listening, and came back.
      expect(run.outcomes.some((o) => o.servedBy === step.replica && o.start < step.signalledAt)).toBe(true);
      expect(step.downAt).toBeLessThan(step.exitedAt);
    }
    expect(run.phases.during.requests).toBeGreaterThan(run.steps.length * LOAD.clients);
  });

  it("SIGKILL of one replica mid-load fails only the requests it was serving, each with a prompt connection error", async () => {
    const victim = cluster!.replicas[1]!;
    const run = await killOne(cluster!, victim, LOAD);
    const failed = run.outcomes.filter((o) => o.error !== null);
    // Something it was streaming was cut: that is the cost of a kill, and the client is told at once.
    expect(run.inFlightOnVictim.some((r) => r.kind === "stream")).toBe(true);
    expect(failed.length).toBeGreaterThan(0);
    for (const o of failed) {
      // In flight on the victim when it died.
      expect(o.servedBy).toBe(run.victim);
      expect(o.start).toBeLessThan(run.killedAt);
      expect(o.end).toBeGreaterThanOrEqual(run.killedAt);
      expect(o.hung).toBe(false);
      expect(o.error).not.toMatch(/^HTTP/);
    }
    // Every other request succeeded, including those sent before haproxy noticed (retried on another replica).
    expect(run.outcomes.filter((o) => o.start >= run.killedAt).every((o) => o.error === null)).toBe(true);
    expect(run.outcomes.filter((o) => o.start >= run.killedAt && o.servedBy === run.victim)).toEqual([]);
    expect(await audioMismatches(run.outcomes)).toEqual([]);
    // Out of the rotation within its checks: fall × inter, plus one interval of phase and generous slack
    // for a loaded machine (a sanity bound; the measured figure is in the README).
    expect(run.downAt - run.killedAt).toBeLessThan(10 * (CHECK.fall + 1) * CHECK.interMs);
  });
});
