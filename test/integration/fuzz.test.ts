import http from "node:http";
import net from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { REPO_ROOT } from "../helpers/paths.js";
import { parseWav, startTestServer, type TestServer } from "../helpers/test-server.js";

/**
 * Thousands of random and hostile requests against the real server (keys, CORS and a rate limit switched on,
 * so their code runs too): whatever comes in, the answer is never a 5xx, always arrives in time, never shows a
 * stack or a server path — and afterwards the server still speaks and reports ready.
 * FUZZ_SCALE=10 runs ten times as many cases (and FUZZ_SEED=<n> replays a reported seed).
 */

const KEY = "fuzz-key-0123456789";
const ALLOWED_ORIGIN = "http://allowed.example";
const BODY_LIMIT = 32 * 1024;
const REQUEST_TIMEOUT_MS = 15_000;
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const runs = (n: number): { numRuns: number; seed?: number } => ({ numRuns: Math.max(1, Math.round(n * SCALE)), ...(SEED === undefined ? {} : { seed: SEED }) });

let server: TestServer;
let port: number;

beforeAll(async () => {
  server = await startTestServer({
    apiKeys: [KEY],
    corsOrigins: [ALLOWED_ORIGIN],
    rateLimitPerMinute: 1_000_000, // on, but never reached
    bodyLimitBytes: BODY_LIMIT,
    maxInputChars: 300,
  });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server?.close();
});

// ---------------------------------------------------------------------------------------------------------
// Arbitraries

const KNOWN_PATHS = [
  "/", "/health", "/v1/audio/speech", "/v1/audio/voices", "/v1/models", "/v1/models/kokoro", "/v1/models/tts-1",
  "/v1/audio/speech/ws", "/dev/normalize", "/dev/phonemize", "/metrics", "/status", "/admin/reload", "/index.html", "/v1", "/v1/",
];
const HOSTILE_PATHS = [
  "/../../etc/passwd", "/v1/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/v1/audio/speech%00",
  "/health%00", "/%00", "/v1/audio/voices/..%5c..%5cwindows%5cwin.ini", "//v1//audio//speech", "/%ZZ", "/%", "/%c0%ae%c0%ae/",
  "/v1/models/%2e%2e%2fpackage.json", "/web/../../package.json", "/.env", "/.git/config", "/node_modules/.bin/kokoro",
  "/%2fetc%2fpasswd", "/V1/AUDIO/SPEECH", "/health/", "/*", "/v1/audio/speech#frag", "/%761/audio/voices", "/v1/models/%00",
  "/v1/models/" + "%F0%9F%98%80".repeat(50), "/dev/%2e%2e/health", "/health;.json", "/v1/audio/speech;x=1",
];

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });
// Everything Node's HTTP client lets through in a header value: tab, visible ASCII and latin-1.
const headerValue = fc.oneof(
  { weight: 4, arbitrary: printable },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.constant("\t"), fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c))), maxLength: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 9_000 }).map((n) => "x".repeat(n)) },
);
const FORBIDDEN_HEADERS = new Set(["host", "content-length", "transfer-encoding", "connection", "upgrade", "expect", "keep-alive", "te", "trailer", "authorization", "content-type"]);
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,24}$/).filter((n) => !FORBIDDEN_HEADERS.has(n));

const path = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...KNOWN_PATHS) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PATHS) },
  { weight: 1, arbitrary: fc.webPath().map((p) => (p.startsWith("/") ? p : `/${p}`)) },
  { weight: 1, arbitrary: fc.array(fc.string({ unit: "binary", maxLength: 12 }), { maxLength: 5 }).map((s) => `/${s.map(encodeURIComponent).join("/")}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => `/v1/${"a".repeat(n)}`) },
);

const query = fc.oneof(
  { weight: 6, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.webQueryParameters().map((q) => `?${q}`) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ unit: "binary", maxLength: 20 }), { maxKeys: 4 }).map((d) => `?${new URLSearchParams(d).toString()}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "?api_key=garbage", `?api_key=${KEY}`, "?__proto__[polluted]=1", "?constructor[prototype][polluted]=1", "?a=%ZZ", `?${"x=1&".repeat(2_000)}`,
      "?=&=&", "?%00=%00", "?stream=true&response_format=wav", "?q=" + "%".repeat(100),
    ),
  },
);

