import { afterEach, describe, expect, it } from "vitest";
import type { LanguageLoadState } from "../../src/g2p/background-languages.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

async function languages(url: string): Promise<LanguageLoadState | undefined> {
  const body = (await (await fetch(`${url}/status`)).json()) as { g2p?: { languages?: LanguageLoadState } };
  return body.g2p?.languages;
}

describe("languages loaded in the background after start-up (/status g2p.languages)", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("loads the listed languages once ready, and /status says which are loaded", async () => {
    server = await startTestServer({ preloadLanguages: ["zh", "es"] });
    let state = await languages(server.url);
    for (let i = 0; i < 600 && (state === undefined || state.loading !== null || state.queued.length > 0); i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = await languages(server.url);
    }
    expect(state?.loading).toBeNull();
    expect(state?.queued).toEqual([]);
    // es needs the system espeak-ng: without it, it is listed as unavailable instead (and skipped quietly).
    expect([...(state?.loaded ?? []), ...(state?.unavailable ?? [])].sort()).toEqual(["en-us", "es", "zh"]);
    expect(state?.loaded).toContain("zh");
  }, 120_000);

  it("loads nothing more with lazy: only the default voice's English is loaded, British English on first use", async () => {
    server = await startTestServer({ preloadLanguages: "lazy" });
    await fetch(`${server.url}/dev/phonemize`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ input: "Hi." }) });
    expect(await languages(server.url)).toEqual({ loaded: ["en-us"], loading: null, queued: [], unavailable: [] });
    const british = await fetch(`${server.url}/dev/phonemize`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ input: "Hi.", lang: "en-gb" }) });
    expect(british.status).toBe(200);
    expect((await languages(server.url))?.loaded).toEqual(["en-us", "en-gb"]);
  }, 120_000);
});
