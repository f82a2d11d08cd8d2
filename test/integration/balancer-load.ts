// Mixed clients for the load-balancer harness: each sends speech requests back to back (streamed pcm of a
// few sentences, then one WAV file with exact sizes, in turn) and records what happened to every one. The
// audio is checked afterwards (decoding it while the load runs would steal CPU from the replicas).
import { createHash } from "node:crypto";
import { decodeFixtureCalls } from "../helpers/fixture-audio.js";
import { parseWav, pcmToInt16, plannedChunksStandalone } from "../helpers/test-server.js";

/**
 * Three sentences, one model call each (4.7 s of audio): with the replicas' look-ahead bound, the last call starts
 * about 2 s after the first audio, so a stream lasts seconds and some are always in flight.
 */
export const STREAM_TEXT =
  "A rolling restart should be invisible to the people listening. Each replica leaves the rotation, finishes what it started, and comes back. Nobody should hear a gap, a repeat, or an error.";
export const FILE_TEXT = "Short answers come back as one complete file.";

export type Kind = "stream" | "file";

export interface Outcome {
  readonly kind: Kind;
  /** performance.now() when the request was sent, when its first audio bytes came, when it ended. */
  readonly start: number;
  readonly firstAudio: number | null;
  readonly end: number;
  readonly status: number | null;
  /** The replica that answered (haproxy's X-Served-By), when headers came back. */
  readonly servedBy: string | null;
  /** Why it failed (HTTP status, connection error, hang); null when it completed. */
  readonly error: string | null;
  /** No answer or no end within the hang limit. */
  readonly hung: boolean;
  readonly body: Buffer;
}

/** A request still running: which replica answers it, once its headers have come. */
export interface InFlight {
  readonly kind: Kind;
  readonly start: number;
  servedBy: string | null;
}

/** One request through the balancer, recorded; `live` is kept up to date while it runs. */
async function send(url: string, kind: Kind, hangMs: number, live: InFlight): Promise<Outcome> {
  const start = live.start;
  const body =
    kind === "stream"
      ? { input: STREAM_TEXT, voice: "af_heart", response_format: "pcm" }
      : { input: FILE_TEXT, voice: "af_heart", response_format: "wav", stream: false };
  let status: number | null = null;
  let servedBy: string | null = null;
  let firstAudio: number | null = null;
  const parts: Buffer[] = [];
  const headerBytes = kind === "file" ? 44 : 0;
  let received = 0;
  const signal = AbortSignal.timeout(hangMs);
  try {
    const res = await fetch(`${url}/v1/audio/speech`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal });
    status = res.status;
    servedBy = res.headers.get("x-served-by");
    live.servedBy = servedBy;
    const reader = res.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      parts.push(Buffer.from(r.value));
      received += r.value.length;
      if (firstAudio === null && received > headerBytes) firstAudio = performance.now();
    }
    const error = status === 200 ? null : `HTTP ${status}: ${Buffer.concat(parts).toString("utf8").slice(0, 200)}`;
    return { kind, start, firstAudio, end: performance.now(), status, servedBy, error, hung: false, body: Buffer.concat(parts) };
  } catch (err) {
    const hung = signal.aborted;
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const error = hung ? "hang" : `${(err as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ""}`;
    return { kind, start, firstAudio, end: performance.now(), status, servedBy, error, hung, body: Buffer.concat(parts) };
  }
}

/** N clients, each sending requests back to back (streams and files in turn) until stopped. */
export class Load {
  private running = true;
  private readonly outcomes: Outcome[] = [];
  private readonly live = new Set<InFlight>();
  private readonly loops: Promise<void>[];

  constructor(url: string, clients: number, options: { hangMs: number; pauseMs: number }) {
    this.loops = Array.from({ length: clients }, async (_, i) => {
      let kind: Kind = i % 2 === 0 ? "stream" : "file";
      while (this.running) {
        const live: InFlight = { kind, start: performance.now(), servedBy: null };
        this.live.add(live);
        this.outcomes.push(await send(url, kind, options.hangMs, live));
        this.live.delete(live);
        kind = kind === "stream" ? "file" : "stream";
        await new Promise((r) => setTimeout(r, options.pauseMs));
      }
    });
  }

  /** The outcomes so far (requests that have ended). */
  get done(): readonly Outcome[] {
    return this.outcomes;
  }

  /** The requests running now. */
  inFlight(): InFlight[] {
    return [...this.live].map((r) => ({ ...r }));
  }

  /** Lets every client finish its current request, then returns every outcome. */
  async stop(): Promise<Outcome[]> {
    this.running = false;
    await Promise.all(this.loops);
    return this.outcomes;
  }
}

/**
 * Checks every completed response's audio against the tokens the front-end plans for its text. Responses are
 * deterministic, so each distinct body is decoded once. Returns the failures, one line each.
 */
export async function audioMismatches(outcomes: readonly Outcome[]): Promise<string[]> {
  const want = {
    stream: (await plannedChunksStandalone(STREAM_TEXT)).map((c) => c.ids.join(" ")),
    file: (await plannedChunksStandalone(FILE_TEXT)).map((c) => c.ids.join(" ")),
  };
  const verdicts = new Map<string, string | null>();
  const problems: string[] = [];
  for (const o of outcomes) {
    if (o.error !== null) continue;
    const key = `${o.kind}:${createHash("sha256").update(o.body).digest("hex")}`;
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      try {
        const samples = o.kind === "stream" ? pcmToInt16(o.body) : parseWav(o.body).samples;
        const got = decodeFixtureCalls(samples).map((c) => c.ids.join(" "));
        verdict = JSON.stringify(got) === JSON.stringify(want[o.kind]) ? null : `decoded ${got.length} calls, planned ${want[o.kind].length}`;
      } catch (err) {
        verdict = `undecodable: ${(err as Error).message}`;
      }
      verdicts.set(key, verdict);
    }
    if (verdict !== null) problems.push(`${o.kind} from ${o.servedBy}: ${verdict}`);
  }
  return problems;
}

/** First-audio times (ms after sending) of the completed requests of a kind that started in [from, to). */
export function firstAudioMs(outcomes: readonly Outcome[], kind: Kind, from: number, to: number): number[] {
  return outcomes.filter((o) => o.kind === kind && o.error === null && o.firstAudio !== null && o.start >= from && o.start < to).map((o) => o.firstAudio! - o.start);
}