const CONTENT_TYPES = [
  "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "APPLICATION/JSON", "application/json;;;",
  "application/json; charset=", "application/jsonx", "text/plain", "text/html", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
  "application/octet-stream", "*/*", "", "application/vnd.api+json", "application/json\t", "json",
];

const authorization = fc.oneof(
  { weight: 6, arbitrary: fc.constant(`Bearer ${KEY}`) },
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      printable,
      printable.map((s) => `Bearer ${s}`),
      fc.constantFrom("Bearer", "Bearer ", `bearer ${KEY}`, `Bearer  ${KEY} `, `Basic ${Buffer.from(`u:${KEY}`).toString("base64")}`, `Bearer ${KEY}\t`, `Bearer ${KEY.slice(0, -1)}`),
      fc.integer({ min: 100, max: 9_000 }).map((n) => `Bearer ${"k".repeat(n)}`),
      fc.integer({ min: 1_000, max: 15_000 }).map((n) => `Bearer a${" ".repeat(n)}b`), // once quadratic to parse
    ),
  },
);

const headers = fc.record(
  {
    "content-type": fc.oneof(fc.constantFrom(...CONTENT_TYPES), printable),
    authorization,
    "x-request-id": fc.oneof(printable, fc.constantFrom("abc-123", "../../etc", "a".repeat(65))),
    origin: fc.oneof(fc.constantFrom(ALLOWED_ORIGIN, "null", "http://evil.example", `${ALLOWED_ORIGIN}/`), printable),
    accept: fc.constantFrom("*/*", "audio/wav", "text/event-stream", "application/json", "garbage/", ""),
    "accept-encoding": fc.constantFrom("gzip", "br", "identity", "*", "gzip;q=x", ""),
    "access-control-request-method": fc.constantFrom("POST", "GET", "DELETE", "X"),
    "access-control-request-headers": fc.constantFrom("authorization,content-type", "x-evil", ""),
  },
  { requiredKeys: [] },
).chain((known) => fc.dictionary(headerName, headerValue, { maxKeys: 4 }).map((extra) => ({ ...extra, ...known })));

