import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { decodeFixtureCalls } from "../helpers/fixture-audio.js";
import { CLI, FIXTURE_MODEL_HEAVY, MISAKI_DIR, VOICES_DIR } from "../helpers/paths.js";
import { pcmToInt16, plannedChunksStandalone } from "../helpers/test-server.js";
import { listeningUrl, untilReady } from "../helpers/serve-process.js";


// Graceful shutdown, end to end: the real `kokoro serve` process, a real stream, a real SIGTERM.
const TEXT =
  "Shutting down politely means finishing what was started. This stream began before the signal, so every word of it should still arrive, in order, to the very end.";
/** Several times longer: far more calls than can finish within a 300 ms grace period. */
const LONG_TEXT = `${TEXT} ${TEXT} ${TEXT} ${TEXT}`;

let child: ChildProcessWithoutNullStreams | null = null;
afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = null;
});

async function serve(graceMs: number): Promise<{ url: string; stderr: () => string; proc: ChildProcessWithoutNullStreams }> {
  const home = mkdtempSync(path.join(os.tmpdir(), "kokoro-shutdown-"));
  const proc = spawn(
    process.execPath,
    [CLI, "serve", "--port", "0", "--model", FIXTURE_MODEL_HEAVY, "--voices", VOICES_DIR, "--lexicons", MISAKI_DIR, "--log-level", "info"],
    { env: { ...process.env, KOKORO_HOME: home, XDG_CONFIG_HOME: home, KOKORO_DEVICE: "cpu", KOKORO_SHUTDOWN_GRACE_MS: String(graceMs), KOKORO_ADAPTIVE_CALL_SIZING: "false" } },
  );
  child = proc;
  let stderr = "";
  proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const url = await listeningUrl(proc, () => stderr);
  await untilReady(url, () => stderr);
  return { url, stderr: () => stderr, proc };
}

/** Starts a streamed pcm request and resolves once its first audio bytes have arrived. */
async function startStream(url: string, input = TEXT): Promise<{ rest: Promise<{ bytes: Buffer; error: unknown }> }> {
  const res = await fetch(`${url}/v1/audio/speech`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ input, voice: "af_heart", response_format: "pcm" }),
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const parts: Buffer[] = [];
  const first = await reader.read();
  parts.push(Buffer.from(first.value!));
  const rest = (async () => {
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(Buffer.from(r.value));
      return { bytes: Buffer.concat(parts), error: null };
    } catch (error) {
      return { bytes: Buffer.concat(parts), error };
    }
  })();
  return { rest };
}

describe("graceful shutdown (SIGTERM)", { timeout: 120_000 }, () => {
  it("refuses new work, lets an in-flight stream finish every word, then exits 0", async () => {
    const { url, stderr, proc } = await serve(60_000);
    const stream = await startStream(url);
    const exited = once(proc, "exit");
    proc.kill("SIGTERM");
    // New requests are turned away while the stream drains (503, or the connection is refused once closed).
    await new Promise((r) => setTimeout(r, 100));
    const late = await fetch(`${url}/v1/audio/speech`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ input: "Too late.", voice: "af_heart", response_format: "pcm" }),
    }).then((r) => r.status, () => "refused");
    expect([503, "refused"]).toContain(late);

    const { bytes, error } = await stream.rest;
    expect(error).toBeNull();
    const decoded = decodeFixtureCalls(pcmToInt16(bytes));
    expect(decoded.map((c) => c.ids)).toEqual((await plannedChunksStandalone(TEXT)).map((c) => c.ids));
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    expect(stderr()).toMatch(/"cancelled_in_flight":false/);
    // The request's telemetry: one structured line with its id and timings.
    const lines = stderr().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    const speech = lines.filter((l) => l.msg === "speech");
    expect(speech).toHaveLength(1);
    expect(speech[0]).toMatchObject({ route: "/v1/audio/speech", result: "done", chars: TEXT.length, format: "pcm", mode: "stream" });
    expect(speech[0]!.reqId).toMatch(/^req-/);
    for (const key of ["queue_ms", "g2p_ms", "ttfa_ms", "total_ms", "audio_s", "rtf"]) expect(typeof speech[0]![key], key).toBe("number");
    expect((speech[0]!.infer_ms as number[]).length).toBe(speech[0]!.calls);
    expect(speech[0]!.ttfa_ms as number).toBeLessThan(speech[0]!.total_ms as number);
  });

  it("cancels what is still running when the grace period ends, cleanly, and exits 0", async () => {
    const { url, stderr, proc } = await serve(300);
    const stream = await startStream(url, LONG_TEXT);
    proc.kill("SIGTERM");
    const exited = once(proc, "exit");
    const { bytes } = await stream.rest;
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0); // resolves: the cancelled stream ends instead of hanging
    const planned = await plannedChunksStandalone(LONG_TEXT);
    // Cut short: fewer calls than planned arrived. The connection may be torn down inside the last call's
    // bytes, so only the calls before it must decode, intact and in order.
    const whole = bytes.subarray(0, bytes.length - (bytes.length % 2));
    let decoded: { ids: readonly number[] }[] | null = null;
    try {
      decoded = decodeFixtureCalls(pcmToInt16(whole));
    } catch {
      decoded = null; // a partial last call
    }
    if (decoded) {
      expect(decoded.length).toBeLessThan(planned.length);
      expect(decoded.map((c) => c.ids)).toEqual(planned.slice(0, decoded.length).map((c) => c.ids));
    }
    expect(whole.length).toBeGreaterThan(0);
    expect(stderr()).toMatch(/grace period over/);
    expect(stderr()).toMatch(/"cancelled_in_flight":true/);
  });
});
