// The extension against the real `kokoro daemon` of this checkout (bin/kokoro; `npm run build` in the repository
// root first — the root `npm test` does): it starts the daemon, finds its token file and is let in.

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { daemonTokenFile, readTokenFile } from "../src/lib/daemon-token";
import { DaemonAuthError, DaemonRequestError } from "../src/lib/errors";
import { parsePreferences } from "../src/lib/preferences";
import { speak, stopSpeaking } from "../src/lib/speak";
import { freePort, startFakeKokoroServer, type TestServer } from "./helpers";

const KOKORO = resolve(__dirname, "../../bin/kokoro");
const BUILT = existsSync(resolve(__dirname, "../../dist/cli/main.js"));

const home = mkdtempSync(join(tmpdir(), "kokoro-raycast-real-"));
const { KOKORO_DAEMON_PORT: _p, KOKORO_SERVER_URL: _s, KOKORO_DAEMON_ALLOWED_SERVERS: _a, ...parentEnv } = process.env;
const env = { ...parentEnv, KOKORO_HOME: join(home, "kokoro") };
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  rmSync(home, { recursive: true, force: true });
});

describe.skipIf(!BUILT)("the real kokoro daemon", () => {
  let server: TestServer;

  it("is started with the Server URL, and takes the extension's /play and /stop with the token it wrote", async () => {
    server = await startFakeKokoroServer();
    cleanups.push(() => server.close());
    const settings = parsePreferences({
      serverUrl: server.url,
      daemonUrl: `http://127.0.0.1:${await freePort()}`,
      kokoroPath: KOKORO,
    });
    const tokenFile = daemonTokenFile(settings.daemonUrl, { env, home });
    cleanups.push(() => stopDaemon(settings.daemonUrl, tokenFile));

    const result = await speak(
      settings,
      { text: "From Raycast to the real daemon." },
      { env, home, logFile: join(home, "daemon.log"), startTimeoutMs: 15_000 },
    );
    expect(result.startedDaemon).toBe(true);
    expect(result.id).not.toBe("");
    expect(readTokenFile(tokenFile)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await stopSpeaking(settings, { env, home })).toEqual({ outcome: "stopped", state: "idle" });

    // Another environment has no token for it; and a server it was not started with is refused.
    const stranger = { ...env, KOKORO_HOME: join(home, "elsewhere") };
    await expect(stopSpeaking(settings, { env: stranger, home })).rejects.toBeInstanceOf(DaemonAuthError);
    const otherServer = await startFakeKokoroServer();
    cleanups.push(() => otherServer.close());
    const refused = await speak(
      { ...settings, serverUrl: otherServer.url },
      { text: "Elsewhere?" },
      { env, home },
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DaemonRequestError);
    expect((refused as DaemonRequestError).detail).toContain(`server ${otherServer.url} is not allowed`);
    expect(otherServer.requests.map((r) => r.path)).toEqual(["/health"]); // the extension's check; nothing from the daemon
  });
});

async function stopDaemon(daemonUrl: string, tokenFile: string): Promise<void> {
  const token = readTokenFile(tokenFile);
  if (token === undefined) return;
  const health = (await fetch(`${daemonUrl}/health`, { headers: { authorization: `Bearer ${token}` } })
    .then((r) => r.json())
    .catch(() => undefined)) as { pid?: number } | undefined;
  if (health?.pid !== undefined) process.kill(health.pid, "SIGTERM");
}
