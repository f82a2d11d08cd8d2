import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planText } from "../../src/pipeline/front-end.js";
import { expectAudioOfPlan, parseWav, postSpeech, startTestServer, voiceStyle00, type TestServer } from "../helpers/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const TEXT = "It weighs 5 kg; call 555-123-4567.";

async function normalized(body: Record<string, unknown>): Promise<Response> {
  return fetch(`${server.url}/dev/normalize`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

describe("normalization options", () => {
  it("/dev/normalize switches each class on its own", async () => {
    const read = async (normalization?: unknown): Promise<string> => ((await (await normalized({ input: TEXT, normalization })).json()) as { text: string }).text;
    const all = await read();
    expect(all).toMatch(/kilograms/);
    expect(all).toMatch(/five five five/);
    const noUnits = await read({ units: false });
    expect(noUnits).toMatch(/5 kg/);
    expect(noUnits).toMatch(/five five five/);
    const noPhone = await read({ phone_numbers: false });
    expect(noPhone).toMatch(/kilograms/);
    expect(noPhone).toMatch(/555-123-4567/);
    expect(await read({ units: true, phone_numbers: true, urls: false })).toBe(all);
  });

  it("/dev/normalize with urls off leaves a URL as written, slashes and all", async () => {
    const input = "See https://example.com/docs/a_b?x=1&y=2 now.";
    const read = async (normalization?: unknown): Promise<string> => ((await (await normalized({ input, normalization })).json()) as { text: string }).text;
    expect(await read()).toBe("See example dot com slash docs slash a underscore b question mark x equals one and y equals two now.");
    expect(await read({ urls: false })).toBe(input);
  });

  it("/v1/audio/speech speaks what the switches leave, and the default is unchanged", async () => {
    for (const normalization of [undefined, { units: false }, { phone_numbers: false, units: false }]) {
      const res = await postSpeech(server.url, { input: TEXT, voice: "af_heart", response_format: "wav", stream: false, normalization });
      expect(res.status).toBe(200);
      const samples = parseWav(Buffer.from(await res.arrayBuffer())).samples;
      const chunks = await planText(TEXT, server.services.frontEnd, { lang: "en-us", codeBlocks: "skip", ...(normalization ? { normalization } : {}) });
      expectAudioOfPlan(samples, chunks, 1, (n) => voiceStyle00("af_heart", n));
    }
    const on = await planText(TEXT, server.services.frontEnd, { lang: "en-us", codeBlocks: "skip" });
    const off = await planText(TEXT, server.services.frontEnd, { lang: "en-us", codeBlocks: "skip", normalization: { units: false } });
    expect(off.map((c) => c.ids.join(" "))).not.toEqual(on.map((c) => c.ids.join(" ")));
  });

  it("refuses an unknown class or a non-boolean with a 400 naming it", async () => {
    for (const [normalization, message] of [
      [{ numbers: false }, /normalization has no 'numbers'; use urls, emails/],
      [{ units: "no" }, /normalization.units must be true or false/],
      ["off", /normalization must be an object/],
    ] as const) {
      const res = await postSpeech(server.url, { input: TEXT, normalization });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { message: string; param: string } };
      expect(body.error.message).toMatch(message);
      expect(body.error.param).toBe("normalization");
      expect((await normalized({ input: TEXT, normalization })).status).toBe(400);
    }
  });
});