const VOICES = ["af_heart", "am_adam", "bf_emma", "alloy", "nova", "af_bella(2)+af_sky(1)", "af_bella+", "zz_nobody", "../../etc/passwd", "", " ", "AF_HEART"];
// Text that reaches the G2P is kept to Latin script, control characters and emoji: for other scripts the espeak
// fallback prints "Can't read dictionary file" lines on stderr (harmless, but noise in the test output).
const latinChar = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0xc0, max: 0x24f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom("\n", "\t", "\r", "\u0000", "\u200b", "\ufeff", "\ud800", "🙂", "👍🏽", "\u0301", "—", "…", "“", "”", "€", "½") },
);
const speechText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("Hi.", "Hello there.", "Dr. Smith paid $3.50.", "It's 1/2 past 3 pm.", "ok", "A, b; c!", "We're here: www.example.com.", "I'm 25%.") },
  { weight: 3, arbitrary: fc.string({ unit: latinChar, minLength: 1, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom("", " \n\t", "\u0000", "\ud800", "🙂🙂", "a".repeat(301), "[x](/ipa/)", "```\ncode\n```", "1".repeat(200), "$".repeat(50), ".".repeat(300)) },
);
const numberish = fc.oneof(
  fc.double({ min: 0.25, max: 4, noNaN: true }),
  fc.constantFrom(0, -1, 1e308, -1e308, 5, 0.2499, 4.0001, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER),
  fc.constantFrom("1", "fast", null, true, [], {}),
);
/** A valid speech request: tiny inputs, mostly the cheap formats, every optional field sometimes. */
const validSpeech = fc.record(
  {
    model: fc.constantFrom("kokoro", "kokoro-82m", "tts-1", "tts-1-hd", "gpt-4o-mini-tts"),
    input: speechText,
    voice: fc.oneof(fc.constantFrom("af_heart", "am_adam", "bf_emma", "alloy", "nova", "af_bella(2)+af_sky(1)"), fc.constant({ id: "af_heart" })),
    response_format: fc.oneof({ weight: 12, arbitrary: fc.constantFrom("wav", "pcm") }, { weight: 1, arbitrary: fc.constantFrom("mp3", "opus", "flac", "aac") }),
    speed: fc.double({ min: 0.25, max: 4, noNaN: true }),
    volume: fc.double({ min: 0, max: 4, noNaN: true }),
    stream: fc.boolean(),
    stream_format: fc.constantFrom("audio", "sse"),
    lang: fc.constantFrom("en-us", "en-gb", "a", "b", "en_US"),
    instructions: printable,
  },
  { requiredKeys: ["input"] },
);
const SPEECH_FIELDS = ["model", "input", "voice", "response_format", "speed", "volume", "stream", "stream_format", "lang", "instructions", "__proto__", "constructor", "extra"];
const hostileValue = fc.oneof(
  numberish,
  fc.constantFrom(...VOICES, "dall-e-3", "", "ogg", "WAV", "SSE", "fr", "yes", 42),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: latinChar, maxLength: 30 }),
);
/** A valid request with one or two fields replaced by anything (or removed). */
const mutatedSpeech = fc
  .tuple(validSpeech, fc.array(fc.tuple(fc.constantFrom(...SPEECH_FIELDS), fc.option(hostileValue, { nil: undefined })), { minLength: 1, maxLength: 2 }))
  .map(([valid, changes]) => {
    const out: Record<string, unknown> = { ...valid };
    for (const [key, value] of changes) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    return out;
  });
const speechBody = fc.oneof({ weight: 3, arbitrary: validSpeech }, { weight: 2, arbitrary: mutatedSpeech });

const deep = (n: number, open: string, close: string, middle = "1"): string => open.repeat(n) + middle + close.repeat(n);
const HOSTILE_BODIES = [
  '{"input":"hi","speed":1e999}', '{"input":"hi","speed":NaN}', '{"input":"hi","speed":Infinity}', '{"input":"hi","speed":-0}',
  '{"__proto__":{"polluted":"yes"},"input":"hi"}', '{"constructor":{"prototype":{"polluted":"yes"}},"input":"hi"}',
  '{"input":"hi","voice":{"id":"af_heart","__proto__":{"polluted":"yes"}}}', '{"input":"hi","voice":{"id":{"toString":1}}}',
  '{"input":"hi","input":"twice"}', '{"input":"\\ud800\\udfff\\ud800"}', '{"input":"\\u0000"}', '{"input":"hi"}garbage', "{'input':'hi'}",
  "", " ", "null", "true", '"string"', "1", "[]", "{}", "{", "}", "[", "\u0000", "\ufeff{\"input\":\"hi\"}",
  deep(5_000, "[", "]"), deep(2_000, '{"a":', "}"), `{"input":"hi","x":${deep(3_000, "[", "]")}}`, `{"voice":${deep(1_000, '{"id":', "}", '"af_heart"')},"input":"hi"}`,
  `{"input":${"9".repeat(5_000)}}`, `{"input":"hi","speed":${"9".repeat(400)}}`, `{"input":"hi",${'"k":1,'.repeat(3_000)}"z":2}`,
  `{"input":"${"a".repeat(BODY_LIMIT)}"}`, `{"input":"${"\\u0041".repeat(200)}"}`,
];

