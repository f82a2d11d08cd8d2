// The playground's dialogue mode in headless Chromium against the real server: turns are added and removed,
// a two-turn dialogue streams from POST /v1/audio/dialogue and plays to the end with every byte, a turn
// without text is named before anything is sent, and the server's errors show like any other.
import { readFileSync } from "node:fs";
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWav, startTestServer, type TestServer } from "../helpers/test-server.js";
import { HAVE_CHROMIUM, CHROMIUM_PATH, launchChromium } from "./browser.js";

const TURNS = [
  { voice: "af_heart", text: "Did you bring the map?" },
  { voice: "bm_george", text: "I thought you had it." },
];

describe.skipIf(!HAVE_CHROMIUM)(`the playground's dialogue mode in headless Chromium (${CHROMIUM_PATH})`, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  /** Uncaught exceptions in the page. */
  const pageErrors: string[] = [];
  const dialogueRequests: Request[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    page = await browser.newPage({ acceptDownloads: true });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("request", (r) => {
      if (r.url().endsWith("/v1/audio/dialogue")) dialogueRequests.push(r);
    });
    await page.goto(`${server.url}/`);
    await page.locator('#app[data-state="ready"]').waitFor();
    await page.getByRole("radio", { name: "Dialogue" }).check();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const turnCount = () => page.locator("#turns .turn").count();
  const metric = async (name: string) => Number(await page.locator(`[data-metric="${name}"]`).getAttribute("data-value"));
  /** The dialogue as one raw s16le file, straight from the server. */
  const wholePcm = async (): Promise<Buffer> => {
    const res = await fetch(`${server.url}/v1/audio/dialogue`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ turns: TURNS, pause_ms: 300, response_format: "pcm", stream: false }),
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  it("shows the turns instead of the text box and voice picker, and adds and removes turns", async () => {
    expect(await page.locator("#dialogue-panel").isVisible()).toBe(true);
    expect(await page.locator("#speech-panel").isVisible()).toBe(false);
    expect(await page.locator("#voice-picker").isVisible()).toBe(false);
    expect(await turnCount()).toBe(2);
    expect(await page.getByLabel("voice of turn 1").inputValue()).toBe("af_heart");
    expect(await page.getByLabel("voice of turn 2").inputValue()).toBe("am_adam");

    await page.getByRole("button", { name: "+ Add a turn" }).click();
    expect(await turnCount()).toBe(3);
    expect(await page.getByLabel("voice of turn 3").inputValue()).toBe("af_heart"); // speakers alternate
    await page.getByLabel("remove turn 1").click();
    expect(await turnCount()).toBe(2);
    // Labels follow the order: the old turn 2 is turn 1 now.
    expect(await page.getByLabel("voice of turn 1").inputValue()).toBe("am_adam");
    await page.getByLabel("remove turn 2").click();
    expect(await turnCount()).toBe(1);
    expect(await page.getByLabel("remove turn 1").isHidden()).toBe(true); // the last turn stays
    await page.getByRole("button", { name: "+ Add a turn" }).click();
  });

  it("names a turn without text instead of sending it", async () => {
    await page.getByLabel("text of turn 2").fill("   ");
    await page.getByRole("button", { name: "▶ Play" }).click();
    expect(await page.locator("#message").textContent()).toBe("Turn 2 has no text.");
    expect(await page.locator("#message").getAttribute("data-kind")).toBe("error");
    expect(dialogueRequests).toHaveLength(0);
  });

  it("plays two turns streamed from /v1/audio/dialogue, every byte of them", async () => {
    for (const [i, turn] of TURNS.entries()) {
      await page.getByLabel(`voice of turn ${i + 1}`).selectOption(turn.voice);
      await page.getByLabel(`text of turn ${i + 1}`).fill(turn.text);
    }
    await page.getByLabel("Pause between turns (ms)").fill("300");
    await page.getByRole("button", { name: "▶ Play" }).click();
    await page.locator('#app[data-state="ended"], #app[data-state="error"]').waitFor({ timeout: 20_000 });
    expect(await page.locator("#app").getAttribute("data-state")).toBe("ended");

    const body = dialogueRequests.at(-1)!.postDataJSON() as Record<string, unknown>;
    expect(body).toEqual({ model: "kokoro", turns: TURNS, pause_ms: 300, response_format: "pcm", stream_format: "sse" });
    // The same dialogue as one file has exactly the bytes the page received.
    const whole = (await wholePcm()).length;
    expect(whole).toBeGreaterThan(0.3 * 24_000 * 2); // at least the pause
    expect(await metric("bytes")).toBe(whole);
    // The reader shows both turns, one per line, and the highlight reached the last word.
    expect(await page.locator("#reader").textContent()).toBe(TURNS.map((t) => t.text).join("\n"));
    const words = Number(await page.locator("#reader").getAttribute("data-words"));
    expect(Number(await page.locator("#reader").getAttribute("data-current"))).toBe(words - 1);
  });

  it("downloads the dialogue as a WAV of exactly those samples", async () => {
    await page.locator("#format").selectOption("wav");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "⤓ Download" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^kokoro-dialogue-\d{8}-\d{6}\.wav$/);
    const file = await download.path();
    const wav = parseWav(readFileSync(file));
    const pcm = await wholePcm();
    expect(Buffer.from(wav.samples.buffer)).toEqual(pcm);
    const body = dialogueRequests.at(-1)!.postDataJSON() as Record<string, unknown>;
    expect(body).toEqual({ model: "kokoro", turns: TURNS, pause_ms: 300, response_format: "wav", stream: false });
  });

  it("shows the server's error like any other", async () => {
    await page.route("**/v1/audio/dialogue", (route) =>
      route.fulfill({ status: 400, contentType: "application/json", body: JSON.stringify({ error: { message: "turn 1: unknown voice 'xx_nobody'" } }) }),
    );
    await page.getByRole("button", { name: "▶ Play" }).click();
    await page.locator('#app[data-state="error"]').waitFor();
    expect(await page.locator("#message").textContent()).toBe("turn 1: unknown voice 'xx_nobody'");
    await page.unroute("**/v1/audio/dialogue");
  });

  it("threw nothing in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});
