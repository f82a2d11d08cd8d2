// The playground end to end: the real server (fixture model, real voices) and the page in headless Chromium.
// Type text, pick a blend and a speed, play, watch audio start and the highlight follow the server's word
// timings to the last word, stop, and download files that decode to exactly the requested speech.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAudioOfPlan, parseWav, plannedChunks, postSpeech, startTestServer, voiceStyle00, type TestServer } from "../helpers/test-server.js";
import { FIXTURE_MODEL_HEAVY } from "../helpers/paths.js";
import { HAVE_CHROMIUM, CHROMIUM_PATH, launchChromium } from "./browser.js";

const exec = promisify(execFile);

const TEXT = "The quick brown fox jumps over the lazy dog, then naps in the warm sun.";
const VOICE = "af_bella(2)+af_sky(1)";
const blendStyle = (n: number): number => (2 * voiceStyle00("af_bella", n) + voiceStyle00("af_sky", n)) / 3;
const API_KEY = "sk-playground-test";
const SPEED = 1.5; // the range input's step is 0.05: ten presses of the right arrow from 1
const sentences = (n: number): string => Array.from({ length: n }, (_, i) => `Sentence number ${i + 1} keeps the player busy for a while.`).join(" ");
/** About 9,000 characters: minutes of speech. */
const LONG_TEXT = sentences(150);
/** Several model calls, seconds of inference on the heavy fixture. */
const SHORTER_LONG_TEXT = sentences(30);

/** What the page shows at one moment, read in one go (one animation frame writes all of it). */
interface Snapshot {
  state: string;
  current: number;
  words: number;
  played: number;
  received: number;
  bytes: number;
  ttfa: number | null;
}

const SNAPSHOT = `(() => {
  const num = (m) => { const v = document.querySelector('[data-metric="' + m + '"]').dataset.value; return v === "" || v === undefined ? null : Number(v); };
  const reader = document.getElementById("reader");
  return {
    state: document.getElementById("app").dataset.state,
    current: Number(reader.dataset.current),
    words: Number(reader.dataset.words ?? 0),
    played: num("played"), received: num("received"), bytes: num("bytes"), ttfa: num("ttfa"),
  };
})()`;

const snapshot = (page: Page): Promise<Snapshot> => page.evaluate<Snapshot>(SNAPSHOT);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the page until `done` holds (or `timeoutMs` passes), keeping every snapshot seen. */
async function watch(page: Page, done: (s: Snapshot) => boolean, timeoutMs = 20_000): Promise<Snapshot[]> {
  const seen: Snapshot[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await snapshot(page);
    seen.push(s);
    if (done(s)) return seen;
    if (Date.now() > until) throw new Error(`timed out; last state ${JSON.stringify(s)}`);
    await sleep(20);
  }
}