const body = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 8, arbitrary: speechBody.map((b) => Buffer.from(JSON.stringify(b))) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? "null")) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_BODIES).map((s) => Buffer.from(s)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_048 }).map((b) => Buffer.from(b)) },
  // Invalid UTF-8 inside an otherwise valid speech request: bytes that never form a valid sequence (lone
  // continuation bytes, C0/C1, F5–FF), so the text is replacement characters rather than some other script.
  {
    weight: 1,
    arbitrary: fc
      .array(fc.oneof(fc.integer({ min: 0x80, max: 0xbf }), fc.constantFrom(0xc0, 0xc1, 0xf5, 0xf8, 0xfe, 0xff)), { minLength: 1, maxLength: 64 })
      .map((b) => Buffer.concat([Buffer.from('{"input":"a '), Buffer.from(b), Buffer.from(' b"}')])),
  },
);

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "SEARCH", "PURGE"];
const method = fc.oneof({ weight: 6, arbitrary: fc.constantFrom("GET", "POST") }, { weight: 2, arbitrary: fc.constantFrom(...METHODS) });

interface FuzzRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | null;
}

const anyRequest: fc.Arbitrary<FuzzRequest> = fc.record({ method, path, query, headers, body }).map((r) => ({
  method: r.method,
  target: r.path + r.query,
  headers: Object.fromEntries(Object.entries(r.headers).filter((e): e is [string, string] => e[1] !== undefined)),
  body: r.body,
}));

/** What a client of the API sends, give or take: POSTs with the key and JSON, so most of them reach the routes. */
const apiRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    path: fc.constantFrom("/v1/audio/speech", "/v1/audio/speech", "/v1/audio/speech", "/dev/normalize", "/dev/phonemize"),
    query: fc.oneof({ weight: 9, arbitrary: fc.constant("") }, { weight: 1, arbitrary: query }),
    contentType: fc.oneof({ weight: 9, arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8") }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
    authorization: fc.oneof({ weight: 19, arbitrary: fc.constant(`Bearer ${KEY}`) }, { weight: 1, arbitrary: authorization }),
    body: fc.oneof({ weight: 6, arbitrary: speechBody.map((b) => Buffer.from(JSON.stringify(b))) }, { weight: 1, arbitrary: body }),
    origin: fc.option(fc.constantFrom(ALLOWED_ORIGIN, "http://evil.example"), { nil: undefined }),
  })
  .map((r) => ({
    method: "POST",
    target: r.path + r.query,
    headers: Object.fromEntries(
      Object.entries({ "content-type": r.contentType, authorization: r.authorization, origin: r.origin }).filter((e): e is [string, string] => e[1] !== undefined),
    ),
    body: r.body,
  }));

const request = fc.oneof({ weight: 2, arbitrary: apiRequest }, { weight: 3, arbitrary: anyRequest });

// ---------------------------------------------------------------------------------------------------------
// Sending

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** One request on its own connection; rejects on a timeout (a hang) or a connection error. */
function send(req: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headersOut: Record<string, string | number> = { ...req.headers, connection: "close" };
    if (req.body) headersOut["content-length"] = req.body.length;
    const r = http.request({ host: "127.0.0.1", port, method: req.method, path: req.target, headers: headersOut, agent: false });
    const timer = setTimeout(() => {
      r.destroy();
      reject(new Error(`no complete answer within ${REQUEST_TIMEOUT_MS} ms`));
    }, REQUEST_TIMEOUT_MS);
    r.on("response", (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) });
      });
      res.on("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    r.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    r.end(req.body ?? undefined);
  });
}

/** Whether Node's HTTP client itself refuses to send this (an invalid method or path), so the server never sees it. */
function unsendable(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ERR_UNESCAPED_CHARACTERS" || code === "ERR_INVALID_HTTP_TOKEN" || code === "ERR_INVALID_CHAR";
}

const LEAKS = [/\n\s+at /, /node_modules/, new RegExp(REPO_ROOT.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), /\.ts:\d+/];

