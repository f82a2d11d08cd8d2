// What the commands do, without Raycast: check the server, make sure the daemon runs, hand it the text.

import { spawn as nodeSpawn } from "node:child_process";
import { homedir } from "node:os";
import { ensureDaemon, type SpawnFn } from "./autostart";
import { createDaemonClient, type DaemonClient, type PlaybackState } from "./daemon-client";
import { daemonTokenFile } from "./daemon-token";
import { DaemonUnreachableError, NoTextError } from "./errors";
import type { FetchLike } from "./http";
import type { Settings } from "./preferences";
import { createServerClient } from "./server-client";

export interface SpeakDeps {
  readonly fetch?: FetchLike;
  readonly spawn?: SpawnFn;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  /** The started daemon's output goes here. */
  readonly logFile?: string;
  readonly startTimeoutMs?: number;
  /** Called when the daemon is not running and is about to be started. */
  readonly onDaemonStarting?: () => void;
}

export interface SpeakRequest {
  readonly text: string;
  /** Defaults to the Voice preference. */
  readonly voice?: string;
  /** Defaults to the Speed preference; sent only when one of them is set (else the server's default applies). */
  readonly speed?: number;
  readonly mode?: "replace" | "queue";
  readonly source?: "selection" | "input";
}

export interface SpeakResult {
  readonly id: string;
  /** True when the daemon had to be started first. */
  readonly startedDaemon: boolean;
  readonly voice: string;
}

const defaultSpawn: SpawnFn = (command, args, options) => nodeSpawn(command, [...args], options);

/**
 * Speaks `request.text` through the daemon: the kokoro server must be ready (it is where the daemon gets the
 * audio), the daemon is started if it is not running, then POST /play.
 */
export async function speak(settings: Settings, request: SpeakRequest, deps: SpeakDeps = {}): Promise<SpeakResult> {
  const text = request.text.trim();
  if (text === "") throw new NoTextError(request.source ?? "input");

  const server = createServerClient({ baseUrl: settings.serverUrl, apiKey: settings.apiKey, fetch: deps.fetch });
  await server.health();

  const daemon = daemonClient(settings, deps);
  const { started } = await ensureDaemon({
    daemon,
    kokoroCommand: settings.kokoroCommand,
    serverUrl: settings.serverUrl,
    spawn: deps.spawn ?? defaultSpawn,
    env: deps.env ?? process.env,
    home: deps.home ?? homedir(),
    logFile: deps.logFile,
    timeoutMs: deps.startTimeoutMs,
    onStarting: deps.onDaemonStarting,
  });

  const voice = request.voice ?? settings.voice;
  const speed = request.speed ?? settings.speed;
  const { id } = await daemon.play({
    text,
    voice,
    // No speed unless one was asked for: a voice preset's own speed (server voicePresets) then applies.
    ...(speed !== undefined ? { speed } : {}),
    server: settings.serverUrl,
    mode: request.mode ?? "replace",
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
  });
  return { id, startedDaemon: started, voice };
}

/** POST /stop; "not-running" when no daemon answers (then nothing is playing, and none is started). */
export async function stopSpeaking(
  settings: Settings,
  deps: Pick<SpeakDeps, "fetch" | "env" | "home"> = {},
): Promise<{ outcome: "stopped"; state: PlaybackState | undefined } | { outcome: "not-running" }> {
  const daemon = daemonClient(settings, deps);
  try {
    return { outcome: "stopped", state: await daemon.stop() };
  } catch (err) {
    if (err instanceof DaemonUnreachableError) return { outcome: "not-running" };
    throw err;
  }
}

/** The daemon client, with the token file the daemon writes for this environment (the one it is started with). */
function daemonClient(settings: Settings, deps: Pick<SpeakDeps, "fetch" | "env" | "home">): DaemonClient {
  const tokenFile = daemonTokenFile(settings.daemonUrl, { env: deps.env ?? process.env, home: deps.home ?? homedir() });
  return createDaemonClient({ baseUrl: settings.daemonUrl, tokenFile, fetch: deps.fetch });
}
