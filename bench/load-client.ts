// The client side of the load bench (bench/load.ts): one HTTP speech request with a hard timeout and an
// optional hang-up, the texts and voices the clients draw from, and the check that a response's audio is
// exactly the model calls the server planned for its text (fixture models only: bench/load.ts uses them).
import http from "node:http";
import { performance } from "node:perf_hooks";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { G2P } from "../src/g2p/types.js";
import type { Lang } from "../src/text/lang.js";
import { decodeFixtureCalls, fixtureAmplitude } from "../test/helpers/fixture-audio.js";
import { pcmToInt16, plannedChunks, voiceStyle00 } from "../test/helpers/test-server.js";

/** The request kinds a client mixes, with the weights it picks them by. */
export const KINDS = ["short", "long", "streamWav", "sse", "cancelled", "mp3"] as const;
export type Kind = (typeof KINDS)[number];
export const LOAD_WEIGHTS: Readonly<Record<Kind, number>> = { short: 30, long: 15, streamWav: 15, sse: 15, cancelled: 15, mp3: 10 };
/** The soak's steadier mix: fewer hang-ups and fewer long texts. */
export const SOAK_WEIGHTS: Readonly<Record<Kind, number>> = { short: 35, long: 10, streamWav: 20, sse: 15, cancelled: 10, mp3: 10 };

/** Kokoro voices by the language the server picks for them (a voice's language decides the plan's lang). */
const VOICES: readonly { readonly voice: string; readonly lang: Lang }[] = [
  { voice: "af_heart", lang: "en-us" },
  { voice: "af_bella", lang: "en-us" },
  { voice: "am_michael", lang: "en-us" },
  { voice: "af_nicole", lang: "en-us" },
  { voice: "bf_emma", lang: "en-gb" },
  { voice: "bm_george", lang: "en-gb" },
];
const SPEEDS = [1, 1, 1, 1.25, 0.8, 1.5];

const NAMES = ["Alice", "Bob", "Chandra", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi"];
const CITIES = ["Paris", "Boston", "Nairobi", "Oslo", "Lima", "Osaka", "Toronto", "Lisbon"];

/** Fifteen one-sentence texts: short enough for a single model call, varied enough to miss the cache. */
function shortTexts(): string[] {
  return Array.from({ length: 15 }, (_, i) => {
    const name = NAMES[i % NAMES.length]!;
    const city = CITIES[(i * 3) % CITIES.length]!;
    switch (i % 5) {
      case 0:
        return `${name} arrived in ${city} at ${7 + (i % 5)} o'clock.`;
      case 1:
        return `The package for ${name} weighs ${i + 2} kilograms.`;
      case 2:
        return `Please call ${name} back before ${i + 1} in the afternoon.`;
      case 3:
        return `${city} had ${120 + i * 17} sunny days last year, said ${name}.`;
      default:
        return `Is the train to ${city} still leaving from platform ${i}?`;
    }
  });
}

/** Fifteen texts of three paragraphs: several model calls each, with paragraph and sentence pauses. */
function longTexts(): string[] {
  return Array.from({ length: 15 }, (_, i) => {
    const name = NAMES[(i + 2) % NAMES.length]!;
    const city = CITIES[(i + 5) % CITIES.length]!;
    const n = 3 + i;
    return [
      `Chapter ${n}. ${name} left ${city} early in the morning, before the streets were busy. ` +
        `The bus was late again, so ${name} walked the ${n} kilometres to the station, thinking about the letter.`,
      `At the station the clock showed ${(i % 12) + 1} minutes past eight. A porter, carrying ${n * 2} suitcases, ` +
        `asked whether the train to ${CITIES[(i + 1) % CITIES.length]!} was on time; nobody knew. ` +
        `Outside, the rain started, softly at first and then all at once.`,
      `When the train finally came, ${name} found a seat by the window and opened the letter. It was short: ` +
        `three lines, a date, and a name that ${name} had not read in ${10 + i} years.`,
    ].join("\n\n");
  });
}

export const SHORT_TEXTS: readonly string[] = shortTexts();
export const LONG_TEXTS: readonly string[] = longTexts();

/** A small seeded PRNG (mulberry32), so a run's request mix can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pickKind(random: () => number, weights: Readonly<Record<Kind, number>>): Kind {
  const total = KINDS.reduce((s, k) => s + weights[k], 0);
  let x = random() * total;
  for (const k of KINDS) {
    x -= weights[k];
    if (x < 0) return k;
  }
  return "short";
}

export interface PlannedRequest {
  readonly kind: Kind;
  readonly text: string;
  readonly voice: string;
  readonly lang: Lang;
  readonly speed: number;
  readonly body: Record<string, unknown>;
  /** Read the body as server-sent events. */
  readonly sse: boolean;
  /** For `cancelled`: hang up at the first body bytes, or this many ms after the request was sent. */
  readonly hangUp: "firstBytes" | number | null;
}

