// A simulated real-time listener: it starts playing at the first audio byte and then consumes s16le 24 kHz
// mono audio at exactly real time. Whenever the audio received so far runs out before more arrives, that
// is an underrun: playback stalls until the next bytes (as a player would, filling the gap with silence).
import http from "node:http";
import { performance } from "node:perf_hooks";

const BYTES_PER_SECOND = 24_000 * 2;

export interface ListenResult {
  readonly ttfaMs: number;
  readonly totalMs: number;
  readonly audioSeconds: number;
  readonly underruns: number;
  readonly stallSeconds: number;
}

/**
 * Plays back an arrival timeline (ms since the request, cumulative bytes) once `preRollS` of audio is in.
 * Gaps under a millisecond are timer noise, not underruns.
 */
export function playTimeline(arrivals: readonly { atMs: number; bytes: number }[], preRollS = 0): { underruns: number; stallSeconds: number } {
  let underruns = 0;
  let stall = 0;
  let clockStart: number | null = null; // wall seconds when the playhead was at playedBase
  let playedBase = 0;
  let received = 0; // audio seconds received before the arrival being looked at
  for (const { atMs, bytes } of arrivals) {
    const t = atMs / 1000;
    if (clockStart !== null) {
      const playhead = playedBase + (t - clockStart);
      if (playhead > received + 0.001) {
        underruns++;
        stall += playhead - received;
        playedBase = received;
        clockStart = t;
      }
    }
    received = bytes / BYTES_PER_SECOND;
    if (clockStart === null && received >= preRollS) clockStart = t;
  }
  return { underruns, stallSeconds: stall };
}

/** Streams a pcm request and plays it with a simulated listener. */
export function listen(url: string, input: string, voice = "af_heart"): Promise<ListenResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(`${url}/v1/audio/speech`);
    const started = performance.now();
    const arrivals: { atMs: number; bytes: number }[] = [];
    let bytes = 0;
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: { "Content-Type": "application/json" } },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
        res.on("data", (d: Buffer) => {
          bytes += d.length;
          arrivals.push({ atMs: performance.now() - started, bytes });
        });
        res.on("end", () => {
          const { underruns, stallSeconds } = playTimeline(arrivals);
          resolve({ ttfaMs: arrivals[0]?.atMs ?? -1, totalMs: performance.now() - started, audioSeconds: bytes / BYTES_PER_SECOND, underruns, stallSeconds });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ input, voice, response_format: "pcm" }));
  });
}
