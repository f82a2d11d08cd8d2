// The playground's languages and speed in headless Chromium against the real server: every voice shows its
// language, a sample sentence follows the voice's language (never over typed text), `lang` is sent only when
// chosen, and `speed` only once the slider moved (so a preset's own speed applies until then).
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSpeech, startTestServer, type TestServer } from "../helpers/test-server.js";
import { HAVE_CHROMIUM, CHROMIUM_PATH, launchChromium } from "./browser.js";
import { loadWebModule, type LanguagesModule } from "./web-modules.js";

describe.skipIf(!HAVE_CHROMIUM)(`the playground's languages and speed in headless Chromium (${CHROMIUM_PATH})`, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  /** Uncaught exceptions in the page. */
  const pageErrors: string[] = [];
  let languages: LanguagesModule;
  const speechRequests: Request[] = [];

  beforeAll(async () => {
    [server, browser, languages] = await Promise.all([
      startTestServer({ voicePresets: { grandpa: { voice: "am_adam", speed: 0.85 } } }),
      launchChromium(),
      loadWebModule<LanguagesModule>("languages.js"),
    ]);
    page = await browser.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("request", (r) => {
      if (r.url().endsWith("/v1/audio/speech")) speechRequests.push(r);
    });
    await page.goto(`${server.url}/`);
    await page.locator('#app[data-state="ready"]').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const voice1 = () => page.getByLabel("voice 1", { exact: true });
  const text = () => page.locator("#text").inputValue();
  /** Plays the current settings to the end and returns the body the page sent. */
  const playAndEnd = async (): Promise<Record<string, unknown>> => {
    const before = speechRequests.length;
    await page.getByRole("button", { name: "▶ Play" }).click();
    await page.locator('#app[data-state="ended"], #app[data-state="error"]').waitFor({ timeout: 20_000 });
    expect(await page.locator("#message").textContent()).toBe("");
    expect(speechRequests.length).toBe(before + 1);
    return speechRequests.at(-1)!.postDataJSON() as Record<string, unknown>;
  };

  it("labels every voice with its language, grouped by language and gender", async () => {
    const options = voice1().locator("option");
    expect(await options.count()).toBe(server.services.voices.names().length + 1); // + the preset
    expect(await voice1().locator('option[value="af_heart"]').textContent()).toBe("af_heart — English (US)");
    expect(await voice1().locator('option[value="ff_siwis"]').textContent()).toBe("ff_siwis — French");
    expect(await voice1().locator('option[value="zm_yunxi"]').textContent()).toBe("zm_yunxi — Mandarin Chinese");
    expect(await voice1().locator('option[value="grandpa"]').textContent()).toBe("grandpa — English (US)");
    expect(await voice1().locator('optgroup[label="Japanese · female"] option').first().getAttribute("value")).toBe("jf_alpha");
    // No option goes without its language.
    const unlabelled = await options.evaluateAll((all) => all.filter((o) => !(o.textContent ?? "").includes(" — ")).length);
    expect(unlabelled).toBe(0);
  });

  it("fills the text box with a sample in the voice's language, but never replaces typed text", async () => {
    expect(await text()).toMatch(/^Kokoro is a small text to speech model/);
    await voice1().selectOption("bf_emma"); // English: the starting text stays
    expect(await text()).toMatch(/^Kokoro is a small text to speech model/);
    await voice1().selectOption("jf_alpha");
    expect(await text()).toBe(languages.SAMPLE_SENTENCES.ja);
    await voice1().selectOption("ff_siwis");
    expect(await text()).toBe(languages.SAMPLE_SENTENCES["fr-fr"]);
    await voice1().selectOption("af_heart"); // a sample is not the user's: back to English
    expect(await text()).toBe(languages.SAMPLE_SENTENCES["en-us"]);

    await page.locator("#text").fill("My own words, 3 of them.");
    await voice1().selectOption("ef_dora");
    expect(await text()).toBe("My own words, 3 of them.");
    await page.locator("#lang").selectOption("it");
    expect(await text()).toBe("My own words, 3 of them.");
    await page.locator("#lang").selectOption("");
    await voice1().selectOption("af_heart");
  });

  it("sends no speed and no lang by default, and each once the user sets it", async () => {
    await page.locator("#text").fill("Four score and seven years ago.");
    expect(await page.locator("#speed-value").textContent()).toBe("1.00×");
    const plain = await playAndEnd();
    expect(plain).toMatchObject({ input: "Four score and seven years ago.", voice: "af_heart" });
    expect(plain).not.toHaveProperty("speed");
    expect(plain).not.toHaveProperty("lang");

    await page.locator("#lang").selectOption("en-gb");
    await page.locator("#speed").focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    expect(await page.locator("#speed-value").textContent()).toBe("1.20×");
    expect(await playAndEnd()).toMatchObject({ voice: "af_heart", lang: "en-gb", speed: 1.2 });

    // Back to the default: no speed sent again.
    await page.getByRole("button", { name: "Back to the default speed" }).click();
    await page.locator("#lang").selectOption("");
    const reset = await playAndEnd();
    expect(reset).not.toHaveProperty("speed");
    expect(reset).not.toHaveProperty("lang");
  });

  it("shows a preset's own speed until the slider moves, and lets the server apply it", async () => {
    await voice1().selectOption("grandpa");
    expect(await page.locator("#speed-value").textContent()).toBe("0.85× (preset)");
    const body = await playAndEnd();
    expect(body).toMatchObject({ voice: "grandpa" });
    expect(body).not.toHaveProperty("speed");
    // What arrived is am_adam at 0.85, not at 1.
    const pcmBytes = async (speed: number) =>
      (await (await postSpeech(server.url, { input: body.input, voice: "am_adam", speed, response_format: "pcm", stream: false })).arrayBuffer()).byteLength;
    const received = Number(await page.locator('[data-metric="bytes"]').getAttribute("data-value"));
    expect(received).toBe(await pcmBytes(0.85));
    expect(received).not.toBe(await pcmBytes(1));

    await page.locator("#speed").focus();
    await page.keyboard.press("ArrowLeft");
    expect(await page.locator("#speed-value").textContent()).toBe("0.95×");
    expect(await playAndEnd()).toMatchObject({ voice: "grandpa", speed: 0.95 });
  });

  it("threw nothing in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});