/** Resolves once the server's inference workers have nothing running or queued. */
async function idle(server: TestServer, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { busy, queued } = server.services.engine.stats();
    if (busy + queued === 0) return;
    if (Date.now() > until) throw new Error(`inference still busy after ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** The server's word timings for a request, read from its own SSE stream (independently of the page). */
async function serverWordTimings(url: string, body: Record<string, unknown>): Promise<{ word: string; start: number; end: number }[]> {
  const res = await postSpeech(url, { ...body, response_format: "pcm", stream_format: "sse" });
  const events = (await res.text())
    .split("\n\n")
    .filter((e) => e.startsWith("data: "))
    .map((e) => JSON.parse(e.slice(6)) as { type: string; words?: { word: string; start: number; end: number }[] });
  return events.flatMap((e) => (e.type === "speech.audio.words" ? (e.words ?? []) : []));
}

/** A fresh playground page, once its voices are loaded. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.locator('#app[data-state="ready"]').waitFor();
}

/** A fresh page set up as a user would: TEXT, the blend VOICE (picked row by row), speed 1.5. */
async function openWithSettings(page: Page, url: string): Promise<void> {
  await open(page, url);
  await page.locator("#text").fill(TEXT);
  await chooseVoices(page);
  await setSpeed(page);
}

async function chooseVoices(page: Page): Promise<void> {
  await page.getByLabel("voice 1", { exact: true }).selectOption("af_bella");
  await page.getByRole("button", { name: "+ Blend another voice" }).click();
  await page.getByLabel("voice 2", { exact: true }).selectOption("af_sky");
  await page.getByLabel("weight of voice 1").fill("2");
  await page.getByLabel("weight of voice 2").fill("1");
}

async function setSpeed(page: Page): Promise<void> {
  await page.locator("#speed").focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
}

async function downloadAs(page: Page, format: string, dir: string): Promise<{ name: string; bytes: Buffer }> {
  await page.locator("#format").selectOption(format);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "⤓ Download" }).click()]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), bytes: readFileSync(file) };
}

describe.skipIf(!HAVE_CHROMIUM)(`the web playground in headless Chromium (${CHROMIUM_PATH}; skipped where it is not installed)`, () => {
  let server: TestServer;
  let heavy: TestServer;
  /** A server that wants an API key. */
  let guarded: TestServer;
  let browser: Browser;
  let page: Page;
  let downloads: string;
  const speechRequests: Request[] = [];

  beforeAll(async () => {
    [server, heavy, guarded, browser] = await Promise.all([
      startTestServer(),
      startTestServer({ model: FIXTURE_MODEL_HEAVY }),
      startTestServer({ apiKeys: [API_KEY] }),
      launchChromium(),
    ]);
    downloads = mkdtempSync(path.join(os.tmpdir(), "kokoro-playground-"));
    page = await browser.newPage({ acceptDownloads: true });
    page.on("request", (r) => {
      if (r.url().endsWith("/v1/audio/speech")) speechRequests.push(r);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await guarded?.close();
    // Closing while a worker is inside session.run() would take the process down: let it finish first.
    if (heavy) await idle(heavy).finally(() => heavy.close());
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it("is served at / and offers the server's voices", async () => {
    const res = await page.goto(`${server.url}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["content-security-policy"]).toContain("default-src 'self'");
    await page.locator('#app[data-state="ready"]').waitFor();
    const options = await page.getByLabel("voice 1", { exact: true }).locator("option").evaluateAll((all) => all.map((o) => o.getAttribute("value")));
    expect(options).toContain("af_heart");
    expect(options).toContain("bm_george");
    expect(options.length).toBe(server.services.voices.names().length);
    expect(await page.locator("#voice-spec").textContent()).toBe("af_heart");
  });

  it("plays while streaming: audio starts, the highlight follows the word timings to the last word", async () => {
    await openWithSettings(page, server.url);
    expect(await page.locator("#voice-spec").textContent()).toBe(VOICE);
    // A third voice can be added to the blend and taken out again.
    await page.getByRole("button", { name: "+ Blend another voice" }).click();
    expect(await page.locator("#voice-spec").textContent()).toMatch(/^af_bella\(2\)\+af_sky\(1\)\+\w+\(1\)$/);
    await page.getByLabel("remove voice 3").click();
    expect(await page.locator("#voice-spec").textContent()).toBe(VOICE);
    expect(await page.locator("#speed-value").textContent()).toBe("1.50×");

    await page.getByRole("button", { name: "▶ Play" }).click();
    const seen = await watch(page, (s) => s.state === "ended" || s.state === "error");
    const last = seen.at(-1)!;
    expect(last.state).toBe("ended");

    // The request the page made: pcm over SSE with the blend and speed chosen in the UI.
    const body = speechRequests.at(-1)!.postDataJSON() as Record<string, unknown>;
    expect(body).toMatchObject({ input: TEXT, voice: VOICE, speed: SPEED, response_format: "pcm", stream_format: "sse" });

    // Every byte of the speech arrived: the same s16le the server writes as a whole file.
    const whole = Buffer.from(await (await postSpeech(server.url, { input: TEXT, voice: VOICE, speed: SPEED, response_format: "pcm", stream: false })).arrayBuffer());
    expect(last.bytes).toBe(whole.length);
    expect(last.received).toBeCloseTo(whole.length / 2 / 24_000, 3);

    // Audio started (a time to first audio was shown) and the played position advanced while playing.
    const playing = seen.filter((s) => s.state === "playing");
    expect(playing.some((s) => s.ttfa !== null && s.ttfa > 0)).toBe(true);
    const played = playing.map((s) => s.played);
    expect(new Set(played).size).toBeGreaterThan(5);
    expect(played).toEqual([...played].sort((a, b) => a - b));
    expect(last.played).toBeCloseTo(last.received, 3);

    // The highlight moved forward through the text, word by word, and ended on the last word.
    const timings = await serverWordTimings(server.url, body);
    const written = TEXT.split(/\s+/);
    expect(timings.map((w) => w.word.toLowerCase())).toEqual(written.map((w) => w.replace(/[^a-z]/gi, "").toLowerCase()));
    expect(last.words).toBe(written.length);
    const highlighted = playing.map((s) => s.current).filter((i) => i >= 0);
    expect(highlighted).toEqual([...highlighted].sort((a, b) => a - b));
    expect(new Set(highlighted).size).toBeGreaterThanOrEqual(5);
    expect(last.current).toBe(written.length - 1);
    // ...and at every moment seen, the highlighted word is the one the server's timings put at the position shown.
    for (const s of playing) {
      const nearBoundary = timings.some((w) => Math.abs(w.start - s.played) <= 0.002);
      if (nearBoundary) continue;
      const expected = timings.findLastIndex((w) => w.start <= s.played);
      expect(s.current, `at ${s.played} s`).toBe(expected);
    }
  });

  it("stops: playback halts at once, and reading ahead of the listener is bounded", async () => {
    await open(page, server.url);
    await page.locator("#text").fill(LONG_TEXT);
    await page.getByRole("button", { name: "▶ Play" }).click();
    const seen = await watch(page, (s) => s.state === "playing" && s.played > 0.5);
    // Minutes of speech, but the page decodes only ~10 s (plus one model call's audio) ahead of what was heard.
    for (const s of seen) expect(s.received - s.played).toBeLessThan(25);
    await page.getByRole("button", { name: "■ Stop" }).click();

    const stopped = await snapshot(page);
    expect(stopped.state).toBe("stopped");
    expect(await page.getByRole("button", { name: "■ Stop" }).isDisabled()).toBe(true);
    await sleep(300);
    expect(await snapshot(page)).toEqual(stopped); // nothing moves any more

    // Playing again starts over from the first word.
    await page.locator("#text").fill(TEXT);
    await page.getByRole("button", { name: "▶ Play" }).click();
    const again = await watch(page, (s) => s.state === "playing" && s.current >= 0);
    expect(again.at(-1)!.current).toBeLessThanOrEqual(1);
    await page.getByRole("button", { name: "■ Stop" }).click();
  });

  it("stops: the request is cancelled mid-stream and the server drops the rest of the text", async () => {
    // The heavy fixture computes at about real time, so the stream is still open when Stop is clicked.
    const tab = await browser.newPage();
    try {
      const failed = new Promise<Request>((resolve) => tab.once("requestfailed", resolve));
      await open(tab, heavy.url);
      await tab.locator("#text").fill(SHORTER_LONG_TEXT);
      const planned = (await plannedChunks(heavy.services.frontEnd, SHORTER_LONG_TEXT)).length;
      const before = heavy.services.engine.stats();
      await tab.getByRole("button", { name: "▶ Play" }).click();
      await watch(tab, (s) => s.state === "playing" && s.played > 0);
      await tab.getByRole("button", { name: "■ Stop" }).click();
      expect((await snapshot(tab)).state).toBe("stopped");

      const request = await failed;
      expect(request.url()).toBe(`${heavy.url}/v1/audio/speech`);
      expect(request.failure()?.errorText).toContain("ABORTED");
      await idle(heavy);
      expect(heavy.services.engine.stats().started - before.started).toBeLessThan(planned);
    } finally {
      await tab.close();
    }
  });

  it("downloads a WAV that is exactly the requested speech (text, blend, speed)", async () => {
    await openWithSettings(page, server.url);
    const { name, bytes } = await downloadAs(page, "wav", downloads);
    expect(name).toMatch(/^kokoro-af_bella-2-af_sky-1-\d{8}-\d{6}\.wav$/);
    const wav = parseWav(bytes);
    expect(wav.streamed).toBe(false);
    expect([wav.sampleRate, wav.channels, wav.bitsPerSample]).toEqual([24_000, 1, 16]);
    expectAudioOfPlan(wav.samples, await plannedChunks(server.services.frontEnd, TEXT), SPEED, blendStyle);
    expect(await page.locator('#app[data-download="done"]').count()).toBe(1);
  });

  it.each([
    ["mp3", "mp3"],
    ["opus", "opus"],
  ])("downloads %s that ffmpeg decodes to the same length", async (format, codec) => {
    await openWithSettings(page, server.url);
    const { name, bytes } = await downloadAs(page, format, downloads);
    expect(name.endsWith(`.${format}`)).toBe(true);
    const file = path.join(downloads, name);
    const { stdout } = await exec("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name:format=duration", "-of", "json", file]);
    const info = JSON.parse(stdout) as { streams: { codec_name: string }[]; format: { duration: string } };
    expect(info.streams[0]!.codec_name).toBe(codec);
    const reference = await postSpeech(server.url, { input: TEXT, voice: VOICE, speed: SPEED, response_format: "pcm", stream: false });
    const seconds = (await reference.arrayBuffer()).byteLength / 2 / 24_000;
    expect(Math.abs(Number(info.format.duration) - seconds)).toBeLessThan(0.1);
    expect(bytes.length).toBeGreaterThan(0);
  });

  it("stays open on a server with API keys, and sends the key it keeps as a bearer token", async () => {
    const key = API_KEY;
    const tab = await browser.newPage({ acceptDownloads: true });
    try {
      // The page loads without a key; the API refuses it until one is given.
      const res = await tab.goto(`${guarded.url}/`);
      expect(res?.status()).toBe(200);
      await expect.poll(() => tab.locator("#message").textContent()).toContain("API key");
      expect(await tab.locator("#app").getAttribute("data-state")).toBe("loading");

      await tab.locator("summary", { hasText: "API key" }).click();
      await tab.locator("#api-key").fill(key);
      await tab.locator("#api-key").press("Enter");
      await tab.locator('#app[data-state="ready"]').waitFor();

      // Kept across a reload, and sent with speech requests.
      await open(tab, guarded.url);
      expect(await tab.locator("#api-key").inputValue()).toBe(key);
      const [request] = await Promise.all([tab.waitForRequest("**/v1/audio/speech"), tab.getByRole("button", { name: "⤓ Download" }).click()]);
      expect(request.headers()["authorization"]).toBe(`Bearer ${key}`);
      await tab.locator('#app[data-download="done"]').waitFor();
    } finally {
      await tab.close();
    }
  });
});
