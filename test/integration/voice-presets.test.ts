import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadVoices, type ResolvedVoice, type VoiceStore } from "../../src/engine/voices/index.js";
import { cleanEnv, runCli } from "../helpers/run-cli.js";
import { VOICES_DIR } from "../helpers/paths.js";
import { expectAudioOfPlan, parseWav, plannedChunks, postSpeech, startTestServer, voiceStyle00, type TestServer } from "../helpers/test-server.js";

const TEXT = "Hello there, old friend.";
const PRESETS = { narrator: "af_bella(2)+af_sky", grandpa: { voice: "am_adam", speed: 0.85 }, mine: "af_narrator" };

let server: TestServer;
let store: VoiceStore;
let customDir: string;
let readerHint: string;
const LANGUAGES = { reader: "en-gb" } as const;

function voice(spec: string): ResolvedVoice {
  const r = store.resolve(spec);
  if (!r.ok) throw new Error(r.message);
  return r.voice;
}

beforeAll(async () => {
  customDir = mkdtempSync(path.join(os.tmpdir(), "kokoro-custom-voices-"));
  const cli = await runCli(["voices", "blend", "af_bella(2)+af_sky", "--out", path.join(customDir, "af_narrator.bin"), "--voices", VOICES_DIR], cleanEnv());
  if (cli.code !== 0) throw new Error(`voices blend failed: ${cli.stderr}`);
  // A custom voice with a plain name: its language from customVoiceLanguages (a British voice speaking en-gb).
  const reader = await runCli(["voices", "blend", "bf_emma", "--out", path.join(customDir, "reader.bin"), "--voices", VOICES_DIR], cleanEnv());
  if (reader.code !== 0) throw new Error(`voices blend failed: ${reader.stderr}`);
  readerHint = reader.stdout;
  store = await loadVoices(VOICES_DIR, { customVoices: customDir, customVoiceLanguages: LANGUAGES, presets: PRESETS });
  server = await startTestServer({ customVoices: customDir, customVoiceLanguages: LANGUAGES, voicePresets: PRESETS });
});
afterAll(async () => {
  await server?.close();
});

async function speak(body: Record<string, unknown>): Promise<Int16Array> {
  const res = await postSpeech(server.url, { input: TEXT, response_format: "wav", stream: false, ...body });
  expect(res.status, await res.clone().text().catch(() => "")).toBe(200);
  return parseWav(Buffer.from(await res.arrayBuffer())).samples;
}

describe("kokoro voices blend", () => {
  it("writes a 510×256 float32 file whose rows are the blend's", () => {
    const bytes = readFileSync(path.join(customDir, "af_narrator.bin"));
    expect(bytes.length).toBe(510 * 256 * 4);
    const written = store.pack("af_narrator");
    const blend = store.packFor(voice("af_bella(2)+af_sky"));
    for (const row of [0, 1, 37, 509]) expect(written.subarray(row * 256, (row + 1) * 256)).toEqual(blend.subarray(row * 256, (row + 1) * 256));
  });
});

describe("custom voices with plain names", () => {
  it("`voices blend` says how a plain name gets its language", () => {
    expect(readerHint).toMatch(/to use it as 'reader'/);
    expect(readerHint).toMatch(/it will speak en-us; for en-gb, set customVoiceLanguages: \{"reader": "en-gb"\}/);
  });

  it("lists reader with the configured language, and speaks it in that language with its own rows", async () => {
    const list = (await (await fetch(`${server.url}/v1/audio/voices`)).json()) as { details: { id: string; language: string; gender: string }[] };
    expect(list.details.find((d) => d.id === "reader")).toMatchObject({ language: "en-gb", gender: "unknown" });
    const british = await plannedChunks(server.services.frontEnd, TEXT, "en-gb");
    // The text reads differently in en-us, so the decoded ids prove which language was spoken.
    expect((await plannedChunks(server.services.frontEnd, TEXT)).map((c) => c.ids.join(" "))).not.toEqual(british.map((c) => c.ids.join(" ")));
    expectAudioOfPlan(await speak({ voice: "reader" }), british, 1, style00("reader"));
    expectAudioOfPlan(await speak({ voice: "Reader" }), british, 1, (n) => voiceStyle00("bf_emma", n));
  });
});

