import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Config } from "../config/schema.js";
import { SpeechRuntime } from "../runtime/runtime.js";
import { buildApp } from "./app.js";
import { Lifecycle } from "./lifecycle.js";
import path from "node:path";
import { resolveCacheDir } from "../assets/index.js";
import { SelfBenchmark } from "../runtime/self-benchmark.js";
import { Telemetry } from "../telemetry/telemetry.js";
import { redactConfig } from "../config/describe.js";
import { isLoopbackHost, loadApiKeys } from "./security/index.js";

export interface SpeechServer {
  readonly app: FastifyInstance;
  readonly runtime: SpeechRuntime;
  /** Stops accepting requests, cancels what is in flight, then releases the workers. */
  close(): Promise<void>;
  /**
   * Graceful stop (SIGTERM/SIGINT): `/readyz` turns 503 at once; new requests are still served for
   * `drainDelayMs` (while a load balancer notices), then get 503; in-flight responses and WebSocket sessions
   * may finish within `graceMs` (counted from the signal, the delay included), then whatever still runs is
   * cancelled cleanly.
   */
  shutdown(graceMs: number, drainDelayMs?: number): Promise<{ cancelled: boolean }>;
}

/**
 * The HTTP app wired to a runtime, both from one config. `runtime`: one already created (and maybe already
 * loading: `kokoro serve` starts the model before it imports the HTTP modules); by default a new, not yet started one.
 */
export function createSpeechServer(config: Config, logger: Logger, runtime: SpeechRuntime = new SpeechRuntime(config, logger)): SpeechServer {
  const apiKeys = loadApiKeys(config.apiKeys, config.apiKeysFile); // a missing keys file stops start-up here
  const loopbackBind = isLoopbackHost(config.host);
  if (apiKeys.length === 0 && !loopbackBind) {
    logger.warn({ host: config.host }, "listening beyond this machine without API keys: anyone who can reach it can use it (set KOKORO_API_KEYS)");
  }
  const services = () => (runtime.state.status === "ready" ? runtime.state.services : null);
  const telemetry = new Telemetry({
    scheduler: () => services()?.engine.stats() ?? null,
    cache: () => services()?.cache?.stats() ?? null,
    g2pFallbackWords: () => services()?.frontEnd.stats().fallbackWords ?? 0,
    providerFellBack: () => runtime.state.status === "ready" && runtime.state.provider.fallback !== null,
  });
  const lifecycle = new Lifecycle();
  const selfBenchmark = new SelfBenchmark(
    services,
    {
      everyMinutes: config.selfBenchmarkMinutes,
      reportsDir: config.reportsDir ?? path.join(config.cacheDir ?? resolveCacheDir(), "reports"),
      voice: config.defaultVoice,
    },
    logger,
  );
  selfBenchmark.start();
  const app = buildApp({
    runtime,
    telemetry,
    lifecycle,
    settings: redactConfig(config),
    statusSections: { self_benchmark: () => selfBenchmark.status() },
    logger,
    maxInputChars: config.maxInputChars,
    bodyLimitBytes: config.bodyLimitBytes,
    defaultVoice: config.defaultVoice,
    codeBlocks: config.codeBlocks,
    maxActiveRequests: config.maxActiveRequests,
    adaptiveCallSizing: config.adaptiveCallSizing,
    maxCallIds: config.maxCallIds,
    ttfaTargetMs: config.ttfaTargetMs,
    maxAheadSeconds: config.maxAheadSeconds,
    wsStartTimeoutMs: config.wsStartTimeoutMs,
    wsIdleTimeoutMs: config.wsIdleTimeoutMs,
    security: { apiKeys, rateLimitPerMinute: config.rateLimitPerMinute, corsOrigins: config.corsOrigins, loopbackBind, allowedHosts: config.allowedHosts },
    timeouts: {
      headersTimeoutMs: config.headersTimeoutMs,
      requestTimeoutMs: config.requestTimeoutMs,
      keepAliveTimeoutMs: config.keepAliveTimeoutMs,
      idleTimeoutMs: config.idleTimeoutMs,
    },
  });
  return {
    app,
    runtime,
    close: async () => {
      lifecycle.cancelAll();
      await selfBenchmark.stop();
      // Stop now: everything was cancelled, so no connection may hold the close up (a keep-alive one would,
      // for up to keepAliveTimeoutMs, when its last request ended abnormally).
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await runtime.close();
    },
    shutdown: async (graceMs, drainDelayMs = 0) => {
      const signalled = performance.now();
      lifecycle.leaveRotation();
      await selfBenchmark.stop();
      const delay = Math.min(drainDelayMs, graceMs) - (performance.now() - signalled);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      lifecycle.drain();
      const closed = app.close().then(() => true);
      // Keep-alive connections whose response finishes during the grace period would otherwise hold the
      // server open until their idle timeout: close each as soon as it is idle.
      const reaper = setInterval(() => app.server.closeIdleConnections(), 100);
      void closed.finally(() => clearInterval(reaper));
      let timer: NodeJS.Timeout | undefined;
      const graceLeft = Math.max(0, graceMs - (performance.now() - signalled));
      const graceOver = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceLeft)));
      const inTime = await Promise.race([closed, graceOver]);
      clearTimeout(timer);
      if (!inTime) {
        logger.warn({ grace_ms: graceMs }, "grace period over: cancelling the requests still running");
        lifecycle.cancelAll();
        await closed;
      }
      await runtime.close();
      return { cancelled: !inTime };
    },
  };
}