const pick = <T>(random: () => number, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

export function planRequest(kind: Kind, random: () => number): PlannedRequest {
  const { voice, lang } = pick(random, VOICES);
  const speed = pick(random, SPEEDS);
  const text = kind === "short" || kind === "mp3" ? pick(random, SHORT_TEXTS) : kind === "long" || kind === "cancelled" ? pick(random, LONG_TEXTS) : pick(random, random() < 0.5 ? SHORT_TEXTS : LONG_TEXTS);
  const base = { input: text, voice, speed, model: "tts-1" };
  switch (kind) {
    case "short":
      return { kind, text, voice, lang, speed, body: { ...base, response_format: "wav", stream: false }, sse: false, hangUp: null };
    case "long":
      return { kind, text, voice, lang, speed, body: { ...base, response_format: "pcm" }, sse: false, hangUp: null };
    case "streamWav":
      return { kind, text, voice, lang, speed, body: { ...base, response_format: "wav", stream: true }, sse: false, hangUp: null };
    case "sse":
      return { kind, text, voice, lang, speed, body: { ...base, response_format: "pcm", stream_format: "sse" }, sse: true, hangUp: null };
    case "cancelled":
      return { kind, text, voice, lang, speed, body: { ...base, response_format: "pcm" }, sse: false, hangUp: random() < 0.5 ? "firstBytes" : Math.floor(random() * 400) };
    case "mp3":
      return { kind, text, voice, lang, speed, body: { ...base, response_format: "mp3", stream: random() < 0.5 }, sse: false, hangUp: null };
  }
}

export interface SseEvent {
  readonly type: string;
  readonly [key: string]: unknown;
}

export interface Response {
  /** HTTP status, or 0 when no response head arrived. */
  readonly status: number;
  readonly contentType: string;
  /** ms from sending to the first audio: first body byte, or the first `speech.audio.delta` event for SSE. */
  readonly ttfaMs: number | null;
  readonly totalMs: number;
  readonly body: Buffer;
  /** The SSE events in order (SSE only). */
  readonly events: SseEvent[];
  /** True when the body arrived whole (the response ended normally). */
  readonly complete: boolean;
  /** We hung up on purpose (cancelled kind). */
  readonly hungUp: boolean;
  /** The per-request timeout fired: the server neither finished nor failed the request in time. */
  readonly timedOut: boolean;
  /** A connection error that was not our own hang-up (reset, refused, ...). */
  readonly error: string | null;
}

/** Sends one speech request; always settles: complete, hung up on purpose, failed or timed out. */
export function send(url: string, planned: PlannedRequest, timeoutMs: number): Promise<Response> {
  return new Promise((resolve) => {
    const target = new URL(`${url}/v1/audio/speech`);
    const started = performance.now();
    let status = 0;
    let contentType = "";
    let ttfaMs: number | null = null;
    const parts: Buffer[] = [];
    const events: SseEvent[] = [];
    let pending = "";
    let hungUp = false;
    let timedOut = false;
    let settled = false;
    const finish = (complete: boolean, error: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (hangTimer) clearTimeout(hangTimer);
      resolve({ status, contentType, ttfaMs, totalMs: performance.now() - started, body: Buffer.concat(parts), events, complete, hungUp, timedOut, error });
    };
    const hangUp = (): void => {
      if (settled) return;
      hungUp = true;
      req.destroy();
      finish(false, null);
    };
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: { "Content-Type": "application/json" } },
      (res) => {
        status = res.statusCode ?? 0;
        contentType = String(res.headers["content-type"] ?? "");
        res.on("data", (d: Buffer) => {
          if (settled) return;
          parts.push(d);
          if (planned.sse && status === 200) {
            pending += d.toString("utf8");
            for (let cut = pending.indexOf("\n\n"); cut >= 0; cut = pending.indexOf("\n\n")) {
              const block = pending.slice(0, cut);
              pending = pending.slice(cut + 2);
              const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
              if (data === "") continue;
              try {
                const event = JSON.parse(data) as SseEvent;
                events.push(event);
                if (ttfaMs === null && event.type === "speech.audio.delta") ttfaMs = performance.now() - started;
              } catch {
                events.push({ type: "unparseable", data });
              }
            }
          } else if (ttfaMs === null && status === 200) {
            ttfaMs = performance.now() - started;
          }
          if (planned.hangUp === "firstBytes" && status === 200) hangUp();
        });
        res.on("end", () => finish(true, null));
        res.on("error", (err) => finish(false, hungUp ? null : err.message));
        res.on("aborted", () => finish(false, hungUp ? null : "response aborted by the server"));
      },
    );
    req.on("error", (err) => finish(false, hungUp || timedOut ? null : err.message));
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy();
      finish(false, null);
    }, timeoutMs);
    const hangTimer = typeof planned.hangUp === "number" ? setTimeout(hangUp, planned.hangUp) : null;
    req.end(JSON.stringify(planned.body));
  });
}

