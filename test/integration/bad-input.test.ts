import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ maxInputChars: 200, bodyLimitBytes: 4096 });
});
afterAll(async () => {
  await server?.close();
});

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

async function send(body: string, contentType = "application/json"): Promise<Response> {
  return fetch(`${server.url}/v1/audio/speech`, { method: "POST", headers: { "Content-Type": contentType }, body });
}

const json = (value: unknown): string => JSON.stringify(value);

describe("bad input gets a clear 4xx before any synthesis, and the server keeps serving", () => {
  it.each([
    ["empty input", json({ input: "", voice: "af_heart" }), 400, /input is empty/],
    ["whitespace input", json({ input: " \n\t ", voice: "af_heart" }), 400, /input is empty/],
    ["missing input", json({ voice: "af_heart" }), 400, /input is required/],
    ["over-long input", json({ input: "a".repeat(201) }), 400, /201 characters; the limit is 200/],
    ["unknown voice", json({ input: "hi", voice: "zz_nobody" }), 400, /unknown voice 'zz_nobody'.*af_heart/],
    ["path-like voice", json({ input: "hi", voice: "../../etc/passwd" }), 400, /unknown voice/],
    ["malformed blend", json({ input: "hi", voice: "af_bella(2+af_sky" }), 400, /blend/],
    ["zero-weight blend", json({ input: "hi", voice: "af_bella(0)+af_sky" }), 400, /blend|weight/],
    ["speed 0", json({ input: "hi", speed: 0 }), 400, /speed must be between 0.25 and 4/],
    ["speed 5", json({ input: "hi", speed: 5 }), 400, /speed must be between 0.25 and 4/],
    ["speed NaN (not JSON)", '{"input":"hi","speed":NaN}', 400, /not valid JSON/],
    ["speed as a string", json({ input: "hi", speed: "fast" }), 400, /speed must be a number/],
    ["unknown format", json({ input: "hi", response_format: "ogg" }), 400, /unsupported response_format 'ogg'/],
    ["unknown model", json({ input: "hi", model: "dall-e-3" }), 400, /unknown model/],
    ["invalid JSON", '{"input": "hi"', 400, /not valid JSON/],
    ["a JSON array", "[1,2,3]", 400, /JSON object/],
    ["nothing speakable", json({ input: "🙂🙂" }), 400, /nothing to speak/],
  ])("%s", async (_name, body, status, message) => {
    const before = server.services.engine.callCount;
    const res = await send(body);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const err = (await res.json()) as ErrorBody;
    expect(err.error.message).toMatch(message);
    expect(err.error.type).toBe("invalid_request_error");
    expect(err.error.message).not.toMatch(/\/work\/|node_modules|at .*\.js/);
    expect(server.services.engine.callCount).toBe(before);
  });

  it("wrong content type is 415", async () => {
    const res = await send("input=hi", "application/x-www-form-urlencoded");
    expect(res.status).toBe(415);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/application\/json/);
    const plain = await send(json({ input: "hi" }), "text/plain");
    expect(plain.status).toBe(415);
  });

  it("a huge body is 413", async () => {
    const res = await send(json({ input: "a".repeat(10_000) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe("body_too_large");
  });

  it("an unknown route is a JSON 404", async () => {
    const res = await fetch(`${server.url}/v1/nope`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/no route/);
  });

  it("still answers a good request after all of that", async () => {
    const res = await postSpeech(server.url, { input: "Still here.", response_format: "wav" });
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(44);
  });
});