describe("GET /v1/audio/voices", () => {
  it("lists the presets with their definitions and the custom voice", async () => {
    const list = (await (await fetch(`${server.url}/v1/audio/voices`)).json()) as { voices: string[]; presets: unknown[] };
    expect(list.voices).toContain("af_narrator");
    expect(list.presets).toEqual([
      { id: "narrator", voice: "af_bella(2)+af_sky", speed: null, resolved: "af_bella(0.667)+af_sky(0.333)", language: "en-us" },
      { id: "grandpa", voice: "am_adam", speed: 0.85, resolved: "am_adam", language: "en-us" },
      { id: "mine", voice: "af_narrator", speed: null, resolved: "af_narrator", language: "en-us" },
    ]);
  });
});

describe("GET /v1/audio/voices/{id}", () => {
  const file = async (id: string): Promise<Response> => fetch(`${server.url}/v1/audio/voices/${encodeURIComponent(id)}`);

  it("returns a loaded voice's .bin file byte for byte", async () => {
    const res = await file("af_sky");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(path.join(VOICES_DIR, "af_sky.bin")))).toBe(true);
  });

  it("returns blends, subtractions and presets as the packs the server speaks with", async () => {
    for (const id of ["narrator", "af_bella(2)+af_sky", "af_bella-af_sky(0.3)", "shimmer", "mine"]) {
      const res = await file(id);
      expect(res.status, id).toBe(200);
      const got = new Float32Array(new Uint8Array(await res.arrayBuffer()).buffer);
      expect(got, id).toEqual(store.packFor(voice(id)));
    }
    expect((await file("narrator")).headers.get("content-disposition")).toBe('attachment; filename="narrator.bin"');
  });

  it("answers 404 for an unknown voice and 400 for a blend that cancels out", async () => {
    const unknown = await file("af_nobody");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("voice_not_found");
    const cancelled = await file("af_bella-af_bella");
    expect(cancelled.status).toBe(400);
    expect(((await cancelled.json()) as { error: { message: string } }).error.message).toMatch(/cancels out/);
  });
});

const style00 = (spec: string) => (n: number) => store.styleFor(voice(spec), n)[0]!;

describe("speaking with presets and subtraction", () => {

  it("speaks a preset's blend with its rows, and a custom voice alike", async () => {
    const chunks = await plannedChunks(server.services.frontEnd, TEXT);
    expectAudioOfPlan(await speak({ voice: "narrator" }), chunks, 1, style00("af_bella(2)+af_sky"));
    expectAudioOfPlan(await speak({ voice: "af_narrator" }), chunks, 1, style00("af_narrator"));
    expectAudioOfPlan(await speak({ voice: "af_bella-af_sky(0.3)" }), chunks, 1, style00("af_bella-af_sky(0.3)"));
  });

  it("applies a preset's speed unless the request sets one", async () => {
    const chunks = await plannedChunks(server.services.frontEnd, TEXT);
    expectAudioOfPlan(await speak({ voice: "grandpa" }), chunks, 0.85, style00("am_adam"));
    expectAudioOfPlan(await speak({ voice: "grandpa", speed: 1 }), chunks, 1, style00("am_adam"));
    expect(() => expectAudioOfPlan(new Int16Array(0), chunks, 1, style00("am_adam"))).toThrow();
  });

  it("refuses a cancelling blend and a preset inside a blend with a 400 before any work", async () => {
    for (const v of ["af_bella-af_bella", "narrator+af_sky"]) {
      const res = await postSpeech(server.url, { input: TEXT, voice: v });
      expect(res.status, v).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_voice");
    }
  });
});
