import { pino, type Logger, type LevelWithSilent } from "pino";

/** Structured JSON logs (one line per event) on stderr, so stdout stays free for command output. Writes are
 * synchronous so the last lines before an exit (start-up failure, shutdown) are never lost. */
export function createLogger(level: LevelWithSilent = "info"): Logger {
  return pino({ level, base: { pid: process.pid } }, pino.destination({ fd: 2, sync: true }));
}