function checkAnswer(req: FuzzRequest, res: Answer): void {
  const what = `${req.method} ${req.target.slice(0, 120)} → ${res.status} ${res.body.subarray(0, 300).toString()}`;
  expect(res.status, what).toBeGreaterThanOrEqual(100);
  expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400 && req.method !== "HEAD" && /json/.test(String(res.headers["content-type"]))) {
    const parsed = JSON.parse(res.body.toString()) as { error?: { message?: unknown } };
    expect(typeof parsed.error?.message, what).toBe("string");
  }
  if (res.status >= 400) {
    // The 404 names the path asked for; only what the server adds of its own counts as a leak.
    const asked = req.target.split("?")[0]!;
    const text = res.body.toString().replaceAll(JSON.stringify(asked).slice(1, -1), "").replaceAll(asked, "");
    for (const leak of LEAKS) expect(text, what).not.toMatch(leak);
  }
}

async function sendAndCheck(req: FuzzRequest): Promise<void> {
  let res: Answer;
  try {
    res = await send(req);
  } catch (err) {
    if (unsendable(err)) return;
    // A body over the limit may be refused (413 and close) while the client is still writing it.
    const code = (err as NodeJS.ErrnoException).code;
    if ((code === "ECONNRESET" || code === "EPIPE") && (req.body?.length ?? 0) > BODY_LIMIT) return;
    throw new Error(`${req.method} ${req.target.slice(0, 120)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  checkAnswer(req, res);
}

// ---------------------------------------------------------------------------------------------------------
// Raw bytes on a socket: what Node's HTTP client would refuse to send

const rawRequest = fc
  .record({
    method: fc.constantFrom("GET", "POST", "FOO", "G ET", "", "get", "CONNECT", "PRI"),
    target: fc.oneof(
      fc.constantFrom(...KNOWN_PATHS, ...HOSTILE_PATHS),
      fc.constantFrom("*", "http://127.0.0.1/v1/models", "/v1/models HTTP/1.1", "/v1/audio/speech\u0000", "/\u00ff", "", "/v1/audio/speech/ws?api_key=" + KEY),
    ),
    version: fc.constantFrom("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.1x", "", "http/1.1"),
    lines: fc.array(
      fc.oneof(
        fc.constantFrom(
          "Host: x", "Content-Type: application/json", `Authorization: Bearer ${KEY}`, "Authorization: Bearer wrong", "Content-Length: 5",
          "Content-Length: -1", "Content-Length: 1, 2", "Content-Length: 99999999999999999999", "Transfer-Encoding: chunked",
          "Transfer-Encoding: gzip, chunked", "Transfer-Encoding: identity", "Connection: Upgrade", "Upgrade: websocket",
          "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", `Sec-WebSocket-Protocol: bearer, ${KEY}`,
          "Sec-WebSocket-Protocol: bearer", "Expect: 100-continue", "Expect: nonsense", "no colon here", " folded continuation",
          "X-Null: a\u0000b", ": empty name", "Content-Type: application/json\r\nContent-Type: text/plain", "Origin: " + ALLOWED_ORIGIN,
          "Host: localhost", "Host: rebound.example", "Host: [::1", "Host: 127.0.0.1:99999", "Host: a@b", "Origin: null",
        ),
        printable.map((s) => `X-Random: ${s}`),
      ),
      { maxLength: 8 },
    ),
    body: fc.oneof(
      fc.constant(""),
      fc.constantFrom('{"input":"hi","response_format":"wav"}', "5\r\nhello\r\n0\r\n\r\n", "zz\r\nbad chunk\r\n", "0\r\n\r\n", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
      fc.string({ unit: "binary", maxLength: 200 }),
    ),
  })
  .map((r) => Buffer.from(`${r.method} ${r.target} ${r.version}\r\n${r.lines.join("\r\n")}${r.lines.length ? "\r\n" : ""}\r\n${r.body}`, "latin1"));

/**
 * Writes raw bytes, half-closes, and reads until the server closes. Every status line it answered with must be
 * below 500, and the connection must end in time.
 */
function sendRaw(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const parts: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`raw request: the connection was still open after ${REQUEST_TIMEOUT_MS} ms: ${JSON.stringify(bytes.subarray(0, 200).toString("latin1"))}`));
    }, REQUEST_TIMEOUT_MS);
    socket.on("data", (d: Buffer) => parts.push(d));
    socket.on("error", () => undefined); // a reset is an acceptable end; what was read so far is checked
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(Buffer.concat(parts).toString("latin1"));
    });
    socket.end(bytes);
  });
}

// ---------------------------------------------------------------------------------------------------------

async function expectStillServing(): Promise<void> {
  const health = await fetch(`${server.url}/health`);
  expect(health.status).toBe(200);
  expect(((await health.json()) as { status: string }).status).toBe("ready");
  const res = await fetch(`${server.url}/v1/audio/speech`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ model: "tts-1", input: "Still here.", voice: "af_heart", response_format: "wav" }),
  });
  expect(res.status).toBe(200);
  expect(parseWav(Buffer.from(await res.arrayBuffer())).samples.length).toBeGreaterThan(0);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined(); // the server runs in this process
  expect(Object.prototype).not.toHaveProperty("polluted");
}

describe("HTTP fuzz", () => {
  it("answers thousands of random and hostile requests with < 500, in time, without leaking internals", async () => {
    await fc.assert(fc.asyncProperty(request, sendAndCheck), runs(2_000));
    await expectStillServing();
  }, 240_000);

  it("handles batches of them at once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 2, maxLength: 8 }), async (batch) => {
        await Promise.all(batch.map(sendAndCheck));
      }),
      runs(100),
    );
    await expectStillServing();
  }, 240_000);

  it("answers malformed HTTP on a raw socket with < 500 and closes the connection", async () => {
    await fc.assert(
      fc.asyncProperty(rawRequest, async (bytes) => {
        const answer = await sendRaw(bytes);
        for (const m of answer.matchAll(/HTTP\/1\.[01] (\d{3})/g)) {
          expect(Number(m[1]), `${JSON.stringify(bytes.subarray(0, 200).toString("latin1"))} → ${answer.slice(0, 200)}`).toBeLessThan(500);
        }
      }),
      runs(500),
    );
    await expectStillServing();
  }, 240_000);

  it("survives random WebSocket messages: every socket ends, and the server keeps serving", async () => {
    const message = fc.oneof(
      fc.record({ type: fc.constant("start"), voice: fc.constantFrom("af_heart", "zz_nobody", 5), response_format: fc.constantFrom("pcm", "wav", "x"), speed: numberish }, { requiredKeys: ["type"] }).map((m) => JSON.stringify(m)),
      speechText.map((text) => JSON.stringify({ type: "text", text })),
      fc.constantFrom('{"type":"flush"}', '{"type":"end"}', '{"type":"nope"}', "{", "null", "[]", '{"type":"text","text":5}', '{"__proto__":{"polluted":1},"type":"flush"}'),
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "null"),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 8 }), fc.boolean(), async (messages, end) => {
        const ws = new WebSocket(`${server.url.replace("http", "ws")}/v1/audio/speech/ws`, ["bearer", KEY]);
        ws.on("error", () => undefined);
        const closed = new Promise<void>((resolve) => ws.once("close", () => resolve()));
        await new Promise<void>((resolve, reject) => {
          ws.once("open", () => resolve());
          ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
        });
        for (const m of messages) if (ws.readyState === ws.OPEN) ws.send(m);
        if (end && ws.readyState === ws.OPEN) ws.send('{"type":"end"}');
        // After `end` the server must finish and close by itself; otherwise the client leaves mid-session.
        if (!end) setTimeout(() => ws.close(), 20);
        let timeout: NodeJS.Timeout | undefined;
        const hang = new Promise((_resolve, reject) => {
          timeout = setTimeout(() => reject(new Error(`the socket was still open after ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
        });
        try {
          await Promise.race([closed, hang]);
        } finally {
          clearTimeout(timeout);
          ws.terminate();
        }
      }),
      runs(120),
    );
    await expectStillServing();
  }, 240_000);
});