/** The plan the server must follow for a text (adaptive call sizing off), computed once per (lang, text). */
export class Plans {
  private readonly plans = new Map<string, Promise<number[][]>>();
  constructor(private readonly g2p: G2P) {}
  get(text: string, lang: Lang): Promise<number[][]> {
    const key = `${lang}\u0000${text}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = plannedChunks(this.g2p, text, lang).then((chunks) => chunks.map((c) => [...c.ids]));
      this.plans.set(key, plan);
    }
    return plan;
  }
}

const style00Cache = new Map<string, number>();
function style00(voice: string, n: number): number {
  const key = `${voice}:${n}`;
  let value = style00Cache.get(key);
  if (value === undefined) {
    value = voiceStyle00(voice, n);
    style00Cache.set(key, value);
  }
  return value;
}

export interface Verdict {
  /** Null when the audio is exactly the planned calls; else what is wrong. */
  readonly problem: string | null;
  /** The call's ids matched but a call's tone amplitude does not fit the voice's style row (wrong voice audio). */
  readonly amplitudeProblem: string | null;
  readonly audioSeconds: number;
  readonly calls: number;
}

function compact(ids: readonly (readonly number[])[]): string {
  const s = ids.map((c) => c.join(" ")).join(" | ");
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/** The raw s16le bytes of a complete 200 response of a pcm, wav or SSE(pcm) request (cheap: done on the main thread). */
function pcmBytesOf(planned: PlannedRequest, res: Response): Buffer {
  if (planned.sse) {
    const types = res.events.map((e) => e.type);
    const bad = types.filter((t) => t !== "speech.audio.delta" && t !== "speech.audio.words" && t !== "speech.audio.done");
    if (bad.length > 0) throw new Error(`unexpected SSE events: ${bad.slice(0, 3).join(", ")}`);
    const done = types.indexOf("speech.audio.done");
    if (done < 0) throw new Error("no speech.audio.done event");
    if (done !== types.length - 1) throw new Error(`speech.audio.done is event ${done + 1} of ${types.length}, not the last`);
    return Buffer.concat(res.events.filter((e) => e.type === "speech.audio.delta").map((e) => Buffer.from(String(e.audio), "base64")));
  }
  if (planned.body.response_format === "pcm") return res.body;
  const buf = res.body;
  if (buf.length < 44 || buf.toString("ascii", 0, 4) !== "RIFF") throw new Error(`not a WAV file (${buf.length} bytes)`);
  const streamed = buf.readUInt32LE(4) === 0xffffffff;
  const wantStreamed = planned.body.stream !== false;
  if (streamed !== wantStreamed) throw new Error(`wav streamed=${streamed}, expected ${wantStreamed}`);
  // The canonical 44-byte header parseWav (test/helpers) reads, checked here without copying the samples.
  if (buf.toString("ascii", 8, 12) !== "WAVE" || buf.toString("ascii", 36, 40) !== "data") throw new Error("not a canonical RIFF/WAVE header");
  const [rate, channels, bits] = [buf.readUInt32LE(24), buf.readUInt16LE(22), buf.readUInt16LE(34)];
  if (rate !== 24_000 || channels !== 1 || bits !== 16) throw new Error(`wav format ${rate} Hz ×${channels} ${bits}-bit`);
  if (streamed && buf.readUInt32LE(40) !== 0xffffffff) throw new Error("streamed wav without the data size placeholder");
  if (!streamed && (buf.readUInt32LE(4) !== buf.length - 8 || buf.readUInt32LE(40) !== buf.length - 44)) {
    throw new Error(`wav sizes RIFF ${buf.readUInt32LE(4)} data ${buf.readUInt32LE(40)} for ${buf.length} bytes`);
  }
  return buf.subarray(44);
}

// --- Verification off the main thread -------------------------------------------------------------------
// Decoding fixture audio is CPU-heavy (every token is fitted against 177 tones); done on the main thread it
// would delay the event loop and with it every client-side TTFA figure. A small pool of worker threads does it.

interface VerifyJob {
  readonly id: number;
  /** s16le bytes. */
  readonly pcm: Uint8Array;
  readonly want: number[][];
  readonly speed: number;
  readonly voice: string;
  /** A hung-up request: only whole calls received so far are checked, as a prefix of the plan. */
  readonly prefix: boolean;
}

interface VerifyResult {
  readonly id: number;
  readonly problem: string | null;
  readonly amplitudeProblem: string | null;
  readonly calls: number;
}

function toInt16(pcm: Uint8Array): Int16Array {
  const even = pcm.length - (pcm.length % 2);
  if (pcm.byteOffset % 2 === 0) return new Int16Array(pcm.buffer, pcm.byteOffset, even / 2);
  return pcmToInt16(Buffer.from(pcm.buffer, pcm.byteOffset, even));
}

function runJob(job: VerifyJob): VerifyResult {
  const { id, want } = job;
  let samples = toInt16(job.pcm);
  if (job.prefix) {
    // Only whole calls followed by their pause are certain: cut at the start of the last run of ≥ 64 zero
    // samples (tones never hold zero that long; every call is followed by a pause of at least 40 ms).
    let cut = -1;
    for (let i = samples.length - 1, zeros = 0; i >= 0; i--) {
      zeros = samples[i] === 0 ? zeros + 1 : 0;
      if (zeros >= 64) {
        cut = i;
        while (cut > 0 && samples[cut - 1] === 0) cut--;
        break;
      }
    }
    if (cut <= 0) return { id, problem: null, amplitudeProblem: null, calls: 0 }; // not one whole call arrived
    samples = samples.subarray(0, cut);
  } else if (job.pcm.length % 2 !== 0) {
    return { id, problem: `odd pcm byte count ${job.pcm.length}`, amplitudeProblem: null, calls: 0 };
  }
  let calls;
  try {
    calls = decodeFixtureCalls(samples, { speed: job.speed });
  } catch (err) {
    return { id, problem: `undecodable audio: ${(err as Error).message}`, amplitudeProblem: null, calls: 0 };
  }
  const got = calls.map((c) => c.ids);
  const differs = got.some((ids, i) => want[i] === undefined || ids.join(" ") !== want[i]!.join(" "));
  if (differs || (job.prefix ? got.length > want.length : got.length !== want.length)) {
    const what = job.prefix ? "received calls are not a prefix of the plan" : "calls differ from the plan";
    return { id, problem: `${what}: got ${got.length} [${compact(got)}], want ${want.length} [${compact(want)}]`, amplitudeProblem: null, calls: got.length };
  }
  let amplitudeProblem: string | null = null;
  calls.forEach((call, k) => {
    const expected = fixtureAmplitude(style00(job.voice, want[k]!.length));
    const got0 = call.amplitudes[0]!;
    if (amplitudeProblem === null && Math.abs(got0 - expected) > 1e-3) {
      amplitudeProblem = `call ${k}: amplitude ${got0.toFixed(5)}, want ${expected.toFixed(5)} (voice ${job.voice}, row ${want[k]!.length})`;
    }
  });
  return { id, problem: null, amplitudeProblem, calls: got.length };
}

const WORKER_ROLE = "kokoro-load-verify";
if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  parentPort!.on("message", (job: VerifyJob) => parentPort!.postMessage(runJob(job)));
}

/**
 * A pool of verification workers (this module, run in worker threads; under tsx they register tsx first).
 * `decode` false (a model whose audio is not the fixtures' tones): complete responses are only checked for
 * whole 16-bit samples, and nothing is decoded.
 */
export class Verifier {
  private readonly workers: { worker: Worker; pending: Map<number, (r: VerifyResult) => void> }[] = [];
  private nextId = 0;

  constructor(
    private readonly plans: Plans,
    size: number,
    private readonly decode = true,
  ) {
    if (!decode) return;
    const url = import.meta.url;
    const source = url.endsWith(".ts")
      ? `import("tsx/esm/api").then((api) => { api.register(); return import(${JSON.stringify(url)}); });`
      : `import(${JSON.stringify(url)});`;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(source, { eval: true, workerData: { role: WORKER_ROLE } });
      const pending = new Map<number, (r: VerifyResult) => void>();
      worker.on("message", (r: VerifyResult) => {
        pending.get(r.id)?.(r);
        pending.delete(r.id);
      });
      worker.on("error", (err) => {
        for (const [id, resolve] of pending) resolve({ id, problem: `verifier crashed: ${err.message}`, amplitudeProblem: null, calls: 0 });
        pending.clear();
      });
      this.workers.push({ worker, pending });
    }
  }

  private run(job: Omit<VerifyJob, "id">): Promise<VerifyResult> {
    const id = this.nextId++;
    const slot = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    // Copy into an exclusive buffer so it can be transferred without cloning.
    const pcm = new Uint8Array(job.pcm);
    return new Promise((resolve) => {
      slot.pending.set(id, resolve);
      slot.worker.postMessage({ ...job, id, pcm }, [pcm.buffer]);
    });
  }

  /** Checks a complete 200 response: its audio decodes to exactly the planned calls, each in the voice's amplitude. */
  async verify(planned: PlannedRequest, res: Response): Promise<Verdict> {
    const want = await this.plans.get(planned.text, planned.lang);
    let pcm: Buffer;
    try {
      pcm = pcmBytesOf(planned, res);
    } catch (err) {
      return { problem: `unreadable audio: ${(err as Error).message}`, amplitudeProblem: null, audioSeconds: 0, calls: 0 };
    }
    if (!this.decode) {
      const problem = pcm.length % 2 === 0 ? null : `odd pcm byte count ${pcm.length}`;
      return { problem, amplitudeProblem: null, audioSeconds: pcm.length / 2 / 24_000, calls: want.length };
    }
    const r = await this.run({ pcm, want, speed: planned.speed, voice: planned.voice, prefix: false });
    return { problem: r.problem, amplitudeProblem: r.amplitudeProblem, audioSeconds: pcm.length / 2 / 24_000, calls: r.calls };
  }

  /** The audio a hung-up request got: its whole calls must be a prefix of the plan. */
  async verifyPrefix(planned: PlannedRequest, res: Response): Promise<string | null> {
    if (!this.decode) return null;
    const want = await this.plans.get(planned.text, planned.lang);
    const r = await this.run({ pcm: res.body, want, speed: planned.speed, voice: planned.voice, prefix: true });
    return r.problem;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/** Whether bytes look like an MP3 stream: an ID3 tag or an MPEG audio frame sync. */
export function looksLikeMp3(body: Buffer): boolean {
  if (body.length < 4) return false;
  if (body.toString("latin1", 0, 3) === "ID3") return true;
  return body[0] === 0xff && (body[1]! & 0xe0) === 0xe0;
}
