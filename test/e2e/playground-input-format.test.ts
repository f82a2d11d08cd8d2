// The playground's Input selector: the request it sends carries input_format, and SSML plays to the end.
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/test-server.js";
import { HAVE_CHROMIUM, CHROMIUM_PATH, launchChromium } from "./browser.js";

describe.skipIf(!HAVE_CHROMIUM)(`the playground's input selector in headless Chromium (${CHROMIUM_PATH})`, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const speechRequests: Request[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    page = await browser.newPage();
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

  const playAndEnd = async (): Promise<Record<string, unknown>> => {
    await page.getByRole("button", { name: "▶ Play" }).click();
    await page.locator('#app[data-state="ended"], #app[data-state="error"]').waitFor({ timeout: 20_000 });
    expect(await page.locator("#app").getAttribute("data-state")).toBe("ended");
    return speechRequests.at(-1)!.postDataJSON() as Record<string, unknown>;
  };

  it("sends no input_format for text, and input_format ssml when SSML is picked; both play to the end", async () => {
    await page.locator("#text").fill("Hello [pause:300ms] there.");
    expect(await playAndEnd()).not.toHaveProperty("input_format");
    await page.getByLabel("Input").selectOption("ssml");
    await page.locator("#text").fill('<speak>Hello <break time="300ms"/> <voice name="am_adam">there.</voice></speak>');
    expect(await playAndEnd()).toMatchObject({ input_format: "ssml", input: expect.stringContaining("<speak>") });
  });
});
