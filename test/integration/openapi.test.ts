import { mkdtempSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { RouteOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIO_FORMATS } from "../../src/audio/encoders/index.js";
import { loadConfig } from "../../src/config/load.js";
import { SUPPORTED_FORMATS } from "../../src/pipeline/request.js";
import { createSpeechServer } from "../../src/server/speech-server.js";
import { createLogger } from "../../src/telemetry/logger.js";
import { FIXTURE_MODEL, MISAKI_DIR, VOICES_DIR } from "../helpers/paths.js";

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}
interface Operation {
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}
interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  $ref?: string;
}
interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

const KEY = "sk-openapi-test-key";

/** A real server (HTTP, security, every route plugin); its runtime is not started: the documents need no model. */
async function listening(flags: Record<string, unknown> = {}) {
  const { config } = loadConfig({
    env: { XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), "kokoro-openapi-cfg-")) },
    flags: { model: FIXTURE_MODEL, voices: VOICES_DIR, lexicons: MISAKI_DIR, logLevel: "silent", autoDownload: false, ...flags },
  });
  const server = createSpeechServer(config, createLogger("silent"));
  // Every route the app registers, as Fastify adds it (the route plugins load at listen).
  const routes: RouteOptions[] = [];
  server.app.addHook("onRoute", (route) => void routes.push(route));
  const url = await server.app.listen({ host: "127.0.0.1", port: 0 });
  return { url, routes, close: () => server.close() };
}

let plain: Awaited<ReturnType<typeof listening>>;
let keyed: Awaited<ReturnType<typeof listening>>;
let doc: OpenApiDocument;

beforeAll(async () => {
  [plain, keyed] = await Promise.all([listening(), listening({ apiKeys: [KEY] })]);
  const res = await fetch(`${plain.url}/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as OpenApiDocument;
});
afterAll(async () => {
  await Promise.all([plain?.close(), keyed?.close()]);
});

const resolve = (schema: JsonSchema): JsonSchema => (schema.$ref ? doc.components.schemas[schema.$ref.split("/").pop()!]! : schema);

/** A request with any Host header (fetch does not let a test set one). */
function rawGet(base: string, url: string, host: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((done, fail) => {
    const req = http.request({ host: hostname, port, path: url, headers: { host, connection: "close" }, agent: false }, (res) => {
      res.resume();
      res.on("end", () => done(res.statusCode ?? 0));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3 document that lists every route the server registered, with its methods", () => {
    expect(doc.openapi).toMatch(/^3\./);
    // HEAD twins, the docs' own routes and the playground's static files are left out on purpose (schema.hide).
    const api = plain.routes.filter((r) => r.schema?.hide !== true || r.url === "/v1/audio/speech/ws");
    const methods = api.flatMap((r) => [r.method].flat().filter((m) => m !== "HEAD").map((m) => [r.url, m] as const));
    expect(methods.length).toBeGreaterThanOrEqual(13);
    for (const [url, method] of methods) {
      const documented = url.replace(/:(\w+)/g, "{$1}");
      expect(doc.paths[documented], url).toBeDefined();
      expect(Object.keys(doc.paths[documented]!), url).toContain(method.toLowerCase());
    }
    for (const url of ["/v1/audio/speech", "/v1/audio/speech/ws", "/v1/models", "/v1/audio/voices", "/health", "/dev/phonemize"]) {
      expect(doc.paths[url], url).toBeDefined();
    }
  });

  it("gives the speech body's schema: input required, voice, response_format as the formats the server supports", () => {
    const body = doc.paths["/v1/audio/speech"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(body.required).toEqual(["input"]);
    expect(body.properties!.input!.type).toBe("string");
    expect(body.properties!.voice).toBeDefined();
    expect(body.properties!.response_format!.enum).toEqual([...SUPPORTED_FORMATS, "srt", "vtt"]);
    expect([...SUPPORTED_FORMATS].sort()).toEqual([...AUDIO_FORMATS].sort());
    expect(body.properties!.stream_format!.enum).toEqual(["audio", "sse"]);
  });

  it("lists a content type per audio format, server-sent events, and the error shape", () => {
    const responses = doc.paths["/v1/audio/speech"]!.post!.responses;
    const types = Object.keys(responses["200"]!.content!);
    expect(types).toEqual(expect.arrayContaining(["audio/mpeg", "audio/wav", "audio/pcm", "audio/flac", "audio/aac", "text/event-stream"]));
    expect(types.some((t) => t.startsWith("audio/ogg"))).toBe(true);
    const error = resolve(responses["4XX"]!.content!["application/json"]!.schema);
    expect(error.required).toEqual(["error"]);
    expect(Object.keys(error.properties!.error!.properties!).sort()).toEqual(["code", "message", "param", "type"]);
  });
});

describe("a body the schema refuses", () => {
  const post = (url: string, body: string): Promise<Response> =>
    fetch(`${plain.url}${url}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });

  it.each([
    ["/v1/audio/speech", "[1,2,3]", null, "invalid_json", /request body must be a JSON object/],
    ["/v1/audio/speech", '{"voice":"af_heart"}', "input", "invalid_value", /input is required/],
    ["/v1/audio/speech", '{"input":"hi","response_format":"ogg"}', "response_format", "unsupported_format", /unsupported response_format 'ogg'/],
    ["/v1/audio/speech", '{"input":"hi","stream_format":"ws"}', "stream_format", "unsupported_format", /unsupported stream_format 'ws'/],
    ["/v1/audio/speech", '{"input":"hi","speed":9}', "speed", "invalid_value", /speed must be between 0.25 and 4, got 9/],
    ["/dev/normalize", "{}", "input", "invalid_value", /input is required/],
    ["/dev/phonemize", '{"input":3}', "input", "invalid_value", /input must be a string/],
  ])("%s %s: an OpenAI-shaped 400 before the route runs (the model is not even loaded)", async (url, body, param, code, message) => {
    const res = await post(url, body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error).toMatchObject({ type: "invalid_request_error", param, code });
    expect(error.message).toMatch(message);
  });

  it("a valid body reaches the route (here its 503: the runtime was not started)", async () => {
    const res = await post("/v1/audio/speech", '{"input":"hi"}');
    expect(res.status).toBe(503);
  });
});

describe("GET /docs", () => {
  it("answers Swagger UI's HTML, whose scripts are served by this server, with no call out to the web", async () => {
    const res = await fetch(`${plain.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toMatch(/swagger-ui/i);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).not.toMatch(/upgrade-insecure-requests|validator\.swagger\.io/);
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src, src).not.toMatch(/^https?:/);
      const script = await fetch(new URL(src, `${plain.url}/docs/`));
      expect(script.status, src).toBe(200);
    }
  });
});

describe("security", () => {
  it("with API keys the documents stay open (they hold no secret), while the API asks for the key", async () => {
    expect((await fetch(`${keyed.url}/openapi.json`)).status).toBe(200);
    expect((await fetch(`${keyed.url}/docs`)).status).toBe(200);
    expect((await fetch(`${keyed.url}/v1/models`)).status).toBe(401);
  });

  it("the Host check covers them like every route (DNS rebinding)", async () => {
    const port = new URL(plain.url).port;
    expect(await rawGet(plain.url, "/openapi.json", `rebound.example:${port}`)).toBe(403);
    expect(await rawGet(plain.url, "/docs", `rebound.example:${port}`)).toBe(403);
    expect(await rawGet(plain.url, "/openapi.json", `localhost:${port}`)).toBe(200);
  });
});
